"""Rule conditions: parsing, three-valued evaluation and the expansion the compiler uses.

A condition is one of

    {fact: NAME, op: OP, value: V}     a test of one observed fact or derived quantity
    {indicator: NAME}                  an indicator another rule derived
    {all: [COND, ...]}  {any: [COND, ...]}  {not: COND}

A test of an unknown fact is neither true nor false but *unknown*, and ``not`` keeps it unknown; only
``op: unknown`` (and ``known``) look at whether a fact is given. Rules fire on *true* conditions only.
Indicators cannot be negated: they are derived, and "not derived" is not evidence of the opposite.

``branches`` turns a condition into alternatives of plain literals (``not`` pushed onto single facts
through each operator's complement), which is what the compiler hands to experta as patterns.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .declared import BUILT_IN, Vocabulary
from .derived import show_fact
from .errors import Location, Problem, did_you_mean
from .loading import LocatedMap
from .operators import OPERATORS, Operator, Shape, operator_named, operator_names, show_value, value_problem
from .schema import CONDITION_LEAF, check_keys, expect_list, expect_text, kind_of
from .vocabulary import FactSpec, FactValue

MAX_BRANCHES = 64
# experta joins the patterns of a rule recursively, one level per indicator read (tests of facts share
# one pattern); several hundred levels overflow Python's stack
MAX_INDICATORS = 100

Truth = bool | None  # None: cannot be judged, a fact is unknown


@dataclass(frozen=True, slots=True)
class FactTest:
    fact: str
    op: str
    value: Any
    location: Location = field(compare=False)

    @property
    def operator(self) -> Operator:
        return OPERATORS[self.op]

    @property
    def presence(self) -> bool | None:
        """True: the test is that the fact is given; False: that it is not; None: a test of its value."""
        return OPERATORS[self.op].presence

    def negated(self) -> FactTest:
        return FactTest(self.fact, OPERATORS[self.op].complement, self.value, self.location)

    def holds(self, actual: FactValue) -> bool:
        return OPERATORS[self.op].test(actual, self.value)

    def evaluate(self, values: Mapping[str, FactValue], indicators: Mapping[str, Truth]) -> Truth:
        operator = OPERATORS[self.op]
        presence = operator.presence
        if presence is not None:
            return (self.fact in values) is presence
        if self.fact not in values:
            return None
        return operator.test(values[self.fact], self.value)

    def requirement(self) -> str:
        """The test as the rule states it: ``uniformed_personnel >= 1000``."""
        operator = OPERATORS[self.op]
        if operator.shape is Shape.NONE:
            return f"{self.fact} {operator.show('', None)}"
        return f"{self.fact} {operator.show(show_value(self.value), self.value)}"

    def shortfall(self, values: Mapping[str, FactValue]) -> str:
        """The test as it failed: ``uniformed_personnel = 30, needs >= 1000 (short by 970)``."""
        if self.fact not in values:
            return f"{self.fact} is unknown, needs {self.requirement().removeprefix(self.fact + ' ')}"
        actual = values[self.fact]
        needs = self.requirement().removeprefix(self.fact + " ")
        text = f"{self.fact} = {show_fact(self.fact, actual, self.value)}, needs {needs}"
        gap = self.gap(actual)
        return f"{text} (off by {show_fact(self.fact, gap)})" if gap else text

    def gap(self, actual: FactValue) -> float | None:
        """How far a numeric value is from meeting a one-sided threshold; None where that means nothing."""
        if not OPERATORS[self.op].bound or isinstance(actual, bool) or not isinstance(actual, int | float):
            return None
        distance = abs(float(self.value) - float(actual))
        return round(distance, 4) if distance else None

    def describe(self, values: Mapping[str, FactValue]) -> str:
        """The test with the actual value: ``budget_share_pct = 26.94 >= 5``."""
        if self.fact not in values:
            required = OPERATORS[self.op].presence is False
            return f"{self.fact} is unknown" + (" (as required)" if required else "")
        operator = OPERATORS[self.op]
        actual = show_fact(self.fact, values[self.fact], self.value)
        if operator.plain and operator.tests_value:
            return f"{self.fact} = {actual}"
        if operator.shape is Shape.NONE:
            return f"{self.fact} = {actual} ({operator.show('', None)})"
        return f"{self.fact} = {actual} {_memo(_shown_requirement, self.op, self.value)}"

    def in_words(self, values: Mapping[str, FactValue]) -> str:
        """The test as it held, in the vocabulary's words: ``assessed share of the UN peacekeeping
        budget: 27.89% (at least 5%)``; no fact names."""
        spec = BUILT_IN.readable.get(self.fact)  # a declared fact is named as declared
        subject = fact_words(self.fact)
        if self.fact not in values:
            return f"{subject}: not known"
        actual = words_value(spec, values[self.fact]) if spec else show_value(values[self.fact])
        if OPERATORS[self.op].plain:
            return f"{subject}: {actual}"
        if spec is None:
            return f"{subject}: {actual} ({_memo(_shown_requirement, self.op, self.value)})"
        return f"{subject}: {actual} ({_memo(_requirement_words, self.op, self.value, spec)})"


def value_words(name: str, value: FactValue) -> str:
    """A fact and its value for a reader: ``assessed share of the UN peacekeeping budget: 27.89%``."""
    spec = BUILT_IN.readable.get(name)
    return f"{fact_words(name)}: {words_value(spec, value) if spec else show_value(value)}"


def fact_words(name: str) -> str:
    """A fact as a trace names it for a reader: its description, up to any elaboration after a colon."""
    spec = BUILT_IN.readable.get(name)
    return spec.description.split(": ")[0] if spec else name


def words_value(spec: FactSpec, value: Any) -> str:
    """A value for a reader: ``yes``, ``5,373``, ``27.89%``, ``US$2,480``; years and ranks unseparated."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    shown = show_value(value)
    if isinstance(value, int) and spec.unit not in ("year", "rank"):
        shown = f"{value:,}"
    if spec.unit == "percent":
        return f"{shown}%"
    if spec.unit == "US$":
        return f"US${value:,.0f}"
    return shown


