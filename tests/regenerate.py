"""Rewrite every generated file from the current code, with one command:

    python tests/regenerate.py            # everything
    python tests/regenerate.py golden expected      # some parts

The parts, each also a script of its own:

* ``golden``: the golden outputs in ``tests/golden/`` and the generated reference of
  ``docs/authoring-rules.md`` (``regenerate_golden.py``);
* ``expected``: the expected messages of the bad-input corpus, ``tests/cases/*/*.expected``
  (``regenerate_expected.py``);
* ``ruletests``: what ``motives rules test`` says of ``tests/cases/ruletests/failing.yaml`` and
  ``malformed.yaml``;
* ``output-schemas``: the JSON Schemas of the JSON outputs, ``src/motives/schema/output/``
  (``regenerate_output_schemas.py``);
* ``editor-schemas``: the JSON Schemas editors validate rule, fact, test and label files with,
  ``src/motives/schema/*.schema.json`` (what ``motives rules schema --write`` writes);
* ``api-docs``: the Python API's reference, ``docs/api.md``, from the docstrings
  (``regenerate_api_docs.py``).

Each part's test fails while its files are stale. Review the diff before committing: every change in it
is a change users will see.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import regenerate_api_docs
import regenerate_expected
import regenerate_golden
import regenerate_output_schemas
from support import run

from motives.engine.authoring.editor_schema import write_rulebase_schemas
from motives.engine.model.catalog import PACKAGE_ROOT

RULE_TESTS = Path(__file__).resolve().parent / "cases" / "ruletests"


def rule_test_outputs() -> None:
    _, out, _ = run("rules", "test", "failing.yaml", cwd=RULE_TESTS)
    (RULE_TESTS / "failing.expected").write_text(out, encoding="utf-8")
    _, _, err = run("rules", "test", "malformed.yaml", cwd=RULE_TESTS)
    (RULE_TESTS / "malformed.expected").write_text(err, encoding="utf-8")
    print(f"wrote {RULE_TESTS / 'failing.expected'} and malformed.expected")


def editor_schemas() -> None:
    for path in write_rulebase_schemas(PACKAGE_ROOT / "schema"):  # the shipped rule base's facts
        print(f"wrote {path}")


def api_docs() -> None:
    done = regenerate_api_docs.write()
    print(
        f"wrote {regenerate_api_docs.API_DOCS}" if done else f"{regenerate_api_docs.API_DOCS} is up to date"
    )


def expected() -> None:
    if regenerate_expected.main([]):
        raise SystemExit("some expected files were left as they are: see above")


PARTS: dict[str, Callable[[], None]] = {
    "golden": regenerate_golden.main,
    "expected": expected,
    "ruletests": rule_test_outputs,
    "output-schemas": regenerate_output_schemas.main,
    "editor-schemas": editor_schemas,
    "api-docs": api_docs,
}


def main(names: list[str]) -> int:
    unknown = [name for name in names if name not in PARTS]
    if unknown:
        print(f"unknown part {', '.join(unknown)}; the parts are: {', '.join(PARTS)}", file=sys.stderr)
        return 2
    for name in names or PARTS:
        print(f"== {name}")
        PARTS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
