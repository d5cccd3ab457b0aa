"""`motives evaluate`: the scores are computed as documented, and the shipped labels are well formed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run

from motives import Motive
from motives.engine.analysis.evaluation import _jaccard, load_labels
from motives.engine.api.countries import SHIPPED_LABELS, evaluate_labels
from motives.engine.model.errors import InputError
from motives.engine.model.facts import load_facts


def test_jaccard_of_dominant_sets() -> None:
    P, N, E = Motive.POLITICAL, Motive.NORMATIVE, Motive.ECONOMIC
    assert _jaccard((P, N), (N, P)) == 1.0
    assert _jaccard((P,), (P, N)) == 0.5
    assert _jaccard((E,), (P,)) == 0.0
    assert _jaccard((), ()) == 1.0


def test_scores_on_a_small_labelled_set(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        "labels:\n"
        "  - {country: usa, as_of: 2021-01-31, dominant: [political], sources: [a]}\n"
        "  - {country: india, as_of: 2023-11-30, dominant: [normative, political], sources: [b]}\n"
        "  - {country: bangladesh, as_of: 2021-01-31, dominant: [security], sources: [c]}\n",
        encoding="utf-8",
    )
    evaluation = evaluate_labels(str(labels))
    scores = {s.country: s for s in evaluation.countries}
    assert scores["United States"].top1 and scores["United States"].jaccard == 1.0
    assert scores["India"].jaccard == 1.0
    assert not scores["Bangladesh"].top1 and scores["Bangladesh"].jaccard == 0.0
    assert evaluation.rules.top1 == pytest.approx(2 / 3)
    assert evaluation.rules.jaccard == pytest.approx(2 / 3)
    # the most common label is political (two of three); always predicting it:
    assert evaluation.baseline_label == Motive.POLITICAL
    assert evaluation.baseline.top1 == pytest.approx(2 / 3)
    assert evaluation.baseline.jaccard == pytest.approx((1 + 0.5 + 0) / 3)
    confusion = {row.motive: row for row in evaluation.rules.confusion}
    assert (confusion[Motive.POLITICAL].true_positive, confusion[Motive.POLITICAL].false_negative) == (2, 0)
    assert confusion[Motive.SECURITY].false_negative == 1
    assert (
        confusion[Motive.ECONOMIC].false_positive == 0
    )  # Bangladesh: its poverty counts once, no dominant motive


def test_every_shipped_label_has_sources_and_names_a_shipped_country() -> None:
    labels = load_labels(SHIPPED_LABELS)
    assert len(labels) >= 15
    for label in labels:
        assert label.sources and label.dominant, label.country
        assert load_facts(label.path).iso3  # the snapshot it names loads


def test_malformed_labels_are_located_problems(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text("labels:\n  - {country: xyzzy, dominant: [politcal], sources: []}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_labels(labels)
    lines = [str(problem) for problem in caught.value.problems]
    assert any("error L801 unknown motive 'politcal'; did you mean 'political'?" in line for line in lines)
    assert any("error L802 a label needs at least one source" in line for line in lines)
    assert any("error L803 no such fact file, and no shipped country of that name" in line for line in lines)


def test_evaluate_command_text_and_json() -> None:
    code, out, _ = run("evaluate")
    assert code == 0
    assert "top-1 agreement" in out and "(baseline: always political)" in out
    code, out, _ = run("evaluate", "--format", "json")
    data = json.loads(out)
    assert set(data) == {"countries", "rule_base", "baseline"}
    assert 0 <= data["rule_base"]["jaccard"] <= 1
