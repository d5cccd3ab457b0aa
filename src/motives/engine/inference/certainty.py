"""Combining evidence into a motive's certainty (MYCIN certainty factors).

Each fired motive rule contributes a certainty factor in [-1, 1]. Two positive factors combine as
``a + b(1 - a)``, two negative ones as ``a + b(1 + a)``: both operations are commutative and
associative. MYCIN's formula for mixed signs, ``(a + b) / (1 - min(|a|, |b|))``, is not associative,
so combining one by one would make the result depend on rule order. Here all positive evidence is
combined first, all negative evidence second, and the two totals are combined once with the mixed
formula: the certainty is the same whatever order the rules fired in. The result lies in [-1, 1].
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Combination:
    """A motive's certainty and the arithmetic that produced it, step by step, for explanations."""

    certainty: float
    positive: float
    negative: float
    steps: tuple[str, ...]


def combine(factors: Iterable[float]) -> Combination:
    """Combine certainty factors, recording each step of the arithmetic."""
    return _combine(tuple(sorted(factors, reverse=True)))


@functools.lru_cache(maxsize=4096)
def _combine(values: tuple[float, ...]) -> Combination:
    """``combine`` of sorted factors, worked out once: the same few sets of rules fire for many countries
    and thousands of times in a counterfactual search (a Combination is frozen, so it can be shared)."""
    positives = [value for value in values if value > 0]
    negatives = [value for value in values if value < 0]
    steps: list[str] = []
    positive = _fold(positives, steps, "+")
    negative = _fold(negatives, steps, "-")
    if positives and negatives:
        denominator = 1 - min(abs(positive), abs(negative))
        total = 0.0 if denominator == 0 else (positive + negative) / denominator
        steps.append(
            f"mixed: ({positive:.2f} + {negative:.2f}) / (1 - min({abs(positive):.2f}, {abs(negative):.2f})) "
            f"= {total:.2f}"
        )
    else:
        total = positive + negative
    return Combination(round(total, 6), round(positive, 6), round(negative, 6), tuple(steps))


def _fold(factors: list[float], steps: list[str], sign: str) -> float:
    total = 0.0
    for index, factor in enumerate(factors):
        if index == 0:
            total = factor
            continue
        if sign == "+":
            new = total + factor * (1 - total)
            steps.append(f"{total:.2f} + {factor:.2f} x (1 - {total:.2f}) = {new:.2f}")
        else:
            new = total + factor * (1 + total)
            steps.append(f"{total:.2f} + ({factor:.2f}) x (1 + ({total:.2f})) = {new:.2f}")
        total = new
    return total


def legend(dominance_rule: str) -> str:
    """What a trace's certainties mean and how they combine, in words, for the foot of a trace.

    ``dominance_rule`` is the run's own (``Dominance.rule``), so the legend states the thresholds used.
    """
    threshold = dominance_rule.removeprefix("dominant: certainty >=").strip()
    return (
        "Certainty runs from -1 (the evidence rules a motive out) through 0 (no evidence) to +1 (certain). "
        "Each rule that holds adds evidence for a motive (+) or against it (-). Evidence of one sign "
        "accumulates without passing 1: a and b combine as a+b(1-a) (two negatives as a+b(1+a)), so "
        "0.40 and 0.30 give 0.58; the positive and negative totals p and n then combine as "
        "(p+n)/(1-min(|p|,|n|)), so the order of the rules never matters. "
        f"A motive is dominant when its certainty is at least {threshold}."
    )
