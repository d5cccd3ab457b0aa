"""The optional CLIPS engine (``--engine clips``): the same firings, verdicts and traces as experta, on
the fixture countries, a sample of the panel, generated fact sets and generated rule bases; no CLIPS
code from a rule's text; flat memory over many sets; one clear line when clipspy is not installed.

The differential tests need clipspy (the ``clips`` extra, also in ``test``, so CI runs them); without
it they are skipped, saying so.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT, fixture_countries, rule
from test_properties import fact_set, fact_values, rule_bases, write_rulebase

from motives import classify, compile_rules, load_facts, load_rulebase, shipped_countries
from motives.engine.inference.classify import verdict_of
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.catalog import load_fact_arguments
from motives.engine.model.conditions import FactTest, IndicatorTest
from motives.engine.model.derived import derive
from motives.engine.model.facts import FactSet
from motives.engine.model.rules import Derives, RuleBase
from motives.engine.render.classification import render_json, render_text

HAVE_CLIPS = importlib.util.find_spec("clips") is not None
needs_clips = pytest.mark.skipif(
    not HAVE_CLIPS, reason='clipspy is not installed (pip install -e ".[clips]"); CI installs it'
)


@pytest.fixture(scope="module")
def clips_compiled(shipped_rulebase: RuleBase) -> CompiledRules:
    if not HAVE_CLIPS:
        pytest.skip('clipspy is not installed (pip install -e ".[clips]"); CI installs it')
    return compile_rules(shipped_rulebase, "clips")


def _same(facts: FactSet, experta: CompiledRules, clips: CompiledRules) -> None:
    values = {**facts.values(), **derive(facts.values())}
    assert {f.rule_id for f in clips.run(values)} == {f.rule_id for f in experta.run(values)}
    assert clips.run(values) == clips.run(values)  # a deterministic order
    assert verdict_of(facts, clips) == verdict_of(facts, experta)
    by_clips, by_experta = classify(facts, clips), classify(facts, experta)
    assert by_clips == by_experta
    assert render_text([by_clips], True, False) == render_text([by_experta], True, False)
    assert render_json([by_clips]) == render_json([by_experta])


@needs_clips
@pytest.mark.parametrize("name", sorted(fixture_countries()))
def test_clips_gives_the_fixture_countries_what_experta_gives(
    name: str, shipped_compiled: CompiledRules, clips_compiled: CompiledRules
) -> None:
    _same(load_facts(fixture_countries()[name]), shipped_compiled, clips_compiled)


PANEL_DATES = (dt.date(1995, 6, 30), dt.date(2005, 6, 30), dt.date(2015, 6, 30), dt.date(2025, 6, 30))


@needs_clips
def test_clips_gives_a_sample_of_the_panel_what_experta_gives(
    shipped_compiled: CompiledRules, clips_compiled: CompiledRules
) -> None:
    checked = 0
    for name in sorted(shipped_countries())[::10]:  # every 10th country, at four dates
        for day in PANEL_DATES:
            try:
                fact_sets = load_fact_arguments([name], day)
            except Exception:  # no snapshot in force yet at that date
                continue
            for facts in fact_sets:
                _same(facts, shipped_compiled, clips_compiled)
                checked += 1
    assert checked >= 40


@needs_clips
@settings(max_examples=150, derandomize=True, deadline=None)
@given(values=fact_values())
def test_clips_fires_what_experta_fires_on_generated_fact_sets(
    values: dict, shipped_compiled: CompiledRules, clips_compiled: CompiledRules
) -> None:
    _same(fact_set(values), shipped_compiled, clips_compiled)


@needs_clips
@settings(max_examples=30, derandomize=True, deadline=None)
@given(rules=rule_bases(), samples=st.lists(fact_values(), min_size=1, max_size=4))
def test_clips_fires_what_experta_fires_on_generated_rule_bases(rules: list, samples: list) -> None:
    with tempfile.TemporaryDirectory() as directory:
        rulebase = load_rulebase(write_rulebase(Path(directory), rules))
    experta, clips = compile_rules(rulebase), compile_rules(rulebase, "clips")
    for values in samples:
        _same(fact_set(values), experta, clips)


HOSTILE = '") (defrule evil => (assert (indicator (id 0)))) ("'


def _hostile(rulebase: RuleBase) -> RuleBase:
    """The rule base with its ids, indicator names and compared strings made of CLIPS syntax, as no rule
    file could hold (the loader refuses such ids): the translation must not rely on the loader."""

    def leaf(node: Any) -> Any:
        if isinstance(node, IndicatorTest):
            return replace(node, indicator=HOSTILE + node.indicator)
        if isinstance(node, FactTest):
            return replace(node, value=(HOSTILE, "a\\b")) if node.fact == "income_group" else node
        if hasattr(node, "parts"):
            return replace(node, parts=tuple(leaf(part) for part in node.parts))
        return replace(node, part=leaf(node.part))

    rules = tuple(
        replace(
            rule,
            id=f'{rule.id}") (assert (boom))',
            condition=leaf(rule.condition),
            conclusion=Derives(HOSTILE + rule.indicator) if rule.indicator else rule.conclusion,
        )
        for rule in rulebase.rules
    )
    return replace(rulebase, rules=rules)


@needs_clips
def test_quotes_and_parentheses_in_ids_and_values_stay_text(make_rulebase) -> None:
    """A rule id, an indicator name and a compared value full of CLIPS syntax are never read as CLIPS:
    the rule fires only when the value is exactly that string, as experta says."""
    rulebase = _hostile(
        make_rulebase(
            [
                rule("x.ind", [{"fact": "hosted_un_pko", "op": "==", "value": True}], {"indicator": "odd"}),
                rule(
                    "x.m",
                    [{"indicator": "odd"}, {"fact": "income_group", "op": "in", "value": ["low", "high"]}],
                    {"motive": "security", "certainty": 0.5},
                ),
            ]
        )
    )
    experta, clips = compile_rules(rulebase), compile_rules(rulebase, "clips")
    for group in (HOSTILE, "a\\b", "a\\\\b", "unknown", "low", '"'):
        for hosted in (True, False):
            values = {"hosted_un_pko": hosted, "income_group": group}
            assert {f.rule_id for f in clips.run(values)} == {f.rule_id for f in experta.run(values)}
    fired = [f.rule_id for f in clips.run({"hosted_un_pko": True, "income_group": HOSTILE})]
    assert fired == ['x.ind") (assert (boom))', 'x.m") (assert (boom))']
    assert [f.rule_id for f in clips.run({"hosted_un_pko": False, "income_group": HOSTILE})] == []


def test_without_clipspy_engine_clips_says_which_extra_to_install(tmp_path: Path) -> None:
    """With clipspy hidden (``sys.modules["clips"] = None``, as if not installed): one line on stderr,
    exit 1, no traceback."""
    script = 'import sys; sys.modules["clips"] = None; from motives.cli import main; main()'
    done = subprocess.run(
        [sys.executable, "-c", script, "classify", "india", "--engine", "clips"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        'error: --engine clips needs clipspy, which is not installed; install the extra: pip install "motives[clips]"'
    ]


@needs_clips
def test_the_clipspy_release_whose_leak_is_worked_around_is_the_one_pinned() -> None:
    from importlib.metadata import version

    from motives.engine.inference import clips_network

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"clipspy=={clips_network.CLIPSPY_LEAKING}"' in pyproject
    assert version("clipspy") == clips_network.CLIPSPY_LEAKING


@needs_clips
@pytest.mark.slow
def test_memory_stays_flat_over_twenty_thousand_sets(clips_compiled: CompiledRules) -> None:
    """clipspy 1.0.6 never releases the facts it hands back; without the workaround, memory grew by
    7 MB and the time per set 5x over 40,000 sets. (100,000 sets: benchmarks/clips_engine.py.)"""
    sets = [
        {**facts.values(), **derive(facts.values())}
        for facts in (load_facts(path) for path in fixture_countries().values())
    ]
    for values in sets * 10:
        clips_compiled.run(values)
    before = _resident_mb()
    for number in range(20_000):
        clips_compiled.run(sets[number % len(sets)])
    assert _resident_mb() - before < 3.0


def _resident_mb() -> float:
    statm = Path("/proc/self/statm")
    if not statm.exists():
        pytest.skip("reads the resident set size from /proc")
    import os

    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
