"""Derived quantities: the one place where facts are computed from other facts.

Rules read a derived quantity exactly like an observed fact. Each is a plain Python function of named
inputs, listed here by hand; no expression text from a file is ever evaluated. A derived quantity is
unknown when any input is unknown or when it is undefined (a share of zero personnel). Values are
never rounded here, so a threshold compares the exact quantity; ``show_fact`` is the one place outputs
round them for display (to the spec's ``decimals``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .operators import show_value
from .vocabulary import FACTS, FactSpec, FactValue, Kind


@dataclass(frozen=True, slots=True)
class DerivedSpec:
    """A quantity computed from facts; ``formula`` is how explanations show the computation."""

    spec: FactSpec
    inputs: tuple[str, ...]
    formula: str
    compute: Callable[[Mapping[str, FactValue]], FactValue | None]
    # input -> the value of that input that makes the quantity reach a target, the other inputs held;
    # what-if searches use it to turn a threshold on the quantity into a change of a fact
    solve: Mapping[str, Callable[[float, Mapping[str, FactValue]], float | None]] = field(
        default_factory=dict
    )

    @property
    def name(self) -> str:
        return self.spec.name


def _female_share_pct(values: Mapping[str, FactValue]) -> float | None:
    total = values["uniformed_personnel"]
    if not total:
        return None
    return 100.0 * float(values["female_personnel"]) / float(total)


def _personnel_per_budget_pct(values: Mapping[str, FactValue]) -> float | None:
    share = values["budget_share_pct"]
    if not share:
        return None
    return float(values["uniformed_personnel"]) / float(share)


DERIVED: dict[str, DerivedSpec] = {
    derived.name: derived
    for derived in (
        DerivedSpec(
            FactSpec(
                "female_share_pct",
                Kind.FLOAT,
                "women as a share of the uniformed personnel deployed",
                unit="percent",
                minimum=0,
                maximum=100,
                decimals=1,
            ),
            ("female_personnel", "uniformed_personnel"),
            "100 x female_personnel / uniformed_personnel",
            _female_share_pct,
            {
                "female_personnel": lambda target, v: target * float(v["uniformed_personnel"]) / 100.0,
                "uniformed_personnel": lambda target, v: (
                    100.0 * float(v["female_personnel"]) / target if target else None
                ),
            },
        ),
        DerivedSpec(
            FactSpec(
                "personnel_per_budget_pct",
                Kind.FLOAT,
                "uniformed personnel deployed per percentage point of the peacekeeping budget paid: "
                "high for providers, low for payers",
                unit="people per percentage point",
                minimum=0,
                decimals=0,
            ),
            ("uniformed_personnel", "budget_share_pct"),
            "uniformed_personnel / budget_share_pct",
            _personnel_per_budget_pct,
            {
                "uniformed_personnel": lambda target, v: target * float(v["budget_share_pct"]),
                "budget_share_pct": lambda target, v: (
                    float(v["uniformed_personnel"]) / target if target else None
                ),
            },
        ),
    )
}


def derive(observed: Mapping[str, FactValue]) -> dict[str, FactValue]:
    """Every derived quantity whose inputs are all known and which is defined for them."""
    result: dict[str, FactValue] = {}
    for name, derived in DERIVED.items():
        if all(name_in in observed for name_in in derived.inputs):
            value = derived.compute(observed)
            # undefined (a share of nothing) or beyond floating point (a share of 1e-320): unknown
            if value is not None and math.isfinite(float(value)):
                result[name] = value
    return result


def show_fact(name: str, value: FactValue, against: object = None) -> str:
    """How outputs show a value of fact ``name``: rounded to its spec's ``decimals`` (a derived share as
    15.7, not 15.6716), unless rounding would move it across ``against``, the threshold it is shown
    beside (14.96 is never shown as 15.0 beside ``>= 15``)."""
    spec = FACTS.get(name) or (DERIVED[name].spec if name in DERIVED else None)
    if spec is None or spec.decimals is None or isinstance(value, bool) or not isinstance(value, float):
        return show_value(value)
    if not math.isfinite(value):
        return show_value(value)
    rounded = round(value, spec.decimals)
    threshold = isinstance(against, int | float) and not isinstance(against, bool)
    if threshold and (rounded > against, rounded == against) != (value > against, value == against):  # type: ignore[operator]
        return show_value(value)
    return show_value(float(rounded))
