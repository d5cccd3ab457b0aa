"""The indicator dependency graph of a rule base: cycles (an error) and an order in which every
indicator is settled before any rule reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .rules import Rule


def cycles(rules: list[Rule]) -> list[Problem]:
    """Indicator rules that depend on their own conclusion, directly or through other indicators."""
    reads: dict[str, set[str]] = {}
    for rule in rules:
        if rule.indicator:
            reads.setdefault(rule.indicator, set()).update(rule.indicators_read())
    problems = []
    reported: set[frozenset[str]] = set()
    for start in sorted(reads):
        path = _find_cycle(start, reads)
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            culprit = next(rule for rule in rules if rule.indicator == start)
            problems.append(
                Problem(
                    culprit.location,
                    "R405",
                    "indicators depend on themselves: " + " -> ".join([*path, path[0]]),
                    "break the cycle: an indicator cannot (even indirectly) require itself",
                )
            )
    return problems


def _find_cycle(start: str, reads: dict[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    visited = set()
    while stack:
        node, path = stack.pop()
        for successor in sorted(reads.get(node, ())):
            if successor == start:
                return path
            if successor not in visited:
                visited.add(successor)
                stack.append((successor, [*path, successor]))
    return None


def dependency_order(rules: list[Rule]) -> list[Rule]:
    """Rules sorted so that every indicator's producers come before its consumers (ids break ties)."""
    depth: dict[str, int] = {}

    def indicator_depth(name: str) -> int:
        if name not in depth:
            producers = [rule for rule in rules if rule.indicator == name]
            depth[name] = 1 + max((rule_depth(rule) for rule in producers), default=0)
        return depth[name]

    def rule_depth(rule: Rule) -> int:
        return max((indicator_depth(name) for name in rule.indicators_read()), default=0)

    return sorted(rules, key=lambda rule: (rule_depth(rule), rule.indicator is None, rule.id))
