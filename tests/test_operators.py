"""Every comparison operator: its test, its complement, its text, and the values it accepts."""

from __future__ import annotations

import pytest

from motives.engine.model.conditions import FactTest
from motives.engine.model.errors import Location
from motives.engine.model.operators import OPERATORS, Shape, value_problem
from motives.engine.model.vocabulary import FACTS

HERE = Location("test")

CASES = [
    # (fact, op, rule value, actual value, holds)
    ("uniformed_personnel", ">", 1000, 1001, True),
    ("uniformed_personnel", ">", 1000, 1000, False),
    ("uniformed_personnel", ">=", 1000, 1000, True),
    ("uniformed_personnel", ">=", 1000, 999, False),
    ("uniformed_personnel", "<", 1000, 999, True),
    ("uniformed_personnel", "<", 1000, 1000, False),
    ("uniformed_personnel", "<=", 1000, 1000, True),
    ("uniformed_personnel", "<=", 1000, 1001, False),
    ("income_group", "==", "high", "high", True),
    ("income_group", "==", "high", "low", False),
    ("income_group", "!=", "high", "low", True),
    ("income_group", "!=", "high", "high", False),
    ("income_group", "in", ("low", "lower-middle"), "low", True),
    ("income_group", "in", ("low", "lower-middle"), "high", False),
    ("income_group", "not_in", ("low", "lower-middle"), "high", True),
    ("income_group", "not_in", ("low", "lower-middle"), "low", False),
    ("budget_share_pct", "between", (1, 5), 1.0, True),
    ("budget_share_pct", "between", (1, 5), 5.0, True),
    ("budget_share_pct", "between", (1, 5), 5.01, False),
    ("budget_share_pct", "not_between", (1, 5), 0.5, True),
    ("budget_share_pct", "not_between", (1, 5), 3.0, False),
    ("unsc_permanent", "==", True, True, True),
    ("unsc_permanent", "==", True, False, False),
    ("unsc_permanent", "known", None, False, True),
]


@pytest.mark.parametrize(("fact", "op", "value", "actual", "holds"), CASES)
def test_operator_on_a_known_fact(fact: str, op: str, value: object, actual: object, holds: bool) -> None:
    test = FactTest(fact, op, value, HERE)
    assert test.evaluate({fact: actual}, {}) is holds
    assert test.negated().evaluate({fact: actual}, {}) is (not holds)


@pytest.mark.parametrize("op", sorted(set(OPERATORS) - {"known", "unknown"}))
def test_a_test_of_an_unknown_fact_is_unknown_and_so_is_its_negation(op: str) -> None:
    value = {Shape.SCALAR: 1, Shape.LIST: (1,), Shape.RANGE: (1, 2)}[OPERATORS[op].shape]
    test = FactTest("missions_count", op, value, HERE)
    assert test.evaluate({}, {}) is None
    assert test.negated().evaluate({}, {}) is None


def test_known_and_unknown_look_at_presence_only() -> None:
    known = FactTest("missions_count", "known", None, HERE)
    assert known.evaluate({"missions_count": 0}, {}) is True
    assert known.evaluate({}, {}) is False
    assert known.negated().op == "unknown"
    assert known.negated().evaluate({}, {}) is True


def test_every_complement_is_an_operator_whose_complement_leads_back() -> None:
    for name, operator in OPERATORS.items():
        assert OPERATORS[operator.complement].complement == name


@pytest.mark.parametrize(
    ("op", "value", "values", "text"),
    [
        (">=", 5, {"budget_share_pct": 26.94}, "budget_share_pct = 26.94 >= 5"),
        ("<", 1, {"budget_share_pct": 0.21}, "budget_share_pct = 0.21 < 1"),
        ("between", (1, 5), {"budget_share_pct": 2.0}, "budget_share_pct = 2 between 1 and 5"),
        (">=", 5, {}, "budget_share_pct is unknown"),
        ("known", None, {"budget_share_pct": 3.5}, "budget_share_pct = 3.5 (is known)"),
    ],
)
def test_describe_shows_the_actual_value_and_the_threshold(op, value, values, text) -> None:
    assert FactTest("budget_share_pct", op, value, HERE).describe(values) == text


