"""How well a set of predictions agrees with a labelled set: the figures ``motives evaluate`` reports.

A prediction for a country is a set of dominant motives and its strongest one (None when no motive is
dominant). Against each country's label (the motives most of its sources name as dominant):

* top-1 agreement: the strongest predicted motive is in the label; no dominant motive is a miss;
* Jaccard index of the predicted and labelled sets;
* the same two against every source row, so a motive some sources name and others do not counts for
  the rows that name it;
* per motive: true and false positives and negatives, precision, recall and F1 (predicted dominant
  against labelled), and their macro average.

And how well the sources agree with one another, the measure of what any reading of the facts can be
expected to reach: each source row of a country with two or more, against the label of the country's
other rows (top-1 and Jaccard, as a prediction would be scored against the row), beside the rule base's
figures on the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motives.engine.model.vocabulary import Motive

from .labels import CountryLabel


@dataclass(frozen=True, slots=True)
class Prediction:
    dominant: tuple[Motive, ...]
    strongest: Motive | None  # the strongest dominant motive; None when none is dominant


@dataclass(frozen=True, slots=True)
class MotiveScore:
    motive: Motive
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @property
    def precision(self) -> float | None:
        """Share of the countries predicted with it that are labelled with it (None: never predicted)."""
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        """Share of the countries labelled with it that are predicted with it (None: never labelled)."""
        labelled = self.true_positive + self.false_negative
        return self.true_positive / labelled if labelled else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; 0 when it is labelled or predicted but never both."""
        if self.precision is None and self.recall is None:
            return None
        both = 2 * self.true_positive + self.false_positive + self.false_negative
        return 2 * self.true_positive / both


@dataclass(frozen=True, slots=True)
class Scores:
    top1: float
    jaccard: float
    row_top1: float  # against each source row
    row_jaccard: float
    motives: tuple[MotiveScore, ...]

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the motives that are labelled or predicted at least once."""
        found = [score.f1 for score in self.motives if score.f1 is not None]
        return sum(found) / len(found) if found else 0.0


@dataclass(frozen=True, slots=True)
class SourceAgreement:
    countries: int  # the countries with two or more source rows
    rows: int  # their rows, each held out once
    top1: float  # the strongest motive of the other rows' label is in the held-out row
    jaccard: float  # the other rows' label (ties kept) against the held-out row
    rules_top1: float  # the rule base's verdict against the same rows
    rules_jaccard: float


def jaccard(predicted: Iterable[Motive], labelled: Iterable[Motive]) -> float:
    """|A & B| / |A | B|; two empty sets agree fully."""
    a, b = set(predicted), set(labelled)
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def hit(prediction: Prediction, labelled: Iterable[Motive]) -> bool:
    """Top-1 agreement: the strongest dominant motive is labelled (no dominant motive never agrees)."""
    return prediction.strongest is not None and prediction.strongest in set(labelled)


def score(cases: Sequence[tuple[CountryLabel, Prediction]]) -> Scores:
    """The figures of one predictor over a labelled set (all 0 for an empty set)."""
    if not cases:
        return Scores(0.0, 0.0, 0.0, 0.0, ())
    rows = [(row.dominant, prediction) for label, prediction in cases for row in label.rows]
    motives = []
    for motive in Motive:
        tp = sum(motive in p.dominant and motive in label.label for label, p in cases)
        fp = sum(motive in p.dominant and motive not in label.label for label, p in cases)
        fn = sum(motive not in p.dominant and motive in label.label for label, p in cases)
        motives.append(MotiveScore(motive, tp, fp, fn, len(cases) - tp - fp - fn))
    return Scores(
        _mean(hit(p, label.label) for label, p in cases),
        _mean(jaccard(p.dominant, label.label) for label, p in cases),
        _mean(hit(p, dominant) for dominant, p in rows),
        _mean(jaccard(p.dominant, dominant) for dominant, p in rows),
        tuple(motives),
    )


def source_agreement(cases: Sequence[tuple[CountryLabel, Prediction]]) -> SourceAgreement:
    """Each source row of a country with two or more against the label of the country's other rows, and
    the rule base's verdict against the same rows. The other rows' label is a prediction like a
    baseline's: its motives are the ones most of those rows name (ties kept), its strongest the first of
    them in motive order."""
    held: list[tuple[tuple[Motive, ...], Prediction, Prediction]] = []  # row, the other rows', the rules'
    countries = 0
    for label, prediction in cases:
        if len(label.rows) < 2:
            continue
        countries += 1
        for index, row in enumerate(label.rows):
            others = CountryLabel(label.path, label.rows[:index] + label.rows[index + 1 :]).label
            held.append((row.dominant, Prediction(others, others[0] if others else None), prediction))
    return SourceAgreement(
        countries,
        len(held),
        _mean(hit(others, row) for row, others, _ in held),
        _mean(jaccard(others.dominant, row) for row, others, _ in held),
        _mean(hit(rules, row) for row, _, rules in held),
        _mean(jaccard(rules.dominant, row) for row, _, rules in held),
    )


def _mean(values: Iterable[float]) -> float:
    found = list(values)
    return sum(found) / len(found) if found else 0.0
