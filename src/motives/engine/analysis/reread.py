"""The three-valued reading of the rules after a few facts change, re-reading only the rules the change
can reach: those that test a changed fact (directly or through a derived quantity of it), and those
that read an indicator such a rule concludes, and so on down the rule base's dependency order.

The counterfactual search and the sensitivity check try tens of thousands of one- and two-fact changes
of one fact set; each reaches a handful of the rules, so re-reading those gives the same truths as
``evaluate_rules`` on the whole rule base (a property test holds them equal) in a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Mapping

from motives.engine.inference.classify import either, evaluate_rules
from motives.engine.model.conditions import Condition, FactTest, IndicatorTest, Truth
from motives.engine.model.derived import DERIVED, derive
from motives.engine.model.index import kept, memo_table, rule_leaves
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue

_Step = tuple[str, Condition, str | None]  # a rule's id, its condition, the indicator it concludes


class Reader:
    """The truths of one fact set's rules, and of the same set with a few facts changed."""

    def __init__(self, rulebase: RuleBase, values: Mapping[str, FactValue]) -> None:
        self.rulebase = rulebase
        self.truths = evaluate_rules(rulebase, {**values, **derive(values)})
        self.indicators = {name: _indicator(rulebase, self.truths, name) for name in rulebase.indicators()}

    def after(self, changed: Mapping[str, FactValue], names: frozenset[str]) -> dict[str, Truth]:
        """Every rule's truth for ``changed``: this fact set with the facts ``names`` changed."""
        truths = dict(self.truths)
        indicators = dict(self.indicators)
        full = {**changed, **derive(changed)}
        for rule_id, condition, name in _reached(self.rulebase, names):
            truths[rule_id] = condition.evaluate(full, indicators)
            if name:
                indicators[name] = _indicator(self.rulebase, truths, name)
        return truths


def _indicator(rulebase: RuleBase, truths: Mapping[str, Truth], name: str) -> Truth:
    """The indicator from all its rules' truths, as ``evaluate_rules`` settles it."""
    found: Truth = False
    for rule in rulebase.producers(name):
        found = either(found, truths[rule.id])
    return found


def _reached(rulebase: RuleBase, names: frozenset[str]) -> tuple[_Step, ...]:
    """The rules a change of the facts ``names`` can reach, in rule-base (dependency) order."""
    table: dict[frozenset[str], tuple[_Step, ...]] = memo_table(rulebase, "reread_reached")
    found = table.get(names)
    if found is None:
        touched = set(names) | {name for name, spec in DERIVED.items() if names & set(spec.inputs)}
        reached_indicators: set[str] = set()
        steps: list[_Step] = []
        for rule in rulebase.rules:
            read = rule_leaves(rulebase, rule)
            if any(
                (isinstance(leaf, FactTest) and leaf.fact in touched)
                or (isinstance(leaf, IndicatorTest) and leaf.indicator in reached_indicators)
                for leaf in read
            ):
                steps.append((rule.id, rule.condition, rule.indicator))
                if rule.indicator:
                    reached_indicators.add(rule.indicator)
        found = kept(table, names, tuple(steps))
    return found
