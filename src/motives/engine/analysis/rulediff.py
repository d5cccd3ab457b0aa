"""The effect of a rule change across many countries: ``motives rules diff OLD NEW``.

Every fact file is classified under both rule bases (through the batch machinery, so ``jobs`` worker
processes can share the work). A country and date is reported when its dominant motives differ, or when
a motive's certainty moves by at least ``min_shift`` (the same dominant motives in another order
alone is no change); each report names the rules behind the change:
the rules that fire under one base and not the other, and the rules that fire under both but were
edited between them (a new certainty, say). Agreement with a labelled set is scored under both bases
with the evaluation's own code, so the figures are those ``motives evaluate`` prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance, compile_rules
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import Motive

from .batch import Row, batch_rows
from .evaluation import evaluate
from .labels import CountryLabel
from .scoring import Difference, Scores, compare

DEFAULT_MIN_SHIFT = 0.1


@dataclass(frozen=True, slots=True)
class Shift:
    """One motive's certainty under the old and the new rule base."""

    motive: Motive
    before: float
    after: float

    @property
    def change(self) -> float:
        return round(self.after - self.before, 4)


@dataclass(frozen=True, slots=True)
class Change:
    """One country and date whose verdict moved: dominant motives, certainty shifts and the rules behind."""

    country: str
    iso3: str
    as_of: str
    path: str
    before: tuple[str, ...]  # dominant motives under the old rule base
    after: tuple[str, ...]
    shifts: tuple[Shift, ...]  # only those of at least min_shift
    gained: tuple[str, ...]  # rules that fire under the new base only
    lost: tuple[str, ...]  # rules that fire under the old base only
    edited: tuple[str, ...]  # rules that fire under both but differ between the bases

    @property
    def dominant_changed(self) -> bool:
        return set(self.before) != set(self.after)


@dataclass(frozen=True, slots=True)
class RuleChanges:
    """How the two rule bases differ, rule by rule (by id)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    edited: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement with a labelled set under each rule base."""

    labels: str
    countries: int
    before: Scores
    after: Scores
    # NEW minus OLD, country by country, with 95% intervals: top-1 agreement and Jaccard
    change: tuple[Difference, Difference]


@dataclass(frozen=True, slots=True)
class RuleDiff:
    old: str  # the rule base as named, with its version
    new: str
    min_shift: float
    dominance: Dominance
    compared: int  # fact files classified under both bases
    problems: tuple[str, ...]  # fact files that could not be loaded
    rules: RuleChanges
    changes: tuple[Change, ...]
    agreement: Agreement | None

    @property
    def dominant_changes(self) -> int:
        return sum(change.dominant_changed for change in self.changes)


def rule_changes(old: RuleBase, new: RuleBase) -> RuleChanges:
    """The rules only one base has, and the rules both have but with a different content."""
    before = {rule.id: rule for rule in old.rules}
    after = {rule.id: rule for rule in new.rules}
    return RuleChanges(
        tuple(rule for rule in after if rule not in before),
        tuple(rule for rule in before if rule not in after),
        tuple(rule for rule in after if rule in before and after[rule] != before[rule]),
    )


def compare_rows(
    old_rows: Iterable[Row], new_rows: Iterable[Row], edited: Sequence[str], min_shift: float
) -> tuple[int, tuple[str, ...], tuple[Change, ...]]:
    """Pair the rows of the two runs (same inputs, same order): how many were compared, the problems of
    the files that could not be loaded, and the changes."""
    compared = 0
    problems: list[str] = []
    changes: list[Change] = []
    edits = set(edited)
    for before, after in zip_longest(old_rows, new_rows):
        assert before is not None and after is not None, "both runs walk the same inputs"
        if before.problems or after.problems:
            problems.extend(before.problems or after.problems)
            continue
        compared += 1
        shifts = tuple(
            Shift(motive, old, new)
            for motive, old, new in zip(Motive, before.certainty, after.certainty, strict=True)
            if abs(new - old) >= min_shift - 1e-9 and new != old
        )
        if set(before.dominant) == set(after.dominant) and not shifts:
            continue
        old_fired, new_fired = set(before.fired), set(after.fired)
        changes.append(
            Change(
                after.country,
                after.iso3,
                after.as_of,
                after.path,
                before.dominant,
                after.dominant,
                shifts,
                tuple(rule for rule in after.fired if rule not in old_fired),
                tuple(rule for rule in before.fired if rule not in new_fired),
                tuple(rule for rule in after.fired if rule in old_fired and rule in edits),
            )
        )
    return compared, tuple(problems), tuple(changes)


def diff_rules(
    old_dir: str,
    new_dir: str,
    arguments: Sequence[str],
    old: RuleBase,
    new: RuleBase,
    *,
    labels: Sequence[CountryLabel] | None = None,
    labels_name: str = "",
    min_shift: float = DEFAULT_MIN_SHIFT,
    dominance: Dominance = DEFAULT_DOMINANCE,
    as_of: dt.date | None = None,
    jobs: int = 1,
    engine: str = DEFAULT_ENGINE,
) -> RuleDiff:
    """Classify the fact files the arguments name under both rule bases and report what changed.

    ``old`` and ``new`` are the loaded rule bases of ``old_dir`` and ``new_dir`` (loaded once by the
    caller, so a broken one is reported before any work); the workers load them again by directory.
    """
    changes = rule_changes(old, new)
    old_rows = batch_rows(arguments, old_dir, jobs, dominance=dominance, as_of=as_of, engine=engine)
    new_rows = batch_rows(arguments, new_dir, jobs, dominance=dominance, as_of=as_of, engine=engine)
    compared, problems, moved = compare_rows(old_rows, new_rows, changes.edited, min_shift)
    agreement = None
    if labels is not None:
        before = evaluate(labels, compile_rules(old, engine), dominance)
        after = evaluate(labels, compile_rules(new, engine), dominance)
        change = compare(
            [(c.label, c.rules) for c in after.countries], [(c.label, c.rules) for c in before.countries]
        )
        agreement = Agreement(labels_name, len(labels), before.rules, after.rules, change)
    return RuleDiff(
        f"{old_dir} ({old.version})",
        f"{new_dir} ({new.version})",
        min_shift,
        dominance,
        compared,
        problems,
        changes,
        moved,
        agreement,
    )
