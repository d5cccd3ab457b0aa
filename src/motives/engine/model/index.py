"""Lookups over a rule base, made on first use and kept on it (``RuleBase.memo``).

Explanations ask the same questions at every step of every derivation: which rules conclude this
indicator or give evidence for this motive, which reference is this key, what are this rule's
alternatives. Scanning every rule, or
expanding a rule's conditions again, each time made explaining cost more than inferring. The rule base
is frozen, so each answer is computed once per rule base; the memo is not part of its value (it is left
out of equality and hashing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .conditions import FactTest, Literal, branches, leaves
from .derived import DERIVED
from .vocabulary import Motive

if TYPE_CHECKING:
    from .rules import Reference, Rule, RuleBase


def producers(rulebase: RuleBase, indicator: str) -> tuple[Rule, ...]:
    """The rules concluding ``indicator``, in rule-base order."""
    table = rulebase.memo.get("producers")
    if table is None:
        grouped: dict[str, list[Rule]] = {}
        for rule in rulebase.rules:
            if rule.conclusion.indicator:
                grouped.setdefault(rule.conclusion.indicator, []).append(rule)
        table = rulebase.memo["producers"] = {name: tuple(rules) for name, rules in grouped.items()}
    return table.get(indicator, ())


def motive_rules(rulebase: RuleBase, motive: Motive) -> tuple[Rule, ...]:
    """The rules giving evidence for ``motive``, in rule-base order."""
    table = rulebase.memo.get("motives")
    if table is None:
        table = rulebase.memo["motives"] = {
            each: tuple(rule for rule in rulebase.rules if rule.conclusion.motive == each) for each in Motive
        }
    return table[motive]


def reference(rulebase: RuleBase, key: str) -> Reference:
    table = rulebase.memo.get("references")
    if table is None:
        table = rulebase.memo["references"] = {entry.key: entry for entry in rulebase.references}
    return table[key]


def alternatives(rulebase: RuleBase, rule: Rule) -> tuple[tuple[Literal, ...], ...]:
    """``branches(rule.condition)``, expanded once per rule."""
    table: dict[int, tuple[Rule, Any]] = rulebase.memo.setdefault("alternatives", {})
    found = table.get(id(rule))
    if found is None or found[0] is not rule:  # the rule is kept, so its id is not reused meanwhile
        found = table[id(rule)] = (rule, branches(rule.condition))
    return found[1]


def facts_read(rulebase: RuleBase, rule_id: str) -> tuple[str, ...]:
    """The observed facts a rule's condition reads, in order; a derived quantity stands for its inputs."""
    table = rulebase.memo.get("facts_read")
    if table is None:
        table = rulebase.memo["facts_read"] = {rule.id: _observed(rule) for rule in rulebase.rules}
    return table.get(rule_id, ())


def all_facts_read(rulebase: RuleBase) -> frozenset[str]:
    """Every observed fact some rule of the base reads: what a fact set could tell the rules."""
    found = rulebase.memo.get("all_facts_read")
    if found is None:
        found = rulebase.memo["all_facts_read"] = frozenset(
            name for rule in rulebase.rules for name in facts_read(rulebase, rule.id)
        )
    return found


def _observed(rule: Rule) -> tuple[str, ...]:
    names: list[str] = []
    for leaf in leaves(rule.condition):
        if isinstance(leaf, FactTest):
            names += DERIVED[leaf.fact].inputs if leaf.fact in DERIVED else [leaf.fact]
    return tuple(dict.fromkeys(names))
