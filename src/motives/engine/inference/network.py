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

import gc
import inspect
from collections.abc import Callable, Mapping
from typing import Any, Self

from motives.engine.model.conditions import FactTest, IndicatorTest, Literal, branches, leaves
from motives.engine.model.errors import InferenceLimitError
from motives.engine.model.operators import OPERATORS
from motives.engine.model.rules import Rule as RuleModel
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue

from .compiled import Firing
from .engine import TunedEngine
from .experta_compat import Fact, P, Rule, W


class _ScalarFact(Fact):
    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Self:
        """The fact with these fields, in their order. ``Fact(**values)`` runs each value through
        experta's freeze(), which leaves scalars as they are: the values here are scalars, so they go
        straight in (and ``Fact.__init__``, which only puts the fields in through that, is not called).
        Nothing reads a fact's fields in order: its identity and hash are sets of its fields, and each
        test reads its own field."""
        fact = dict.__new__(cls)
        fact._Fact__defaults = {}  # what Fact.__init__ sets, besides the fields
        dict.update(fact, values)
        return fact

    def __hash__(self) -> int:
        # Fact.__hash__ hashes a frozenset of every field, made again for each new fact as it enters
        # the network (a country's has some twenty-five). A declared fact's index is one of its fields
        # and names it alone: equal facts (the same class and fields) have the same index or none, so
        # they hash alike, as the hash's contract asks
        index = dict.get(self, "__factid__")
        return Fact.__hash__(self) if index is None else hash(index)


class Country(_ScalarFact):
    """Everything known about the country, one field per fact: ``Country(budget_share_pct=26.94, ...)``.

    One fact per country means a rule's tests of several facts are one pattern, not a join; a value
    test only ever sees values of its own fact.
    """


class Unknown(_ScalarFact):
    """The readable facts the country's file does not give: ``Unknown(female_personnel=True, ...)``."""


class Indicator(_ScalarFact):
    """An indicator some rule derived: ``Indicator(name=...)``."""


class ExpertaRules:
    """A rule base compiled into one reusable experta engine (a ``compiled.CompiledRules``)."""

    def __init__(self, rulebase: RuleBase) -> None:
        self.rulebase = rulebase
        members: dict[str, Any] = {}
        predicates: dict[tuple[FactTest, ...], Any] = {}
        for index, rule in enumerate(rulebase.rules):
            for number, branch in enumerate(branches(rule.condition)):
                name = f"rule_{index}_{number}"
                compiled = _compile_branch(rule, number, branch, name, predicates)
                if compiled is not None:
                    members[name] = compiled
        self.branch_count = len(members)
        # Facts are never retracted and a branch matches at most one combination of the country's facts,
        # so a branch fires at most once: the limit guards against a future rule kind that could loop.
        self.firing_limit = max(1000, 10 * self.branch_count)
        self._readable = tuple(sorted(rulebase.vocabulary.readable))  # the unknown facts' order
        self._tests_unknown = any(
            isinstance(leaf, FactTest) and leaf.presence is not None
            for rule in rulebase.rules
            for leaf in leaves(rule.condition)
        )
        engine_class = type("CompiledRuleBase", (TunedEngine,), members)
        self._engine = engine_class()
        self._engine.strategy.ranks = {name: rank for rank, name in enumerate(members)}
        self._engine.firings = []

    def run(self, values: Mapping[str, FactValue]) -> tuple[Firing, ...]:
        """Forward-chain over one country's facts; the firings in the order they happened.

        The order is deterministic (``RuleOrderStrategy``): rules matching the most recently derived
        facts first (depth first), then rule-base order, which is dependency order.
        """
        engine = self._engine
        # A run allocates many small containers (tokens, activations) and frees them all by reference
        # counting; each allocation burst would otherwise start cyclic collections that walk the whole
        # network, which made a run's cost grow with rules x firings (a third of it at 2,560 rules).
        collecting = gc.isenabled()
        gc.disable()
        try:
            engine.reset()
            engine.firings = []
            # onto the fact list, as the actions do: run() starts by matching what was declared
            engine.facts.declare(Country.of(values))
            if self._tests_unknown:  # else no rule asks for an unknown fact: one fact less to match
                unknown = {name: True for name in self._readable if name not in values}
                engine.facts.declare(Unknown.of(unknown))
            engine.run(self.firing_limit)
            # the run's matches (tokens, activations) are let go now, while the collector is paused: kept
            # until the next reset, they were new objects it walked once the run was over, to find them
            # all alive (a fifth of a run at 2,560 rules, and growing faster than the rules)
            engine.matcher.reset()
        finally:
            if collecting:
                gc.enable()
        if len(engine.firings) >= self.firing_limit:
            recent = ", ".join(dict.fromkeys(firing.rule_id for firing in engine.firings[-10:]))
            raise InferenceLimitError(
                f"the engine stopped after {self.firing_limit} firings without settling; "
                f"last rules fired: {recent}"
            )
        return tuple(engine.firings)


def _compile_branch(
    rule: RuleModel,
    number: int,
    branch: tuple[Literal, ...],
    name: str,
    predicates: dict[tuple[FactTest, ...], Any],
) -> Any | None:
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
        if any(test.presence is False for test in tests):
            if any(test.presence is not False for test in tests):
                return None  # the fact must be both unknown and known: this alternative can never hold
            unknown[fact] = True
            continue
        valued = [test for test in tests if test.presence is None]
        if valued:
            # one P per distinct test: experta shares an alpha node between patterns only when their
            # predicates are the same object, so equal tests in several rules are tested once
            key = tuple(valued)
            if key not in predicates:
                predicates[key] = P(_all_hold(valued))
            known[fact] = predicates[key]
        else:
            known[fact] = W()
    patterns: list[Any] = []
    if known:
        patterns.append(Country(**known))
    if unknown:
        patterns.append(Unknown(**unknown))
    patterns.extend(Indicator(name=name) for name in dict.fromkeys(indicators))
    return Rule(*patterns)(_action(rule, number, name))


def _all_hold(tests: list[FactTest]) -> Callable[[FactValue], bool]:
    """``all(test.holds(value) for test in tests)``, with each operator looked up once, not per call."""
    checks = tuple((OPERATORS[test.op].test, test.value) for test in tests)
    if len(checks) == 1:
        ((check, expected),) = checks
        holds = lambda value: check(value, expected)  # noqa: E731
        holds.operator_test = (check, expected)  # type: ignore[attr-defined]  # the matcher calls it directly
        return holds
    return lambda value: all(check(value, expected) for check, expected in checks)


def _action(rule: RuleModel, number: int, name: str) -> Callable[..., None]:
    indicator = rule.indicator
    fields = {"name": indicator}
    firing = Firing(rule.id, number)

    def fire(engine: Any) -> None:
        engine.firings.append(firing)
        if indicator:
            # straight onto the fact list: declare() would check the fact for patterns and nested
            # names (it is neither) and, the engine running, leave the matching to the next step anyway
            engine.facts.declare(Indicator.of(fields))

    # experta names its rule after the action; the strategy ranks rules by that name
    fire.__name__ = fire.__qualname__ = name
    # experta reads the action's signature each time it wraps it (some ten times per rule while it
    # builds the network); given here, inspect.signature returns it without working it out again
    fire.__signature__ = _ACTION_SIGNATURE  # type: ignore[attr-defined]
    return fire


def _signature_of_an_action(engine: Any) -> None:
    """What every rule's action takes: the engine, as ``self``."""


_ACTION_SIGNATURE = inspect.signature(_signature_of_an_action)
