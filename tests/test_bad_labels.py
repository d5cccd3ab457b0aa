"""Bad labels files for `motives evaluate`, each paired with the exact lines the user is shown.

Every ``cases/bad_labels/NAME.yaml`` is loaded as ``bad_labels/NAME.yaml`` and its problems, one line
each, must equal ``NAME.expected`` (without its ``#`` header): a located error per problem, never a
traceback. Regenerate the expected files with ``python tests/regenerate_expected.py``; never edit them
by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXPECTED_HEADER, check_expected_files, expected_lines, run

from motives import InputError
from motives.engine.analysis.labels import load_labels

CASES = Path(__file__).parent / "cases" / "bad_labels"
HEADER = EXPECTED_HEADER


def problem_lines(path: Path) -> list[str]:
    """What loading the labels file reports, one line per problem; empty when it loads."""
    try:
        load_labels(path, display=f"bad_labels/{path.name}")
    except InputError as error:
        return [str(problem) for problem in error.problems]
    return []


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("path", _cases(), ids=lambda path: path.stem)
def test_bad_labels_file(path: Path) -> None:
    assert problem_lines(path) == expected_lines(path.with_suffix(".expected"))


def test_every_case_has_its_expected_lines() -> None:
    inputs = {path.stem for path in CASES.glob("*.yaml")}
    expected = {path.stem for path in CASES.glob("*.expected")}
    assert inputs - expected == set(), "add NAME.expected: run python tests/regenerate_expected.py"
    assert expected - inputs == set(), "remove NAME.expected, or add its NAME.yaml"
    check_expected_files(CASES, expected)


@pytest.mark.parametrize("path", _cases(), ids=lambda path: path.stem)
def test_evaluate_reports_each_problem_on_one_line_and_exits_1(path: Path) -> None:
    code, out, err = run("evaluate", path)
    assert code == 1, err
    assert out == ""
    assert "internal error" not in err and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == len(expected_lines(path.with_suffix(".expected")))
    assert all(line.startswith(str(path)) and " error " in line for line in lines), lines
