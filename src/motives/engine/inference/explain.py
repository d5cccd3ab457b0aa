"""Why a run concluded what it did: the steps behind each fired rule (each condition as it held, through
indicators to the facts and their sources), and what kept each unjudged rule from being judged.

``classify`` builds one ``Explainer`` per run; the parts that do not depend on the country (a rule's
words and citations, a test's reading of a value met before) are made once per rule base and shared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from motives.engine.model.conditions import FactTest, IndicatorTest, Literal, Truth, value_words
from motives.engine.model.derived import DERIVED
from motives.engine.model.facts import FactSet
from motives.engine.model.index import (
    all_facts_read,
    alternatives,
    indicators_derived,
    judgement_reads,
    kept,
    memo_table,
    motive_rules,
    once,
    producers,
    rule_leaves,
    rule_shown,
)
from motives.engine.model.operators import show_value
from motives.engine.model.rules import Rule, RuleBase
from motives.engine.model.vocabulary import FactValue, Motive

from .certainty import Combination
from .trace import Check, MotiveResult, Step, Unjudged

MOTIVES = tuple(Motive)  # iterating the Enum itself costs a generator per loop, in every classification
_ORDER = {motive: index for index, motive in enumerate(MOTIVES)}


def strongest_first(rulebase: RuleBase, motive: Motive) -> tuple[Rule, ...]:
    """The rules giving evidence for ``motive``, strongest first (then by id), sorted once per rule base."""

    def build() -> dict[Motive, tuple[Rule, ...]]:
        return {
            each: tuple(sorted(motive_rules(rulebase, each), key=lambda rule: (-abs(rule.weight), rule.id)))
            for each in Motive
        }

    return once(rulebase, "strongest_first", build)[motive]


def unjudged_rule(rulebase: RuleBase, rule: Rule, missing: tuple[str, ...]) -> Unjudged:
    """``rule`` as not judged for want of ``missing``: the same few for many countries, made once each."""
    table: dict[tuple[str, tuple[str, ...]], Unjudged] = memo_table(rulebase, "unjudged")
    key = (rule.id, missing)
    found = table.get(key)
    if found is None:
        found = kept(table, key, Unjudged(rule.id, rule.title, rule.certainty, missing))
    return found


@dataclass
class Explainer:
    rulebase: RuleBase
    facts: FactSet
    values: Mapping[str, FactValue]
    fired: frozenset[str]
    truths: Mapping[str, Truth]
    steps: dict[str, Step] = field(default_factory=dict)  # an indicator's derivation, once per run

    def __post_init__(self) -> None:
        # an indicator holds when one of its rules fired (IndicatorTest reads the others as False)
        self.given = {fact.name: fact for fact in self.facts.facts}
        self.unmet: dict[str, tuple[str, ...]] = {}  # missing(rule), by rule id
        derives = indicators_derived(self.rulebase)
        self.derived: dict[str, Truth] = {
            derives[rule_id]: True for rule_id in self.fired if rule_id in derives
        }

    def motives(
        self, combinations: Mapping[Motive, Combination], dominant: tuple[Motive, ...]
    ) -> tuple[MotiveResult, ...]:
        """Each motive's result, highest certainty first (ties in the order of Motive): its evidence
        (the steps of its fired rules, strongest first), its arithmetic and its unjudged rules. A result
        with the same parts as one made before is that one: a motive without evidence reads the same in
        most countries, and a panel run keeps thousands of results for the collector to walk."""
        rulebase, fired = self.rulebase, self.fired
        table: dict[tuple[object, ...], tuple[Combination, tuple[Unjudged, ...], MotiveResult]]
        table = memo_table(rulebase, "motive_results")
        found = []
        for motive, unjudged in zip(MOTIVES, self.unjudged(), strict=True):
            evidence = tuple(
                [self.step(rule) for rule in strongest_first(rulebase, motive) if rule.id in fired]
            )
            combination = combinations[motive]
            is_dominant = motive in dominant
            # the parts are kept beside the result, so no id in a key is reused while its entry stands
            key = (motive, is_dominant, id(combination), id(unjudged), *map(id, evidence))
            known = table.get(key)
            if known is None:
                result = MotiveResult(
                    motive, combination.certainty, is_dominant, evidence, combination.steps, unjudged
                )
                known = kept(table, key, (combination, unjudged, result))
            found.append(known[-1])
        found.sort(key=lambda result: (-result.certainty, _ORDER[result.motive]))
        return tuple(found)

    def unjudged(self) -> tuple[tuple[Unjudged, ...], ...]:
        """The rules of each motive, in the order of Motive, that could not be judged, each with the
        unknown facts that kept it from that. These follow from which rules are unjudged and which facts
        the rules read are unknown (and, for a derived value that known inputs leave undefined, those
        inputs' values). Countries, and one country's years, share a few hundred such patterns over the
        panel, so each is worked out once per rule base: working it out was a quarter of explaining."""
        rulebase, values = self.rulebase, self.values
        observed, derived = _reads(rulebase)
        key = (
            tuple([rule_id for rule_id, truth in self.truths.items() if truth is None]),
            tuple([name for name in observed if name not in values]),
            tuple(
                [
                    (name, *[values[each] for each in DERIVED[name].inputs])
                    for name in derived
                    if name not in values and all(each in values for each in DERIVED[name].inputs)
                ]
            ),
        )
        table: dict[tuple[object, ...], tuple[tuple[Unjudged, ...], ...]] = memo_table(
            rulebase, "unjudged_sets"
        )
        found = table.get(key)
        if found is None:
            truths = self.truths
            found = kept(
                table,
                key,
                tuple(
                    tuple(
                        [
                            unjudged_rule(rulebase, rule, self.missing(rule))
                            for rule in motive_rules(rulebase, motive)
                            if truths[rule.id] is None
                        ]
                    )
                    for motive in MOTIVES
                ),
            )
        return found

    def step(self, rule: Rule) -> Step:
        """The firing of ``rule`` with each condition that held, recursively through indicators."""
        found = self.steps.get(rule.id)
        if found is None:
            found = self.steps[rule.id] = self._step(rule)
        return found

    def _step(self, rule: Rule) -> Step:
        checks = tuple([self._check(leaf) for leaf in self._held_leaves(rule)])
        # a step is its rule's and its checks': the same checks (made once per value and source, or the
        # same support) make the same step, made once per rule base. The key is the checks' ids, the
        # checks are kept beside the step, so no id in a key is reused while its entry stands
        table: dict[tuple[object, ...], tuple[tuple[Check, ...], Step]] = memo_table(self.rulebase, "steps")
        key = (rule.id, *map(id, checks))
        found = table.get(key)
        if found is None:
            shown = rule_shown(self.rulebase, rule)
            step = Step(
                rule_id=rule.id,
                title=rule.title,
                conclusion=shown.conclusion,
                certainty=rule.certainty,
                checks=checks,
                citations=shown.citations,
                location=shown.location,
                threshold_sources=shown.threshold_sources,
            )
            found = kept(table, key, (checks, step))
        return found[1]

    def _held_leaves(self, rule: Rule) -> tuple[Literal, ...]:
        """The conditions that held: the first alternative of the rule whose literals are all true."""
        found = alternatives(self.rulebase, rule)
        if len(found) == 1:  # the rule fired: its only alternative held
            return found[0]
        for branch in found:
            if all(literal.evaluate(self.values, self.derived) is True for literal in branch):
                return branch
        raise AssertionError(f"rule {rule.id} fired but none of its alternatives holds")

    def _check(self, leaf: Literal) -> Check:
        if isinstance(leaf, IndicatorTest):
            support = tuple(
                [
                    self.step(rule)
                    for rule in producers(self.rulebase, leaf.indicator)
                    if rule.id in self.fired
                ]
            )
            # the same support (steps made once, as below) makes the same check, made once per rule base
            indicator_checks: dict[tuple[object, ...], tuple[IndicatorTest, tuple[Step, ...], Check]] = (
                memo_table(self.rulebase, "indicator_checks")
            )
            support_key = (id(leaf), *map(id, support))
            known = indicator_checks.get(support_key)
            if known is None or known[0] is not leaf:
                check = Check(text=leaf.requirement(), indicator=leaf.indicator, support=support)
                known = kept(indicator_checks, support_key, (leaf, support, check))
            return known[2]
        name = leaf.fact
        value = self.values.get(name)
        source = self._source(name)
        if name in DERIVED:  # its check shows the inputs it was computed from too
            return self._fact_check(leaf, value, source)
        # a test of a given fact reads the same for every country with the same value and source (a
        # yes/no or a choice, often): made once per rule base. The key holds the value's type (``True
        # == 1``, yet they read differently); the leaf is kept beside its check, so its id is not reused
        # while the entry stands (a rule base unpickled with its memo holds other leaves)
        checks: dict[tuple[object, ...], tuple[FactTest, Check]] = memo_table(self.rulebase, "checks")
        key = (id(leaf), type(value), value, source)
        found = checks.get(key)
        if found is None or found[0] is not leaf:
            found = kept(checks, key, (leaf, self._fact_check(leaf, value, source)))
        return found[1]

    def _fact_check(self, leaf: FactTest, value: FactValue | None, source: str | None) -> Check:
        return Check(
            text=leaf.describe(self.values),
            words=leaf.in_words(self.values),
            fact=leaf.fact,
            value=value,
            source=source,
            inputs=self._inputs(leaf.fact),
        )

    def _source(self, name: str) -> str | None:
        if name in DERIVED:
            return f"derived: {DERIVED[name].formula}" if name in self.values else None
        fact = self.given.get(name)
        return fact.source if fact else None

    def _inputs(self, name: str) -> tuple[Check, ...]:
        if name not in DERIVED or name not in self.values:
            return ()
        result = []
        for input_name in DERIVED[name].inputs:
            fact = self.given.get(input_name)
            if fact is not None:
                result.append(
                    Check(
                        text=f"{input_name} = {show_value(fact.value)}",
                        words=value_words(input_name, fact.value),
                        fact=input_name,
                        value=fact.value,
                        source=fact.source,
                    )
                )
        return tuple(result)

    def missing(self, rule: Rule) -> tuple[str, ...]:
        """The unknown facts that keep ``rule`` from being judged, through indicators and derived values,
        in the order a depth-first walk meets them (worked out once per rule: the rules are acyclic)."""
        unmet = self.unmet
        found = unmet.get(rule.id)
        if found is None:
            unmet[rule.id] = ()  # a guard: a cycle (never in a valid rule base) adds nothing
            names: dict[str, None] = {}
            values, truths = self.values, self.truths
            for read in judgement_reads(self.rulebase)[rule.id]:
                if isinstance(read, str):  # a fact whose value is tested
                    if read not in values:
                        if read in DERIVED:
                            names.update(dict.fromkeys(_raw_inputs(read, values)))
                        else:
                            names[read] = None
                else:  # the rules deriving an indicator
                    for producer in read:
                        if truths[producer.id] is None:
                            names.update(dict.fromkeys(self.missing(producer)))
            found = unmet[rule.id] = tuple(names)
        return found


def _reads(rulebase: RuleBase) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The observed facts the rules read (a derived value stands for its inputs), in a fixed order, and
    the derived values they test."""

    def build() -> tuple[tuple[str, ...], tuple[str, ...]]:
        tested = dict.fromkeys(
            leaf.fact
            for rule in rulebase.rules
            for leaf in rule_leaves(rulebase, rule)
            if isinstance(leaf, FactTest) and leaf.fact in DERIVED
        )
        return tuple(sorted(all_facts_read(rulebase))), tuple(tested)

    return once(rulebase, "reads", build)


def _raw_inputs(name: str, values: Mapping[str, FactValue]) -> list[str]:
    if name not in DERIVED:
        return [name]
    unknown = [input_name for input_name in DERIVED[name].inputs if input_name not in values]
    if unknown:
        return unknown
    inputs = ", ".join(
        f"{input_name} = {show_value(values[input_name])}" for input_name in DERIVED[name].inputs
    )
    return [f"{name} (undefined for {inputs})"]
