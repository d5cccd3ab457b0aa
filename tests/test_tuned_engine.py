"""The tuned experta engine: the same firings as stock experta and as the three-valued reading, on
wide generated networks (many sibling indicators, shared tests, joins of several indicators), and a
firing order that is a function of the rules and facts alone."""

from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import rule

from motives import compile_rules, evaluate_rules, load_facts, load_rulebase, shipped_countries
from motives.engine.inference.engine import TunedEngine
from motives.engine.inference.experta_compat import Fact, KnowledgeEngine, Rule, W, watchers
from motives.engine.inference.network import Country, Indicator, Unknown
from motives.engine.inference.network import ExpertaRules as CompiledRules
from motives.engine.model.declared import BUILT_IN
from motives.engine.model.derived import derive
from motives.engine.model.vocabulary import FactValue

SHIPPED_VALUES = [
    {**facts.values(), **derive(facts.values())}
    for facts in (load_facts(path) for path in shipped_countries().values())
]


def _stock_engine(compiled: CompiledRules) -> KnowledgeEngine:
    """Stock experta (its ReteMatcher and DepthStrategy) with the same compiled rules; its network is
    built once and reset before each fact set, as experta's own loop does."""
    rules = {
        name: member for name, member in vars(type(compiled._engine)).items() if isinstance(member, Rule)
    }
    return type("Stock", (KnowledgeEngine,), rules)()


def _stock_firings(engine: KnowledgeEngine, values: dict[str, FactValue]) -> set[str]:
    """The rules stock experta fires on one fact set."""
    engine.reset()
    engine.firings = []
    unknown = {name: True for name in BUILT_IN.readable if name not in values}
    engine.declare(Country(**values), Unknown(**unknown))
    engine.run()
    return {firing.rule_id for firing in engine.firings}


def test_stock_experta_fires_the_same_shipped_rules(shipped_compiled: CompiledRules) -> None:
    stock = _stock_engine(shipped_compiled)
    for values in SHIPPED_VALUES:
        tuned = {firing.rule_id for firing in shipped_compiled.run(values)}
        assert tuned == _stock_firings(stock, values)


@pytest.mark.slow
def test_firing_order_is_the_same_in_every_process() -> None:
    # this process (its own hash seed) and two more with other seeds: stock experta gave three orders
    code = (
        "import json, motives\n"
        "from motives.engine.model.derived import derive\n"
        "def orders():\n"
        "    compiled = motives.compile_rules(motives.load_shipped_rulebase())\n"
        "    found = []\n"
        "    for path in motives.shipped_countries().values():\n"
        "        values = motives.load_facts(path).values()\n"
        "        found.append([f.rule_id for f in compiled.run({**values, **derive(values)})])\n"
        "    return found\n"
        "if __name__ == '__main__':\n"
        "    print(json.dumps(orders()))\n"
    )
    here: dict[str, Any] = {"__name__": "in_this_process"}
    exec(code, here)  # the literal above, not a file's text: the very lines the other processes run
    orders = [here["orders"]()]
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment
        )
        orders.append(json.loads(done.stdout))
    assert orders[0] == orders[1] == orders[2]


def test_depth_then_rule_base_order(make_rulebase) -> None:
    def motive(rule_id: str, when: list[dict[str, Any]], **extra: object) -> dict[str, Any]:
        return rule(rule_id, when, {"motive": "political", "certainty": 0.1}, **extra)

    def big() -> list[dict[str, Any]]:  # a fresh list each time: YAML would write a shared one as an alias
        return [{"fact": "troops", "op": ">=", "value": 1}]

    rules = [
        rule("indicator.big", big(), {"indicator": "big"}),
        motive("motive.first", big()),
        motive("motive.second", big()),
        motive("motive.deep", [{"indicator": "big"}]),
    ]
    compiled = compile_rules(make_rulebase(rules))
    order = [firing.rule_id for firing in compiled.run({"troops": 10})]
    # the indicator rule, first in the rule base; then what reads the newest fact (the indicator just
    # derived); then the rest in rule-base order
    assert order == ["indicator.big", "motive.deep", "motive.first", "motive.second"]


OPS = [(">=", 1), ("<", 5000), ("==", 0), ("!=", 3), ("between", [10, 900]), ("known", None)]


