"""`motives robustness`: every variation of the certainties and thresholds, and the verdicts it changes.

Each folder of ``cases/robustness/`` holds a small rule base and ``expected.yaml``: the verdicts each
variation changes on fixture countries, worked out by hand (its comments show the working).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from support import fixture_countries, run

from motives.engine.analysis.robustness import Robustness
from motives.engine.api.rulebase import check_robustness

CASES = Path(__file__).parent / "cases" / "robustness"
FIX = fixture_countries()
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())


def _expected(case: Path) -> dict:
    return yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", FOLDERS, ids=lambda p: p.name)
def test_changed_verdicts_worked_out_by_hand(case: Path) -> None:
    expected = _expected(case)
    facts = [FIX[name] for name in expected["facts"]]
    code, out, err = run(
        "robustness", *facts, "--rules", case / "rules", *expected["args"], "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    scenarios = data["certainty_variations"] + data["threshold_variations"]
    assert {s["name"]: [f["country"] for f in s["flips"]] for s in scenarios} == expected["scenarios"]
    assert {c["country"]: len(c["changed_by"]) for c in data["countries"]} == expected["fragile"]
    assert list(expected["fragile"]) == [c["country"] for c in data["countries"]]  # most often changed first
    assert data["method"].startswith("deterministic") and data["compared"] == len(facts)


def _result() -> Robustness:
    case = FOLDERS[0]
    facts = [str(FIX[name]) for name in _expected(case)["facts"]]
    return check_robustness(facts, str(case / "rules"), minimums=(0.45,), margins=(0.01,))


def test_the_same_inputs_give_the_same_report_in_every_format() -> None:
    case = FOLDERS[0]
    facts = [FIX[name] for name in _expected(case)["facts"]]
    for output_format in ("text", "markdown", "json"):
        args = ("robustness", *facts, "--rules", case / "rules", "--format", output_format)
        one, two = run(*args), run(*args, "--jobs", "2")
        assert one == two and one[0] == 0
    text = run("robustness", *facts, "--rules", case / "rules")[1]
    assert "deterministic, no sampling" in text
    assert (
        "economic.large x0.9                                        3  China 2021-01-31 (political, economic -> political)"
        in text
    )
    assert "8 certainty variations: 5 change a verdict; 8 threshold variations: 4 change a verdict" in text
    markdown = run("robustness", *facts, "--rules", case / "rules", "--format", "markdown")[1]
    assert "| economic.large x0.9 | 3 | China 2021-01-31 (political, economic -\\> political);" in markdown


def test_a_variation_that_only_reorders_the_dominant_motives_changes_no_verdict() -> None:
    result = _result()
    assert result.compared == 5 and not result.problems
    margin = next(s for s in result.thresholds if s.varied == "margin")
    assert [(f.country, [str(m) for m in f.after]) for f in margin.flips] == [("China", ["political"])]


def test_the_base_thresholds_are_options_too() -> None:
    case = FOLDERS[0]
    facts = [FIX[name] for name in _expected(case)["facts"]]
    data = json.loads(
        run(
            "robustness",
            *facts,
            "--rules",
            case / "rules",
            "--dominance-min",
            "0.45",
            "--minimums",
            "0.45",
            "--format",
            "json",
        )[1]
    )
    assert data["dominance"] == {"minimum": 0.45, "margin": 0.2}
    assert data["threshold_variations"][0]["name"].startswith("dominance margin")  # 0.45 is the base: skipped


def test_as_of_picks_each_country_s_snapshot_in_force() -> None:
    data = json.loads(run("robustness", "india", "ghana", "--as-of", "2012-06-30", "--format", "json")[1])
    assert data["compared"] == 2
    flips = [f for s in data["certainty_variations"] + data["threshold_variations"] for f in s["flips"]]
    assert {f["as_of"] for f in flips} <= {"2011-12-31"}


def test_bad_lists_of_thresholds_are_usage_errors() -> None:
    code, _, err = run("robustness", FIX["usa"], "--minimums", "0.4,high")
    assert code == 2 and "not a comma-separated list of numbers" in err
