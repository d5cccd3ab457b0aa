"""Properties of the engine over generated inputs (hypothesis).

* Any valid fact set classifies without error, every certainty lies in [-1, 1], and the JSON output is
  strict JSON with the documented keys.
* The experta network fires exactly the rules the three-valued reading of their conditions holds true
  (the differential oracle), on the shipped rules and on small generated rule bases.
* Neither the order of the rule files, of the rules in a file, nor of the keys of a fact file changes
  the output.
* Adding a fact that can only add evidence never lowers a motive's certainty.
* The YAML loader and the fact-file loader raise nothing but InputError, one line per problem.

Runs are reproducible: the "ci" profile derandomizes hypothesis and keeps no example database, so CI
sees the same examples every time. ``MOTIVES_HYPOTHESIS=explore`` searches at random, ten times longer.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import fixture_countries

from motives import (
    SHIPPED_RULES,
    InputError,
    Motive,
    classify,
    compile_rules,
    evaluate_rules,
    load_facts,
    load_rulebase,
    load_shipped_rulebase,
)
from motives.engine.analysis.reread import Reader
from motives.engine.inference.certainty import combine
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.catalog import display_path
from motives.engine.model.conditions import FactTest, branches, leaves
from motives.engine.model.declared import BUILT_IN
from motives.engine.model.derived import DERIVED, derive
from motives.engine.model.errors import Location
from motives.engine.model.facts import Fact, FactSet
from motives.engine.model.loading import load_yaml
from motives.engine.model.operators import OPERATORS, Shape
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import CONSISTENCY, FACTS, FactSpec, FactValue, Kind
from motives.engine.render.classification import render_json, render_text

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=False)
settings.register_profile("explore", derandomize=False, database=None, deadline=None)
PROFILE = os.environ.get("MOTIVES_HYPOTHESIS", "ci")
settings.load_profile(PROFILE)
SCALE = 10 if PROFILE == "explore" else 1


def examples(count: int) -> settings:
    return settings(max_examples=count * SCALE)


SHIPPED = load_shipped_rulebase()
READABLE = BUILT_IN.readable


def _thresholds(rulebase: RuleBase) -> dict[str, set[float]]:
    """The numbers the rules compare each fact with: values around them decide which rules fire."""
    found: dict[str, set[float]] = {}
    for rule in rulebase.rules:
        for leaf in leaves(rule.condition):
            if isinstance(leaf, FactTest) and leaf.value is not None:
                items = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
                numbers = {v for v in items if isinstance(v, int | float) and not isinstance(v, bool)}
                found.setdefault(leaf.fact, set()).update(numbers)
    return found


THRESHOLDS = _thresholds(SHIPPED)


def values_of(spec: FactSpec) -> st.SearchStrategy[FactValue]:
    """Valid values of one fact or derived quantity: its kind and range, weighted to the rules' thresholds."""
    if spec.kind is Kind.BOOL:
        return st.booleans()
    if spec.kind is Kind.CHOICE:
        return st.sampled_from(spec.choices)
    low = spec.minimum if spec.minimum is not None else -1e9
    high = spec.maximum if spec.maximum is not None else 1e9
    step = 1 if spec.kind is Kind.INT else 0.01
    near = sorted(
        {t + d for t in THRESHOLDS.get(spec.name, ()) for d in (-step, 0, step) if low <= t + d <= high}
        | {low}
    )
    if spec.kind is Kind.INT:
        return st.one_of(
            st.sampled_from([int(v) for v in near]),
            st.integers(int(low), int(low) + 12),
            st.integers(int(low), int(high)),
        )
    return st.one_of(
        st.sampled_from([float(v) for v in near]),
        st.floats(float(low), float(high), allow_nan=False, allow_infinity=False),
    )


def consistent(values: Mapping[str, FactValue], keep: Iterable[str] = ()) -> dict[str, FactValue]:
    """``values`` made to obey vocabulary.CONSISTENCY by leaving out facts (never those in ``keep``)."""
    result, kept = dict(values), set(keep)
    broken = True
    while broken:
        broken = False
        for rule in CONSISTENCY:
            if all(name in result for name in rule.facts) and not rule.holds(result):
                del result[next(name for name in rule.facts if name not in kept)]
                broken = True
    return result


