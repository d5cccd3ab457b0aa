"""`motives rules diff OLD NEW`: the effect of a rule change across many countries.

Each folder of ``cases/rulediff/`` holds an ``old`` and a ``new`` rule base and ``expected.yaml``: the
changes worked out by hand (its comments show the working) on fixture countries.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from support import fixture_countries, run

from motives.engine.api.rulebase import diff_rulebases

CASES = Path(__file__).parent / "cases" / "rulediff"
LABELS = Path(__file__).parent / "cases" / "evaluation" / "five_countries" / "labels.yaml"
FIX = fixture_countries()
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())


def _changes(data: dict) -> dict[str, dict]:
    return {change["country"]: change for change in data["changes"]}


def _shifts(change: dict) -> dict[str, list[float]]:
    return {motive: [round(s["before"], 4), round(s["after"], 4)] for motive, s in change["shifts"].items()}


@pytest.mark.parametrize("case", FOLDERS, ids=lambda p: p.name)
def test_changes_worked_out_by_hand(case: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    facts = [FIX[name] for name in expected["facts"]]
    code, out, err = run(
        "rules", "diff", case / "old", case / "new", *facts, "--no-labels", "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["compared"] == expected["compared"] and data["problems"] == []
    assert data["rules"] == expected["rules"]
    changes = _changes(data)
    assert list(changes) == list(expected["changes"])  # in input order, unchanged countries left out
    for name, want in expected["changes"].items():
        got = changes[name]
        assert got["dominant_before"] == want["before"] and got["dominant_after"] == want["after"], name
        assert _shifts(got) == want["shifts"], name
        assert (got["rules_gained"], got["rules_lost"], got["rules_edited"]) == (
            want["gained"],
            want["lost"],
            want["edited"],
        ), name
    assert data["dominant_changes"] == sum(w["before"] != w["after"] for w in expected["changes"].values())
    wider = _changes(
        json.loads(
            run(
                "rules",
                "diff",
                case / "old",
                case / "new",
                *facts,
                "--no-labels",
                "--min-shift",
                "0.25",
                "--format",
                "json",
            )[1]
        )
    )
    assert {n: _shifts(c) for n, c in wider.items()} == expected["min_shift_0.25"]


def test_agreement_before_and_after_is_the_evaluation_s_own() -> None:
    case = CASES / "raise_a_weight"
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))["agreement"]
    diff = diff_rulebases(str(case / "old"), str(case / "new"), [str(FIX["usa"])], labels_path=str(LABELS))
    assert diff.agreement is not None and diff.agreement.countries == 5
    for side, scores in (("before", diff.agreement.before), ("after", diff.agreement.after)):
        assert (scores.top1, scores.jaccard) == pytest.approx(
            (expected[side]["top1"], expected[side]["jaccard"])
        )
    for figure, found in zip(("top1", "jaccard"), diff.agreement.change, strict=True):
        want = expected["change"][figure]
        assert (found.difference, found.low, found.high) == pytest.approx(
            (want["difference"], want["low"], want["high"])
        ), figure
    code, out, _ = run("rules", "diff", case / "old", case / "new", FIX["usa"], "--labels", LABELS)
    assert code == 0 and "agreement with" in out
    assert "top-1 agreement (no dominant motive is a miss)        0.40    0.60    +0.20" in out
    assert "top-1 +0.20 [+0.00, +0.60], Jaccard +0.00 [-0.30, +0.30]" in " ".join(out.split())
    data = json.loads(
        run("rules", "diff", case / "old", case / "new", FIX["usa"], "--labels", LABELS, "--format", "json")[
            1
        ]
    )
    assert data["agreement"]["change"]["jaccard"] == {"difference": 0.0, "low": -0.3, "high": 0.3}


def test_text_and_markdown_name_the_changes_and_the_rules_behind_them() -> None:
    case = CASES / "raise_a_weight"
    args = ("rules", "diff", case / "old", case / "new", FIX["china"], FIX["norway"], "--no-labels")
    text = run(*args)[1]
    assert "1 removed" not in text and "rules removed: normative.small" in text
    assert "dominant: political -> political, economic" in text
    assert "rules: ~economic.large" in text and "rules: -normative.small" in text
    assert "2 fact file(s) compared: dominant motives change in 1, certainty shifts alone in 1" in text
    markdown = run(*args, "--format", "markdown")[1]
    assert markdown.startswith("# rules diff: ")
    assert (
        "| China | 2021-01-31 | political | political, economic | economic 0.45 -\\> 0.55 (+0.10) | \\~economic.large |"
        in markdown
    )


def test_as_of_picks_each_country_s_snapshot_in_force(tmp_path: Path) -> None:
    case = CASES / "raise_a_weight"
    data = json.loads(
        run(
            "rules",
            "diff",
            case / "old",
            case / "new",
            "india",
            "--as-of",
            "2012-06-30",
            "--no-labels",
            "--format",
            "json",
        )[1]
    )
    assert data["compared"] == 1
    assert [c["as_of"] for c in data["changes"]] in ([], ["2011-12-31"])


def test_unreadable_inputs_are_reported_and_the_rest_compared(tmp_path: Path) -> None:
    case = CASES / "raise_a_weight"
    code, out, _ = run(
        "rules",
        "diff",
        case / "old",
        case / "new",
        FIX["usa"],
        tmp_path / "nowhere.yaml",
        "--no-labels",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and data["compared"] == 1 and len(data["problems"]) == 1


def test_a_broken_rule_base_is_a_located_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "rules.yaml").write_text("rules:\n  - id: x\n", encoding="utf-8")
    code, out, err = run("rules", "diff", CASES / "raise_a_weight" / "old", broken, FIX["usa"], "--no-labels")
    assert code == 1 and out == "" and "error" in err and "Traceback" not in err


def test_worker_processes_give_the_same_report() -> None:
    case = CASES / "raise_a_weight"
    args = (
        "rules",
        "diff",
        case / "old",
        case / "new",
        *(FIX[n] for n in ("usa", "china", "ghana")),
        "--no-labels",
    )
    assert run(*args) == run(*args, "--jobs", "2")
