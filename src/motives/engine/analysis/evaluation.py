"""Scoring the rule base against a labelled set: countries with the motives the literature names.

Per country: the predicted dominant motives against the labelled ones (Jaccard index of the two sets;
two empty sets agree fully) and whether the strongest predicted motive (if any has certainty above 0)
is among the labelled ones (top-1 agreement). Overall: the mean of both, a confusion table by motive,
and the same figures for the trivial baseline that always predicts the most common label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from motives.engine.inference.classify import classify
from motives.engine.inference.network import CompiledRules
from motives.engine.model.catalog import display_path, resolve_facts
from motives.engine.model.errors import InputError, Location, Problem, did_you_mean
from motives.engine.model.facts import load_facts
from motives.engine.model.loading import load_yaml
from motives.engine.model.schema import (
    LABEL,
    LABEL_FILE,
    check_keys,
    expect_date,
    expect_list,
    expect_map,
    expect_text,
)
from motives.engine.model.vocabulary import Motive


@dataclass(frozen=True, slots=True)
class Label:
    country: str  # as written in the file
    path: Path  # the fact file it names
    dominant: tuple[Motive, ...]
    sources: tuple[str, ...]
    note: str = ""
    location: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True, slots=True)
class CountryScore:
    country: str
    as_of: str
    labelled: tuple[Motive, ...]
    predicted: tuple[Motive, ...]
    strongest: Motive | None
    top1: bool
    jaccard: float


@dataclass(frozen=True, slots=True)
class Confusion:
    motive: Motive
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int


@dataclass(frozen=True, slots=True)
class Scores:
    top1: float
    jaccard: float
    confusion: tuple[Confusion, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    countries: tuple[CountryScore, ...]
    rules: Scores
    baseline_label: Motive
    baseline: Scores


def load_labels(path: Path | str) -> list[Label]:
    """Read a labels file; every problem is reported together with its location."""
    path = Path(path)
    document = load_yaml(path, display_path(path))
    problems: list[Problem] = []
    root = expect_map(document.data, Location(document.path, 1, 1), "a labels file", problems)
    labels: list[Label] = []
    if root is not None and check_keys(root, LABEL_FILE, problems, "the labels file"):
        items = expect_list(root["labels"], root.value_at("labels"), "labels", problems)
        for index, node in enumerate(items or []):
            label = _label(node, items.item_at(index), path, problems)  # type: ignore[union-attr]
            if label is not None:
                labels.append(label)
    if problems:
        raise InputError(problems)
    return labels


def _label(node: object, where: Location, path: Path, problems: list[Problem]) -> Label | None:
    entry = expect_map(node, where, "a label", problems)
    if entry is None or not check_keys(entry, LABEL, problems, "a label"):
        return None
    country = expect_text(entry["country"], entry.value_at("country"), "country", problems)
    motives = expect_list(entry["dominant"], entry.value_at("dominant"), "dominant", problems)
    sources = expect_list(entry["sources"], entry.value_at("sources"), "sources", problems)
    note = expect_text(entry["note"], entry.value_at("note"), "note", problems) if "note" in entry else ""
    if country is None or motives is None or sources is None:
        return None
    dominant = []
    for index, value in enumerate(motives):
        if value in set(Motive):
            dominant.append(Motive(value))
        else:
            problems.append(
                Problem(
                    motives.item_at(index),
                    "L801",
                    f"unknown motive {value!r}",
                    did_you_mean(str(value), [m.value for m in Motive]),
                )
            )
    texts = [expect_text(value, sources.item_at(i), "a source", problems) for i, value in enumerate(sources)]
    if not sources:
        problems.append(
            Problem(
                entry.value_at("sources"),
                "L802",
                "a label needs at least one source",
                "cite the literature the label comes from",
            )
        )
    relative = path.parent / country
    try:
        as_of = expect_date(entry, "as_of", problems)
        found = relative if relative.exists() else resolve_facts(country, as_of)[0]
    except InputError as error:
        problems.append(
            Problem(entry.value_at("country"), "L803", error.problems[0].message, error.problems[0].hint)
        )
        return None
    return Label(country, found, tuple(dominant), tuple(t for t in texts if t), note or "", entry.location)


def evaluate(labels: Sequence[Label], compiled: CompiledRules) -> Evaluation:
    predictions = []
    for label in labels:
        result = classify(load_facts(label.path, display_path(label.path)), compiled)
        strongest = max(result.motives, key=lambda m: m.certainty)
        predictions.append((label, result, strongest.motive if strongest.certainty > 0 else None))
    counts = Counter(motive for label in labels for motive in label.dominant)
    baseline_label = max(Motive, key=lambda motive: (counts[motive], -list(Motive).index(motive)))
    countries = tuple(
        CountryScore(
            result.country,
            result.as_of.isoformat(),
            label.dominant,
            result.dominant,
            strongest,
            strongest in label.dominant,
            _jaccard(result.dominant, label.dominant),
        )
        for label, result, strongest in predictions
    )
    rules = _scores(
        [(label.dominant, result.dominant, strongest) for label, result, strongest in predictions]
    )
    baseline = _scores([(label.dominant, (baseline_label,), baseline_label) for label in labels])
    return Evaluation(countries, rules, baseline_label, baseline)


def _jaccard(predicted: Iterable[Motive], labelled: Iterable[Motive]) -> float:
    a, b = set(predicted), set(labelled)
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _scores(rows: list[tuple[tuple[Motive, ...], tuple[Motive, ...], Motive | None]]) -> Scores:
    if not rows:
        return Scores(0.0, 0.0, ())
    top1 = sum(strongest in labelled for labelled, _, strongest in rows) / len(rows)
    jaccard = sum(_jaccard(predicted, labelled) for labelled, predicted, _ in rows) / len(rows)
    confusion = []
    for motive in Motive:
        tp = sum(motive in p and motive in lab for lab, p, _ in rows)
        fp = sum(motive in p and motive not in lab for lab, p, _ in rows)
        fn = sum(motive not in p and motive in lab for lab, p, _ in rows)
        confusion.append(Confusion(motive, tp, fp, fn, len(rows) - tp - fp - fn))
    return Scores(top1, jaccard, tuple(confusion))
