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

A set is a reset, one fact built and asserted, a run and one read of the firings, each a direct call
into CLIPS through clipspy's own C bindings (its ``lib``, its ``ffi`` and the environment's fact
builder): the Python work per set is O(facts + firings), never O(rules). The country's values become
CLIPS values as clipspy's ``assert_fact`` makes them (its ``CLIPS_VALUES``), put into the environment's
fact builder by slot name, without a template lookup or a new value per slot. Each action appends its
branch number to one of a few global lists (``?*fired-K*``, 32 branches each, so recording a firing
copies at most 32 numbers), read back after the run. (The firings used to come back through a call
from CLIPS into Python per firing, clipspy's ``define_function``, which cost ten times the firing.)

clipspy 1.0.6 retains every fact it hands back to Python and never releases it: its ``Fact.__del__``
calls ``ReleaseFact(env, fact)``, but CLIPS 6.40's ``ReleaseFact`` takes the fact alone, and the
``TypeError`` is swallowed. Each retained fact stays in CLIPS's memory after a reset, and the time per
set grew with the sets run (memory by 7 MB and time 5x over 40,000 sets). No clipspy ``Fact`` is made
here: the builder's fact stays a C pointer, retained by nothing but CLIPS, and the next reset frees
it. One Environment is built per rule base and reset per set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import clips
from clips._clips import ffi as _ffi
from clips._clips import lib as _lib
from clips.common import environment_builder
from clips.values import CLIPS_VALUES, clips_external_address

from motives.engine.model.conditions import FactTest, IndicatorTest, Literal, branches, leaves
from motives.engine.model.errors import InferenceLimitError
from motives.engine.model.operators import Shape
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue

from .compiled import Firing

# the clipspy release pinned: its Fact.__del__ never releases (see above), and run() uses its C bindings
CLIPSPY_LEAKING = "1.0.6"
# branches whose firings share one global list: a firing copies at most this many numbers
_BUCKET = 32


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
        self._by_number: list[Firing] = []

        self._env = clips.Environment()
        # a slot left out of a country fact is a fact not given: unknown if a file could give it
        slots = "".join(
            f" (slot {slot} (default {'unknown' if name in self._readable else 'absent'}))"
            for name, slot in self._slots.items()
        )
        self._env.build(f"(deftemplate country{slots})")
        self._env.build("(deftemplate indicator (slot id))")
        rules: list[str] = []
        for index, rule in enumerate(rulebase.rules):
            produced = rule.indicator
            for number, branch in enumerate(branches(rule.condition)):
                patterns = self._patterns(branch, indicator_ids)
                if patterns is None:
                    continue  # the alternative needs a fact both unknown and known: it never holds
                fired = len(self._by_number)
                bucket = f"?*fired-{fired // _BUCKET}*"
                actions = [f"(bind {bucket} (create$ {bucket} {fired}))"]
                if produced:
                    actions.append(f"(assert (indicator (id {indicator_ids[produced]})))")
                self._by_number.append(Firing(rule.id, number))
                rules.append(f"(defrule r-{index}-{number} {' '.join(patterns)} => {' '.join(actions)})")
        self.branch_count = len(self._by_number)
        buckets = [f"?*fired-{bucket}*" for bucket in range(-(-self.branch_count // _BUCKET))]
        if buckets:  # (reset) sets each back to the empty list
            self._env.build(f"(defglobal {' '.join(f'{name} = (create$)' for name in buckets)})")
        for construct in rules:
            self._env.build(construct)
        self.firing_limit = max(1000, 10 * self.branch_count)  # as network.ExpertaRules
        env = self._env._env
        self._lists = [_lib.FindDefglobal(env, name[2:-1].encode()) for name in buckets]
        # the environment's own fact builder (disposed with it), set to the country template once: it
        # keeps the template after each assert, and nothing else here builds facts
        self._builder = environment_builder(env, "fact")
        if _lib.FBSetDeftemplate(self._builder, b"country") != _lib.FBE_NO_ERROR:
            raise clips.CLIPSError(env)
        self._slot_names = {name: slot.encode() for name, slot in self._slots.items()}
        self._value = _ffi.new("CLIPSValue *")

    def run(self, values: Mapping[str, FactValue]) -> tuple[Firing, ...]:
        """Forward-chain over one country's facts; the firings in rule-base order (the set experta
        fires, in an order fixed by the rules, whichever order CLIPS made them in)."""
        env, builder, value = self._env._env, self._builder, self._value
        _lib.Reset(env)
        slot_names = self._slot_names
        for name, given in values.items():
            slot = slot_names.get(name)
            if slot is not None:
                value.value = CLIPS_VALUES.get(type(given), clips_external_address)(env, given)
                if _lib.FBPutSlot(builder, slot, value) != _lib.PSE_NO_ERROR:
                    raise clips.CLIPSError(env)
        if _lib.FBAssert(builder) == _ffi.NULL:
            raise clips.CLIPSError(env, code=_lib.FBError(env))
        count = _lib.Run(env, self.firing_limit)
        fired: list[int] = []
        for recorded in self._lists:
            _lib.DefglobalGetValue(recorded, value)
            numbers = value.multifieldValue
            if numbers.length:
                first = _ffi.cast("CLIPSValue *", numbers.contents)
                fired += [first[index].integerValue.contents for index in range(numbers.length)]
        fired.sort()
        if count >= self.firing_limit:
            rules = dict.fromkeys(self._by_number[number].rule_id for number in fired)
            raise InferenceLimitError(
                f"the engine stopped after {self.firing_limit} firings without settling; "
                f"rules fired: {', '.join(list(rules)[:10])}"
            )
        by_number = self._by_number
        return tuple([by_number[number] for number in fired])

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