def _shown_requirement(op: str, value: Any) -> str:
    return OPERATORS[op].show(show_value(value), value)


_MEMO: dict[tuple[Any, ...], str] = {}


def _memo(function: Callable[..., str], op: str, value: Any, *rest: Any) -> str:
    """``function(op, value, *rest)``, worked out once: a test's threshold is shown the same way at every
    step of every trace that shows it. The key holds each value's type (``True == 1``, yet they read
    differently); a key no dict can hold is worked out each time, and the memo is emptied when full."""
    typed = tuple((type(item), item) for item in value) if isinstance(value, tuple) else (type(value), value)
    key = (function, op, typed, *rest)
    try:
        return _MEMO[key]
    except KeyError:
        if len(_MEMO) >= 4096:
            _MEMO.clear()
        found = _MEMO[key] = function(op, value, *rest)
        return found
    except TypeError:  # unhashable
        return function(op, value, *rest)


def _requirement_words(op: str, value: Any, spec: FactSpec) -> str:
    operator = OPERATORS[op]
    if operator.shape is Shape.NONE:
        return operator.words(())
    values = value if operator.shape in (Shape.LIST, Shape.RANGE) else [value]
    return operator.words(tuple(words_value(spec, item) for item in values))


@dataclass(frozen=True, slots=True)
class IndicatorTest:
    indicator: str
    location: Location = field(compare=False)

    def evaluate(self, values: Mapping[str, FactValue], indicators: Mapping[str, Truth]) -> Truth:
        return indicators.get(self.indicator, False)

    def requirement(self) -> str:
        return f"indicator {self.indicator}"


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Condition, ...]

    def evaluate(self, values: Mapping[str, FactValue], indicators: Mapping[str, Truth]) -> Truth:
        unknown = False
        for part in self.parts:  # a false part settles it: the rest need not be read
            truth = part.evaluate(values, indicators)
            if truth is False:
                return False
            unknown = unknown or truth is None
        return None if unknown else True


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def evaluate(self, values: Mapping[str, FactValue], indicators: Mapping[str, Truth]) -> Truth:
        unknown = False
        for part in self.parts:  # a true part settles it
            truth = part.evaluate(values, indicators)
            if truth is True:
                return True
            unknown = unknown or truth is None
        return None if unknown else False


