"""Explaining one motive: how it was concluded, and why it was not (or not more strongly).

HOW is the motive's derivation (as in ``classify``) with its certainty arithmetic. WHY NOT lists every
rule that could have supported the motive but did not fire, closest first: closeness is the number of
conditions that would still have to change, counted through indicator chains (an indicator not derived
costs what its cheapest rule would). Each comes with the failing conditions, actual values, thresholds
and gaps, and the unknown facts that would have mattered.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from motives.engine.inference.classify import Run
from motives.engine.inference.trace import Classification, MotiveResult
from motives.engine.model.conditions import IndicatorTest, Literal, Truth
from motives.engine.model.index import alternatives
from motives.engine.model.rules import Rule, RuleBase
from motives.engine.model.vocabulary import FactValue, Motive

from .whynot import Reason, why_not

UNREACHABLE = 99


@dataclass(frozen=True, slots=True)
class Missed:
    """A rule that could have given evidence for the motive, and why it did not."""

    rule_id: str
    title: str
    certainty: float
    distance: int  # conditions still to change, through indicator chains
    unknown: bool  # it could not be judged for want of facts
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class MotiveExplanation:
    classification: Classification
    result: MotiveResult
    missed: tuple[Missed, ...]


def explain_motive(run: Run, motive: Motive | str) -> MotiveExplanation:
    """How ``motive`` was concluded, and each supporting rule that did not fire, closest first."""
    motive = Motive(motive)
    missed = []
    for rule in run.rulebase.rules:
        if rule.motive != motive or rule.weight <= 0 or rule.id in run.fired:
            continue
        missed.append(
            Missed(
                rule.id,
                rule.title,
                rule.weight,
                distance(run.rulebase, rule, run.values, run.fired),
                run.truths[rule.id] is None,
                why_not(run, rule),
            )
        )
    missed.sort(key=lambda item: (item.distance, -item.certainty, item.rule_id))
    classification = run.classification
    return MotiveExplanation(classification, classification.motive(motive), tuple(missed))


def distance(
    rulebase: RuleBase, rule: Rule, values: Mapping[str, FactValue], fired: AbstractSet[str], depth: int = 0
) -> int:
    """How many conditions must change for ``rule`` to fire: the cheapest alternative, through indicators."""
    if depth > 8:
        return UNREACHABLE
    costs = [
        sum(_literal_cost(rulebase, literal, values, fired, depth) for literal in branch)
        for branch in alternatives(rulebase, rule)
    ]
    return min(costs, default=UNREACHABLE)


def _literal_cost(
    rulebase: RuleBase, literal: Literal, values: Mapping[str, FactValue], fired: AbstractSet[str], depth: int
) -> int:
    if isinstance(literal, IndicatorTest):
        producers = rulebase.producers(literal.indicator)
        if any(producer.id in fired for producer in producers):
            return 0
        return min((distance(rulebase, p, values, fired, depth + 1) for p in producers), default=UNREACHABLE)
    truth: Truth = literal.evaluate(values, {})
    return 0 if truth is True else 1
