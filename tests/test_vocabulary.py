"""Facts a rules directory declares (``vocabulary.yaml``), end to end through the CLI: classify, what-if
with --set, rules check, rules test, the editor schemas and the reference all accept ``regional_power``,
which ``tests/cases/vocabulary/rules`` declares; without that directory it stays unknown."""

from __future__ import annotations

import json
from pathlib import Path

from support import run

from motives import FACTS, load_rulebase
from motives.engine.model.declared import BUILT_IN

CASE = Path(__file__).parent / "cases" / "vocabulary"
RULES = CASE / "rules"
BRAZIL = CASE / "facts" / "brazil.yaml"


def test_the_rule_base_carries_the_declared_fact_and_the_built_in_vocabulary_stays_as_it_is() -> None:
    rulebase = load_rulebase(RULES)
    declared = rulebase.vocabulary.declaration("regional_power")
    assert declared is not None and declared.spec.allowed() == "true or false"
    assert [citation.ref for citation in declared.citations] == ["nolte-2010"]
    assert "regional_power" in rulebase.vocabulary.readable
    assert "regional_power" not in FACTS and "regional_power" not in BUILT_IN.readable


def test_classify_reads_the_declared_fact_from_a_fact_file() -> None:
    code, out, err = run("classify", BRAZIL, "--rules", RULES, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert "political.regional_power" in result["fired"]
    fact = next(fact for fact in result["facts"] if fact["name"] == "regional_power")
    assert fact["value"] is True and fact["source"].startswith("Nolte (2010)")
    political = next(motive for motive in result["motives"] if motive["motive"] == "political")
    assert political["certainty"] == 0.3


def test_without_its_rules_directory_the_fact_is_unknown_and_the_hint_says_where_to_declare_it() -> None:
    code, _, err = run("classify", BRAZIL)
    assert code == 1
    assert "error F301 unknown fact 'regional_power'" in err
    assert "declare a new fact in the vocabulary.yaml of a rules directory" in err


def test_set_changes_a_declared_fact_and_checks_its_type() -> None:
    code, out, err = run("classify", BRAZIL, "--rules", RULES, "--set", "regional_power=false")
    assert code == 0, err
    assert "regional_power: true -> false" in out
    assert "silenced: political.regional_power" in out
    code, _, err = run("classify", BRAZIL, "--rules", RULES, "--set", "regional_power=maybe")
    assert code == 1
    assert err.startswith("--set regional_power=maybe: error F302 regional_power must be true or false")
    code, out, _ = run("classify", BRAZIL, "--rules", RULES, "--set", "regional_power=unknown")
    assert code == 0 and "regional_power: true -> unknown" in out


def test_rules_check_accepts_the_directory_and_a_fact_file_beside_it() -> None:
    code, out, _ = run("rules", "check", RULES, BRAZIL)
    assert (code, out) == (0, "0 error(s), 0 warning(s) in 2 checked path(s)\n")
    code, out, _ = run("rules", "check", BRAZIL)  # no rules directory named: the shipped vocabulary
    assert code == 1 and "F301 unknown fact 'regional_power'" in out


def test_rule_tests_may_give_the_declared_fact() -> None:
    code, out, err = run("rules", "test", RULES / "tests", "--rules", RULES)
    assert (code, out) == (0, "2 passed, 0 failed\n"), err


def test_the_editor_schemas_of_the_rule_base_name_the_declared_fact() -> None:
    code, out, _ = run("rules", "schema", "--kind", "facts", "--rules", RULES)
    facts = json.loads(out)["properties"]["facts"]["properties"]
    assert code == 0 and facts["regional_power"]["type"] == "boolean"
    code, out, _ = run("rules", "schema", "--kind", "rules", "--rules", RULES)
    assert "regional_power" in json.loads(out)["$defs"]["fact_test"]["properties"]["fact"]["enum"]
    code, out, _ = run("rules", "schema", "--kind", "facts")
    assert "regional_power" not in json.loads(out)["properties"]["facts"]["properties"]


def test_the_editor_schemas_can_be_written_for_the_rule_base(tmp_path: Path) -> None:
    code, out, _ = run("rules", "schema", "--rules", RULES, "--write", tmp_path / "schema")
    assert code == 0 and "vocabulary.schema.json" in out
    written = json.loads((tmp_path / "schema" / "rule-tests.schema.json").read_text(encoding="utf-8"))
    assert "regional_power" in written["$defs"]["case"]["properties"]["facts"]["properties"]


def test_the_reference_lists_the_declared_fact_with_its_citation() -> None:
    code, out, _ = run("rules", "docs", "--rules", RULES)
    assert code == 0
    assert "| `regional_power` | true or false | is counted a regional power" in out
    assert "| Nolte (2010), 881-901 |" in out
    code, out, _ = run("rules", "docs")
    assert code == 0 and "`rules` declares no facts." in out


def test_batch_and_sensitivity_read_the_declared_fact() -> None:
    code, out, err = run("batch", BRAZIL, "--rules", RULES, "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["certainty"]["political"] == 0.3
    code, out, err = run("sensitivity", BRAZIL, "--rules", RULES)
    assert code == 0, err
    assert out.startswith("Brazil: dominant none\n")
