"""What a classification concluded and how: frozen values that renderers turn into text or JSON.

A ``Step`` is one rule firing: the rule, what it concluded, each condition with the actual value and
the fact's source (and in words, for a reader who does not know the fact names), and the rule's
citations, split into the literature it rests on and the data releases its thresholds were read from.
A condition on an indicator carries the steps that derived the indicator, so a motive's evidence
unfolds into a tree down to the raw facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motives.engine.model.facts import Fact, facts_hash
from motives.engine.model.vocabulary import FactValue, Motive


@dataclass(frozen=True, slots=True)
class Check:
    """One condition of a fired rule, as it held."""

    text: str  # "budget_share_pct = 26.94 >= 5", or "indicator major_financial_contributor"
    words: str = (
        ""  # "assessed share of the UN peacekeeping budget: 26.94% (at least 5%)"; "" for an indicator
    )
    fact: str | None = None
    value: FactValue | None = None
    source: str | None = None  # where the figure comes from; for a derived quantity, its formula
    inputs: tuple[Check, ...] = ()  # the facts a derived quantity was computed from
    indicator: str | None = None
    support: tuple[Step, ...] = ()  # the firings that derived the indicator


@dataclass(frozen=True, slots=True)
class Step:
    """One rule firing and why it fired."""

    rule_id: str
    title: str
    conclusion: str  # "indicator major_financial_contributor" or "political +0.40"
    certainty: float | None
    checks: tuple[Check, ...]
    citations: tuple[str, ...]  # every reference the rule names, literature and data
    location: str  # file:line of the rule
    threshold_sources: tuple[str, ...] = ()  # those citations that name a data release (kind: data)

    @property
    def literature(self) -> tuple[str, ...]:
        """What the rule cites for its reasoning: its citations less the data releases."""
        return tuple(citation for citation in self.citations if citation not in self.threshold_sources)


@dataclass(frozen=True, slots=True)
class Unjudged:
    """A rule that could have given evidence but could not be judged because facts are unknown."""

    rule_id: str
    title: str
    certainty: float | None
    missing: tuple[str, ...]  # the unknown (or undefined) facts that blocked it


@dataclass(frozen=True, slots=True)
class MotiveResult:
    """One motive's certainty, whether it is dominant, the steps of its fired rules, the arithmetic
    that combined them and the rules that could not be judged."""

    motive: Motive
    certainty: float
    dominant: bool
    evidence: tuple[Step, ...]
    arithmetic: tuple[str, ...]
    unjudged: tuple[Unjudged, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of what the rules read the fact set knows: a verdict on thin facts says so."""

    read: int  # observed facts some rule reads
    known: int  # of those, the ones the fact set gives
    estimates: int  # known values whose source is an ESTIMATE
    lower_bounds: int  # known values whose source gives a LOWER BOUND

    @property
    def thin(self) -> bool:
        """Fewer than half of the facts the rules read are known."""
        return 2 * self.known < self.read

    def text(self) -> str:
        """``19 of the 21 facts the rules read are known, 1 estimated, 1 a lower bound``."""
        parts = [f"{self.known} of the {self.read} facts the rules read are known"]
        if self.estimates:
            parts.append(f"{self.estimates} estimated")
        if self.lower_bounds:
            parts.append("1 a lower bound" if self.lower_bounds == 1 else f"{self.lower_bounds} lower bounds")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Classification:
    """The verdict for one country at one date, with everything needed to explain it."""

    country: str
    iso3: str
    as_of: dt.date
    facts_path: str
    dominant: tuple[Motive, ...]
    motives: tuple[MotiveResult, ...]  # all five, highest certainty first
    fired: tuple[str, ...]  # rule ids, in rule-base order
    rulebase_version: str
    dominance_rule: str
    facts: tuple[Fact, ...] = ()  # the snapshot's facts, each with its source
    coverage: Coverage = Coverage(0, 0, 0, 0)

    def motive(self, motive: Motive | str) -> MotiveResult:
        return next(result for result in self.motives if result.motive == motive)

    @property
    def facts_hash(self) -> str:
        """The hash of the facts the verdict was drawn from, to print beside the rule base's."""
        return facts_hash(self.country, self.iso3, self.as_of, self.facts)
