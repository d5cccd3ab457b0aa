"""The shipped fact panel, checked against figures published elsewhere, and its sources' checksums.

Each row of cases/panel/verified.csv is a figure a reader can look up in the UN's or the World Bank's
own publications; the panel must give exactly it at that date.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from support import ROOT, run

from motives.engine.importers.panel.sources import SourceFolder
from motives.engine.model.catalog import country_snapshots, resolve_facts
from motives.engine.model.facts import FactSet, load_facts
from motives.engine.model.loading import parse_scalar

CASES = Path(__file__).parent / "cases" / "panel"
DATA = ROOT / "data"


def snapshot(country: str, as_of: str) -> FactSet:
    path, shown = resolve_facts(country, dt.date.fromisoformat(as_of))
    return load_facts(path, shown)


def _verified() -> list[dict[str, str]]:
    with (CASES / "verified.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("case", _verified(), ids=lambda c: f"{c['country']}-{c['as_of']}-{c['fact']}")
def test_the_panel_gives_the_published_figure(case: dict[str, str]) -> None:
    facts = snapshot(case["country"], case["as_of"])
    assert facts.as_of.isoformat() == case["as_of"], "no snapshot at the verified date"
    fact = facts.get(case["fact"])
    assert fact is not None, f"{case['fact']} unknown at {case['as_of']}"
    assert fact.value == parse_scalar(case["value"]), case["why"]


def test_every_value_names_a_publisher_and_none_is_recalled() -> None:
    for name in ("india", "usa", "bangladesh", "chile", "viet_nam"):
        for _, path in country_snapshots()[name]:
            for fact in load_facts(path).facts:
                assert fact.source.strip(), (path, fact.name)
                assert "recalled" not in fact.source and "domain notes" not in fact.source, (path, fact.name)


def test_estimates_and_lower_bounds_say_so() -> None:
    india = snapshot("india", "2021-12-31")
    assert india.get("budget_share_pct").estimate  # no published rate for India: the level method
    assert india.get("personnel_years").lower_bound  # months without a report are missing
    usa = snapshot("usa", "2021-12-31")
    assert not usa.get("budget_share_pct").estimate  # published (CRS)


def test_unknown_stays_unknown() -> None:
    # no contributions report for April to December 2014, and no GDP for 2025
    assert snapshot("india", "2014-12-31").get("uniformed_personnel") is None
    assert snapshot("india", "2025-07-31").get("gdp_per_capita_usd") is None
    # no gender split before November 2009
    assert snapshot("india", "2005-12-31").get("female_personnel") is None


def test_a_month_that_does_not_list_a_country_gives_zero_personnel() -> None:
    iceland = snapshot("iceland", "1995-12-31")
    assert iceland.get("uniformed_personnel").value == 0
    assert "not among the contributors" in iceland.get("uniformed_personnel").source


def test_japan_at_2021_still_shows_its_south_sudan_years() -> None:
    # 4 personnel in January 2021, but the engineers of 2012-2017 are in its record
    japan = snapshot("japan", "2021-01-31")
    assert japan.get("uniformed_personnel").value == 4
    assert snapshot("japan", "2013-12-31").get("uniformed_personnel").value > 250
    before = snapshot("japan", "2011-12-31").get("personnel_years").value
    assert japan.get("personnel_years").value - before > 1000
    assert japan.get("peak_personnel").value > 250


def test_history_facts_are_consistent_over_time() -> None:
    years = [snapshot("nepal", f"{year}-12-31") for year in (2000, 2010, 2020)]
    contributing = [facts.get("years_contributing").value for facts in years]
    assert contributing == sorted(contributing) and contributing[-1] > contributing[0]
    cumulative = [facts.get("personnel_years").value for facts in years]
    assert cumulative == sorted(cumulative)


def test_coverage_as_countries_reports_it() -> None:
    code, out, _ = run("countries")
    assert code == 0
    assert len([line for line in out.splitlines()[1:] if line.strip()]) >= 150
    snapshots = country_snapshots()
    for name in ("india", "nepal", "bangladesh", "pakistan", "ghana", "uruguay"):
        assert len(snapshots[name]) >= 30, name


def test_classify_as_of_picks_the_snapshot_in_force() -> None:
    code, out, _ = run("classify", "india", "--as-of", "2012-06-30", "--format", "json")
    assert code == 0
    assert json.loads(out)["as_of"] == "2011-12-31"


def test_classify_json_carries_the_facts_with_their_sources() -> None:
    code, out, _ = run("classify", "india", "--as-of", "2023-11-30", "--format", "json")
    assert code == 0
    data = json.loads(out)
    facts = {fact["name"]: fact for fact in data["facts"]}
    assert facts["uniformed_personnel"]["value"] == 6073
    assert "by_country_month.csv.gz" in facts["uniformed_personnel"]["source"]
    assert facts["budget_share_pct"]["estimate"] is True
    assert facts["personnel_years"]["lower_bound"] is True
    assert facts["uniformed_personnel"]["estimate"] is False
    assert data["facts_file"] == "facts/india.csv#2023-11-30"


def test_the_copied_sources_match_their_manifest() -> None:
    folder = SourceFolder(DATA / "sources")
    folder.verify_checksums()
    assert folder.problems == []
    assert len(folder.sources) > 150


def test_each_source_folder_keeps_its_licence() -> None:
    sources = DATA / "sources"
    for folder in ("un-contributions/ipi-ppp-1990-2014", "geo-pko", "world-bank"):
        assert any((sources / folder).glob("LICENSE*")), folder


def test_a_verdict_on_thin_facts_says_so() -> None:
    code, out, _ = run("classify", "afghanistan", "--no-explain")
    assert code == 0
    assert "Dominant motives: none (no motive reaches the threshold; the facts are thin)" in out
    code, out, _ = run("classify", "india", "--as-of", "2023-11-30", "--format", "json")
    coverage = json.loads(out)["coverage"]
    assert coverage == {"facts_read": 23, "known": 21, "estimates": 1, "lower_bounds": 1, "thin": False}


def test_an_overlay_over_a_period_reaches_every_snapshot_in_it_and_says_so() -> None:
    # data/overlays/india/2007-12-31..2025-07-31.yaml: the all-female police unit deployed from 2007
    assert snapshot("india", "2006-12-31").get("all_female_unit_deployed") is None
    held = snapshot("india", "2010-12-31").get("all_female_unit_deployed")
    assert held.value is True
    assert "[held from 2007-12-31 to 2025-07-31 by the overlay data/overlays/india/" in held.source
    # a single-date overlay still applies at its date only
    assert snapshot("india", "2023-11-30").get("cumulative_personnel_deployed").value == 253000
    assert snapshot("india", "2023-12-31").get("cumulative_personnel_deployed") is None


PANEL_HEADER = "country,iso3,as_of,fact,value,source\n"
BAD_PANELS = {
    "a header that is not the panel's": (
        "country,iso3,date,fact,value,source\nX,XXX,2020-12-31,troops,1,s\n",
        "x.csv:1:1: error F310 not a panel file: unexpected header; expected country,iso3,as_of,fact,value,source",
    ),
    "a row cut short": (
        PANEL_HEADER + "X,XXX,2020-12-31,troops,1\n",
        "x.csv:2:1: error F311 5 cells, not 6; rebuild the panel",
    ),
    "a value out of range": (
        PANEL_HEADER + "X,XXX,2020-12-31,troops,-4,s\n",
        "x.csv:2:1: error F302 troops must be >= 0, not -4; troops takes a whole number >= 0",
    ),
    "a fact given twice": (
        PANEL_HEADER + "X,XXX,2020-12-31,troops,1,s\nX,XXX,2020-12-31,troops,2,s\n",
        "x.csv:3:1: error F313 troops given twice for 2020-12-31; keep one row",
    ),
    "two countries in one file": (
        PANEL_HEADER + "X,XXX,2020-12-31,troops,1,s\nY,YYY,2020-12-31,police,1,s\n",
        "x.csv:3:1: error F312 Y YYY in a file of X XXX; one country per file",
    ),
    "a value without a source": (
        PANEL_HEADER + "X,XXX,2020-12-31,troops,1,\n",
        "x.csv:2:1: error F303 fact 'troops' has no source; give its source",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PANELS))
def test_a_bad_panel_file_gets_one_located_line(case: str, tmp_path: Path) -> None:
    text, expected = BAD_PANELS[case]
    (tmp_path / "x.csv").write_text(text, encoding="utf-8")
    code, out, err = run("classify", "x.csv#2020-12-31", "--no-explain", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == expected + "\n"


def test_a_panel_date_that_is_not_in_the_file_names_the_dates_it_has(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text(PANEL_HEADER + "X,XXX,2020-12-31,troops,1,s\n", encoding="utf-8")
    code, _, err = run("classify", "x.csv#2021-12-31", cwd=tmp_path)
    assert (code, err) == (1, "x.csv: error Y107 no snapshot dated 2021-12-31; the file has 2020-12-31\n")
