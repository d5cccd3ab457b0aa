"""Which motives are dominant: above the minimum and close to the top; ties and 'none' are real."""

from __future__ import annotations

import json
from pathlib import Path

from support import fixture_countries, run

from motives.engine.inference.classify import (
    DOMINANCE_RULE,
    DOMINANT_MARGIN,
    DOMINANT_MINIMUM,
    Dominance,
    dominant_motives,
)
from motives.engine.model.vocabulary import Motive

P, E, S, I, N = Motive  # noqa: E741


def test_the_top_motive_above_the_minimum_is_dominant() -> None:
    assert dominant_motives({P: 0.8, E: 0.1, S: 0.0, I: 0.0, N: 0.2}) == (P,)


def test_motives_within_the_margin_of_the_top_are_dominant_too_highest_first() -> None:
    assert dominant_motives({P: 0.66, N: 0.71, E: 0.45}) == (N, P)


def test_a_motive_just_outside_the_margin_is_not_dominant() -> None:
    top = 0.9
    assert dominant_motives({P: top, N: top - DOMINANT_MARGIN - 0.01}) == (P,)


def test_ties_are_all_dominant() -> None:
    assert set(dominant_motives({P: 0.6, S: 0.6, N: 0.6})) == {P, S, N}


def test_no_motive_above_the_minimum_means_no_dominant_motive() -> None:
    assert dominant_motives({P: DOMINANT_MINIMUM - 0.01, N: 0.3}) == ()


def test_the_minimum_itself_counts() -> None:
    assert dominant_motives({P: DOMINANT_MINIMUM}) == (P,)


def test_the_thresholds_are_parameters_and_the_defaults_are_the_shipped_rule() -> None:
    assert Dominance() == Dominance(DOMINANT_MINIMUM, DOMINANT_MARGIN) == Dominance(0.5, 0.2)
    assert Dominance().rule == DOMINANCE_RULE
    assert Dominance(0.6, 0.0).select({P: 0.66, N: 0.65, E: 0.2}) == (P,)
    assert Dominance(0.3, 0.4).select({P: 0.66, N: 0.45, E: 0.31}) == (P, N, E)
    assert Dominance(0.7, 0.2).select({P: 0.66}) == ()
    assert (
        Dominance(0.45, 0.15).rule == "dominant: certainty >= 0.45 and within 0.15 of the highest certainty"
    )


CASE = Path(__file__).parent / "cases" / "evaluation" / "five_countries"


def test_evaluate_takes_the_thresholds() -> None:
    # china: political 0.60, economic 0.55; bangladesh and ghana: economic 0.55 (see the case's expected.yaml)
    args = ("evaluate", CASE / "labels.yaml", "--rules", CASE / "rules", "--format", "json")
    data = json.loads(run(*args, "--dominance-margin", "0")[1])
    assert {c["country"]: c["predicted"] for c in data["countries"]}["China"] == ["political"]
    assert data["summary"]["dominance"] == {
        "minimum": 0.5,
        "margin": 0.0,
        "rule": "dominant: certainty >= 0.5 and within 0 of the highest certainty",
    }
    data = json.loads(run(*args, "--dominance-min", "0.58")[1])
    predicted = {c["country"]: c["predicted"] for c in data["countries"]}
    assert predicted["Bangladesh"] == predicted["Ghana"] == [] and predicted["China"] == ["political"]
    assert "dominant: certainty >= 0.58" in run(*args[:-2], "--dominance-min", "0.58")[1]


def test_batch_takes_the_thresholds_also_in_worker_processes() -> None:
    fix = fixture_countries()
    base = ("batch", fix["usa"], fix["india"], "--format", "jsonl")
    default = [json.loads(line) for line in run(*base)[1].splitlines()]
    assert [row["dominant"] for row in default] == [["political"], ["political", "normative"]]
    for jobs in ("1", "2"):
        strict = [
            json.loads(line) for line in run(*base, "--dominance-margin", "0", "--jobs", jobs)[1].splitlines()
        ]
        assert [row["dominant"] for row in strict] == [["political"], ["political"]]
    assert run(*base, "--dominance-min", "1.5")[0] == 2  # a usage error
