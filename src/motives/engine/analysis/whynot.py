"""Why a rule did not fire: each condition with its actual value, through indicator chains.

The explanation walks the rule's condition as written (``all``, ``any``, ``not``), marks each test as
holding, failing (with the actual value, the threshold and the gap) or unknown, and for an indicator
that was not derived, explains in turn why none of the rules that derive it fired. The answer is a tree
of typed reasons; the renderers turn it into lines or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from motives.engine.inference.classify import Run
from motives.engine.model.conditions import AllOf, AnyOf, Condition, FactTest, IndicatorTest, NotOf
from motives.engine.model.rules import Rule
from motives.engine.model.vocabulary import FactValue

MAX_INDICATOR_DEPTH = 2  # indicator chains followed below the rule explained; deeper ones are omitted
MAX_BLOCKING_DEPTH = 4  # indicator chains followed when listing a rule's blocking tests


class Status(StrEnum):
    HOLDS = "holds"
    FAILS = "fails"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class FactReason:
    """A test of a fact: ``uniformed_personnel = 30, needs >= 2000 (off by 1970)``."""

    status: Status
    fact: str
    op: str
    threshold: Any  # the value the fact is tested against
    value: FactValue | None  # the fact's value; None: unknown
    gap: float | None  # how far the value is from passing, when it fails a numeric bound
    text: str  # the test as it held, or as it failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "fact",
            "status": str(self.status),
            "fact": self.fact,
            "op": self.op,
            "threshold": _plain(self.threshold),
            "value": self.value,
            "gap": self.gap,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class OneOf:
    """Alternatives, none of which held: each alternative is the reasons of its conditions."""

    alternatives: tuple[tuple[Reason, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "one_of",
            "alternatives": [[reason.to_dict() for reason in branch] for branch in self.alternatives],
        }


@dataclass(frozen=True, slots=True)
class Producer:
    """One rule that derives an indicator, and why it did not fire."""

    rule_id: str
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule_id, "reasons": [reason.to_dict() for reason in self.reasons]}


@dataclass(frozen=True, slots=True)
class IndicatorReason:
    """A test of an indicator; when it was not derived, why each of its rules did not fire."""

    status: Status
    indicator: str
    producers: tuple[Producer, ...]  # empty when it holds, or when the chain is too deep to follow
    omitted: bool  # the chain goes deeper than MAX_INDICATOR_DEPTH: its reasons are left out

    @property
    def text(self) -> str:
        if self.status is Status.HOLDS:
            return f"indicator {self.indicator}"
        if self.status is Status.UNKNOWN:
            return f"indicator {self.indicator} could not be derived, facts are unknown"
        return f"indicator {self.indicator} was not derived"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "indicator",
            "status": str(self.status),
            "indicator": self.indicator,
            "text": self.text,
            "producers": [producer.to_dict() for producer in self.producers],
            "omitted": self.omitted,
        }


Reason = FactReason | OneOf | IndicatorReason


def why_not(run: Run, rule: Rule) -> tuple[Reason, ...]:
    """Why ``rule`` did not fire in ``run`` (or, if it did, what held): its conditions as written."""
    return _walk(run, rule.condition, 0, negate=False)


def _walk(run: Run, condition: Condition, depth: int, negate: bool) -> tuple[Reason, ...]:
    if isinstance(condition, NotOf):
        return _walk(run, condition.part, depth, not negate)
    if isinstance(condition, AllOf | AnyOf):
        parts = tuple(_walk(run, part, depth, negate) for part in condition.parts)
        if isinstance(condition, AllOf) != negate:  # conjunctive: every part must hold
            return tuple(reason for part in parts for reason in part)
        return (OneOf(parts),)
    if isinstance(condition, FactTest):
        return (_test(run, condition.negated() if negate else condition),)
    return (_indicator(run, condition, depth),)


def _test(run: Run, test: FactTest) -> FactReason:
    values = run.values
    truth = test.evaluate(values, {})
    status = Status.HOLDS if truth is True else Status.UNKNOWN if truth is None else Status.FAILS
    value = values.get(test.fact)
    gap = test.gap(value) if value is not None and truth is False else None
    text = test.describe(values) if truth is True else test.shortfall(values)
    return FactReason(status, test.fact, test.op, test.value, value, gap or None, text)


def _indicator(run: Run, test: IndicatorTest, depth: int) -> IndicatorReason:
    producers = run.rulebase.producers(test.indicator)
    if any(producer.id in run.fired for producer in producers):
        return IndicatorReason(Status.HOLDS, test.indicator, (), False)
    unknown = any(run.truths[producer.id] is None for producer in producers)
    status = Status.UNKNOWN if unknown else Status.FAILS
    if depth >= MAX_INDICATOR_DEPTH:
        return IndicatorReason(status, test.indicator, (), True)
    return IndicatorReason(
        status,
        test.indicator,
        tuple(Producer(p.id, _walk(run, p.condition, depth + 1, negate=False)) for p in producers),
        False,
    )


def first_blocking(reasons: tuple[Reason, ...]) -> FactReason | IndicatorReason | None:
    """The first condition that failed or could not be judged, at the top level of the walk."""
    for reason in reasons:
        if isinstance(reason, OneOf):
            found = next((r for branch in reason.alternatives for r in branch if _blocks(r)), None)
            if found is not None:
                return found  # type: ignore[return-value]
        elif reason.status is not Status.HOLDS:
            return reason
    return None


def _blocks(reason: Reason) -> bool:
    return not isinstance(reason, OneOf) and reason.status is not Status.HOLDS


def blocking_tests(run: Run, rule: Rule) -> tuple[FactReason, ...]:
    """The fact tests that failed or could not be judged, through indicator chains, each once:
    ``uniformed_personnel = 30, needs >= 2000 (off by 1970)``."""
    found: dict[str, FactReason] = {}
    _blocking(run, rule.condition, False, found, 0)
    return tuple(found.values())


def _blocking(run: Run, condition: Condition, negate: bool, found: dict[str, FactReason], depth: int) -> None:
    if isinstance(condition, NotOf):
        _blocking(run, condition.part, not negate, found, depth)
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            _blocking(run, part, negate, found, depth)
    elif isinstance(condition, FactTest):
        reason = _test(run, condition.negated() if negate else condition)
        if reason.status is not Status.HOLDS:
            found.setdefault(reason.text, reason)
    elif depth < MAX_BLOCKING_DEPTH and not any(
        p.id in run.fired for p in run.rulebase.producers(condition.indicator)
    ):
        for producer in run.rulebase.producers(condition.indicator):
            _blocking(run, producer.condition, False, found, depth + 1)


def _plain(value: Any) -> Any:
    """A threshold as JSON holds it: the values of an ``in`` test as a sorted list."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    return list(value) if isinstance(value, tuple) else value
