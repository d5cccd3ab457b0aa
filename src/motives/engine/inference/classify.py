"""Classifying a country: run the compiled rules, combine evidence, pick dominant motives, explain.

The experta engine decides which rules fire. The three-valued reading of the same conditions
(``conditions.evaluate``) then says, for every rule that did not fire, whether it was false or could not
be judged because a fact is unknown, which is what an honest explanation must report.

Dominance: a motive is dominant when its certainty is at least ``Dominance.minimum`` (0.5) and within
``Dominance.margin`` (0.2) of the highest certainty. Several motives can be dominant (ties included), and
a country whose strongest motive stays below the minimum has no dominant motive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from motives.engine.model.catalog import SHIPPED_RULES, load_fact_arguments, load_rules_argument
from motives.engine.model.conditions import Truth
from motives.engine.model.declared import read_vocabulary
from motives.engine.model.derived import derive
from motives.engine.model.errors import InputError, Problem
from motives.engine.model.facts import FactSet
from motives.engine.model.index import (
    all_facts_read,
    kept,
    memo_table,
    motive_evidence,
    motive_rule_ids,
    once,
    rule_positions,
)
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue, Motive

from .certainty import Combination, combine
from .compiled import DEFAULT_ENGINE, CompiledRules, compile_network
from .explain import MOTIVES, Explainer
from .trace import Classification, Coverage


@dataclass(frozen=True, slots=True)
class Dominance:
    """The rule that picks the dominant motives: certainty at least ``minimum`` and within ``margin`` of
    the highest certainty. The shipped values are the defaults; ``evaluate``, ``batch`` and
    ``robustness`` vary them."""

    minimum: float = 0.5
    margin: float = 0.2

    @property
    def rule(self) -> str:
        return f"dominant: certainty >= {self.minimum:g} and within {self.margin:g} of the highest certainty"

    def select(self, certainties: Mapping[Motive, float]) -> tuple[Motive, ...]:
        """The dominant motives, highest certainty first (ties in the order of the Motive enum)."""
        if not certainties:
            return ()
        top = max(certainties.values())
        chosen = [
            motive
            for motive in MOTIVES
            if motive in certainties
            and certainties[motive] >= self.minimum
            and certainties[motive] >= top - self.margin - 1e-9
        ]
        return tuple(sorted(chosen, key=lambda motive: -certainties[motive]))


DEFAULT_DOMINANCE = Dominance()
DOMINANT_MINIMUM = DEFAULT_DOMINANCE.minimum
DOMINANT_MARGIN = DEFAULT_DOMINANCE.margin
DOMINANCE_RULE = DEFAULT_DOMINANCE.rule


def dominant_motives(
    certainties: Mapping[Motive, float], dominance: Dominance = DEFAULT_DOMINANCE
) -> tuple[Motive, ...]:
    """The dominant motives, highest certainty first (ties in the order of the Motive enum)."""
    return dominance.select(certainties)


def compile_rules(rulebase: RuleBase, engine: str = DEFAULT_ENGINE) -> CompiledRules:
    """Build the network for a rule base once, on ``engine`` (experta, the default, or clips); reuse it
    for every country. Both engines fire the same rules, so everything downstream reads the same."""
    return compile_network(rulebase, engine)


@dataclass(frozen=True, eq=False)
class Run:
    """One country's run of the rules, made once and read by every analysis: the facts with the values
    derived from them, the rules the engine fired, and every rule's three-valued truth. Its verdict and
    its explained classification are computed on first use, once."""

    facts: FactSet
    compiled: CompiledRules
    values: Mapping[str, FactValue]  # the facts and the values derived from them
    fired: frozenset[str]  # the ids of the rules the engine fired
    truths: Mapping[str, Truth]  # every rule's condition read in three-valued logic (evaluate_rules)
    dominance: Dominance = DEFAULT_DOMINANCE

    @property
    def rulebase(self) -> RuleBase:
        return self.compiled.rulebase

    @cached_property
    def combinations(self) -> dict[Motive, Combination]:
        """Each motive's evidence combined, with the arithmetic."""
        evidence = motive_evidence(self.rulebase)
        weights: dict[Motive, list[float]] = {motive: [] for motive in MOTIVES}
        for rule_id in self.fired:
            found = evidence.get(rule_id)
            if found is not None:
                weights[found[0]].append(found[1])
        # combine() sorts the factors: the order they are found in does not matter
        return {motive: combine(weights[motive]) for motive in MOTIVES}

    @cached_property
    def dominant(self) -> tuple[Motive, ...]:
        return self.dominance.select({motive: found.certainty for motive, found in self.combinations.items()})

    @cached_property
    def verdict(self) -> Verdict:
        """What the run concludes, without the explanation (``motives batch``)."""
        rulebase, fired, truths = self.rulebase, self.fired, self.truths
        unknown = []
        for motive in MOTIVES:
            ids = motive_rule_ids(rulebase, motive)
            if fired.isdisjoint(ids) and any(truths[rule_id] is None for rule_id in ids):
                unknown.append(motive)
        return Verdict(
            self.dominant,
            tuple(self.combinations[motive].certainty for motive in MOTIVES),
            self.fired_in_order,
            tuple(unknown),
        )

    @cached_property
    def fired_in_order(self) -> tuple[str, ...]:
        """The ids of the fired rules, in rule-base order."""
        return tuple(sorted(self.fired, key=rule_positions(self.rulebase).__getitem__))

    @cached_property
    def classification(self) -> Classification:
        """The verdict with the evidence and arithmetic behind every motive."""
        return _classification(self)

    def again(self, facts: FactSet) -> Run:
        """A run of the same rules, under the same dominance rule, on other facts (a what-if)."""
        return run_rules(facts, self.compiled, self.dominance)


