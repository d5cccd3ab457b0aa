"""The text trace as a political scientist reads it: steps in words, ids only with --ids, one legend,
each value with its own source, and a rule citing literature (a data release only beside its threshold).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import fixture_countries, run

from motives import SHIPPED_RULES
from motives.engine.model.rules import load_rulebase

FIX = fixture_countries()
CASE = Path(__file__).parent / "cases" / "traces"
LEGEND = "Certainty runs from -1"


def _ids() -> set[str]:
    rulebase = load_rulebase(SHIPPED_RULES)
    names = (
        {rule.id for rule in rulebase.rules} | set(rulebase.indicators()) | set(rulebase.vocabulary.readable)
    )
    return {name for name in names if "_" in name or "." in name}


def _trace(text: str) -> str:
    """The trace without its header (the facts file's path) and the values' sources (free text)."""
    body = text.split("\n\n", 1)[1]
    return re.sub(r"^  \[\d+\] .*$", "", body, flags=re.MULTILINE)


@pytest.mark.parametrize("country", ["india", "usa"])
@pytest.mark.parametrize("command", [("classify",), ("explain", "political")])
def test_the_default_trace_names_no_rule_indicator_or_fact_by_its_id(country: str, command: tuple) -> None:
    code, out, err = run(command[0], FIX[country], *command[1:])
    assert code == 0, err
    trace = _trace(out).split("WHY NOT")[0]
    found = sorted(name for name in _ids() if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", trace))
    assert found == []
    assert re.search(r"^  1\. ", trace, flags=re.MULTILINE), "steps are numbered"


def test_ids_show_the_rule_ids_and_fact_names() -> None:
    code, out, _ = run("classify", FIX["india"], "--ids")
    assert code == 0
    assert "political.council_ambition: Seeks a Council seat" in out
    assert "uniformed_personnel = 6073 >= 500" in out
    code, out, _ = run("explain", FIX["india"], "political", "--ids")
    assert code == 0
    assert "+0.50 political.council_ambition:" in out


@pytest.mark.parametrize("ids", [(), ("--ids",)])
def test_the_legend_is_printed_once_under_the_trace(ids: tuple) -> None:
    code, out, _ = run("classify", FIX["india"], FIX["usa"], *ids)
    assert code == 0
    assert out.count(LEGEND) == 1
    legend = out[out.index(LEGEND) :]
    assert "a+b(1-a)" in legend and "(p+n)/(1-min(|p|,|n|))" in legend
    assert "at least 0.5 and within 0.2 of the highest certainty" in " ".join(legend.split())
    assert out.rstrip().endswith("within 0.2 of the highest certainty.")
    assert LEGEND not in run("classify", FIX["india"], "--no-explain")[1]


def test_the_legend_states_the_thresholds_of_the_run() -> None:
    code, out, _ = run("explain", FIX["india"], "political")
    assert code == 0
    assert out.count(LEGEND) == 1


def test_a_value_shows_its_own_source_and_date() -> None:
    code, out, _ = run("classify", str(CASE / "country.yaml"), "--rules", str(CASE / "rules"))
    assert code == 0
    step = "Uniformed personnel deployed at the snapshot date: 6,073 (at least 2,000) [1]"
    assert step in out
    assert (
        "  [1] uniformed personnel deployed at the snapshot date: 6,073: UN DPO monthly report, "
        "by_country_month.csv.gz: line 11485 (2023-11)"
    ) in out


def test_a_rule_cites_literature_and_a_data_release_only_as_its_thresholds_source() -> None:
    code, out, _ = run("classify", str(CASE / "country.yaml"), "--rules", str(CASE / "rules"))
    assert code == 0
    cites = [line.strip() for line in out.splitlines() if line.strip().startswith("cites")]
    assert cites == ["cites Author (2020), p. 1", "cites Author (2020), p. 2"]
    assert "     threshold from UN DPO contribution ranking, 31 Jan 2021" in out
    code, out, _ = run("classify", str(CASE / "country.yaml"), "--rules", str(CASE / "rules"), "--ids")
    assert "cites: UN DPO" not in out
    assert "threshold from: UN DPO contribution ranking, 31 Jan 2021" in out


def test_json_keeps_every_citation_and_adds_the_split_and_the_words() -> None:
    code, out, _ = run(
        "classify", str(CASE / "country.yaml"), "--rules", str(CASE / "rules"), "--format", "json"
    )
    assert code == 0
    step = json.loads(out)["motives"][0]["derivation"][0]["conditions"][0]["derived_by"][0]
    assert step["rule"] == "indicator.big_contributor"
    assert step["citations"] == ["UN DPO contribution ranking, 31 Jan 2021", "Author (2020), p. 1"]
    assert step["literature"] == ["Author (2020), p. 1"]
    assert step["threshold_sources"] == ["UN DPO contribution ranking, 31 Jan 2021"]
    assert step["conditions"][0]["words"] == (
        "uniformed personnel deployed at the snapshot date: 6,073 (at least 2,000)"
    )


def test_a_reference_of_an_unknown_kind_is_located(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rules.yaml").write_text((CASE / "rules" / "rules.yaml").read_text(encoding="utf-8"))
    (rules / "references.yaml").write_text(
        "references:\n  lit-ref: {short: A (2020), full: A.}\n"
        "  data-ref: {short: D, full: D., kind: dataset}\n",
        encoding="utf-8",
    )
    code, out, _ = run("rules", "check", str(rules))
    assert code == 1
    assert (
        "references.yaml:3:40: error R420 reference kind must be literature or data, not the text 'dataset'"
        in out
    )
