"""Shared fixtures: the shipped rule base, compiled once per test session."""

from __future__ import annotations

import pytest
import yaml
from support import REFERENCES

from motives import compile_rules, load_rulebase, load_shipped_rulebase
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.rules import RuleBase


@pytest.fixture(scope="session")
def shipped_rulebase() -> RuleBase:
    return load_shipped_rulebase()


@pytest.fixture(scope="session")
def shipped_compiled(shipped_rulebase: RuleBase) -> CompiledRules:
    return compile_rules(shipped_rulebase)


@pytest.fixture
def make_rulebase(tmp_path):
    """Write rules into a fresh directory (with a references.yaml) and load them."""

    def make(rules: list[dict], name: str = "rules.yaml") -> RuleBase:
        directory = tmp_path / "rules"
        directory.mkdir(exist_ok=True)
        (directory / "references.yaml").write_text(yaml.safe_dump(REFERENCES), encoding="utf-8")
        (directory / name).write_text(yaml.safe_dump({"rules": rules}, sort_keys=False), encoding="utf-8")
        return load_rulebase(directory)

    return make
