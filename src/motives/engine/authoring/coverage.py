"""Rule coverage over a set of countries: how often each rule fired, and what kept the others silent.

For a rule that never fired, the report names its condition that held least often: the test that
always failed (with the values it saw) or the fact that was always unknown, or the indicator that was
never derived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from motives.engine.inference.classify import run_rules
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.conditions import FactTest, IndicatorTest, leaves
from motives.engine.model.facts import FactSet
from motives.engine.model.operators import show_value
from motives.engine.model.rules import Rule
from motives.engine.model.vocabulary import FactValue


@dataclass(frozen=True, slots=True)
class RuleCoverage:
    rule_id: str
    title: str
    conclusion: str
    fired: int
    blocker: str  # for a rule that never fired: the condition that kept it silent


@dataclass(frozen=True, slots=True)
class CoverageReport:
    rules: tuple[RuleCoverage, ...]
    runs: int

    @property
    def percent(self) -> float:
        if not self.rules:
            return 100.0
        return 100.0 * sum(rule.fired > 0 for rule in self.rules) / len(self.rules)


def coverage(fact_sets: Iterable[FactSet], compiled: CompiledRules) -> CoverageReport:
    """Run every fact set through the rules and count the firings of each rule."""
    rulebase = compiled.rulebase
    runs = [run_rules(facts, compiled) for facts in fact_sets]
    value_sets = [run.values for run in runs]
    fired_sets = [run.fired for run in runs]
    counts = {rule.id: sum(rule.id in fired for fired in fired_sets) for rule in rulebase.rules}
    rows = []
    for rule in rulebase.rules:
        blocker = "" if counts[rule.id] else _blocker(rule, value_sets, fired_sets, compiled)
        rows.append(RuleCoverage(rule.id, rule.title, str(rule.conclusion), counts[rule.id], blocker))
    return CoverageReport(tuple(rows), len(value_sets))


def _blocker(
    rule: Rule,
    value_sets: Sequence[Mapping[str, FactValue]],
    fired_sets: Sequence[AbstractSet[str]],
    compiled: CompiledRules,
) -> str:
    runs = len(value_sets)
    if not runs:
        return "no fact sets were given"
    worst: tuple[int, str] = (-1, "")
    for leaf in leaves(rule.condition):
        if isinstance(leaf, IndicatorTest):
            producers = {producer.id for producer in compiled.rulebase.producers(leaf.indicator)}
            missing = sum(not (producers & fired) for fired in fired_sets)
            text = f"indicator {leaf.indicator} was not derived in {missing} of {runs}"
        else:
            missing, text = _fact_blocker(leaf, value_sets)
        if missing > worst[0]:
            worst = (missing, text)
    return worst[1]


def _fact_blocker(leaf: FactTest, value_sets: Sequence[Mapping[str, FactValue]]) -> tuple[int, str]:
    runs = len(value_sets)
    unknown = sum(leaf.fact not in values for values in value_sets)
    failed = [
        values[leaf.fact]
        for values in value_sets
        if leaf.fact in values and not leaf.holds(values[leaf.fact])
    ]
    if leaf.presence is not None:
        truths = [leaf.evaluate(values, {}) for values in value_sets]
        return truths.count(False), f"{leaf.requirement()} failed in {truths.count(False)} of {runs}"
    seen = ", ".join(show_value(value) for value in sorted(set(failed), key=str)[:5])
    parts = []
    if failed:
        parts.append(f"failed in {len(failed)} of {runs} (values: {seen})")
    if unknown:
        parts.append(f"unknown in {unknown} of {runs}")
    return len(failed) + unknown, f"{leaf.requirement()}: " + "; ".join(parts)