@dataclass(frozen=True, slots=True)
class NotOf:
    part: Condition

    def evaluate(self, values: Mapping[str, FactValue], indicators: Mapping[str, Truth]) -> Truth:
        truth = self.part.evaluate(values, indicators)
        return None if truth is None else not truth


Condition = FactTest | IndicatorTest | AllOf | AnyOf | NotOf
Literal = FactTest | IndicatorTest


def leaves(condition: Condition) -> list[Literal]:
    """Every fact test and indicator test in the condition, in order."""
    if isinstance(condition, FactTest | IndicatorTest):
        return [condition]
    if isinstance(condition, NotOf):
        return leaves(condition.part)
    return [leaf for part in condition.parts for leaf in leaves(part)]


def branches(condition: Condition) -> tuple[tuple[Literal, ...], ...]:
    """The condition as alternatives, each a conjunction of literals (negation pushed onto facts)."""
    return _dnf(condition, negate=False)


def _dnf(condition: Condition, negate: bool) -> tuple[tuple[Literal, ...], ...]:
    if isinstance(condition, FactTest):
        return ((condition.negated() if negate else condition,),)
    if isinstance(condition, IndicatorTest):
        return ((condition,),)  # parsing refuses a negated indicator
    if isinstance(condition, NotOf):
        return _dnf(condition.part, not negate)
    parts = [_dnf(part, negate) for part in condition.parts]
    conjunctive = isinstance(condition, AllOf) != negate
    if not conjunctive:
        return tuple(branch for part in parts for branch in part)
    return tuple(tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts))


def branch_count(condition: Condition, negate: bool = False) -> int:
    """How many alternatives ``branches`` would produce, computed without producing them."""
    if isinstance(condition, FactTest | IndicatorTest):
        return 1
    if isinstance(condition, NotOf):
        return branch_count(condition.part, not negate)
    counts = [branch_count(part, negate) for part in condition.parts]
    if (isinstance(condition, AllOf)) != negate:
        total = 1
        for count in counts:
            total *= count
        return total
    return sum(counts)


def parse_conditions(
    node: Any, where: Location, problems: list[Problem], vocabulary: Vocabulary = BUILT_IN
) -> AllOf | None:
    """Parse a rule's ``when`` list; the conditions must all hold, and read facts of ``vocabulary``."""
    items = expect_list(node, where, "when", problems)
    if items is None:
        return None
    if not items:
        problems.append(Problem(where, "R410", "when has no conditions", "add at least one condition"))
        return None
    parsed = [
        _parse(item, items.item_at(index), problems, vocabulary, False) for index, item in enumerate(items)
    ]
    if any(part is None for part in parsed):
        return None
    condition = AllOf(tuple(part for part in parsed if part is not None))
    indicators = sum(isinstance(leaf, IndicatorTest) for leaf in leaves(condition))
    if indicators > MAX_INDICATORS:
        problems.append(
            Problem(
                where,
                "R411",
                f"the rule reads {indicators} indicators (limit {MAX_INDICATORS})",
                "derive an indicator for a group of them, and read that one",
            )
        )
        return None
    count = branch_count(condition)
    if count > MAX_BRANCHES:
        problems.append(
            Problem(
                where,
                "R411",
                f"the conditions expand to {count} alternatives (limit {MAX_BRANCHES})",
                "move some 'any' groups into indicator rules of their own",
            )
        )
        return None
    return condition


_COMBINATORS = ("all", "any", "not")


