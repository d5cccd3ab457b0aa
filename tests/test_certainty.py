"""Combining certainty factors: the documented formulas, bounds, and independence from rule order."""

from __future__ import annotations

import itertools
import random

import pytest

from motives.engine.inference.certainty import combine


def test_no_evidence_is_zero() -> None:
    assert combine([]).certainty == 0.0


def test_single_factor_is_itself() -> None:
    assert combine([0.4]).certainty == pytest.approx(0.4)
    assert combine([-0.3]).certainty == pytest.approx(-0.3)


def test_positive_evidence_combines_as_a_plus_b_times_one_minus_a() -> None:
    assert combine([0.4, 0.4]).certainty == pytest.approx(0.64)
    assert combine([0.4, 0.4, 0.3]).certainty == pytest.approx(0.748)


def test_negative_evidence_combines_symmetrically() -> None:
    assert combine([-0.4, -0.3]).certainty == pytest.approx(-0.58)


def test_mixed_evidence_uses_the_mycin_formula_once() -> None:
    # positives 0.5, 0.5 -> 0.75; negative -0.5; (0.75 - 0.5) / (1 - 0.5) = 0.5
    result = combine([0.5, -0.5, 0.5])
    assert result.positive == pytest.approx(0.75)
    assert result.negative == pytest.approx(-0.5)
    assert result.certainty == pytest.approx(0.5)


def test_full_contradiction_is_zero_not_a_division_by_zero() -> None:
    assert combine([1.0, -1.0]).certainty == 0.0


def test_arithmetic_is_recorded_step_by_step() -> None:
    assert combine([0.4, 0.4]).steps == ("0.40 + 0.40 x (1 - 0.40) = 0.64",)


@pytest.mark.parametrize("seed", range(20))
def test_order_never_changes_the_result(seed: int) -> None:
    generator = random.Random(seed)
    factors = [round(generator.uniform(-1, 1), 2) or 0.1 for _ in range(5)]
    results = {combine(order).certainty for order in itertools.permutations(factors)}
    assert len(results) == 1


@pytest.mark.parametrize("seed", range(20))
def test_result_stays_within_minus_one_and_one(seed: int) -> None:
    generator = random.Random(seed)
    factors = [generator.choice([-1, 1]) * generator.uniform(0.01, 1) for _ in range(generator.randint(1, 8))]
    assert -1 <= combine(factors).certainty <= 1


def test_more_supporting_evidence_never_lowers_certainty() -> None:
    base = [0.3, -0.2]
    assert combine([*base, 0.4]).certainty > combine(base).certainty
