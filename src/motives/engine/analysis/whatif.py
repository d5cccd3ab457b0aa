"""What-if: rerun a classification with some facts changed, and say what changed.

``--set female_personnel=800`` overrides are typed and checked like a fact file; the result lists the
motives gained or lost as dominant, every certainty before and after, and the rules newly fired or
silenced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from motives.engine.inference.classify import classify
from motives.engine.inference.compiled import CompiledRules
from motives.engine.inference.trace import Classification
from motives.engine.model.facts import FactSet, apply_overrides
from motives.engine.model.operators import show_value
from motives.engine.model.vocabulary import Motive


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
    changes: tuple[str, ...]  # "female_personnel: unknown -> 800"
    motives: tuple[MotiveChange, ...]
    newly_fired: tuple[str, ...]
    silenced: tuple[str, ...]

    @property
    def gained(self) -> tuple[Motive, ...]:
        return tuple(m.motive for m in self.motives if m.dominant_after and not m.dominant_before)

    @property
    def lost(self) -> tuple[Motive, ...]:
        return tuple(m.motive for m in self.motives if m.dominant_before and not m.dominant_after)


def what_if(facts: FactSet, assignments: Iterable[str], compiled: CompiledRules) -> WhatIf:
    """Classify ``facts`` as they are and with ``NAME=VALUE`` assignments applied, and compare; an
    assignment may set any fact of the rule base's vocabulary, declared ones included."""
    changed, overrides = apply_overrides(facts, assignments, compiled.rulebase.vocabulary)
    return compare(facts, changed, compiled, overrides)


def compare(facts: FactSet, changed: FactSet, compiled: CompiledRules, overrides: dict) -> WhatIf:
    before, after = classify(facts, compiled), classify(changed, compiled)
    old = facts.values()
    changes = tuple(
        f"{name}: {show_value(old[name]) if name in old else 'unknown'} -> "
        f"{'unknown' if value is None else show_value(value)}"
        for name, value in overrides.items()
    )
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
