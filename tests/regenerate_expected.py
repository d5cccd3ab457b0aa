"""Rewrite the ``.expected`` files of ``tests/cases/bad_facts``, ``bad_labels``, ``bad_rules`` and ``lint``.

Run from anywhere: ``python tests/regenerate_expected.py [NAME ...]`` (no names: every case). Each file
gets the lines the engine reports now, under a header saying it is generated. Review the diff by eye
before committing: each line must name file:line:col, say what is wrong and what to do.

A case is left as it is, and reported, when its loading raises anything but InputError (a bug), when
it loads cleanly, or when a message shows another path than the case's own (an absolute path is a
bug): an expectation written for a bug not yet fixed is not overwritten by the bug's output.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import test_bad_facts
import test_bad_labels
import test_bad_rules
import test_lint


def _write(expected: Path, lines: Callable[[], list[str]], header: str, shown: str) -> str:
    try:
        found = lines()
    except Exception:
        return "NOT rewritten, loading crashed:\n" + traceback.format_exc(limit=-3)
    if not found:
        return "NOT rewritten, it loads without a problem"
    elsewhere = [line for line in found if not line.startswith(shown)]
    if elsewhere:
        return f"NOT rewritten, a message does not start with {shown!r}: {elsewhere[0]}"
    text = header + "\n" + "".join(line + "\n" for line in found)
    if expected.exists() and expected.read_text(encoding="utf-8") == text:
        return ""
    expected.write_text(text, encoding="utf-8")
    return "rewritten"


def main(names: list[str]) -> int:
    jobs: list[tuple[str, Path, Callable[[], list[str]], str, str]] = []
    for path in sorted(test_bad_facts.CASES.glob("*.yaml")):
        jobs.append(
            (
                f"bad_facts/{path.stem}",
                path.with_suffix(".expected"),
                lambda path=path: test_bad_facts.problem_lines(path),
                test_bad_facts.HEADER,
                f"bad_facts/{path.name}",
            )
        )
    for path in sorted(test_bad_labels.CASES.glob("*.yaml")):
        jobs.append(
            (
                f"bad_labels/{path.stem}",
                path.with_suffix(".expected"),
                lambda path=path: test_bad_labels.problem_lines(path),
                test_bad_labels.HEADER,
                f"bad_labels/{path.name}",
            )
        )
    rule_cases = test_bad_rules.CASES
    rule_names = {path.name for path in rule_cases.iterdir() if not path.name.endswith(".expected")}
    for name in sorted(rule_names | test_bad_rules.MISSING_ON_PURPOSE):
        jobs.append(
            (
                f"bad_rules/{name}",
                rule_cases / f"{name}.expected",
                lambda name=name: test_bad_rules.problem_lines(name),
                test_bad_rules.HEADER,
                name,
            )
        )
    for case in sorted(path for path in test_lint.CASES.iterdir() if path.is_dir()):
        jobs.append(
            (
                f"lint/{case.name}",
                test_lint.CASES / f"{case.name}.expected",
                lambda name=case.name: test_lint.problem_lines(name),
                test_lint.HEADER,
                case.name,
            )
        )
    wanted = set(names)
    failed = False
    for label, expected, lines, header, shown in jobs:
        if wanted and label not in wanted and label.split("/", 1)[1] not in wanted:
            continue
        outcome = _write(expected, lines, header, shown)
        if outcome:
            print(f"{label}: {outcome}")
            failed = failed or outcome.startswith("NOT")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
