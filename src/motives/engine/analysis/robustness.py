"""How robust the verdicts are to the numbers chosen by hand: ``motives robustness``.

Two kinds of number decide a verdict beside the facts: each motive rule's certainty, and the two
dominance thresholds. Each country is classified once (through the batch machinery); which rules fire
does not depend on any certainty, so every variation only recombines the certainties of the rules that
fired. The variations, each applied alone (one at a time) and deterministic, with no sampling:

* every motive rule's certainty scaled by ``1 + percent/100`` and by ``1 - percent/100`` (kept in
  [-1, 1]), and all of them together, both ways;
* the dominance minimum set to each value of ``minimums``, the margin kept;
* the dominance margin set to each value of ``margins``, the minimum kept.

A verdict changes when the set of dominant motives differs from the one under the given rules and
thresholds (the same motives in another order is no change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from motives.engine.inference.certainty import combine
from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.index import motive_rules
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import Motive

from .batch import Row, batch_rows

DEFAULT_PERCENT = 10.0
DEFAULT_MINIMUMS = (0.4, 0.45, 0.55, 0.6)
DEFAULT_MARGINS = (0.1, 0.15, 0.25, 0.3)
ALL_RULES = "all motive rules"


@dataclass(frozen=True, slots=True)
class Flip:
    """A verdict that a variation changes."""

    index: int  # the row's position among the inputs
    country: str
    as_of: str
    path: str
    before: tuple[Motive, ...]
    after: tuple[Motive, ...]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One variation: what was varied (a rule id, ``ALL_RULES``, ``minimum`` or ``margin``), to what
    (a factor on the certainty, or the threshold's value), and the verdicts it changes."""

    varied: str
    value: float
    flips: tuple[Flip, ...]

    @property
    def name(self) -> str:
        if self.varied in ("minimum", "margin"):
            return f"dominance {self.varied} {self.value:g}"
        return f"{self.varied} x{self.value:g}"


@dataclass(frozen=True, slots=True)
class Robustness:
    rulebase: str
    percent: float
    dominance: Dominance
    compared: int
    problems: tuple[str, ...]
    rules: tuple[Scenario, ...]  # each motive rule up and down, then all rules up and down
    thresholds: tuple[Scenario, ...]

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return (*self.rules, *self.thresholds)

    def fragile(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Each country and date some variation changes, with the names of those variations, the most
        often changed first (ties in input order)."""
        found: dict[tuple[int, str, str], list[str]] = {}
        for scenario in self.scenarios:
            for flip in scenario.flips:
                found.setdefault((flip.index, flip.country, flip.as_of), []).append(scenario.name)
        ordered = sorted(found.items(), key=lambda item: (-len(item[1]), item[0][0]))
        return [(country, as_of, tuple(names)) for (_, country, as_of), names in ordered]


def _certainties(fired: Iterable[str], weights: Mapping[str, tuple[Motive, float]]) -> dict[Motive, float]:
    factors: dict[Motive, list[float]] = {motive: [] for motive in Motive}
    for rule_id in fired:
        if rule_id in weights:
            motive, certainty = weights[rule_id]
            factors[motive].append(certainty)
    return {motive: combine(values).certainty for motive, values in factors.items()}


def _scaled(certainty: float, factor: float) -> float:
    return max(-1.0, min(1.0, certainty * factor))


def robustness_of(
    rows: Sequence[Row],
    rulebase: RuleBase,
    percent: float = DEFAULT_PERCENT,
    dominance: Dominance = DEFAULT_DOMINANCE,
    minimums: Sequence[float] = DEFAULT_MINIMUMS,
    margins: Sequence[float] = DEFAULT_MARGINS,
) -> Robustness:
    """Vary the certainties and thresholds over rows classified under ``rulebase`` (with their fired
    rules) and report the verdicts each variation changes."""
    problems = tuple(problem for row in rows if row.problems for problem in row.problems)
    rows = [row for row in rows if not row.problems]
    weights = {rule.id: (motive, rule.weight) for motive in Motive for rule in motive_rules(rulebase, motive)}
    base = [_certainties(row.fired, weights) for row in rows]
    verdicts = [dominance.select(certainty) for certainty in base]

    def flips(certainties: Sequence[Mapping[Motive, float]], rule: Dominance) -> tuple[Flip, ...]:
        found = []
        for index, (row, before, certainty) in enumerate(zip(rows, verdicts, certainties, strict=True)):
            after = rule.select(certainty)
            if set(after) != set(before):
                found.append(Flip(index, row.country, row.as_of, row.path, before, after))
        return tuple(found)

    up, down = 1 + percent / 100, 1 - percent / 100
    rule_scenarios = []
    for varied in [*weights, ALL_RULES]:
        for factor in (up, down):
            changed = {
                rule_id: (motive, _scaled(certainty, factor))
                if varied in (rule_id, ALL_RULES)
                else (motive, certainty)
                for rule_id, (motive, certainty) in weights.items()
            }
            certainties = [_certainties(row.fired, changed) for row in rows]
            rule_scenarios.append(Scenario(varied, round(factor, 6), flips(certainties, dominance)))
    thresholds = [
        Scenario("minimum", value, flips(base, Dominance(value, dominance.margin)))
        for value in minimums
        if value != dominance.minimum
    ]
    thresholds += [
        Scenario("margin", value, flips(base, Dominance(dominance.minimum, value)))
        for value in margins
        if value != dominance.margin
    ]
    return Robustness(
        rulebase.version,
        percent,
        dominance,
        len(rows),
        problems,
        tuple(rule_scenarios),
        tuple(thresholds),
    )


def robustness(
    arguments: Sequence[str],
    rulebase: RuleBase,
    rules_dir: str | None = None,
    *,
    percent: float = DEFAULT_PERCENT,
    dominance: Dominance = DEFAULT_DOMINANCE,
    minimums: Sequence[float] = DEFAULT_MINIMUMS,
    margins: Sequence[float] = DEFAULT_MARGINS,
    as_of: dt.date | None = None,
    jobs: int = 1,
    engine: str = DEFAULT_ENGINE,
) -> Robustness:
    """Classify the fact files the arguments name (a panel file: its snapshot in force at ``as_of``, or
    its latest) under ``rulebase`` (loaded from ``rules_dir``) and vary the numbers."""
    rows = list(
        batch_rows(arguments, rules_dir, jobs, dominance=dominance, as_of=as_of or dt.date.max, engine=engine)
    )
    return robustness_of(rows, rulebase, percent, dominance, minimums, margins)