def fact_values() -> st.SearchStrategy[dict[str, FactValue]]:
    """Valid observed facts of one country: any subset of the vocabulary, each in its range."""
    optional = {name: values_of(spec) for name, spec in FACTS.items()}
    return st.fixed_dictionaries({}, optional=optional).map(consistent)


def fact_set(values: Mapping[str, FactValue]) -> FactSet:
    facts = tuple(
        Fact(name, value, f"generated {name}", Location("generated")) for name, value in values.items()
    )
    return FactSet("Testland", "TST", dt.date(2024, 1, 31), tuple(sorted(facts, key=lambda f: f.name)))


def write_fact_file(path: Path, values: Mapping[str, FactValue]) -> Path:
    document = {
        "country": "Testland",
        "iso3": "TST",
        "as_of": "2024-01-31",
        "facts": dict(values),
        "sources": {name: f"generated value of {name}" for name in values},
    }
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")  # JSON is YAML 1.2
    return path


def strict_json(text: str) -> Any:
    """Parse JSON as RFC 8259 defines it: NaN and Infinity are not JSON."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


# --- classification of any valid fact set ---------------------------------------------------------

DOCUMENTED = {
    "country",
    "iso3",
    "as_of",
    "facts_file",
    "facts",
    "dominant",
    "dominance_rule",
    "coverage",
    "motives",
    "fired",
    "rulebase",
    "facts_hash",
    "motives_version",
    "data_version",
}
MOTIVE_KEYS = {"motive", "certainty", "dominant", "derivation", "arithmetic", "not_judged"}
STEP_KEYS = {
    "rule",
    "title",
    "conclusion",
    "certainty",
    "conditions",
    "citations",
    "literature",
    "threshold_sources",
    "defined_at",
}
FACT_CONDITION_KEYS = {"text", "words", "fact", "value", "source"}


def _check_step(step: dict[str, Any], fired: set[str]) -> None:
    assert set(step) == STEP_KEYS
    assert step["rule"] in fired
    for condition in step["conditions"]:
        if "indicator" in condition:
            assert set(condition) == {"text", "indicator", "derived_by"}
            assert condition["derived_by"], condition
            for support in condition["derived_by"]:
                _check_step(support, fired)
        else:
            assert FACT_CONDITION_KEYS <= set(condition) <= {*FACT_CONDITION_KEYS, "inputs"}
            assert condition["value"] is not None and condition["source"], condition


@examples(60)
@given(values=fact_values())
def test_any_valid_fact_set_classifies_with_bounded_certainties_and_documented_json(
    values: dict[str, FactValue], shipped_compiled: CompiledRules, scratch: Path
) -> None:
    facts = load_facts(write_fact_file(scratch / "generated.yaml", values), display="generated.yaml")
    assert facts.values() == values  # the generator makes valid fact files: the loader agrees
    result = classify(facts, shipped_compiled)
    assert sorted(m.motive for m in result.motives) == sorted(Motive)
    assert all(-1 <= m.certainty <= 1 for m in result.motives)
    render_text([result], True)
    data = strict_json(render_json([result]))
    assert set(data) == DOCUMENTED
    assert data["dominant"] == [m["motive"] for m in data["motives"] if m["dominant"]]
    fired = set(data["fired"])
    for motive in data["motives"]:
        assert set(motive) == MOTIVE_KEYS
        assert -1 <= motive["certainty"] <= 1
        for step in motive["derivation"]:
            _check_step(step, fired)


# --- the differential oracle ----------------------------------------------------------------------


def _agree(compiled: CompiledRules, values: Mapping[str, FactValue]) -> None:
    readable = {**values, **derive(values)}
    fired = {firing.rule_id for firing in compiled.run(readable)}
    truths = evaluate_rules(compiled.rulebase, readable)
    assert fired == {rule_id for rule_id, truth in truths.items() if truth is True}


@examples(150)
@given(values=fact_values())
def test_network_and_three_valued_reading_fire_the_same_shipped_rules(
    values: dict[str, FactValue], shipped_compiled: CompiledRules
) -> None:
    _agree(shipped_compiled, values)


def _fact_condition(name: str) -> st.SearchStrategy[dict[str, Any]]:
    spec = READABLE[name]
    ops = sorted(op for op, operator in OPERATORS.items() if spec.numeric or not operator.numeric_only)

    def shaped(op: str) -> st.SearchStrategy[dict[str, Any]]:
        shape = OPERATORS[op].shape
        if shape is Shape.NONE:
            return st.just({"fact": name, "op": op})
        if shape is Shape.SCALAR:
            value: st.SearchStrategy[Any] = values_of(spec)
        elif shape is Shape.LIST:
            value = st.lists(values_of(spec), min_size=1, max_size=3)
        else:
            value = st.lists(values_of(spec), min_size=2, max_size=2).map(sorted)
        return value.map(lambda v: {"fact": name, "op": op, "value": v})

    return st.sampled_from(ops).flatmap(shaped)


FACT_CONDITIONS = st.sampled_from(sorted(READABLE)).flatmap(_fact_condition)


def _without_negated_indicators(condition: dict[str, Any], negated: bool = False) -> dict[str, Any]:
    """The loader refuses a negated indicator ("not derived" is no evidence): test a fact there instead."""
    if "indicator" in condition:
        return {"fact": "troops", "op": "known"} if negated else condition
    if "not" in condition:
        return {"not": _without_negated_indicators(condition["not"], not negated)}
    for key in ("all", "any"):
        if key in condition:
            return {key: [_without_negated_indicators(part, negated) for part in condition[key]]}
    return condition


def _branch_count(condition: dict[str, Any], negate: bool = False) -> int:
    if "not" in condition:
        return _branch_count(condition["not"], not negate)
    for key in ("all", "any"):
        if key in condition:
            counts = [_branch_count(part, negate) for part in condition[key]]
            if (key == "all") != negate:
                product = 1
                for count in counts:
                    product *= count
                return product
            return sum(counts)
    return 1


def _conditions(indicators: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    leaf = FACT_CONDITIONS
    if indicators:
        leaf = st.one_of(FACT_CONDITIONS, st.sampled_from(indicators).map(lambda n: {"indicator": n}))
    tree = st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=3).map(lambda parts: {"all": parts}),
            st.lists(children, min_size=1, max_size=3).map(lambda parts: {"any": parts}),
            children.map(lambda part: {"not": part}),
        ),
        max_leaves=4,
    ).map(_without_negated_indicators)
    return st.lists(tree, min_size=1, max_size=3).filter(lambda when: _branch_count({"all": when}) <= 64)


def _rule(rule_id: str, when: list[dict[str, Any]], then: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rule_id,
        "title": f"generated rule {rule_id}",
        "when": when,
        "then": then,
        "rationale": "generated",
        "citations": [{"ref": "gen"}],
    }


@st.composite
def rule_bases(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A small valid rule base: indicator rules reading only earlier indicators (no cycles), and
    motive rules reading any of them, with every operator, any/all/not and known/unknown."""
    rules: list[dict[str, Any]] = []
    indicators = [f"i{k}" for k in range(draw(st.integers(0, 3)))]
    for k, name in enumerate(indicators):
        for number in range(draw(st.integers(1, 2))):
            rules.append(
                _rule(f"gen.{name}_{number}", draw(_conditions(indicators[:k])), {"indicator": name})
            )
    for number in range(draw(st.integers(1, 4))):
        then = {
            "motive": draw(st.sampled_from([str(m) for m in Motive])),
            "certainty": draw(st.sampled_from([-0.6, -0.2, 0.1, 0.3, 0.7])),
        }
        rules.append(_rule(f"gen.m{number}", draw(_conditions(indicators)), then))
    return rules


