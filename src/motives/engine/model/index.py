"""Lookups over a rule base, made on first use and kept on it (``RuleBase.memo``).

Explanations ask the same questions at every step of every derivation: which rules conclude this
indicator or give evidence for this motive, which reference is this key, what are this rule's
alternatives, its tests, its citations and conclusion in words. Scanning every rule, or
expanding a rule's conditions again, each time made explaining cost more than inferring. The rule base
is frozen, so each answer is computed once per rule base; the memo is not part of its value (it is left
out of equality and hashing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .conditions import FactTest, IndicatorTest, Literal, branches, leaves
from .derived import DERIVED
from .vocabulary import Motive

if TYPE_CHECKING:
    from .rules import Reference, Rule, RuleBase

T = TypeVar("T")


def once(rulebase: RuleBase, name: str, build: Callable[[], T]) -> T:
    """The lookup ``name`` of the rule base: ``build()`` on first use, kept in its memo."""
    found: T | None = rulebase.memo.get(name)
    if found is None:
        found = rulebase.memo[name] = build()
    return found


MEMO_KEPT = 4096  # entries a memo table of values met per country holds before it starts afresh


def memo_table(rulebase: RuleBase, name: str) -> dict[Any, Any]:
    """A table of the rule base's memo for values met per country (steps, checks, searches): bounded
    by ``kept``, so a long run over many countries does not grow it without end."""
    table: dict[Any, Any] = rulebase.memo.setdefault(name, {})
    return table


def kept(table: dict[Any, T], key: Any, value: T) -> T:
    """Put ``value`` in a memo table under ``key`` (emptying the table first when it is full)."""
    if len(table) >= MEMO_KEPT:
        table.clear()
    table[key] = value
    return value


def producers(rulebase: RuleBase, indicator: str) -> tuple[Rule, ...]:
    """The rules concluding ``indicator``, in rule-base order."""

    def build() -> dict[str, tuple[Rule, ...]]:
        grouped: dict[str, list[Rule]] = {}
        for rule in rulebase.rules:
            if rule.indicator:
                grouped.setdefault(rule.indicator, []).append(rule)
        return {name: tuple(rules) for name, rules in grouped.items()}

    return once(rulebase, "producers", build).get(indicator, ())


def motive_rules(rulebase: RuleBase, motive: Motive) -> tuple[Rule, ...]:
    """The rules giving evidence for ``motive``, in rule-base order."""
    return once(
        rulebase,
        "motives",
        lambda: {each: tuple(rule for rule in rulebase.rules if rule.motive == each) for each in Motive},
    )[motive]


def motive_rule_ids(rulebase: RuleBase, motive: Motive) -> frozenset[str]:
    """The ids of ``motive_rules``: what a run's fired rules are checked against."""
    return once(
        rulebase,
        "motive_ids",
        lambda: {each: frozenset(rule.id for rule in motive_rules(rulebase, each)) for each in Motive},
    )[motive]


def motive_evidence(rulebase: RuleBase) -> dict[str, tuple[Motive, float]]:
    """The motive each motive rule gives evidence for and its certainty, by rule id."""
    return once(
        rulebase,
        "evidence",
        lambda: {rule.id: (rule.motive, rule.weight) for rule in rulebase.rules if rule.motive is not None},
    )


def rule_positions(rulebase: RuleBase) -> dict[str, int]:
    """Each rule's place in rule-base order, by id: fired rules are put in that order without a scan."""
    return once(
        rulebase, "positions", lambda: {rule.id: number for number, rule in enumerate(rulebase.rules)}
    )


def indicators_derived(rulebase: RuleBase) -> dict[str, str]:
    """The indicator each indicator rule derives, by rule id."""
    return once(
        rulebase, "derives", lambda: {rule.id: rule.indicator for rule in rulebase.rules if rule.indicator}
    )


def reference(rulebase: RuleBase, key: str) -> Reference:
    return once(rulebase, "references", lambda: {entry.key: entry for entry in rulebase.references})[key]


def alternatives(rulebase: RuleBase, rule: Rule) -> tuple[tuple[Literal, ...], ...]:
    """``branches(rule.condition)``, expanded once per rule."""
    table: dict[int, tuple[Rule, Any]] = rulebase.memo.setdefault("alternatives", {})
    found = table.get(id(rule))
    if found is None or found[0] is not rule:  # the rule is kept, so its id is not reused meanwhile
        found = table[id(rule)] = (rule, branches(rule.condition))
    return found[1]


def rule_leaves(rulebase: RuleBase, rule: Rule) -> tuple[Literal, ...]:
    """``leaves(rule.condition)``: every test the rule makes, as written, listed once per rule."""
    table: dict[str, tuple[Literal, ...]] = rulebase.memo.setdefault("leaves", {})
    found = table.get(rule.id)
    if found is None:
        found = table[rule.id] = tuple(leaves(rule.condition))
    return found


def judgement_reads(rulebase: RuleBase) -> dict[str, tuple[str | tuple[Rule, ...], ...]]:
    """What can keep each rule from being judged, by rule id, in the order of its tests, worked out once
    per rule base: the fact of each test of a value (a test of presence is always judged) and the
    producers of each indicator it reads."""
    return once(
        rulebase,
        "reads_by_rule",
        lambda: {
            rule.id: tuple(
                producers(rulebase, leaf.indicator) if isinstance(leaf, IndicatorTest) else leaf.fact
                for leaf in rule_leaves(rulebase, rule)
                if isinstance(leaf, IndicatorTest) or leaf.presence is None
            )
            for rule in rulebase.rules
        },
    )


class RuleShown(NamedTuple):
    """What every trace step of a rule shows whatever the facts: its conclusion and place in words,
    every citation (``Author (year), pages``) and those naming a data release (``kind: data``)."""

    conclusion: str
    location: str
    citations: tuple[str, ...]
    threshold_sources: tuple[str, ...]


def rule_shown(rulebase: RuleBase, rule: Rule) -> RuleShown:
    """The parts of a rule's trace step that do not depend on the facts, made once per rule."""
    table: dict[str, RuleShown] = rulebase.memo.setdefault("shown", {})
    found = table.get(rule.id)
    if found is None:
        found = table[rule.id] = RuleShown(
            str(rule.conclusion),
            str(rule.location),
            tuple(rulebase.cite(citation) for citation in rule.citations),
            tuple(
                rulebase.cite(citation)
                for citation in rule.citations
                if reference(rulebase, citation.ref).kind == "data"
            ),
        )
    return found


def facts_read(rulebase: RuleBase, rule_id: str) -> tuple[str, ...]:
    """The observed facts a rule's condition reads, in order; a derived quantity stands for its inputs."""
    return once(rulebase, "facts_read", lambda: {rule.id: _observed(rule) for rule in rulebase.rules}).get(
        rule_id, ()
    )


def all_facts_read(rulebase: RuleBase) -> frozenset[str]:
    """Every observed fact some rule of the base reads: what a fact set could tell the rules."""
    return once(
        rulebase,
        "all_facts_read",
        lambda: frozenset(name for rule in rulebase.rules for name in facts_read(rulebase, rule.id)),
    )


def _observed(rule: Rule) -> tuple[str, ...]:
    names: list[str] = []
    for leaf in leaves(rule.condition):
        if isinstance(leaf, FactTest):
            names += DERIVED[leaf.fact].inputs if leaf.fact in DERIVED else [leaf.fact]
    return tuple(dict.fromkeys(names))
