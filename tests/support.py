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


def require_tool(name: str, install: str) -> str:
    """The path of a system tool some tests drive (Chromium, Graphviz).

    CI installs these (see .ci/run) and there a missing tool fails the test; on a developer's machine
    without the tool, the test is skipped with the command that installs it.
    """
    import os
    import shutil

    import pytest

    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not installed, and CI needs it: {install}")
    pytest.skip(f"{name} is not installed here ({install}); CI runs this test")