def write_rulebase(directory: Path, rules: list[dict[str, Any]]) -> Path:
    references = {"references": {"gen": {"short": "Generated (2024)", "full": "Generated by the tests."}}}
    (directory / "references.yaml").write_text(json.dumps(references), encoding="utf-8")
    (directory / "generated.yaml").write_text(json.dumps({"rules": rules}, indent=1), encoding="utf-8")
    return directory


# A rule whose one alternative needs a fact both unknown and at least 5: `rules check` warns that it
# can never fire (W503), and the three-valued reading never holds it, but the network compiles only the
# `unknown` test of the fact and drops the other, so it fires when troops is unknown.
UNKNOWN_AND_VALUED = _rule(
    "gen.m0",
    [{"fact": "troops", "op": "unknown"}, {"fact": "troops", "op": ">=", "value": 5}],
    {"motive": "security", "certainty": 0.5},
)


@examples(30)
@given(rules=rule_bases(), samples=st.lists(fact_values(), min_size=1, max_size=4))
@example(rules=[UNKNOWN_AND_VALUED], samples=[{}])
def test_generated_rule_bases_agree_with_the_three_valued_reading_and_classify(
    rules: list[dict[str, Any]], samples: list[dict[str, FactValue]]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        compiled = compile_rules(load_rulebase(write_rulebase(Path(directory), rules)))
    for values in samples:
        _agree(compiled, values)
        result = classify(fact_set(values), compiled)
        strict_json(render_json([result]))


NORMATIVE = {"motive": "normative", "certainty": 0.3}


@examples(15)
@given(
    rules=st.one_of(st.just(None), rule_bases()),
    samples=st.lists(fact_values(), min_size=2, max_size=6),
)
@example(  # the same rule unjudged for want of two facts, then of one
    rules=[
        _rule(
            "gen.m0",
            [{"fact": "troops", "op": ">=", "value": 1}, {"fact": "police", "op": ">=", "value": 1}],
            NORMATIVE,
        )
    ],
    samples=[{}, {"troops": 5}],
)
@example(  # the same facts unknown, the rule judged for one country and not for the other
    rules=[
        _rule(
            "gen.m0",
            [
                {
                    "any": [
                        {"fact": "troops", "op": ">=", "value": 10},
                        {"fact": "police", "op": ">=", "value": 1},
                    ]
                }
            ],
            NORMATIVE,
        )
    ],
    samples=[{"troops": 20}, {"troops": 5}],
)
@example(  # a derived value undefined for two sets of known inputs, and for an unknown one
    rules=[_rule("gen.m0", [{"fact": "female_share_pct", "op": ">=", "value": 10}], NORMATIVE)],
    samples=[
        {"uniformed_personnel": 0, "female_personnel": 0},
        {"uniformed_personnel": 0, "female_personnel": 3},
        {"female_personnel": 0},
    ],
)
def test_unjudged_rules_shared_across_countries_read_as_worked_out_afresh(
    rules: list[dict[str, Any]] | None, samples: list[dict[str, FactValue]]
) -> None:
    """The unjudged rules of a country and the facts keeping each from being judged are worked out once
    per pattern and shared: every country of a run reads what it would have read alone."""
    if rules is None:
        compiled = compile_rules(SHIPPED)
    else:
        with tempfile.TemporaryDirectory() as directory:
            compiled = compile_rules(load_rulebase(write_rulebase(Path(directory), rules)))
    for values in samples:  # each pattern is worked out for the first country that has it
        classify(fact_set(values), compiled)
    for values in samples:
        shared = classify(fact_set(values), compiled)
        compiled.rulebase.memo.pop("unjudged_sets", None)
        alone = classify(fact_set(values), compiled)
        assert [motive.unjudged for motive in shared.motives] == [motive.unjudged for motive in alone.motives]


def _changed(
    base: dict[str, FactValue], other: dict[str, FactValue], names: list[str]
) -> dict[str, FactValue]:
    """``base`` with the facts ``names`` taken from ``other``: changed, added, or made unknown."""
    changed = dict(base)
    for name in names:
        if name in other:
            changed[name] = other[name]
        else:
            changed.pop(name, None)
    return changed


@examples(25)
@given(
    rules=st.one_of(st.just(None), rule_bases()),
    base=fact_values(),
    other=fact_values(),
    data=st.data(),
)
def test_rereading_the_rules_a_change_reaches_gives_every_truth_of_a_full_reading(
    rules: list[dict[str, Any]] | None, base: dict[str, FactValue], other: dict[str, FactValue], data: Any
) -> None:
    """What the counterfactual search and the sensitivity check read after each change of one to three
    facts, on the shipped rules (None) and on generated rule bases."""
    if rules is None:
        rulebase = SHIPPED
    else:
        with tempfile.TemporaryDirectory() as directory:
            rulebase = load_rulebase(write_rulebase(Path(directory), rules))
    reader = Reader(rulebase, base)
    # the facts the rules read, a derived quantity's by its inputs: the changes that can matter
    read = {
        leaf.fact for rule in rulebase.rules for leaf in leaves(rule.condition) if isinstance(leaf, FactTest)
    }
    candidates = sorted(
        {*(read - set(DERIVED)), *(i for name in read & set(DERIVED) for i in DERIVED[name].inputs)}
    )
    for _ in range(3):
        names = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
        changed = _changed(base, other, names)
        assert reader.after(changed, frozenset(names)) == evaluate_rules(
            rulebase, {**changed, **derive(changed)}
        )


# --- order independence ---------------------------------------------------------------------------

RULE_FILES = sorted(p for p in SHIPPED_RULES.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
COUNTRIES = fixture_countries()


@functools.cache
def _plain_text(path: Path) -> str:
    return json.dumps(load_yaml(path).data)


def _plain(path: Path) -> Any:
    """The file's data as plain lists and dicts, a fresh copy on every call."""
    return json.loads(_plain_text(path))


def _shuffled_keys(mapping: dict[str, Any], rng: Any) -> dict[str, Any]:
    keys = list(mapping)
    rng.shuffle(keys)
    return {key: mapping[key] for key in keys}


def _comparable(text: str) -> str:
    """The JSON output without what legitimately names the files rather than the result.

    ``rulebase`` is a hash of the rule files' names and text, so renamed or rewritten files must change
    it (that is its job); ``defined_at`` is the file and line of each rule, which moves when the files
    are renamed or the rules reordered. Everything else must stay byte for byte the same.
    """

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items() if key not in ("rulebase", "defined_at")}
        if isinstance(node, list):
            return [strip(item) for item in node]
        return node

    return json.dumps(strip(json.loads(text)), indent=2, ensure_ascii=False)


def _outputs(compiled: CompiledRules, fact_sets: Iterable[FactSet]) -> list[str]:
    return [_comparable(render_json([classify(facts, compiled)])) for facts in fact_sets]


@pytest.fixture(scope="module")
def shipped_fact_sets() -> dict[str, FactSet]:
    return {name: load_facts(path, display_path(path)) for name, path in COUNTRIES.items()}


@pytest.fixture(scope="module")
def shipped_outputs(shipped_compiled: CompiledRules, shipped_fact_sets: dict[str, FactSet]) -> list[str]:
    return _outputs(shipped_compiled, shipped_fact_sets.values())


FILE_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=12).filter(
    lambda name: name != "references"
)