def test_requirement_states_the_rule() -> None:
    assert (
        FactTest("income_group", "in", ("low", "high"), HERE).requirement() == "income_group in [low, high]"
    )


@pytest.mark.parametrize(
    ("fact", "op", "value", "problem"),
    [
        ("unsc_permanent", ">=", 1, "operator '>=' needs a numeric fact, and unsc_permanent is bool"),
        ("budget_share_pct", ">=", 120, "the value for budget_share_pct must be <= 100, not 120"),
        ("budget_share_pct", "between", [5, 1], "range [5, 1] has min above max"),
        ("budget_share_pct", "between", [1], "operator 'between' needs exactly two values, [min, max]"),
        ("budget_share_pct", "between", 3, "operator 'between' needs exactly two values, [min, max]"),
        ("income_group", "in", [], "operator 'in' needs a non-empty list as its value"),
        (
            "income_group",
            "==",
            "rich",
            "the value for income_group must be one of low, lower-middle, upper-middle, high, not 'rich'",
        ),
        (
            "uniformed_personnel",
            ">=",
            "many",
            "the value for uniformed_personnel must be a number, not 'many'",
        ),
        ("missions_count", "known", 3, "operator 'known' takes no value"),
    ],
)
def test_value_problems_are_explained(fact: str, op: str, value: object, problem: str) -> None:
    found = value_problem(OPERATORS[op], FACTS[fact], value)
    assert found is not None and found[0] == problem


def test_values_that_fit_have_no_problem() -> None:
    assert value_problem(OPERATORS[">="], FACTS["budget_share_pct"], 5) is None
    assert value_problem(OPERATORS["in"], FACTS["income_group"], ["low", "high"]) is None
    assert value_problem(OPERATORS["=="], FACTS["unsc_permanent"], True) is None


WORDS = [("at_least", ">="), ("at_most", "<="), ("above", ">"), ("below", "<"), ("is", "==")]


@pytest.mark.parametrize(("word", "symbol"), WORDS)
def test_a_word_reads_as_its_operator_in_a_rule(tmp_path, word: str, symbol: str) -> None:  # type: ignore[no-untyped-def]
    """`op: at_least` loads as `op: '>='`: the same test, shown and checked by its symbol."""
    from motives.engine.model.catalog import SHIPPED_RULES
    from motives.engine.model.rules import load_rulebase

    (tmp_path / "references.yaml").write_text(
        (SHIPPED_RULES / "references.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    value = '"high"' if symbol == "==" else "1000"
    fact = "income_group" if symbol == "==" else "uniformed_personnel"
    (tmp_path / "rules.yaml").write_text(
        "rules:\n"
        "  - id: political.test\n"
        "    title: a test\n"
        "    when:\n"
        f"      - {{fact: {fact}, op: {word}, value: {value}}}\n"
        "    then: {motive: political, certainty: 0.3}\n"
        "    rationale: a test.\n"
        "    citations: [{ref: bellamy-williams-2013}]\n",
        encoding="utf-8",
    )
    (rule,) = load_rulebase(tmp_path).rules
    (test,) = rule.condition.parts  # type: ignore[attr-defined]
    assert test.op == symbol and OPERATORS[symbol].aliases == (word,)


def test_the_semantics_the_engines_read_are_the_registrys() -> None:
    """Presence tests, one-sided bounds and negative operators are properties of the registry: each
    negative operator holds exactly where its complement fails on a known value."""
    assert {name for name, op in OPERATORS.items() if op.presence is not None} == {"known", "unknown"}
    assert {name for name, op in OPERATORS.items() if op.bound} == {">", ">=", "<", "<="}
    for name, op in OPERATORS.items():
        if op.negative:
            complement = OPERATORS[op.complement]
            assert not complement.negative and complement.shape is op.shape, name
