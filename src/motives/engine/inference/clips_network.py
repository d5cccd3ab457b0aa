"""Compiling a rule base onto CLIPS (clipspy, the optional extra ``motives[clips]``), and running it.

The same compiled rule model as ``network`` (one CLIPS rule per alternative of a rule's conditions,
``conditions.branches``), translated to constructs:

* ``(deftemplate country (slot f0) (slot f1) ...)``: one fact per country, one slot per fact the rules
  read, holding its value, or the symbol ``unknown`` (a readable fact the file does not give) or
  ``absent`` (anything else not given: a derived value that is undefined);
* ``(deftemplate indicator (slot id))``: an indicator some rule derived;
* ``(defrule r-INDEX-BRANCH ...)``: the branch's fact tests as field constraints on the country fact,
  each indicator it reads as an indicator pattern; the action records the firing and, for an indicator
  rule, asserts the indicator.

Nothing from a rule file is parsed as CLIPS: rules, facts and indicators appear in the constructs only by
their position in the rule base (``r-3-0``, ``f12``, ``(id 4)``), operators only as the comparison the
operator registry's name maps to below, and the values a rule compares with as numbers, the symbols
TRUE/FALSE, or strings quoted by ``_string``. A country's values go in through clipspy's fact builder,
never as text. The semantics match ``network`` (and the operator registry) case by case: a value test on
an unknown fact fails, ``known`` needs the value, ``unknown`` needs a readable fact the file lacks.

clipspy 1.0.6 retains every fact it hands back to Python and never releases it: its ``Fact.__del__``
calls ``ReleaseFact(env, fact)``, but CLIPS 6.40's ``ReleaseFact`` takes the fact alone, and the
``TypeError`` is swallowed. Each retained fact stays in CLIPS's memory after a reset, and the time per
set grew with the sets run (memory by 7 MB and time 5x over 40,000 sets). The only fact object made here
is the country fact; ``run`` retracts it and releases it once itself, through clipspy's own ``lib``
(``_release``, applied to the pinned 1.0.6 only). The firings come back through a Python function the
actions call, not by reading facts back. One Environment is built per rule base and ``reset`` per set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import clips
from clips._clips import lib as _clips_lib

from motives.engine.model.conditions import FactTest, IndicatorTest, Literal, branches, leaves
from motives.engine.model.errors import InferenceLimitError
from motives.engine.model.operators import Shape
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue

from .compiled import Firing

# the clipspy release whose Fact.__del__ never releases (see above); a later one is trusted to
CLIPSPY_LEAKING = "1.0.6"


def _clipspy_version() -> str:
    from importlib.metadata import version

    return version("clipspy")


_RELEASE_BY_HAND = _clipspy_version() == CLIPSPY_LEAKING


class ClipsRules:
    """A rule base compiled into one reusable CLIPS environment (a ``compiled.CompiledRules``)."""

    def __init__(self, rulebase: RuleBase) -> None:
        self.rulebase = rulebase
        self._readable = frozenset(rulebase.vocabulary.readable)
        literals = [leaf for rule in rulebase.rules for leaf in leaves(rule.condition)]
        facts = dict.fromkeys(leaf.fact for leaf in literals if isinstance(leaf, FactTest))
        indicators = dict.fromkeys(
            [leaf.indicator for leaf in literals if isinstance(leaf, IndicatorTest)]
            + [rule.indicator for rule in rulebase.rules if rule.indicator]
        )
        self._slots = {name: f"f{number}" for number, name in enumerate(facts)}
        indicator_ids = {name: number for number, name in enumerate(indicators)}
        self._firings: list[Firing] = []
        self._by_number: list[Firing] = []

        self._env = clips.Environment()
        self._env.define_function(self._fired, "motives-fired")
        # a slot left out of a country fact is a fact not given: unknown if a file could give it
        slots = "".join(
            f" (slot {slot} (default {'unknown' if name in self._readable else 'absent'}))"
            for name, slot in self._slots.items()
        )
        self._env.build(f"(deftemplate country{slots})")
        self._env.build("(deftemplate indicator (slot id))")
        for index, rule in enumerate(rulebase.rules):
            produced = rule.indicator
            for number, branch in enumerate(branches(rule.condition)):
                patterns = self._patterns(branch, indicator_ids)
                if patterns is None:
                    continue  # the alternative needs a fact both unknown and known: it never holds
                actions = [f"(motives-fired {len(self._by_number)})"]
                if produced:
                    actions.append(f"(assert (indicator (id {indicator_ids[produced]})))")
                self._by_number.append(Firing(rule.id, number))
                self._env.build(f"(defrule r-{index}-{number} {' '.join(patterns)} => {' '.join(actions)})")
        self.branch_count = len(self._by_number)
        self.firing_limit = max(1000, 10 * self.branch_count)  # as network.ExpertaRules
        self._country = self._env.find_template("country")

    def run(self, values: Mapping[str, FactValue]) -> tuple[Firing, ...]:
        """Forward-chain over one country's facts; the firings in the order CLIPS made them.

        The order is deterministic (CLIPS's depth strategy: the newest facts first, then the
        order rules were built, which is rule-base order); the set is the one experta fires.
        """
        env = self._env
        self._firings = []
        env.reset()
        slots = self._slots
        country = self._country.assert_fact(**{slots[name]: values[name] for name in values if name in slots})
        try:
            count = env.run(self.firing_limit)
        finally:
            if country.exists:
                country.retract()
            if _RELEASE_BY_HAND:
                _clips_lib.ReleaseFact(country._fact)
        if count >= self.firing_limit:
            recent = ", ".join(dict.fromkeys(firing.rule_id for firing in self._firings[-10:]))
            raise InferenceLimitError(
                f"the engine stopped after {self.firing_limit} firings without settling; "
                f"last rules fired: {recent}"
            )
        return tuple(self._firings)

    def _fired(self, number: int) -> None:
        self._firings.append(self._by_number[number])

    def _patterns(self, branch: tuple[Literal, ...], indicator_ids: Mapping[str, int]) -> list[str] | None:
        tests_by_fact: dict[str, list[FactTest]] = {}
        indicators: dict[str, None] = {}
        for literal in branch:
            if isinstance(literal, IndicatorTest):
                indicators[literal.indicator] = None
            else:
                tests_by_fact.setdefault(literal.fact, []).append(literal)
        fields = []
        for fact, tests in tests_by_fact.items():
            slot = self._slots[fact]
            if any(test.presence is False for test in tests):
                if any(test.presence is not False for test in tests):
                    return None
                fields.append(f"({slot} unknown)")
                continue
            checks = "".join(f"&:{_check(test, f'?{slot}')}" for test in tests if test.presence is None)
            fields.append(f"({slot} ?{slot}&~unknown&~absent{checks})")
        patterns = [f"(country {' '.join(fields)})"] if fields else []
        patterns.extend(f"(indicator (id {indicator_ids[name]}))" for name in indicators)
        return patterns


def _check(test: FactTest, v: str) -> str:
    """The CLIPS predicate on the variable ``v`` that holds exactly when ``OPERATORS[test.op].test`` does
    on its value, for the value kinds the vocabulary allows (numbers, booleans, strings)."""
    operator, value = test.operator, test.value
    if operator.bound:  # >, >=, <, <=: CLIPS's functions of the same names
        return f"(and (numberp {v}) ({operator.name} {v} {_number(value)}))"
    if operator.shape is Shape.RANGE:
        low, high = (_number(bound) for bound in value)
        check = f"(and (numberp {v}) (<= {low} {v} {high}))"
    elif operator.shape in (Shape.SCALAR, Shape.LIST):
        options = list(value) if operator.shape is Shape.LIST else [value]
        check = _any([_equal(v, option) for option in options])
    else:
        raise ValueError(f"no CLIPS translation for operator {operator.name!r}")
    return f"(not {check})" if operator.negative else check


def _any(tests: list[str]) -> str:
    return tests[0] if len(tests) == 1 else f"(or {' '.join(tests)})"


def _equal(v: str, value: Any) -> str:
    """``v == value`` as Python reads it: numbers by value (1 == 1.0), booleans and strings exactly."""
    if isinstance(value, bool):
        return f"(eq {v} {'TRUE' if value else 'FALSE'})"
    if isinstance(value, int | float):
        return f"(and (numberp {v}) (= {v} {_number(value)}))"
    if isinstance(value, str):
        return f"(eq {v} {_string(value)})"
    raise ValueError(f"no CLIPS translation for a value of type {type(value).__name__}")


def _number(value: Any) -> str:
    """A number as a CLIPS literal that reads back as the same double (or integer)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = repr(value)
    return text if ("." in text or "e" in text) else text + ".0"


def _string(text: str) -> str:
    """A CLIPS string literal holding exactly ``text``: backslash and double quote escaped, so nothing in
    it can close the string and start a construct."""
    if "\x00" in text:
        raise ValueError("a string with a NUL character cannot be passed to CLIPS")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