@examples(10)
@given(data=st.data())
def test_output_does_not_depend_on_the_order_of_files_rules_or_keys(
    data: st.DataObject, shipped_fact_sets: dict[str, FactSet], shipped_outputs: list[str]
) -> None:
    rng = data.draw(st.randoms(use_true_random=False))
    rule_files = [path for path in RULE_FILES if path.stem != "references"]
    names = data.draw(st.lists(FILE_NAMES, min_size=len(rule_files), max_size=len(rule_files), unique=True))
    names += ["references" for path in RULE_FILES if path.stem == "references"]
    rule_files += [path for path in RULE_FILES if path.stem == "references"]
    with tempfile.TemporaryDirectory() as directory:
        rules_dir = Path(directory) / "rules"
        rules_dir.mkdir()
        for path, name in zip(rule_files, names, strict=True):
            content = _plain(path)
            if "rules" in content:
                rng.shuffle(content["rules"])
                content["rules"] = [_shuffled_keys(rule, rng) for rule in content["rules"]]
            if "references" in content:
                content["references"] = _shuffled_keys(content["references"], rng)
            target = rules_dir / (name + data.draw(st.sampled_from([".yaml", ".yml"])))
            target.write_text(json.dumps(_shuffled_keys(content, rng)), encoding="utf-8")
        compiled = compile_rules(load_rulebase(rules_dir, display="rules"))

        country = data.draw(st.sampled_from(sorted(COUNTRIES)))
        original = COUNTRIES[country]
        content = _plain(original)
        for key in ("facts", "sources"):
            content[key] = _shuffled_keys(content[key], rng)
        shuffled = Path(directory) / "facts.yaml"
        shuffled.write_text(json.dumps(_shuffled_keys(content, rng), indent=2), encoding="utf-8")
        fact_sets = {**shipped_fact_sets, country: load_facts(shuffled, display_path(original))}
        outputs = _outputs(compiled, fact_sets.values())
    assert outputs == shipped_outputs