@st.composite
def wide_rule_bases(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Many indicators read side by side (the matcher looks them up by name), tests repeated across
    rules (shared alpha nodes), rules joining several indicators, and unknown tests."""
    facts = ["troops", "police", "missions_count", "uniformed_personnel", "leadership_posts"]
    names = [f"i{k}" for k in range(draw(st.integers(4, 12)))]

    def test() -> dict[str, Any]:
        fact = draw(st.sampled_from(facts))
        op, value = draw(st.sampled_from([*OPS, ("unknown", None)]))
        return {"fact": fact, "op": op} if value is None else {"fact": fact, "op": op, "value": value}

    rules = []
    for k, name in enumerate(names):
        for number in range(draw(st.integers(1, 2))):
            when = [test()]
            earlier = names[:k]
            if earlier and draw(st.booleans()):
                when.append({"indicator": draw(st.sampled_from(earlier))})
            rules.append(rule(f"gen.{name}_{number}", when, {"indicator": name}))
    for number in range(draw(st.integers(4, 16))):
        read = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        when = [{"indicator": name} for name in read]
        if draw(st.booleans()):
            when.append({"any": [test(), test()]})
        then = {"motive": "security", "certainty": 0.3}
        rules.append(rule(f"gen.m{number}", when, then))
    return rules


SAMPLES = st.fixed_dictionaries(
    {},
    optional={
        name: st.sampled_from([0, 1, 3, 4, 10, 900, 901, 4999, 5000])
        for name in ("troops", "police", "missions_count", "uniformed_personnel", "leadership_posts")
    },
)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(rules=wide_rule_bases(), samples=st.lists(SAMPLES, min_size=1, max_size=5))
def test_wide_networks_agree_with_the_three_valued_reading_and_stock_experta(
    rules: list[dict[str, Any]], samples: list[dict[str, FactValue]]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "references.yaml").write_text(
            json.dumps({"references": {"test-ref": {"short": "T", "full": "Test."}}}), encoding="utf-8"
        )
        (root / "rules.yaml").write_text(json.dumps({"rules": rules}), encoding="utf-8")
        compiled = compile_rules(load_rulebase(root))
    stock = _stock_engine(compiled)
    for values in samples:
        fired = {firing.rule_id for firing in compiled.run(values)}
        truths = evaluate_rules(compiled.rulebase, values)
        assert fired == {rule_id for rule_id, truth in truths.items() if truth is True}
        assert fired == _stock_firings(stock, values)


def test_with_a_watcher_on_the_stock_loop_runs_and_logs_the_same_firings(
    shipped_compiled: CompiledRules, caplog
) -> None:
    values = SHIPPED_VALUES[0]
    quiet = shipped_compiled.run(values)
    try:
        watchers.watch("RULES")
        with caplog.at_level(logging.INFO, logger="experta.watchers.RULES"):
            watched = shipped_compiled.run(values)
    finally:
        watchers.RULES.setLevel(logging.NOTSET)
    assert watched == quiet
    assert sum("FIRE" in record.getMessage() for record in caplog.records) == len(quiet)


def test_a_run_leaves_the_garbage_collector_as_it_found_it(shipped_compiled: CompiledRules) -> None:
    assert gc.isenabled()
    shipped_compiled.run(SHIPPED_VALUES[0])
    assert gc.isenabled()
    gc.disable()
    try:
        shipped_compiled.run(SHIPPED_VALUES[0])
        assert not gc.isenabled()
    finally:
        gc.enable()


def _hand_written_rules() -> dict[str, Any]:
    """Rules in experta's own vocabulary that the compiler never writes: bindings, a join on a shared
    variable, TEST and NOT, so the node kinds left stock are driven through the tuned ones."""
    from experta import MATCH, NOT, TEST  # after experta_compat has made experta importable

    class Pair(Fact):
        pass

    def act(name: str) -> Callable[..., None]:
        def action(engine: Any, **bound: Any) -> None:
            engine.log.append((name, tuple(sorted((key, str(value)) for key, value in bound.items()))))
            if name == "big":
                engine.declare(Indicator(name="big"))

        return action

    return {
        "Pair": Pair,
        # salience: stock experta breaks ties between activations in no fixed order
        "big": Rule(Country(troops=MATCH.t), TEST(lambda t: t > 5), salience=1)(act("big")),
        "quiet": Rule(Country(troops=W()), NOT(Indicator(name="big")))(act("quiet")),
        "pair": Rule(Pair(left=MATCH.x), Pair(right=MATCH.x))(act("pair")),
        "after": Rule(Indicator(name="big"), Country(police=MATCH.p))(act("after")),
    }


def test_hand_written_rules_with_bindings_joins_test_and_not_match_as_stock() -> None:
    members = _hand_written_rules()
    pair = members.pop("Pair")
    samples: list[list[Any]] = [
        [Country(troops=9, police=1), pair(left=1), pair(right=1), pair(right=2)],
        [Country(troops=2, police=3), pair(left=4), pair(right=5)],
        [Country(troops=7)],
    ]
    logs = []
    for base in (TunedEngine, KnowledgeEngine):
        engine = type("HandWritten", (base,), dict(members))()
        runs = []
        for facts in samples:
            engine.reset()
            engine.log = []
            engine.declare(*[fact.copy() for fact in facts])
            engine.run()
            runs.append(sorted(engine.log))
        logs.append(runs)
    assert logs[0] == logs[1]
    # "quiet" was on the agenda until "big" derived its indicator, which took it off again
    assert logs[0][0] == [("after", (("p", "1"),)), ("big", (("t", "9"),)), ("pair", (("x", "1"),))]
    assert logs[0][1] == [("quiet", ())]
    assert logs[0][2] == [("big", (("t", "7"),))]


def test_facts_hash_alike_when_equal_declared_or_not() -> None:
    """A declared fact hashes by its index (no frozenset of every field); the hash's contract holds:
    equal facts hash alike, whether declared or not, and a fact's hash does not change while it is
    in the network."""
    engine = TunedEngine()
    engine.reset()
    country = engine.facts.declare(Country.of({"troops": 5, "income_group": "low"}))
    indicator = engine.facts.declare(Indicator.of({"name": "poorest_provider"}))
    for fact in (country, indicator):
        twin = type(fact).of(dict(fact))  # the same class and fields, __factid__ among them
        assert twin == fact and hash(twin) == hash(fact)
        other = type(fact).of({**dict(fact), "__factid__": fact["__factid__"] + 100})
        assert other != fact
    undeclared = Country.of({"troops": 5})
    assert hash(undeclared) == hash(Country.of({"troops": 5})) == Fact.__hash__(undeclared)
    assert hash(country) != hash(indicator)
