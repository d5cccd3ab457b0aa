"""Why a rule did not fire: each condition with its actual value, through indicator chains.

The explanation walks the rule's condition as written (``all``, ``any``, ``not``), marks each test as
holding, failing (with the actual value, the threshold and the gap) or unknown, and for an indicator
that was not derived, explains in turn why none of the rules that derive it fired.
"""

from __future__ import annotations

from collections.abc import Mapping

from motives.engine.inference.classify import evaluate_rules
from motives.engine.model.conditions import AllOf, AnyOf, Condition, FactTest, IndicatorTest, NotOf, Truth
from motives.engine.model.rules import Rule, RuleBase
from motives.engine.model.vocabulary import FactValue

MAX_DEPTH = 4


def why_not(
    rulebase: RuleBase,
    rule: Rule,
    values: Mapping[str, FactValue],
    fired: set[str],
    depth: int = 0,
    truths: Mapping[str, Truth] | None = None,
) -> list[str]:
    """Lines explaining why ``rule`` did not fire (or, if it did, what held), indented by depth.

    ``truths`` is the three-valued reading of every rule (``evaluate_rules``); it is computed here once
    when not given, and shared by the whole walk through the indicator chains.
    """
    if truths is None:
        truths = evaluate_rules(rulebase, values)
    return _walk(rulebase, rule.condition, values, fired, truths, depth, negate=False)


def _walk(
    rulebase: RuleBase,
    condition: Condition,
    values: Mapping[str, FactValue],
    fired: set[str],
    truths: Mapping[str, Truth],
    depth: int,
    negate: bool,
) -> list[str]:
    pad = "  " * depth
    if isinstance(condition, NotOf):
        return _walk(rulebase, condition.part, values, fired, truths, depth, not negate)
    if isinstance(condition, AllOf | AnyOf):
        conjunctive = isinstance(condition, AllOf) != negate
        lines = [] if conjunctive else [f"{pad}one of:"]
        for part in condition.parts:
            inner = depth if conjunctive else depth + 1
            lines.extend(_walk(rulebase, part, values, fired, truths, inner, negate))
        return lines
    if isinstance(condition, FactTest):
        test = condition.negated() if negate else condition
        truth = test.evaluate(values, {})
        if truth is True:
            return [f"{pad}holds:   {test.describe(values)}"]
        if truth is None:
            return [f"{pad}unknown: {test.shortfall(values)}"]
        return [f"{pad}fails:   {test.shortfall(values)}"]
    return _indicator(rulebase, condition, values, fired, truths, depth)


def _indicator(
    rulebase: RuleBase,
    test: IndicatorTest,
    values: Mapping[str, FactValue],
    fired: set[str],
    truths: Mapping[str, Truth],
    depth: int,
) -> list[str]:
    pad = "  " * depth
    producers = rulebase.producers(test.indicator)
    if any(producer.id in fired for producer in producers):
        return [f"{pad}holds:   indicator {test.indicator}"]
    if any(truths[producer.id] is None for producer in producers):
        lines = [f"{pad}unknown: indicator {test.indicator} could not be derived, facts are unknown"]
    else:
        lines = [f"{pad}fails:   indicator {test.indicator} was not derived"]
    if depth >= MAX_DEPTH:
        return [*lines, f"{pad}  (deeper reasons omitted)"]
    for producer in producers:
        lines.append(f"{pad}  {producer.id}:")
        lines.extend(why_not(rulebase, producer, values, fired, depth + 2, truths))
    return lines


def blocking_tests(
    rulebase: RuleBase, rule: Rule, values: Mapping[str, FactValue], fired: set[str]
) -> list[str]:
    """The fact tests that failed or could not be judged, through indicator chains, each once:
    ``uniformed_personnel = 30, needs >= 2000 (off by 1970)``."""
    found: dict[str, None] = {}
    _blocking(rulebase, rule.condition, values, fired, False, found, 0)
    return list(found)


def _blocking(
    rulebase: RuleBase,
    condition: Condition,
    values: Mapping[str, FactValue],
    fired: set[str],
    negate: bool,
    found: dict[str, None],
    depth: int,
) -> None:
    if isinstance(condition, NotOf):
        _blocking(rulebase, condition.part, values, fired, not negate, found, depth)
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            _blocking(rulebase, part, values, fired, negate, found, depth)
    elif isinstance(condition, FactTest):
        test = condition.negated() if negate else condition
        if test.evaluate(values, {}) is not True:
            found[test.shortfall(values)] = None
    elif depth < MAX_DEPTH and not any(p.id in fired for p in rulebase.producers(condition.indicator)):
        for producer in rulebase.producers(condition.indicator):
            _blocking(rulebase, producer.condition, values, fired, False, found, depth + 1)