def run_rules(facts: FactSet, compiled: CompiledRules, dominance: Dominance = DEFAULT_DOMINANCE) -> Run:
    """Run the compiled rules on one country's facts: the one place a country's state is computed."""
    given = facts.values()
    values = {**given, **derive(given)}
    fired = frozenset(firing.rule_id for firing in compiled.run(values))
    return Run(facts, compiled, values, fired, evaluate_rules(compiled.rulebase, values), dominance)


def classify(
    facts: FactSet, compiled: CompiledRules, dominance: Dominance = DEFAULT_DOMINANCE
) -> Classification:
    """The dominant motives of one country, with the evidence and arithmetic behind every motive."""
    return run_rules(facts, compiled, dominance).classification


def _classification(run: Run) -> Classification:
    rulebase = run.rulebase
    facts = run.facts
    explainer = Explainer(rulebase, facts, run.values, run.fired, run.truths)
    return Classification(
        country=facts.country,
        iso3=facts.iso3,
        as_of=facts.as_of,
        facts_path=facts.path,
        dominant=run.dominant,
        motives=explainer.motives(run.combinations, run.dominant),
        fired=run.fired_in_order,
        rulebase_version=rulebase.version,
        dominance_rule=run.dominance.rule,
        facts=facts.facts,
        coverage=coverage(facts, rulebase),
    )


def coverage(facts: FactSet, rulebase: RuleBase) -> Coverage:
    """How many of the observed facts the rules read this fact set knows, and how firmly."""
    read = all_facts_read(rulebase)
    known = estimates = lower_bounds = 0
    for fact in facts.facts:  # one pass: this is made for every classification
        if fact.name in read:
            known += 1
            source = fact.source  # Fact.estimate and Fact.lower_bound, read without two calls a fact
            estimates += source.startswith("ESTIMATE")
            lower_bounds += source.startswith("LOWER BOUND")
    # the same counts make the same coverage, kept once per rule base (a panel run keeps thousands)
    table: dict[tuple[int, int, int], Coverage] = memo_table(rulebase, "coverages")
    found = table.get((known, estimates, lower_bounds))
    if found is None:
        found = kept(
            table, (known, estimates, lower_bounds), Coverage(len(read), known, estimates, lower_bounds)
        )
    return found


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a classification concludes, without the explanation: for bulk runs (``motives batch``)."""

    dominant: tuple[Motive, ...]
    certainty: tuple[float, ...]  # in the order of Motive
    fired: tuple[str, ...]
    # the motives no rule gave evidence for while some could not be judged (facts unknown): their 0 is
    # "not known", not "no evidence"
    unknown: tuple[Motive, ...] = ()


def verdict_of(facts: FactSet, compiled: CompiledRules, dominance: Dominance = DEFAULT_DOMINANCE) -> Verdict:
    """The engine's verdict for one country, skipping the trace that ``classify`` builds to explain it."""
    return run_rules(facts, compiled, dominance).verdict


def classify_all(fact_sets: Iterable[FactSet], compiled: CompiledRules) -> list[Classification]:
    """Classify each fact set with the same compiled rules."""
    return [classify(facts, compiled) for facts in fact_sets]


def either(first: Truth, second: Truth) -> Truth:
    """Three-valued or: true when one is, unknown when neither is but one is unknown, else false."""
    return True if (first or second) else (None if None in (first, second) else False)


def evaluate_rules(rulebase: RuleBase, values: Mapping[str, FactValue]) -> dict[str, Truth]:
    """Every rule's condition read in three-valued logic: True, False, or None (cannot be judged).

    Rules come in dependency order, so each indicator is settled before any rule reads it: an indicator
    holds when one of its rules holds, is unknown when none holds but one is unknown, else is false.
    """
    truths: dict[str, Truth] = {}
    indicators: dict[str, Truth] = {}
    # (id, condition, indicator derived) of each rule, once per rule base: the searches call this tens of
    # thousands of times, and Rule.indicator is a property
    order = once(
        rulebase, "evaluation_order", lambda: tuple((r.id, r.condition, r.indicator) for r in rulebase.rules)
    )
    for rule_id, condition, name in order:
        truth = condition.evaluate(values, indicators)
        truths[rule_id] = truth
        if name:
            previous = indicators.get(name, False)  # either(previous, truth), inline: the searches' hot path
            indicators[name] = True if (previous or truth) else (None if None in (previous, truth) else False)
    return truths


def load_inputs(
    arguments: Sequence[str],
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> tuple[list[FactSet], CompiledRules]:
    """The fact sets the arguments name (paths, folders, shipped names) and the rule base (``rules_dir``,
    or the shipped one) compiled onto ``engine``; every problem in all of them is reported in one
    InputError. The fact files may give the facts the rule base declares."""
    problems: list[Problem] = []
    fact_sets: list[FactSet] = []
    try:
        rulebase = load_rules_argument(rules_dir)
        vocabulary = rulebase.vocabulary
    except InputError as error:
        problems.extend(error.problems)
        vocabulary = read_vocabulary(Path(rules_dir) if rules_dir else SHIPPED_RULES)
    try:
        fact_sets = load_fact_arguments(arguments, as_of, vocabulary)
    except InputError as error:
        problems[:0] = error.problems  # the facts' problems first, as the arguments come first
    if problems:
        raise InputError(problems)
    return fact_sets, compile_rules(rulebase, engine)
