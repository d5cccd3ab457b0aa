"""Compiling a rule base onto experta, and running it over one country's facts.

Each rule becomes one experta rule per alternative of its conditions (``conditions.branches``): the
facts a branch tests become one ``Country(FACT=P(test), ...)`` pattern, the facts it needs to be unknown
one ``Unknown(FACT=True, ...)`` pattern, and each indicator it reads an ``Indicator(name=...)`` pattern.
Indicator rules declare ``Indicator`` facts, so the engine's own forward chaining carries indicators
into the rules that read them. Motive rules only record that they fired: certainty is combined in
Python afterwards, which is both faster than ``modify`` inside the engine and independent of firing
order.

The engine is built once per rule base (building the Rete network costs ~10 ms) and ``reset`` per
country (experta's join memories grow quadratically if countries share one run).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from motives.engine.model.conditions import FactTest, IndicatorTest, Literal, branches, leaves
from motives.engine.model.derived import readable_facts
from motives.engine.model.errors import InferenceLimitError
from motives.engine.model.rules import Rule as RuleModel
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue

from .experta_compat import Fact, KnowledgeEngine, P, Rule, W


class Country(Fact):
    """Everything known about the country, one field per fact: ``Country(budget_share_pct=26.94, ...)``.

    One fact per country means a rule's tests of several facts are one pattern, not a join; a value
    test only ever sees values of its own fact.
    """


class Unknown(Fact):
    """The readable facts the country's file does not give: ``Unknown(female_personnel=True, ...)``."""


class Indicator(Fact):
    """An indicator some rule derived: ``Indicator(name=...)``."""


@dataclass(frozen=True, slots=True)
class Firing:
    """One rule firing: which rule, through which alternative of its conditions."""

    rule_id: str
    branch: int


class CompiledRules:
    """A rule base compiled into one reusable experta engine."""

    def __init__(self, rulebase: RuleBase) -> None:
        self.rulebase = rulebase
        members: dict[str, Any] = {}
        for index, rule in enumerate(rulebase.rules):
            for number, branch in enumerate(branches(rule.condition)):
                compiled = _compile_branch(rule, number, branch)
                if compiled is not None:
                    members[f"rule_{index}_{number}"] = compiled
        self.branch_count = len(members)
        # Facts are never retracted and a branch matches at most one combination of the country's facts,
        # so a branch fires at most once: the limit guards against a future rule kind that could loop.
        self.firing_limit = max(1000, 10 * self.branch_count)
        self._readable = tuple(readable_facts())
        self._tests_unknown = any(
            isinstance(leaf, FactTest) and leaf.op in ("unknown", "known")
            for rule in rulebase.rules
            for leaf in leaves(rule.condition)
        )
        engine_class = type("CompiledRuleBase", (KnowledgeEngine,), members)
        self._engine = engine_class()
        # experta's reset() finds the deffacts with inspect.getmembers over every attribute, which is a
        # third of the cost of a run; they never change, so the engine answers from a list made once.
        deffacts = self._engine.get_deffacts()
        self._engine.get_deffacts = lambda: deffacts
        self._engine.firings = []

    def run(self, values: Mapping[str, FactValue]) -> tuple[Firing, ...]:
        """Forward-chain over one country's facts; the firings in the order they happened."""
        engine = self._engine
        engine.reset()
        engine.firings = []
        country = Country(**dict(sorted(values.items())))
        if self._tests_unknown:
            unknown = {name: True for name in self._readable if name not in values}
            engine.declare(country, Unknown(**unknown))
        else:  # no rule asks for an unknown fact: one fact less through the network
            engine.declare(country)
        engine.run(self.firing_limit)
        if len(engine.firings) >= self.firing_limit:
            recent = ", ".join(dict.fromkeys(firing.rule_id for firing in engine.firings[-10:]))
            raise InferenceLimitError(
                f"the engine stopped after {self.firing_limit} firings without settling; "
                f"last rules fired: {recent}"
            )
        return tuple(engine.firings)


def _compile_branch(rule: RuleModel, number: int, branch: tuple[Literal, ...]) -> Any | None:
    tests_by_fact: dict[str, list[FactTest]] = {}
    indicators: list[str] = []
    for literal in branch:
        if isinstance(literal, IndicatorTest):
            indicators.append(literal.indicator)
        else:
            tests_by_fact.setdefault(literal.fact, []).append(literal)
    known: dict[str, Any] = {}
    unknown: dict[str, bool] = {}
    for fact, tests in tests_by_fact.items():
        if any(test.op == "unknown" for test in tests):
            if any(test.op != "unknown" for test in tests):
                return None  # the fact must be both unknown and known: this alternative can never hold
            unknown[fact] = True
            continue
        valued = [test for test in tests if test.op != "known"]
        known[fact] = P(_all_hold(valued)) if valued else W()
    patterns: list[Any] = []
    if known:
        patterns.append(Country(**known))
    if unknown:
        patterns.append(Unknown(**unknown))
    patterns.extend(Indicator(name=name) for name in dict.fromkeys(indicators))
    return Rule(*patterns, salience=rule.salience)(_action(rule, number))


def _all_hold(tests: list[FactTest]) -> Callable[[FactValue], bool]:
    def predicate(value: FactValue) -> bool:
        return all(test.holds(value) for test in tests)

    return predicate


def _action(rule: RuleModel, number: int) -> Callable[..., None]:
    indicator = rule.conclusion.indicator
    firing = Firing(rule.id, number)

    def fire(engine: Any) -> None:
        engine.firings.append(firing)
        if indicator:
            engine.declare(Indicator(name=indicator))

    return fire