# --- monotonicity ---------------------------------------------------------------------------------


def _evidence_only_facts(rulebase: RuleBase) -> set[str]:
    """Observed facts whose becoming known can only add evidence: no rule tests that they (or a derived
    quantity they feed) are unknown, and no rule leading to negative certainty reads them."""
    literals = {
        rule.id: [
            leaf for branch in branches(rule.condition) for leaf in branch if isinstance(leaf, FactTest)
        ]
        for rule in rulebase.rules
    }
    # rules that give negative evidence, and the rules that derive the indicators they read, transitively
    negative = {rule.id for rule in rulebase.rules if rule.weight < 0}
    while True:
        read = {name for rule_id in negative for name in rulebase.rule(rule_id).indicators_read()}
        feeding = {rule.id for rule in rulebase.rules if rule.indicator in read}
        if feeding <= negative:
            break
        negative |= feeding
    result = set()
    for name in FACTS:
        affected = {name} | {derived for derived, spec in DERIVED.items() if name in spec.inputs}
        tests = [leaf for rule_id in literals for leaf in literals[rule_id] if leaf.fact in affected]
        read_negatively = any(leaf.fact in affected for rule_id in negative for leaf in literals[rule_id])
        if not read_negatively and all(leaf.op != "unknown" for leaf in tests):
            result.add(name)
    return result


