"""The rule-authoring toolchain as authors meet it: `motives rules check | test | coverage | list | show |
schema`, the editor schemas, and the catalogue rule that every shipped rule is tested both ways."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support import fixture_countries, run

from motives import load_shipped_rulebase
from motives.engine.authoring.editor_schema import SCHEMAS, schema_text
from motives.engine.authoring.ruletests import SHIPPED_RULE_TESTS, load_rule_tests
from motives.engine.model.loading import load_yaml

FIX = fixture_countries()

ROOT = Path(__file__).resolve().parent.parent / "src" / "motives"  # where the shipped data lives
CASES = Path(__file__).parent / "cases"


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# --- editor schemas ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_published_schema_is_fresh(kind: str) -> None:
    shipped = ROOT / "schema" / f"{kind}.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(kind), (
        f"schema/{kind}.schema.json is stale: run `motives rules schema --write schema`"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text(kind)))


SHIPPED_FILES = {
    "rules": [p for p in (ROOT / "rules").glob("*.yaml") if p.stem != "references"],
    "references": [ROOT / "rules" / "references.yaml"],
    "facts": sorted((ROOT / "facts").rglob("*.yaml")),
    "rule-tests": sorted((ROOT / "rules" / "tests").glob("*.yaml")),
    "labels": [ROOT / "rules" / "evaluation" / "labels.yaml"],
}


@pytest.mark.parametrize("kind", sorted(SHIPPED_FILES))
def test_shipped_files_validate_against_their_schema_and_carry_the_modeline(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text(kind)))
    for path in SHIPPED_FILES[kind]:
        errors = [error.message for error in validator.iter_errors(_plain(load_yaml(path).data))]
        assert errors == [], f"{path.relative_to(ROOT)}: {errors[:3]}"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(
            f"schema/{kind}.schema.json"
        )


@pytest.mark.parametrize(
    "case",
    ["unknown_operator", "unknown_fact", "certainty_zero", "then_indicator_and_motive", "unknown_rule_key"],
)
def test_the_editor_schema_rejects_what_the_loader_rejects(case: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text("rules")))
    documents = [
        load_yaml(p).data for p in (CASES / "bad_rules" / case).glob("*.yaml") if p.stem != "references"
    ]
    assert any(list(validator.iter_errors(_plain(document))) for document in documents)


def test_schema_command_prints_and_writes(tmp_path: Path) -> None:
    code, out, _ = run("rules", "schema", "--kind", "facts")
    assert code == 0 and json.loads(out)["title"] == "motives fact file"
    code, out, _ = run("rules", "schema", "--write", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{kind}.schema.json" for kind in SCHEMAS)


# --- check -------------------------------------------------------------------------------------------


def test_check_of_the_shipped_files_is_clean() -> None:
    """No warning at all, W506 included: the revision made every pair that double counted exclusive."""
    code, out, err = run("rules", "check")
    *warnings, summary = out.splitlines()
    assert warnings == [] and (code, err) == (0, "")
    assert summary.startswith("0 error(s), 0 warning(s) in ")


def test_check_reports_errors_and_warnings_with_exit_codes() -> None:
    code, out, _ = run("rules", "check", "redundant", cwd=CASES / "lint")
    assert code == 4
    assert "warning W504" in out
    code, out, _ = run("rules", "check", "unknown_operator", cwd=CASES / "bad_rules")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "unknown_operator/rules.yaml:6:41: error R401 unknown operator '=>'"
    )


def test_check_json_lists_every_problem_as_data() -> None:
    code, out, _ = run(
        "rules", "check", "contradictions", "unread_indicator", "--format", "json", cwd=CASES / "lint"
    )
    data = json.loads(out)
    assert code == 4 and data["errors"] == 0 and data["warnings"] == len(data["problems"]) == 10
    first = data["problems"][0]
    assert set(first) == {"path", "line", "column", "severity", "code", "message", "hint"}


def test_check_of_a_rule_file_checks_its_directory_and_a_fact_file_alone() -> None:
    code, out, _ = run("rules", "check", "redundant/rules.yaml", cwd=CASES / "lint")
    assert code == 4 and "in 1 checked path(s)" in out
    code, out, _ = run("rules", "check", "share_over_100.yaml", cwd=CASES / "bad_facts")
    assert code == 1 and "error F302 budget_share_pct must be <= 100" in out


# --- test --------------------------------------------------------------------------------------------


def test_rules_test_runs_the_shipped_cases_by_default() -> None:
    # each shipped case is its own pytest item in test_rule_cases.py; here, only the command's default
    code, out, _ = run("rules", "test")
    assert code == 0, out
    rulebase = load_shipped_rulebase()
    cases = load_rule_tests([SHIPPED_RULE_TESTS], {rule.id for rule in rulebase.rules}, rulebase.vocabulary)
    assert out == f"{len(cases)} passed, 0 failed\n"


def test_a_failing_case_shows_expected_got_and_why() -> None:
    code, out, _ = run("rules", "test", "failing.yaml", cwd=CASES / "ruletests")
    assert code == 5
    assert out == (CASES / "ruletests" / "failing.expected").read_text(encoding="utf-8")


def test_malformed_rule_tests_are_located_problems() -> None:
    code, out, err = run("rules", "test", "malformed.yaml", cwd=CASES / "ruletests")
    assert (code, out) == (1, "")
    assert err == (CASES / "ruletests" / "malformed.expected").read_text(encoding="utf-8")


def test_every_shipped_rule_has_a_firing_and_a_silent_case() -> None:
    rulebase = load_shipped_rulebase()
    cases = load_rule_tests([SHIPPED_RULE_TESTS], {rule.id for rule in rulebase.rules})
    fires = {rule_id for case in cases for rule_id in case.expect.fires}
    silent = {rule_id for case in cases for rule_id in case.expect.silent}
    for rule in rulebase.rules:
        assert rule.id in fires, f"add a case to rules/tests/ in which {rule.id} fires"
        assert rule.id in silent, f"add a case to rules/tests/ in which {rule.id} stays silent"


# --- coverage, list, show ----------------------------------------------------------------------------


def test_coverage_names_what_kept_a_rule_silent() -> None:
    code, out, _ = run("rules", "coverage", FIX["usa"], FIX["india"])
    assert code == 0
    assert "  security.neighbouring_conflict: deployed_in_neighbouring_host == true: failed in 2 of 2" in out
    assert "coverage: " in out


def test_coverage_below_the_minimum_fails_and_json_has_every_rule() -> None:
    code, out, _ = run("rules", "coverage", "usa", "--min-coverage", "99", "--format", "json")
    data = json.loads(out)
    assert code == 5 and data["percent"] < 99
    assert len(data["rules"]) == len(load_shipped_rulebase().rules)


def test_list_filters_by_motive_and_show_explains_a_rule() -> None:
    code, out, _ = run("rules", "list", "--motive", "economic")
    assert code == 0
    rows = out.splitlines()[1:]
    assert rows and all(row.split()[1] == "economic" for row in rows)
    code, out, _ = run("rules", "show", "political.council_ambition")
    assert code == 0
    assert (
        "fed by: indicator.council_ambition.elected_member, indicator.council_ambition.permanent_seat" in out
    )
    assert "Bellamy, A. J. & Williams, P. D." in out
    code, _, err = run("rules", "show", "political.council_ambitoin")
    assert code == 1 and "did you mean 'political.council_ambition'?" in err


def test_the_json_of_the_rules_commands_keeps_non_ascii_text_as_written(tmp_path: Path) -> None:
    """As every other --format json: UTF-8 text, not \\u escapes (a title in Portuguese stays readable)."""
    import yaml
    from support import REFERENCES, rule

    (tmp_path / "references.yaml").write_text(yaml.safe_dump(REFERENCES), encoding="utf-8")
    titled = rule(
        "political.acao",
        [{"fact": "troops", "op": ">=", "value": 1}],
        {"motive": "political", "certainty": 0.2},
    )
    titled["title"] = "Missões de paz: ação política"
    (tmp_path / "rules.yaml").write_text(
        yaml.safe_dump({"rules": [titled]}, allow_unicode=True), encoding="utf-8"
    )
    code, out, err = run("rules", "list", "--rules", tmp_path, "--format", "json")
    assert code == 0, err
    assert '"title": "Missões de paz: ação política"' in out
    assert json.loads(out)[0]["title"] == "Missões de paz: ação política"


def test_a_rule_file_outside_a_rule_directory_is_named_as_such(tmp_path: Path) -> None:
    """Not seven complaints that it is a bad fact file: one line saying what is missing."""
    import shutil

    from motives import SHIPPED_RULES

    shutil.copy(SHIPPED_RULES / "political.yaml", tmp_path / "political.yaml")
    code, out, _ = run("rules", "check", tmp_path)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{tmp_path / 'political.yaml'}:1:1: error Y114 a rule file in a folder that is not a rule directory "
        "(it has no references.yaml); add references.yaml beside it, with the references its citations "
        "name, and check the folder"
    )
    assert out.splitlines()[1:] == ["1 error(s), 0 warning(s) in 1 checked path(s)"]
