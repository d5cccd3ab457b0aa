"""The comparison operators a rule condition may use: a registry listed by hand.

Each operator knows the shape of value it needs, which facts it applies to, how to test an actual value
against the rule's value, its logical complement (so ``not`` can be pushed onto a single fact while an
unknown fact stays unknown), and how to show the comparison in an explanation.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .vocabulary import FactSpec, FactValue


class Shape(StrEnum):
    NONE = "none"  # no value: known / unknown
    SCALAR = "scalar"  # one value
    LIST = "list"  # a non-empty list of values
    RANGE = "range"  # [min, max], both included


@dataclass(frozen=True, slots=True)
class Operator:
    name: str
    description: str
    shape: Shape
    numeric_only: bool
    complement: str
    test: Callable[[FactValue, Any], bool]
    show: Callable[[str, Any], str]  # (rule value shown, raw rule value) -> the operator part of the text
    words: Callable[[tuple[str, ...]], str]  # the rule's value(s) in a reader's words -> the requirement
    presence: bool | None = None  # a presence test: True, the fact is given; False, it is not
    bound: bool = False  # a one-sided bound (>, >=, <, <=): a failing value has a gap to the threshold
    negative: bool = False  # holds where its complement fails (!=, not_in, not_between)
    plain: bool = False  # the value alone says the test held (== 3 reads "3"; known reads the value)
    aliases: tuple[str, ...] = ()  # words a rule may write instead (at_least), read as the operator

    @property
    def tests_value(self) -> bool:
        """False for the presence tests, which hold or fail whatever the value."""
        return self.presence is None


def _list(values: Any) -> str:
    return "[" + ", ".join(show_value(value) for value in values) + "]"


OPERATORS: dict[str, Operator] = {
    operator.name: operator
    for operator in (
        Operator(
            ">",
            "greater than",
            Shape.SCALAR,
            True,
            "<=",
            lambda a, b: a > b,
            lambda s, _: f"> {s}",
            lambda w: f"more than {w[0]}",
            bound=True,
            aliases=("above",),
        ),
        Operator(
            ">=",
            "at least",
            Shape.SCALAR,
            True,
            "<",
            lambda a, b: a >= b,
            lambda s, _: f">= {s}",
            lambda w: f"at least {w[0]}",
            bound=True,
            aliases=("at_least",),
        ),
        Operator(
            "<",
            "less than",
            Shape.SCALAR,
            True,
            ">=",
            lambda a, b: a < b,
            lambda s, _: f"< {s}",
            lambda w: f"less than {w[0]}",
            bound=True,
            aliases=("below",),
        ),
        Operator(
            "<=",
            "at most",
            Shape.SCALAR,
            True,
            ">",
            lambda a, b: a <= b,
            lambda s, _: f"<= {s}",
            lambda w: f"at most {w[0]}",
            bound=True,
            aliases=("at_most",),
        ),
        Operator(
            "==",
            "equal to",
            Shape.SCALAR,
            False,
            "!=",
            lambda a, b: a == b,
            lambda s, _: f"== {s}",
            lambda w: w[0],
            plain=True,
            aliases=("is",),
        ),
        Operator(
            "!=",
            "not equal to",
            Shape.SCALAR,
            False,
            "==",
            lambda a, b: a != b,
            lambda s, _: f"!= {s}",
            lambda w: f"not {w[0]}",
            negative=True,
        ),
        Operator(
            "in",
            "one of a list",
            Shape.LIST,
            False,
            "not_in",
            lambda a, b: a in b,
            lambda _, v: f"in {_list(v)}",
            lambda w: f"one of {', '.join(w)}",
        ),
        Operator(
            "not_in",
            "none of a list",
            Shape.LIST,
            False,
            "in",
            lambda a, b: a not in b,
            lambda _, v: f"not in {_list(v)}",
            lambda w: f"none of {', '.join(w)}",
            negative=True,
        ),
        Operator(
            "between",
            "within [min, max], both included",
            Shape.RANGE,
            True,
            "not_between",
            lambda a, b: b[0] <= a <= b[1],
            lambda _, v: f"between {show_value(v[0])} and {show_value(v[1])}",
            lambda w: f"between {w[0]} and {w[1]}",
        ),
        Operator(
            "not_between",
            "outside [min, max]",
            Shape.RANGE,
            True,
            "between",
            lambda a, b: not b[0] <= a <= b[1],
            lambda _, v: f"not between {show_value(v[0])} and {show_value(v[1])}",
            lambda w: f"outside {w[0]} to {w[1]}",
            negative=True,
        ),
        Operator(
            "known",
            "the fact is given",
            Shape.NONE,
            False,
            "unknown",
            lambda a, b: True,
            lambda s, v: "is known",
            lambda w: "known",
            presence=True,
            plain=True,
        ),
        Operator(
            "unknown",
            "the fact is not given",
            Shape.NONE,
            False,
            "known",
            lambda a, b: False,
            lambda s, v: "is unknown",
            lambda w: "not known, as required",
            presence=False,
        ),
    )
}


# an alias -> the operator it names
_BY_ALIAS = {alias: operator for operator in OPERATORS.values() for alias in operator.aliases}


def operator_named(name: str) -> Operator | None:
    """The operator a rule names, by its symbol or one of its words (``at_least`` is ``>=``)."""
    return OPERATORS.get(name) or _BY_ALIAS.get(name)


def operator_names() -> list[str]:
    """Every name a rule may write for an operator: the symbols, then the words."""
    return [*OPERATORS, *_BY_ALIAS]


def show_value(value: Any) -> str:
    """A value as explanations and messages write it (YAML spelling for booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(round(value, 4))
    return str(value)


def value_problem(operator: Operator, spec: FactSpec, value: Any) -> tuple[str, str] | None:
    """Why ``value`` cannot be compared with fact ``spec`` by ``operator``, and what to write instead."""
    takes = f"{spec.name} takes {spec.allowed()}"
    if operator.numeric_only and not spec.numeric:
        return f"operator {operator.name!r} needs a numeric fact, and {spec.name} is {spec.kind.value}", takes
    if operator.shape is Shape.NONE:
        return None if value is None else (f"operator {operator.name!r} takes no value", "remove the value")
    if operator.shape is Shape.SCALAR:
        problem = _member_problem(spec, value)
        return (problem, takes) if problem else None
    if operator.shape is Shape.RANGE:
        if not isinstance(value, list) or len(value) != 2:
            return (
                f"operator {operator.name!r} needs exactly two values, [min, max]",
                "write value: [min, max]",
            )
        problem = _member_problem(spec, value[0]) or _member_problem(spec, value[1])
        if problem:
            return problem, takes
        if value[0] > value[1]:
            shown = f"[{show_value(value[0])}, {show_value(value[1])}]"
            return f"range {shown} has min above max", "write [min, max] with min <= max"
        return None
    if not isinstance(value, list) or not value:
        return f"operator {operator.name!r} needs a non-empty list as its value", "write value: [a, b, ...]"
    for item in value:
        problem = _member_problem(spec, item)
        if problem:
            return problem, takes
    return None


def _member_problem(spec: FactSpec, value: Any) -> str | None:
    error = spec.type_error(value)
    return f"the value for {spec.name} {error}" if error else None
