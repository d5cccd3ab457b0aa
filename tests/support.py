"""Helpers for tests that build small rule bases."""

from __future__ import annotations

REFERENCES = {"references": {"test-ref": {"short": "Test (2024)", "full": "A reference used by the tests."}}}


def rule(rule_id: str, when: list, then: dict, **extra: object) -> dict:
    """A rule mapping as a file would hold it, with the required prose filled in."""
    return {
        "id": rule_id,
        "title": f"title of {rule_id}",
        "when": when,
        "then": then,
        "rationale": "a rationale",
        "citations": [{"ref": "test-ref"}],
        **extra,
    }
