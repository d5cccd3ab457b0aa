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

from motives.engine.inference.classify import classify
from motives.engine.inference.compiled import CompiledRules
from motives.engine.inference.trace import Classification, Step
from motives.engine.model.derived import derive
from motives.engine.model.facts import FactSet
from motives.engine.model.vocabulary import Motive

from .whynot import blocking_tests


@dataclass(frozen=True, slots=True)
class Side:
    """One country's side of a motive in the comparison."""

    country: str
    certainty: float
    dominant: bool
    evidence: tuple[str, ...]  # the fired rules with their certainty factors
    missing: tuple[str, ...]  # rules that could not be judged, and the facts they needed


@dataclass(frozen=True, slots=True)
class RuleSide:
    """One country's side of a rule that fired for some countries and not for others."""

    country: str
    fired: bool
    facts: tuple[str, ...]  # where it fired: the fact conditions that held
    missing: tuple[str, ...]  # where it did not: the conditions that failed or were unknown


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


def compare(fact_sets: Sequence[FactSet], compiled: CompiledRules) -> Comparison:
    """Compare two or more countries (or one country at two dates)."""
    results = tuple(classify(facts, compiled) for facts in fact_sets)
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
    rulebase = compiled.rulebase
    rules = []
    fired_sets = [set(result.fired) for result in results]
    by_motive = sorted(
        (rule for rule in rulebase.rules if rule.conclusion.motive is not None),
        key=lambda rule: (
            list(Motive).index(rule.conclusion.motive),  # type: ignore[arg-type]
            -(rule.conclusion.certainty or 0),
            rule.id,
        ),
    )
    for rule in by_motive:
        fired_by = [rule.id in fired for fired in fired_sets]
        if all(fired_by) or not any(fired_by):
            continue
        sides = []
        for facts, result, fired in zip(fact_sets, results, fired_sets, strict=True):
            if rule.id in fired:
                step = next(s for m in result.motives for s in m.evidence if s.rule_id == rule.id)
                sides.append(RuleSide(result.country, True, tuple(_facts_behind(step)), ()))
            else:
                values = {**facts.values(), **derive(facts.values())}
                failing = tuple(blocking_tests(rulebase, rule, values, fired))
                sides.append(RuleSide(result.country, False, (), failing))
        rules.append(RuleDifference(rule.id, rule.title, str(rule.conclusion), tuple(sides)))
    return Comparison(results, similarities, also_shared, differences, contrasts, tuple(rules))


def _motive_comparison(motive: Motive, results: Sequence[Classification]) -> MotiveComparison:
    sides = []
    for result in results:
        found = result.motive(motive)
        evidence = tuple(f"{step.rule_id} ({step.certainty:+.2f})" for step in found.evidence)
        missing = tuple(f"{item.rule_id} needs {', '.join(item.missing)}" for item in found.unjudged)
        sides.append(Side(result.country, found.certainty, found.dominant, evidence, missing))
    return MotiveComparison(motive, tuple(sides))


def _facts_behind(step: Step) -> list[str]:
    """The raw fact conditions at the leaves of a firing, in order, each once."""
    found: dict[str, None] = {}
    for check in step.checks:
        if check.indicator:
            for support in check.support:
                found.update(dict.fromkeys(_facts_behind(support)))
        else:
            found[check.text] = None
    return list(found)
