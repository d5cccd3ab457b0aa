"""Bad rule directories, each paired with the exact lines the user is shown.

Every ``cases/bad_rules/NAME.expected`` names a rules path ``NAME`` inside ``cases/bad_rules`` (usually a
small rule directory; ``a_rule_file.yaml`` is a file and ``no_such_directory`` is missing on purpose).
The rule base is loaded from inside ``cases/bad_rules`` so messages show ``NAME/file.yaml:line:col``.
Regenerate the expected files with ``python tests/regenerate_expected.py``; never edit them by hand.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from support import EXPECTED_HEADER, check_expected_files, expected_lines

from motives import InputError, load_rulebase

CASES = Path(__file__).parent / "cases" / "bad_rules"
HEADER = EXPECTED_HEADER
MISSING_ON_PURPOSE = {"no_such_directory"}


def problem_lines(name: str) -> list[str]:
    """What loading the rules path ``name`` reports, one line per problem; empty when it loads."""
    with contextlib.chdir(CASES):
        try:
            load_rulebase(name)
        except InputError as error:
            return [str(problem) for problem in error.problems]
    return []


def _names() -> list[str]:
    return sorted(path.name.removesuffix(".expected") for path in CASES.glob("*.expected"))


@pytest.mark.parametrize("name", _names())
def test_bad_rules(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    assert problem_lines(name) == expected_lines(CASES / f"{name}.expected")


def test_every_case_has_its_expected_lines() -> None:
    inputs = {path.name for path in CASES.iterdir() if not path.name.endswith(".expected")}
    expected = set(_names())
    assert inputs - expected == set(), "add NAME.expected: run python tests/regenerate_expected.py"
    assert expected - inputs == MISSING_ON_PURPOSE, "remove NAME.expected, or add the NAME it tests"
    check_expected_files(CASES, expected)
