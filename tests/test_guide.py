"""docs/authoring-rules.md, replayed: its rule, typo, test file and outputs are applied to a copy of the
shipped rules, and every output the guide shows must be what the commands print. The reference section
must be what engine/docs.py generates (`python tests/regenerate_golden.py` renews it)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import run as run_cli

from motives import SHIPPED_RULES
from motives.engine.authoring.docs import with_reference

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "authoring-rules.md"


def blocks() -> dict[str, str]:
    """The fenced block after each `<!-- guide:NAME -->` marker, by NAME."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.findall(r"<!-- guide:([a-z-]+) -->\n```[a-z]*\n(.*?)```", text, flags=re.DOTALL)
    return dict(found)


def run(cwd: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(*args, cwd=cwd)


def shown(block: str) -> tuple[list[str], str]:
    """A console block: the command's arguments (after `$ motives`) and the output lines."""
    first, _, output = block.partition("\n")
    return first.removeprefix("$ motives ").split(), output


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED_RULES, tmp_path / "rules")
    with (tmp_path / "rules" / "normative.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + blocks()["rule"])
    return tmp_path


def test_the_reference_section_is_generated_from_the_schema() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert with_reference(text) == text, "run python tests/regenerate_golden.py to renew the reference"


def test_the_typo_is_reported_as_the_guide_shows(workspace: Path) -> None:
    rule_file = workspace / "rules" / "normative.yaml"
    correct = '      - {fact: fatalities_cumulative, op: ">=", value: 100}\n'
    text = rule_file.read_text(encoding="utf-8")
    assert text.count(correct) == 1
    rule_file.write_text(text.replace(correct, blocks()["typo"]), encoding="utf-8")
    args, output = shown(blocks()["check-typo"])
    code, out, _ = run(workspace, *args)
    assert code == 1
    assert out == output


def test_check_test_and_explain_work_as_the_guide_shows(workspace: Path) -> None:
    args, output = shown(blocks()["check-clean"])
    assert run(workspace, *args)[:2] == (4 if " warning " in output else 0, output)

    (workspace / "rules" / "tests" / "sacrifice.yaml").write_text(blocks()["test"], encoding="utf-8")
    args, output = shown(blocks()["test-run"])
    assert run(workspace, *args)[:2] == (0, output)

    failing = blocks()["test"].replace(
        "      silent: [normative.sacrifice]", "      fires: [normative.sacrifice]"
    )
    (workspace / "rules" / "tests" / "sacrifice.yaml").write_text(failing, encoding="utf-8")
    code, out, _ = run(workspace, *args)
    assert code == 5
    assert out == blocks()["test-fail"]

    args, output = shown(blocks()["explain"])
    code, out, _ = run(workspace, *args)
    assert code == 0
    excerpt = output.removeprefix("...\n")
    assert excerpt in out, "the explanation excerpt in the guide no longer matches"


def test_adding_a_covariate_works_as_the_guide_shows(workspace: Path) -> None:
    rules = workspace / "rules"
    (rules / "vocabulary.yaml").write_text(blocks()["vocabulary"], encoding="utf-8")
    with (rules / "references.yaml").open("a", encoding="utf-8") as stream:
        stream.write(blocks()["covariate-reference"])
    with (rules / "political.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + blocks()["covariate-rule"])
    (workspace / "brazil.yaml").write_text(blocks()["covariate-facts"], encoding="utf-8")

    args, output = shown(blocks()["covariate-run"])
    code, out, err = run(workspace, *args)
    assert code == 0, err
    assert output.removeprefix("...\n") in out, "the covariate excerpt in the guide no longer matches"

    args, output = shown(blocks()["covariate-check"])
    assert run(workspace, *args)[:2] == (4, output)  # exit 4: the warning on section 3's own rule

    code, out, _ = run(
        workspace, "classify", "brazil.yaml", "--rules", "rules", "--set", "regional_power=false"
    )
    assert code == 0 and "silenced: political.regional_power" in out
    code, _, err = run(workspace, "classify", "brazil.yaml")
    assert code == 1 and "unknown fact 'regional_power'" in err and "vocabulary.yaml" in err

    vocabulary = rules / "vocabulary.yaml"
    vocabulary.write_text(blocks()["vocabulary"].replace("type: boolean", "type: bool"), encoding="utf-8")
    code, out, _ = run(workspace, "rules", "check", "rules")
    assert code == 1 and "error R420 unknown type 'bool'; did you mean 'boolean'?" in out
