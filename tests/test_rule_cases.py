"""The shipped rule tests (``src/motives/rules/tests/*.yaml``) as pytest items, one per case.

Each item is named ``FILE: case name``, so ``pytest -k economic`` runs the cases of ``economic.yaml``
(and any case whose name says economic), and a failing case shows what ``motives rules test`` would:
what was expected, what came out, and why each rule named fired or did not.
"""

from __future__ import annotations

import pytest

from motives import load_shipped_rulebase
from motives.engine.authoring.ruletests import (
    SHIPPED_RULE_TESTS,
    RuleTestCase,
    load_rule_tests,
    run_rule_tests,
)
from motives.engine.inference.compiled import CompiledRules
from motives.engine.render.authoring import explanation_lines


def _shipped_cases() -> list[RuleTestCase]:
    rulebase = load_shipped_rulebase()
    known = {name for rule in rulebase.rules for name in (rule.id, *rule.aliases)}
    return load_rule_tests([SHIPPED_RULE_TESTS], known, rulebase.vocabulary)


CASES = _shipped_cases()


def _case_id(case: RuleTestCase) -> str:
    return f"{case.location.path.rsplit('/', 1)[-1].removesuffix('.yaml')}: {case.name}"


def test_every_shipped_rule_test_file_gives_cases() -> None:
    files = {path.stem for path in SHIPPED_RULE_TESTS.glob("*.yaml")}
    assert files and {_case_id(case).split(":")[0] for case in CASES} == files


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_rule_case(case: RuleTestCase, shipped_compiled: CompiledRules) -> None:
    (result,) = run_rule_tests([case], shipped_compiled).results
    assert result.passed, "\n".join(
        [f"{case.location}: {case.name}", *result.failures, *explanation_lines(result)]
    )
