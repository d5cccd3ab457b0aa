"""How well a set of predictions agrees with a labelled set: the figures ``motives evaluate`` reports.

A prediction for a country is a set of dominant motives and its strongest one (None when no motive is
dominant). Against each country's label (the motives most of its sources name as dominant):

* top-1 agreement: the strongest predicted motive is in the label; no dominant motive is a miss;
* Jaccard index of the predicted and labelled sets;
* the same two against every source row, so a motive some sources name and others do not counts for
  the rows that name it;
* per motive: true and false positives and negatives, precision, recall and F1 (predicted dominant
  against labelled), and their macro average;
* the confusion table: countries by labelled motive and strongest predicted motive.

The difference between two predictors on the same countries (the rule base against a baseline, or a
rule base against its revision) comes with a 95% interval from a paired bootstrap over the countries, so
that a difference of a country or two on a labelled set this small is not read as a finding.

And how well the sources agree with one another, the measure of what any reading of the facts can be
expected to reach: each source row of a country with two or more, against the label of the country's
other rows (top-1 and Jaccard, as a prediction would be scored against the row), beside the rule base's
figures on the same rows.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motives.engine.model.schema import SOURCE_KINDS
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
    # countries by labelled motive (a row per motive, in motive order; a country counts once under each
    # motive of its label) and strongest dominant motive (a column per motive, then none dominant)
    confusion: tuple[tuple[int, ...], ...] = ()

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


# the bootstrap of paired differences: on the shipped labels, between seeds 0 to 7, the ends of the
# interval move by at most one country for top-1 (1/67) and by under 0.01 for Jaccard; the seed is fixed
# so that a report is reproducible
RESAMPLES = 2000
SEED = 0


@dataclass(frozen=True, slots=True)
class Difference:
    """One predictor's mean per-country figure minus another's, with a 95% interval."""

    difference: float
    low: float
    high: float


def paired_difference(ours: Sequence[float], theirs: Sequence[float]) -> Difference:
    """The mean of ``ours - theirs`` over the countries, and the middle 95% of that mean over RESAMPLES
    resamples of the countries with replacement. Both predictors are resampled on the same countries, so
    what a country's label does to both cancels out."""
    pairs = [a - b for a, b in zip(ours, theirs, strict=True)]
    if not pairs:
        return Difference(0.0, 0.0, 0.0)
    draw = random.Random(SEED)
    means = [statistics.fmean(draw.choices(pairs, k=len(pairs))) for _ in range(RESAMPLES)]
    cuts = statistics.quantiles(means, n=40, method="inclusive")  # 2.5%, 5%, ..., 97.5%
    return Difference(statistics.fmean(pairs), cuts[0], cuts[-1])


def per_country(cases: Sequence[tuple[CountryLabel, Prediction]]) -> tuple[list[float], list[float]]:
    """Each country's top-1 agreement (1 or 0) and Jaccard index, in the order of ``cases``."""
    return (
        [float(hit(p, label.label)) for label, p in cases],
        [jaccard(p.dominant, label.label) for label, p in cases],
    )


def compare(
    ours: Sequence[tuple[CountryLabel, Prediction]], theirs: Sequence[tuple[CountryLabel, Prediction]]
) -> tuple[Difference, Difference]:
    """Top-1 agreement and Jaccard of ``ours`` minus those of ``theirs``, country by country (the two
    must list the same countries in the same order)."""
    if [label.path for label, _ in ours] != [label.path for label, _ in theirs]:
        raise ValueError("the two predictions are not of the same countries in the same order")
    (our_hits, our_jaccard), (their_hits, their_jaccard) = per_country(ours), per_country(theirs)
    return paired_difference(our_hits, their_hits), paired_difference(our_jaccard, their_jaccard)


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
    columns: list[Motive | None] = [*Motive, None]
    confusion = tuple(
        tuple(
            sum(labelled in label.label and p.strongest == column for label, p in cases) for column in columns
        )
        for labelled in Motive
    )
    return Scores(
        _mean(hit(p, label.label) for label, p in cases),
        _mean(jaccard(p.dominant, label.label) for label, p in cases),
        *_row_agreement(rows),
        tuple(motives),
        confusion,
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
    sources = _row_agreement((row, others) for row, others, _ in held)
    verdicts = _row_agreement((row, verdict) for row, _, verdict in held)
    return SourceAgreement(countries, len(held), *sources, *verdicts)


@dataclass(frozen=True, slots=True)
class KindAgreement:
    """Two predictors against the source rows of one kind (``""``: rows that name no kind)."""

    kind: str
    rows: int
    ours: tuple[float, float]  # top-1 and Jaccard against each row of this kind
    theirs: tuple[float, float]


def kind_agreement(
    ours: Sequence[tuple[CountryLabel, Prediction]], theirs: Sequence[tuple[CountryLabel, Prediction]]
) -> tuple[KindAgreement, ...]:
    """Each predictor's top-1 and Jaccard against the source rows of each kind, in the order of
    SOURCE_KINDS, rows without a kind last; kinds no row has are left out."""
    found = []
    for kind in (*SOURCE_KINDS, ""):
        pairs = [
            (row.dominant, mine, other)
            for (label, mine), (_, other) in zip(ours, theirs, strict=True)
            for row in label.rows
            if row.kind == kind
        ]
        if pairs:
            mine = _row_agreement((row, p) for row, p, _ in pairs)
            other = _row_agreement((row, p) for row, _, p in pairs)
            found.append(KindAgreement(kind, len(pairs), mine, other))
    return tuple(found)


def _row_agreement(pairs: Iterable[tuple[tuple[Motive, ...], Prediction]]) -> tuple[float, float]:
    """Top-1 agreement and Jaccard of each prediction with the source row it is paired with."""
    found = list(pairs)
    return _mean(hit(p, row) for row, p in found), _mean(jaccard(p.dominant, row) for row, p in found)


def _mean(values: Iterable[float]) -> float:
    found = list(values)
    return sum(found) / len(found) if found else 0.0
