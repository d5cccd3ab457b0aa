"""Shared fixtures: the shipped rule base, compiled once per test session.

The rule-base cache goes to a private temporary folder for the session (inherited by the commands the
tests run), never to the user's own cache."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REFERENCES, require_tool

from motives import compile_rules, load_rulebase, load_shipped_rulebase
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.rules import RuleBase

_CACHE_ROOT = Path(tempfile.mkdtemp(prefix="motives-test-cache-"))


def pytest_configure(config: pytest.Config) -> None:
    os.environ["MOTIVES_CACHE_DIR"] = str(_CACHE_ROOT / "motives")
    os.environ.pop("MOTIVES_NO_CACHE", None)
    # The suite makes millions of short-lived objects and holds many long-lived ones (modules, rule
    # bases, hypothesis's strategies). At Python's default threshold (a collection every 700 new
    # objects) the cycle collector took about 5 s of the 33 s of `-m "not slow"`, walking the session's
    # objects again and again; a collection every 50,000 takes about 2 s, and freezing what collection
    # made (below) about 1.4 s. Nothing the tests check depends on when a collection runs.
    gc.set_threshold(50_000, 20, 20)


def pytest_collection_finish(session: pytest.Session) -> None:
    # what collection made (test modules, parameters, hypothesis's strategies) lives for the session:
    # out of the collector's reach, the full collections pytest and hypothesis ask for skip it
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE_ROOT, ignore_errors=True)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system's Chromium, driven by Playwright, started once for the session's browser tests; each
    test opens its own context (no shared history, storage or cache)."""
    chromium = require_tool("chromium", "apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        started = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield started
        started.close()
