"""Rule bases that load but look wrong: each lint case paired with the exact warnings users see.

Every ``cases/lint/NAME/`` is a rule directory checked with ``check_paths`` from inside ``cases/lint``;
``NAME.expected`` holds the lines. Regenerate with ``python tests/regenerate_expected.py``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from support import EXPECTED_HEADER

from motives.engine.authoring.lint import check_paths

CASES = Path(__file__).parent / "cases" / "lint"
HEADER = EXPECTED_HEADER


def problem_lines(name: str) -> list[str]:
    with contextlib.chdir(CASES):
        return [str(problem) for problem in check_paths([name]).problems]


def _names() -> list[str]:
    return sorted(path.name for path in CASES.iterdir() if path.is_dir())


@pytest.mark.parametrize("name", _names())
def test_lint_case(name: str) -> None:
    expected = (CASES / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    assert expected[0] == HEADER
    assert problem_lines(name) == expected[1:]
    assert all(" warning W5" in line for line in expected[1:])


def test_every_lint_code_is_exercised() -> None:
    text = "".join((CASES / f"{name}.expected").read_text(encoding="utf-8") for name in _names())
    for code in ("W501", "W502", "W503", "W504", "W505", "W506"):
        assert code in text, f"no lint case produces {code}"


def test_one_good_alternative_keeps_a_rule_alive_and_other_motives_may_share_conditions() -> None:
    lines = problem_lines("contradictions") + problem_lines("redundant")
    assert not any("institutional.one_good_alternative" in line for line in lines)
    assert not any("normative.same_facts_other_motive" in line for line in lines)


def test_rules_exclusive_by_construction_or_of_opposite_signs_are_not_double_counting() -> None:
    lines = problem_lines("double_counting")
    assert [line.split(" rule ")[1].split(" ")[0] for line in lines] == ["'economic.poor_and_sizeable'"]
    assert not any("economic.small_contingent" in line or "economic.very_large" in line for line in lines)