EVIDENCE_ONLY = sorted(_evidence_only_facts(SHIPPED))


def test_some_facts_can_only_add_evidence() -> None:
    """The monotonicity property below is not vacuous: true flags like unsc_permanent only add evidence."""
    flags = [name for name in EVIDENCE_ONLY if FACTS[name].kind is Kind.BOOL]
    assert flags, EVIDENCE_ONLY


def _assert_evidence_only_adds(
    compiled: CompiledRules, base: Mapping[str, FactValue], name: str, value: FactValue
) -> tuple[float, float]:
    """Classify without and with ``name = value``; the political certainties before and after."""
    added = consistent({**{k: v for k, v in base.items() if k != name}, name: value}, keep=[name])
    without = {k: v for k, v in added.items() if k != name}  # the same facts, but for the added one
    before = classify(fact_set(without), compiled)
    after = classify(fact_set(added), compiled)
    assert set(before.fired) <= set(after.fired)
    for motive in Motive:
        assert after.motive(motive).certainty >= before.motive(motive).certainty - 1e-9, motive
    return before.motive(Motive.POLITICAL).certainty, after.motive(Motive.POLITICAL).certainty


@examples(80)
@given(data=st.data())
def test_adding_a_fact_that_only_adds_evidence_never_lowers_a_certainty(
    data: st.DataObject, shipped_compiled: CompiledRules
) -> None:
    name = data.draw(st.sampled_from(EVIDENCE_ONLY))
    _assert_evidence_only_adds(
        shipped_compiled, data.draw(fact_values()), name, data.draw(values_of(FACTS[name]))
    )


def test_a_permanent_seat_adds_political_evidence(shipped_compiled: CompiledRules) -> None:
    """The property above on a case where the extra rule is known to fire: unsc_permanent from unknown
    to true fires political.permanent_member_influence."""
    assert "unsc_permanent" in EVIDENCE_ONLY
    before, after = _assert_evidence_only_adds(shipped_compiled, {}, "unsc_permanent", True)
    assert after > before


FACTORS = st.floats(-1, 1, allow_nan=False).filter(lambda x: x != 0)


@examples(200)
@given(factors=st.lists(FACTORS, max_size=8), extra=FACTORS, rng=st.randoms(use_true_random=False))
def test_combined_certainty_is_bounded_order_free_and_monotone(
    factors: list[float], extra: float, rng: Any
) -> None:
    certainty = combine(factors).certainty
    assert -1 <= certainty <= 1
    shuffled = list(factors)
    rng.shuffle(shuffled)
    assert combine(shuffled).certainty == certainty
    more = combine([*factors, extra]).certainty
    if extra > 0:
        assert more >= certainty - 1e-9
    else:
        assert more <= certainty + 1e-9


