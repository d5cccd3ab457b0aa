"""What-if: rerun a classification with some facts changed, and say what changed.

``--set female_personnel=800`` overrides are typed and checked like a fact file; the result lists the
motives gained or lost as dominant, every certainty before and after, and the rules newly fired or
silenced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from motives.engine.inference.classify import Run
from motives.engine.inference.trace import Classification
from motives.engine.model.facts import apply_overrides
from motives.engine.model.operators import show_value
from motives.engine.model.vocabulary import FactValue, Motive


@dataclass(frozen=True, slots=True)
class Change:
    """One fact changed: ``female_personnel: unknown -> 800``."""

    fact: str
    before: FactValue | None  # None: the fact was unknown
    after: FactValue | None  # None: the fact is made unknown

    def __str__(self) -> str:
        return f"{self.fact}: {_shown(self.before)} -> {_shown(self.after)}"

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "before": self.before, "after": self.after, "text": str(self)}


def _shown(value: FactValue | None) -> str:
    return "unknown" if value is None else show_value(value)


@dataclass(frozen=True, slots=True)
class MotiveChange:
    motive: Motive
    before: float
    after: float
    dominant_before: bool
    dominant_after: bool


@dataclass(frozen=True, slots=True)
class WhatIf:
    before: Classification
    after: Classification
    changes: tuple[Change, ...]
    motives: tuple[MotiveChange, ...]
    newly_fired: tuple[str, ...]
    silenced: tuple[str, ...]

    @property
    def gained(self) -> tuple[Motive, ...]:
        return tuple(m.motive for m in self.motives if m.dominant_after and not m.dominant_before)

    @property
    def lost(self) -> tuple[Motive, ...]:
        return tuple(m.motive for m in self.motives if m.dominant_before and not m.dominant_after)


def what_if(run: Run, assignments: Iterable[str]) -> WhatIf:
    """The run as it is and with ``NAME=VALUE`` assignments applied, compared; an assignment may set any
    fact of the rule base's vocabulary, declared ones included."""
    changed, overrides = apply_overrides(run.facts, assignments, run.rulebase.vocabulary)
    return difference(run, run.again(changed), overrides)


def difference(before_run: Run, after_run: Run, overrides: dict[str, FactValue | None]) -> WhatIf:
    """What changed between two runs of the same rules, the second on the facts ``overrides`` changed."""
    before, after = before_run.classification, after_run.classification
    old = before_run.facts.values()
    changes = tuple(Change(name, old.get(name), value) for name, value in overrides.items())
    motives = tuple(
        MotiveChange(
            motive,
            before.motive(motive).certainty,
            after.motive(motive).certainty,
            motive in before.dominant,
            motive in after.dominant,
        )
        for motive in Motive
    )
    fired_before, fired_after = set(before.fired), set(after.fired)
    return WhatIf(
        before,
        after,
        changes,
        motives,
        tuple(rule for rule in after.fired if rule not in fired_before),
        tuple(rule for rule in before.fired if rule not in fired_after),
    )
