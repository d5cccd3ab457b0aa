"""Combining evidence into a motive's certainty (MYCIN certainty factors).

Each fired motive rule contributes a certainty factor in [-1, 1]. Two positive factors combine as
``a + b(1 - a)``, two negative ones as ``a + b(1 + a)``: both operations are commutative and
associative. MYCIN's formula for mixed signs, ``(a + b) / (1 - min(|a|, |b|))``, is not associative,
so combining one by one would make the result depend on rule order. Here all positive evidence is
combined first, all negative evidence second, and the two totals are combined once with the mixed
formula: the certainty is the same whatever order the rules fired in. The result lies in [-1, 1].
"""

from __future__ import annotations

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
    values = sorted(factors, reverse=True)
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
