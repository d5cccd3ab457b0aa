"""Bad fact files, each paired with the exact lines the user is shown.

Every ``cases/bad_facts/NAME.yaml`` is loaded as ``bad_facts/NAME.yaml`` and its problems, one line each,
must equal ``NAME.expected`` (without its ``#`` header). Regenerate the expected files with
``python tests/regenerate_expected.py``; never edit them by hand. Inputs too large or too odd to ship
(deep nesting, an oversized file, control characters) are written into ``tmp_path`` here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import EXPECTED_HEADER, check_expected_files, expected_lines

from motives import InputError, load_facts

CASES = Path(__file__).parent / "cases" / "bad_facts"
HEADER = EXPECTED_HEADER

GOOD_HEAD = """\
country: Testland
iso3: TST
as_of: 2023-11-30
"""


def problem_lines(path: Path) -> list[str]:
    """What loading the fact file reports, one line per problem; empty when it loads."""
    try:
        load_facts(path, display=f"bad_facts/{path.name}")
    except InputError as error:
        return [str(problem) for problem in error.problems]
    return []


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("path", _cases(), ids=lambda path: path.stem)
def test_bad_fact_file(path: Path) -> None:
    assert problem_lines(path) == expected_lines(path.with_suffix(".expected"))


def test_every_case_has_its_expected_lines() -> None:
    inputs = {path.stem for path in CASES.glob("*.yaml")}
    expected = {path.stem for path in CASES.glob("*.expected")}
    assert inputs - expected == set(), "add NAME.expected: run python tests/regenerate_expected.py"
    assert expected - inputs == set(), "remove NAME.expected, or add its NAME.yaml"
    check_expected_files(CASES, expected)


def _located(name: str, code: str) -> re.Pattern[str]:
    return re.compile(rf"^bad_facts/{re.escape(name)}:\d+:\d+: error {code} \S.*; \S.*$")


def test_deep_nesting_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "deep_nesting.yaml"
    path.write_text(GOOD_HEAD + "facts: " + "[" * 2000 + "]" * 2000 + "\nsources: {}\n", encoding="utf-8")
    lines = problem_lines(path)
    assert len(lines) == 1, lines
    assert _located("deep_nesting.yaml", "Y108").match(lines[0]), lines[0]


def test_deep_block_nesting_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "deep_block_nesting.yaml"
    path.write_text(GOOD_HEAD + "notes:\n  " + "- " * 2000 + "x\nfacts: {}\nsources: {}\n", encoding="utf-8")
    lines = problem_lines(path)
    assert len(lines) == 1, lines
    assert _located("deep_block_nesting.yaml", "Y108").match(lines[0]), lines[0]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "oversized.yaml"
    head = GOOD_HEAD + "facts: {}\nsources: {}\n# "
    path.write_text(head + "x" * (1_000_001 - len(head) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == 1_000_001
    assert problem_lines(path) == [
        "bad_facts/oversized.yaml: error Y104 file is 1,000,001 bytes, over the 1,000,000-byte limit; "
        "split it into smaller files"
    ]


def test_control_character_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "control_character.yaml"
    path.write_text(GOOD_HEAD + "notes: Test\x00land\nfacts: {}\nsources: {}\n", encoding="utf-8")
    lines = problem_lines(path)
    assert len(lines) == 1, lines
    assert re.match(r"^bad_facts/control_character\.yaml:4:12: error Y1\d\d \S.*; \S.*$", lines[0]), lines[0]


def test_directory_named_as_fact_file_shows_the_display_path(tmp_path: Path) -> None:
    (tmp_path / "india.yaml").mkdir()
    assert problem_lines(tmp_path / "india.yaml") == [
        "bad_facts/india.yaml: error Y107 is a directory, not a YAML file; name a .yaml file"
    ]


def test_missing_fact_file_shows_the_display_path(tmp_path: Path) -> None:
    assert problem_lines(tmp_path / "xyzzy.yaml") == [
        "bad_facts/xyzzy.yaml: error Y107 no such file; check the path"
    ]
