"""Compiling a rule base onto experta, and running it over one country's facts.

Each rule becomes one experta rule per alternative of its conditions (``conditions.branches``): every
fact a branch tests is one ``Datum(name=..., value=P(test))`` pattern, an unknown fact a
``NOT(Datum(name=...))``, an indicator an ``Indicator(name=...)`` pattern. Indicator rules declare
``Indicator`` facts, so the engine's own forward chaining carries indicators into the rules that read
them. Motive rules only record that they fired: certainty is combined in Python afterwards, which is
both faster than ``modify`` inside the engine and independent of firing order.

The engine is built once per rule base (building the Rete network costs ~10 ms) and ``reset`` per
country (experta's join memories grow quadratically if countries share one run).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .conditions import FactTest, IndicatorTest, Literal, branches
from .errors import InferenceLimitError
from .experta_compat import NOT, Fact, KnowledgeEngine, P, Rule, W
from .rules import Rule as RuleModel
from .rules import RuleBase
from .vocabulary import FactValue


class Datum(Fact):
    """One observed fact or derived quantity, keyed by its name: ``Datum(budget_share_pct=26.94)``.

    Keying by name (rather than ``name=..., value=...``) means a value test only ever sees values of its
    own fact, never a string of another fact compared with a number.
    """


class Indicator(Fact):
    """An indicator some rule derived: ``name``."""


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
                members[f"rule_{index}_{number}"] = _compile_branch(rule, number, branch)
        self.branch_count = len(members)
        self.firing_limit = max(1000, 10 * self.branch_count)
        engine_class = type("CompiledRuleBase", (KnowledgeEngine,), members)
        self._engine = engine_class()
        self._engine.firings = []

    def run(self, values: Mapping[str, FactValue]) -> tuple[Firing, ...]:
        """Forward-chain over one country's facts; the firings in the order they happened."""
        engine = self._engine
        engine.reset()
        engine.firings = []
        if values:
            engine.declare(*(Datum(**{name: value}) for name, value in sorted(values.items())))
        engine.run(self.firing_limit)
        if engine.agenda.activations:
            recent = ", ".join(dict.fromkeys(firing.rule_id for firing in engine.firings[-10:]))
            raise InferenceLimitError(
                f"the engine stopped after {self.firing_limit} firings without settling; "
                f"last rules fired: {recent}"
            )
        return tuple(engine.firings)


def _compile_branch(rule: RuleModel, number: int, branch: tuple[Literal, ...]) -> Any:
    tests_by_fact: dict[str, list[FactTest]] = {}
    indicators: list[str] = []
    for literal in branch:
        if isinstance(literal, IndicatorTest):
            indicators.append(literal.indicator)
        else:
            tests_by_fact.setdefault(literal.fact, []).append(literal)
    patterns: list[Any] = []
    for fact, tests in tests_by_fact.items():
        if any(test.op == "unknown" for test in tests):
            patterns.append(NOT(Datum(**{fact: W()})))
            continue
        valued = [test for test in tests if test.op != "known"]
        if valued:
            patterns.append(Datum(**{fact: P(_all_hold(valued))}))
        else:
            patterns.append(Datum(**{fact: W()}))
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
