"""Comparing countries, the seed paper's method: what they share, what separates them, and why.

Similarities are motives dominant for every country compared (or present, certainty above 0, for all);
differences are motives dominant for some and not for others. For each difference, and for every rule
that fired for some countries but not for others, the comparison names the facts behind it on each
side: the conditions that held where it fired, the first conditions that failed (or were unknown) where
it did not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from motives.engine.inference.classify import Run
from motives.engine.inference.trace import Check, Classification, Step, Unjudged
from motives.engine.model.vocabulary import Motive

from .whynot import FactReason, blocking_tests


@dataclass(frozen=True, slots=True)
class Side:
    """One country's side of a motive in the comparison."""

    country: str
    certainty: float
    dominant: bool
    evidence: tuple[Step, ...]  # the fired rules, with their certainty factors
    missing: tuple[Unjudged, ...]  # rules that could not be judged, and the facts they needed


@dataclass(frozen=True, slots=True)
class RuleSide:
    """One country's side of a rule that fired for some countries and not for others."""

    country: str
    fired: bool
    facts: tuple[Check, ...]  # where it fired: the fact conditions that held
    missing: tuple[FactReason, ...]  # where it did not: the conditions that failed or were unknown


@dataclass(frozen=True, slots=True)
class MotiveComparison:
    motive: Motive
    sides: tuple[Side, ...]

    @property
    def shared(self) -> bool:
        return all(side.dominant for side in self.sides)


@dataclass(frozen=True, slots=True)
class RuleDifference:
    rule_id: str
    title: str
    concludes: str
    sides: tuple[RuleSide, ...]  # every country, fired or not


@dataclass(frozen=True, slots=True)
class Comparison:
    results: tuple[Classification, ...]
    similarities: tuple[MotiveComparison, ...]  # dominant for all
    also_shared: tuple[MotiveComparison, ...]  # present (certainty > 0) for all, dominant for not all
    differences: tuple[MotiveComparison, ...]  # dominant for some, not all
    contrasts: tuple[MotiveComparison, ...]  # dominant for none, present (certainty > 0) for some, not all
    rules: tuple[RuleDifference, ...]  # motive rules that fired for some, not all, in motive order


def compare_runs(runs: Sequence[Run]) -> Comparison:
    """Compare two or more countries (or one country at two dates), each run of the same rules."""
    results = tuple(run.classification for run in runs)
    motives = [_motive_comparison(motive, results) for motive in Motive]
    similarities = tuple(m for m in motives if m.shared)
    differences = tuple(m for m in motives if any(s.dominant for s in m.sides) and not m.shared)
    also_shared = tuple(
        m for m in motives if not m.shared and all(s.certainty > 0 for s in m.sides) and m not in differences
    )
    contrasts = tuple(
        m
        for m in motives
        if not any(s.dominant for s in m.sides)
        and any(s.certainty > 0 for s in m.sides)
        and not all(s.certainty > 0 for s in m.sides)
    )
    rulebase = runs[0].rulebase
    rules = []
    fired_sets = [set(result.fired) for result in results]
    by_motive = sorted(
        (rule for rule in rulebase.rules if rule.motive is not None),
        key=lambda rule: (
            list(Motive).index(rule.motive),  # type: ignore[arg-type]
            -rule.weight,
            rule.id,
        ),
    )
    for rule in by_motive:
        fired_by = [rule.id in fired for fired in fired_sets]
        if all(fired_by) or not any(fired_by):
            continue
        sides = []
        for run, result, fired in zip(runs, results, fired_sets, strict=True):
            if rule.id in fired:
                step = next(s for m in result.motives for s in m.evidence if s.rule_id == rule.id)
                sides.append(RuleSide(result.country, True, tuple(_facts_behind(step)), ()))
            else:
                failing = blocking_tests(run, rule)
                sides.append(RuleSide(result.country, False, (), failing))
        rules.append(RuleDifference(rule.id, rule.title, str(rule.conclusion), tuple(sides)))
    return Comparison(results, similarities, also_shared, differences, contrasts, tuple(rules))


def _motive_comparison(motive: Motive, results: Sequence[Classification]) -> MotiveComparison:
    sides = []
    for result in results:
        found = result.motive(motive)
        sides.append(Side(result.country, found.certainty, found.dominant, found.evidence, found.unjudged))
    return MotiveComparison(motive, tuple(sides))


def _facts_behind(step: Step) -> list[Check]:
    """The raw fact conditions at the leaves of a firing, in order, each once."""
    found: dict[str, Check] = {}
    for check in step.checks:
        if check.indicator:
            for support in check.support:
                for behind in _facts_behind(support):
                    found.setdefault(behind.text, behind)
        else:
            found.setdefault(check.text, check)
    return list(found.values())