def _parse(
    node: Any, where: Location, problems: list[Problem], vocabulary: Vocabulary, negated: bool
) -> Condition | None:
    if not isinstance(node, LocatedMap):
        problems.append(
            Problem(
                where,
                "S203",
                f"a condition must be a mapping, not {kind_of(node)}",
                "e.g. {fact: x, op: '>=', value: 1}",
            )
        )
        return None
    combinators = [key for key in _COMBINATORS if key in node]
    if combinators:
        key = combinators[0]
        if len(node) != 1:
            extra = next(name for name in node if name != key)
            problems.append(
                Problem(
                    node.key_at(extra),
                    "S201",
                    f"'{key}' stands alone in its condition, but {extra!r} is beside it",
                    f"nest the conditions under '{key}'",
                )
            )
            return None
        if key == "not":
            part = _parse(node["not"], node.value_at("not"), problems, vocabulary, not negated)
            return None if part is None else NotOf(part)
        items = expect_list(node[key], node.value_at(key), f"'{key}'", problems)
        if items is None:
            return None
        if not items:
            problems.append(
                Problem(
                    node.value_at(key), "R410", f"'{key}' has no conditions", "add conditions or remove it"
                )
            )
            return None
        parts = [
            _parse(item, items.item_at(index), problems, vocabulary, negated)
            for index, item in enumerate(items)
        ]
        if any(part is None for part in parts):
            return None
        group = tuple(part for part in parts if part is not None)
        return AllOf(group) if key == "all" else AnyOf(group)
    if "indicator" in node:
        return _parse_indicator(node, problems, negated)
    return _parse_fact_test(node, problems, vocabulary)


def _parse_indicator(node: LocatedMap, problems: list[Problem], negated: bool) -> IndicatorTest | None:
    for key in node:
        if key != "indicator":
            problems.append(
                Problem(
                    node.key_at(key),
                    "S201",
                    f"unknown key {key!r} in an indicator condition",
                    "an indicator condition is just {indicator: NAME}",
                )
            )
            return None
    name = expect_text(node["indicator"], node.value_at("indicator"), "indicator", problems)
    if name is None:
        return None
    if negated:
        problems.append(
            Problem(
                node.value_at("indicator"),
                "R408",
                f"indicator {name!r} is negated",
                "indicators are derived, so 'not derived' is no evidence; "
                "test the facts, or derive the opposite indicator",
            )
        )
        return None
    return IndicatorTest(name, node.value_at("indicator"))


def _parse_fact_test(node: LocatedMap, problems: list[Problem], vocabulary: Vocabulary) -> FactTest | None:
    if not check_keys(node, CONDITION_LEAF, problems, "a condition"):
        return None
    facts = vocabulary.readable
    name = node["fact"]
    if name in vocabulary.broken:  # its declaration was refused, with its own message
        return None
    if not isinstance(name, str) or name not in facts:
        problems.append(
            Problem(
                node.value_at("fact"),
                "R402",
                f"unknown fact {name!r} in a condition",
                did_you_mean(str(name), facts),
            )
        )
        return None
    op_name = node["op"]
    operator = operator_named(op_name) if isinstance(op_name, str) else None
    if operator is None:
        problems.append(
            Problem(
                node.value_at("op"),
                "R401",
                f"unknown operator {op_name!r}",
                did_you_mean(str(op_name), operator_names()),
            )
        )
        return None
    spec = facts[name]
    if operator.numeric_only and not spec.numeric:
        problems.append(
            Problem(
                node.value_at("op"),
                "R406",
                f"operator {op_name!r} compares numbers, and {name} is {spec.allowed()}",
                "use == or != (or in) for this fact",
            )
        )
        return None
    value = node.get("value")
    if operator.shape is not Shape.NONE and "value" not in node:
        problems.append(
            Problem(node.location, "R406", f"operator {op_name!r} needs a value", "add value: ...")
        )
        return None
    problem = value_problem(operator, spec, value)
    if problem:
        where = node.value_at("value") if "value" in node else node.location
        problems.append(Problem(where, "R406", *problem))
        return None
    if isinstance(value, list):
        value = tuple(value)
    return FactTest(name, operator.name, value, node.location)  # at_least is >= from here on