# --- the loaders under fuzz -----------------------------------------------------------------------


def assert_only_located_input_errors(load: Callable[[], object], shown: str) -> None:
    """``load`` succeeds or raises InputError whose every problem is one line naming the file."""
    try:
        load()
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            line = str(problem)
            assert line.splitlines() == [line], line
            assert line.startswith(shown), line
        assert str(error).splitlines() == [str(problem) for problem in error.problems]


def _load_both(path: Path) -> None:
    assert_only_located_input_errors(lambda: load_yaml(path, "fuzz.yaml"), "fuzz.yaml")
    assert_only_located_input_errors(lambda: load_facts(path, "fuzz.yaml"), "fuzz.yaml")


KEYWORDS = [f"{name}:" for name in (*FACTS, "country", "iso3", "as_of", "facts", "sources", "notes")]
SYNTAX = "- ? : { } [ ] , # | > |- >+ ' \" &a *a <<: !!str !!int !!binary !!set !local --- ... ~"
TAGS = ["!!python/object/apply:os.system", "!<tag:yaml.org,2002:str>", "%YAML 1.2", "%TAG ! !x"]
WORDS = "null true False NO yes on .nan .inf -.Inf 1e3 0x1F 0o17 010 1_000 12:30:00 2023-02-30 2023-W01"
ODD = ["- ", ": ", "&a [1, 2]", "<<: *a", '"\\x41"', '"\\q"', '"\\U0010FFFF"', "'it''s'", "é", "日本"]
CONTROL = ["\t", "\x00", "\x07", "\x85", "\u2028", "\ufeff", "\udcff"]  # the last is a lone surrogate
TOKENS = st.one_of(
    st.sampled_from([*KEYWORDS, *SYNTAX.split(), *TAGS, *WORDS.split(), *ODD, *CONTROL]),
    st.text(max_size=8),
    st.integers(),
    st.floats(),
    st.integers(1, 6000).map(lambda n: "9" * n),  # numbers of any length
)
YAMLISH = st.lists(
    st.tuples(st.sampled_from(["", "  ", "    ", " ", "\t", "- ", "  - "]), st.lists(TOKENS, max_size=5)).map(
        lambda line: line[0] + " ".join(str(token) for token in line[1])
    ),
    max_size=12,
).map("\n".join)


@examples(200)
@given(text=st.one_of(st.text(), YAMLISH))
@example(text="facts:\n  troops: " + "9" * 4301)  # one digit over the limit of int("...")
@example(text="facts:\n  troops: !!int five")  # an explicit tag on a value it does not fit
def test_random_text_raises_only_located_one_line_input_errors(text: str, scratch: Path) -> None:
    path = scratch / "fuzz.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _load_both(path)


@examples(60)
@given(raw=st.binary(max_size=200))
def test_random_bytes_raise_only_located_one_line_input_errors(raw: bytes, scratch: Path) -> None:
    path = scratch / "fuzz.yaml"
    path.write_bytes(raw)
    _load_both(path)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.sampled_from(["NO", "yes", "2023-11-30", "2023-13-01", "1e3", "0x1F", "IND", "ind", " ", "\n"]),
)
KEYS = st.one_of(
    st.sampled_from([*READABLE, "country", "iso3", "as_of", "facts", "sources", "notes"]),
    st.text(max_size=8),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(KEYS, children, max_size=3)),
    max_leaves=8,
)
FACT_FILES = st.fixed_dictionaries(
    {},
    optional={
        "country": VALUES,
        "iso3": VALUES,
        "as_of": VALUES,
        "facts": st.dictionaries(KEYS, VALUES, max_size=6),
        "sources": st.dictionaries(KEYS, VALUES, max_size=6),
        "notes": VALUES,
    },
)


@examples(150)
@given(document=st.one_of(FACT_FILES, VALUES), flow=st.sampled_from([None, True, False]))
def test_random_yaml_documents_raise_only_located_one_line_input_errors(
    document: Any, flow: bool | None, scratch: Path
) -> None:
    path = scratch / "fuzz.yaml"
    path.write_text(
        yaml.safe_dump(document, default_flow_style=flow, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    _load_both(path)
