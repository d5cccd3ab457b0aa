"""The Python API (issue 14, item 1): every top-level function, its results' ``to_dict()`` equal to the
command's ``--format json``, its docstring examples run as doctests, bad input as located InputErrors,
the HTML a notebook shows, and every function run from a folder outside the clone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import doctest
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import ROOT, run

import motives
from motives import InputError
from motives.engine.api import research, results
from motives.engine.render import notebook

# the modules whose docstring examples are the API's documentation: each must keep some, all passing
DOCUMENTED = (motives, research, results)


@pytest.mark.parametrize("module", DOCUMENTED, ids=lambda module: module.__name__)
def test_docstring_examples_run(module) -> None:
    found = doctest.testmod(module, extraglobs={"motives": motives}, optionflags=doctest.ELLIPSIS)
    assert found.attempted > 0, f"{module.__name__} has no examples"
    assert found.failed == 0


def cli_json(*args: object, cwd: Path | None = None) -> object:
    code, out, err = run(*args, "--format", "json", cwd=cwd)
    assert code == 0, err
    return json.loads(out)


def test_classify_country_equals_classify_json() -> None:
    india = motives.classify_country("india", as_of="2023-11-30")
    assert india.to_dict() == cli_json("classify", "india", "--as-of", "2023-11-30")
    assert india.dominant == ("political", "normative")
    assert india.as_of == dt.date(2023, 11, 30)


def test_a_country_is_named_by_name_iso3_full_name_address_or_path() -> None:
    by_name = motives.classify_country("usa", "2021-01-31").to_dict()
    for other in ("USA", "United States", "facts/usa.csv#2021-01-31", motives.SHIPPED_FACTS / "usa.csv"):
        as_of = None if str(other).endswith("#2021-01-31") else dt.date(2021, 1, 31)
        assert motives.classify_country(other, as_of).to_dict() == by_name, other
    assert by_name["dominant"] == ["political"]


def test_a_shipped_address_names_the_packages_snapshot_from_any_folder(tmp_path: Path) -> None:
    code, out, err = run("classify", "facts/india.csv#2023-11-30", "--no-explain", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.startswith("India (IND), as of 2023-11-30\nfacts: facts/india.csv#2023-11-30 ")
    (tmp_path / "facts").mkdir()  # a file of one's own of that name is read instead
    (tmp_path / "facts" / "india.csv").write_text(
        "country,iso3,as_of,fact,value,source\nTestland,TST,2023-11-30,uniformed_personnel,5,a test\n",
        encoding="utf-8",
    )
    code, out, err = run("classify", "facts/india.csv#2023-11-30", "--no-explain", cwd=tmp_path)
    assert (code, err) == (0, "") and out.startswith("Testland (TST), as of 2023-11-30\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert motives.country("facts/india.csv#2023-11-30").country == "Testland"


def test_a_date_may_be_a_date_a_datetime_or_text() -> None:
    dates = [dt.date(2012, 6, 30), dt.datetime(2012, 6, 30, 12), "2012-06-30"]
    assert {motives.country("india", day).as_of for day in dates} == {dt.date(2011, 12, 31)}


def test_country_gives_the_facts_as_classify_json_does() -> None:
    facts = motives.country("india", "2023-11-30")
    data = facts.to_dict()
    shown = cli_json("classify", "india", "--as-of", "2023-11-30")
    assert data == {key: shown[key] for key in data}
    assert facts.value("uniformed_personnel") == 6073 and facts.value("no_such_fact") is None
    assert {fact["name"] for fact in data["facts"]} >= {"uniformed_personnel", "budget_share_pct"}


def test_explain_equals_explain_json() -> None:
    found = motives.explain("usa", "Normative", "2021-01-31")
    assert found.to_dict() == cli_json("explain", "usa", "normative", "--as-of", "2021-01-31")
    assert found.motive == "normative" and not found.dominant
    assert found.missed[0] == "normative.gender_commitment"


def test_compare_equals_compare_json() -> None:
    found = motives.compare("usa", "india", as_of="2023-11-30")
    assert found.to_dict() == cli_json("compare", "usa", "india", "--as-of", "2023-11-30")
    assert (found.shared, found.differing) == (("political",), ("normative",))
    assert [c.iso3 for c in found.countries] == ["USA", "IND"]


def test_what_if_equals_classify_set_json() -> None:
    found = motives.what_if("india", {"unsc_elected_recently": False, "budget_share_pct": None}, "2023-11-30")
    expected = cli_json(
        "classify", "india", "--as-of", "2023-11-30", "--set", "unsc_elected_recently=false",
        "--set", "budget_share_pct=unknown",
    )  # fmt: skip
    assert found.to_dict() == expected
    assert found.before.dominant == ("political", "normative")


def test_evaluate_equals_evaluate_json() -> None:
    case = ROOT / "tests/cases/evaluation/five_countries"
    found = motives.evaluate(case / "labels.yaml", rules=case / "rules", kinds=["news", "report"])
    expected = cli_json(
        "evaluate", case / "labels.yaml", "--rules", case / "rules", "--kind", "news", "--kind", "report"
    )
    assert found.to_dict() == expected
    frame = found.to_frame()
    assert list(frame["iso3"]) == ["CHN", "BGD", "NOR"] and list(frame["top1"]) == [True, True, False]
    assert found.scores.top1 == pytest.approx(2 / 3)


def test_classify_panel_rows_equal_batch_json() -> None:
    found = motives.classify_panel(["india", "usa"], as_of="2023-11-30")
    expected = cli_json(
        "batch", "facts/india.csv#2023-11-30", "facts/usa.csv#2022-12-31", cwd=ROOT / "src/motives"
    )
    assert found.to_dict() == {"rows": expected, "problems": []}


def test_load_panel_and_classify_panel_cover_every_snapshot_of_a_country() -> None:
    panel = motives.load_panel("india")  # one name, not a list of its letters
    assert panel == motives.load_panel(["india"])
    dates = [snapshot.as_of.isoformat() for snapshot in panel]
    assert dates[0] == "1990-12-31" and "2023-11-30" in dates and dates == sorted(dates)
    assert panel.countries == ("India",)
    classified = motives.classify_panel(["IND"])
    assert [row.as_of for row in classified.rows] == dates
    assert motives.trend("india").to_dict() == classified.to_dict()


def test_the_panel_gives_pandas_frames() -> None:
    pytest.importorskip("pandas")
    explained = motives.classify_panel(["india", "usa"], as_of="2023-11-30", explained=True)
    wide = explained.to_frame()
    assert list(wide["iso3"]) == ["IND", "USA"] and list(wide["political_dominant"]) == [True, True]
    assert wide["coverage"].notna().all()
    tidy = explained.tidy_frame()
    assert {"IND", "USA"} == set(tidy["iso3"]) and "political.council_ambition" in set(tidy["rule"])
    with pytest.raises(ValueError, match=r"explained=True"):
        motives.classify_panel(["india"], as_of="2023-11-30").tidy_frame()


def test_load_panel_at_a_date_gives_each_country_once() -> None:
    panel = motives.load_panel(as_of="1995-06-30")
    assert len(panel) == len(panel.countries) > 150
    assert {snapshot.as_of for snapshot in panel} == {dt.date(1994, 12, 31)}
    assert panel.to_dict()["snapshots"][0] == next(iter(panel)).to_dict()


def test_a_fact_file_of_ones_own_by_path(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "country: Testland\niso3: TST\nas_of: 2020-12-31\nfacts:\n  uniformed_personnel: 900\n"
        "sources:\n  uniformed_personnel: a test\n",
        encoding="utf-8",
    )
    found = motives.classify_country(own)
    assert (found.country, found.to_dict()["facts_file"]) == ("Testland", str(own))
    assert [row.country for row in motives.classify_panel([str(own)]).rows] == ["Testland"]


def problem(error: pytest.ExceptionInfo[InputError]) -> tuple[str, str, str]:
    (found,) = error.value.problems
    return str(found.location), found.code, found.message


def test_an_unknown_country_is_a_located_input_error() -> None:
    for call in (
        motives.country,
        motives.classify_country,
        motives.trend,
        lambda name: motives.compare(name, "usa"),
    ):
        with pytest.raises(InputError) as error:
            call("atlantis")
        assert problem(error) == (
            "atlantis",
            "Y107",
            "no such fact file, and no shipped country of that name",
        )
    with pytest.raises(InputError) as error:
        motives.load_panel(["narnia"])
    assert "did you mean 'armenia'?" in str(error.value)


@pytest.mark.parametrize("day", ["2023-13-01", "30/11/2023", "yesterday"])
def test_a_bad_date_is_a_located_input_error(day: str) -> None:
    with pytest.raises(InputError) as error:
        motives.classify_country("india", as_of=day)
    assert problem(error) == (day, "Y112", "is not a date")
    assert "YYYY-MM-DD" in str(error.value)


def test_a_date_before_the_record_is_a_located_input_error() -> None:
    with pytest.raises(InputError) as error:
        motives.classify_country("india", as_of="1980-01-01")
    assert problem(error)[1:] == ("Y107", "no snapshot on or before 1980-01-01")


def test_a_bad_motive_fact_or_count_is_a_located_input_error() -> None:
    with pytest.raises(InputError) as error:
        motives.explain("india", "politcal")
    assert problem(error) == ("politcal", "Y113", "is not a motive")
    assert "did you mean 'political'?" in str(error.value)
    with pytest.raises(InputError, match="uniformed_personel"):
        motives.what_if("india", {"uniformed_personel": 5})
    with pytest.raises(InputError) as error:
        motives.compare("india")
    assert problem(error)[1] == "Y110"
    folder = ROOT / "tests" / "cases" / "countries"
    with pytest.raises(InputError) as error:
        motives.classify_country(folder)
    assert problem(error) == (
        str(folder),
        "Y110",
        f"names {len(list(folder.rglob('*.yaml')))} fact sets, not one",
    )


def test_results_are_frozen() -> None:
    india = motives.classify_country("india")
    with pytest.raises(dataclasses.FrozenInstanceError):
        india.classification = None  # type: ignore[misc]
    assert all(
        dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen  # type: ignore[attr-defined]
        for kind in vars(results).values()
        if isinstance(kind, type) and kind.__module__ == results.__name__
    )


def test_a_result_names_itself_in_one_short_line() -> None:
    shown = {
        repr(motives.country("india", "2023-11-30")): "India (IND) 2023-11-30: ",
        repr(motives.explain("usa", "normative", "2021-01-31")): "normative 0.40, not dominant",
        repr(motives.compare("usa", "india", as_of="2023-11-30")): "shared political; differing normative",
        repr(
            motives.what_if("india", {"unsc_seat_aspirant": False}, "2023-11-30")
        ): "true -> false: gained none",
        repr(motives.load_panel(as_of="2020-01-01")): "snapshot(s) of 19",
        repr(motives.trend("usa")): "<PanelResult 3",
        repr(motives.evaluate()): "67 countries (160 source rows): top-1 0.42, Jaccard 0.32; always",
    }
    assert [(line, part) for line, part in shown.items() if part not in line or len(line) > 160] == []


def test_to_dict_is_json_ready() -> None:
    for found in (
        motives.country("usa"),
        motives.classify_country("usa"),
        motives.explain("usa", "security"),
        motives.compare("usa", "india"),
        motives.what_if("usa", {"unsc_permanent": False}),
        motives.classify_panel(["usa"], as_of="2020-01-01"),
        motives.load_panel(["usa"], as_of="2020-01-01"),
        motives.evaluate(),
    ):
        data = found.to_dict()
        assert json.loads(json.dumps(data)) == data, type(found).__name__


# --- notebooks ----------------------------------------------------------------------------------------


def test_a_classification_shows_its_verdict_bars_and_collapsible_derivations() -> None:
    page = motives.classify_country("india", "2023-11-30")._repr_html_()
    assert "Dominant motives: <strong>political, normative</strong>" in page
    assert page.count("<svg") == 1 and page.count("<rect") == 5  # a bar per motive
    assert page.count("<details open>") == 2 and page.count("<details>") == 3
    assert "political.council_ambition" in page and "<script" not in page


def test_every_result_has_an_html_view() -> None:
    views = {
        "facts": motives.country("india", "2023-11-30")._repr_html_(),
        "explanation": motives.explain("india", "economic", "2023-11-30")._repr_html_(),
        "comparison": motives.compare("usa", "india")._repr_html_(),
        "what_if": motives.what_if("india", {"unsc_seat_aspirant": False}, "2023-11-30")._repr_html_(),
        "panel": motives.trend("india")._repr_html_(),
        "snapshots": motives.load_panel(["india", "usa"])._repr_html_(),
        "evaluation": motives.evaluate()._repr_html_(),
    }
    assert "<td>top-1 agreement (no dominant motive is a miss)</td><td" in views["evaluation"]
    assert "rule base minus always the most common label: top-1 -0.16 [-0.28, -0.03]" in views["evaluation"]
    assert "UN DPO" in views["facts"] and "<table>" in views["facts"]
    assert "Why not" in views["explanation"] and "economic.reimbursement_exceeds_pay" in views["explanation"]
    assert "United States (2025-07-31)" in views["comparison"] and "dominant for all" in views["comparison"]
    assert "unsc_seat_aspirant: true -&gt; false" in views["what_if"]
    assert views["panel"].count("<tr>") == 1 + len(motives.trend("india"))
    assert "<td>India</td><td>IND</td><td>1990-12-31</td><td>2025-07-31</td><td>38</td>" in views["snapshots"]


def test_the_html_escapes_what_comes_from_files() -> None:
    india = motives.country("india")
    hostile = dataclasses.replace(india.facts, country='<img src=x onerror="alert(1)">\u202e')
    page = notebook.facts_html(hostile)
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "\u202e" not in page and "\\u202e" in page


# --- from outside the clone -------------------------------------------------------------------------


OUTSIDE = textwrap.dedent(
    """
    import json, motives
    out = {
        "country": motives.country("india", "2023-11-30").value("uniformed_personnel"),
        "classify": motives.classify_country("india", as_of="2023-11-30").dominant,
        "address": motives.classify_country("facts/india.csv#2012-12-31").to_dict()["as_of"],
        "panel": len(motives.load_panel(as_of="2021-01-31")),  # every country, one snapshot each
        "classify_panel": [r.dominant for r in motives.classify_panel(["usa"], as_of="2021-01-31").rows],
        "trend": len(motives.trend("IND")),
        "explain": motives.explain("india", "normative", "2023-11-30").dominant,
        "compare": motives.compare("usa", "india", as_of="2023-11-30").shared,
        "what_if": motives.what_if("india", {"unsc_elected_recently": False,
                                             "unsc_seat_aspirant": False}, "2023-11-30").lost,
        "file": motives.__file__,
    }
    print(json.dumps(out))
    """
)


@pytest.mark.slow
def test_every_function_runs_from_a_folder_outside_the_clone(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", OUTSIDE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found.pop("file")).is_relative_to(ROOT / "src"), "not this checkout's editable install"
    assert found == {
        "country": 6073,
        "classify": ["political", "normative"],
        "address": "2012-12-31",
        "panel": len(motives.load_panel(as_of="2021-01-31")),
        "classify_panel": [["political"]],
        "trend": len(motives.trend("india")),
        "explain": True,
        "compare": ["political"],
        "what_if": ["political"],
    }


def test_the_api_reference_is_fresh() -> None:
    from regenerate_api_docs import API_DOCS, api_markdown

    assert API_DOCS.read_text(encoding="utf-8") == api_markdown(), (
        "docs/api.md is stale: run `python tests/regenerate_api_docs.py`"
    )


def test_the_api_reference_documents_every_function_and_result() -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in research.__all__:
        assert f"### `motives.{name}(" in page
        assert getattr(motives, name) is getattr(research, name)
    for name in ("CountryFacts", "CountryResult", "Panel", "PanelResult", "Explanation", "WhatIfResult"):
        assert f"### `motives.{name}`" in page


def test_a_rule_directory_of_ones_own(make_rulebase, tmp_path: Path) -> None:
    from support import rule

    make_rulebase(
        [
            rule(
                "security.big",
                [{"fact": "uniformed_personnel", "op": ">=", "value": 1000}],
                {"motive": "security", "certainty": 0.9},
            )
        ]
    )
    found = motives.classify_country("india", "2023-11-30", rules=tmp_path / "rules")
    assert found.dominant == ("security",) and found.to_dict()["fired"] == ["security.big"]
    assert motives.classify_panel(["india"], as_of="2023-11-30", rules=str(tmp_path / "rules")).rows[
        0
    ].dominant == ("security",)


def test_the_clips_engine_gives_the_same_results() -> None:
    pytest.importorskip("clips")
    for call in (
        lambda engine: motives.classify_country("india", "2023-11-30", engine=engine),
        lambda engine: motives.compare("usa", "india", engine=engine),
        lambda engine: motives.explain("usa", "security", engine=engine),
    ):
        assert call("clips").to_dict() == call("experta").to_dict()


def test_the_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Use from Python\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```pycon\n", 1)[1].split("```", 1)[0]
    example = doctest.DocTestParser().get_doctest(block, {}, "README: Use from Python", "README.md", 0)
    found = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(example)
    assert found.attempted >= 10 and found.failed == 0
