"""The compiled experta network: chaining, alternatives, unknown facts, and agreement with the
three-valued reading of the same rules (a differential check over shipped and random fact sets)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from support import fixture_countries, rule

from motives import Motive, classify, compile_rules, evaluate_rules, load_facts
from motives.engine.inference.classify import verdict_of
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.derived import derive
from motives.engine.model.errors import InferenceLimitError, Location
from motives.engine.model.facts import Fact, FactSet
from motives.engine.model.vocabulary import FACTS, Kind


def fact_set(**values: object) -> FactSet:
    facts = tuple(
        Fact(name, value, f"test source for {name}", Location("test")) for name, value in values.items()
    )
    return FactSet("Testland", "TST", dt.date(2024, 1, 1), tuple(sorted(facts, key=lambda f: f.name)))


CHAIN = [
    rule("motive.top", [{"indicator": "b"}], {"motive": "political", "certainty": 0.6}),
    rule(
        "indicator.b",
        [{"indicator": "a"}, {"fact": "missions_count", "op": ">=", "value": 3}],
        {"indicator": "b"},
    ),
    rule("indicator.a", [{"fact": "uniformed_personnel", "op": ">=", "value": 100}], {"indicator": "a"}),
]


def test_indicators_chain_through_the_engine(make_rulebase) -> None:
    compiled = compile_rules(make_rulebase(CHAIN))
    result = classify(fact_set(uniformed_personnel=150, missions_count=4), compiled)
    assert result.fired == ("indicator.a", "indicator.b", "motive.top")
    political = result.motive(Motive.POLITICAL)
    assert political.certainty == pytest.approx(0.6)
    assert political.dominant
    (step,) = political.evidence
    (indicator_b,) = step.checks
    assert indicator_b.indicator == "b"
    (producer,) = indicator_b.support
    assert [check.text for check in producer.checks] == ["indicator a", "missions_count = 4 >= 3"]
    assert producer.checks[0].support[0].checks[0].text == "uniformed_personnel = 150 >= 100"
    assert producer.checks[0].support[0].checks[0].source == "test source for uniformed_personnel"


def test_rules_come_in_dependency_order_whatever_the_file_order(make_rulebase) -> None:
    rulebase = make_rulebase(CHAIN)
    assert [r.id for r in rulebase.rules] == ["indicator.a", "indicator.b", "motive.top"]


def test_a_broken_link_stops_the_chain(make_rulebase) -> None:
    compiled = compile_rules(make_rulebase(CHAIN))
    result = classify(fact_set(uniformed_personnel=150, missions_count=2), compiled)
    assert result.fired == ("indicator.a",)
    assert result.motive(Motive.POLITICAL).certainty == 0


def test_a_rule_blocked_by_an_unknown_fact_is_reported_with_the_fact(make_rulebase) -> None:
    compiled = compile_rules(make_rulebase(CHAIN))
    result = classify(fact_set(uniformed_personnel=150), compiled)
    (unjudged,) = result.motive(Motive.POLITICAL).unjudged
    assert unjudged.rule_id == "motive.top"
    assert unjudged.missing == ("missions_count",)


def test_a_false_condition_beats_an_unknown_one(make_rulebase) -> None:
    compiled = compile_rules(make_rulebase(CHAIN))
    result = classify(fact_set(uniformed_personnel=50), compiled)
    assert result.motive(Motive.POLITICAL).unjudged == ()


def test_any_fires_once_and_explains_the_alternative_that_held(make_rulebase) -> None:
    rules = [
        rule(
            "motive.any",
            [
                {
                    "any": [
                        {"fact": "leadership_posts", "op": ">=", "value": 5},
                        {"fact": "missions_count", "op": ">=", "value": 3},
                    ]
                }
            ],
            {"motive": "normative", "certainty": 0.5},
        )
    ]
    compiled = compile_rules(make_rulebase(rules))
    both = classify(fact_set(leadership_posts=9, missions_count=9), compiled)
    assert both.motive(Motive.NORMATIVE).certainty == pytest.approx(0.5)
    second_only = classify(fact_set(leadership_posts=1, missions_count=9), compiled)
    (step,) = second_only.motive(Motive.NORMATIVE).evidence
    assert [check.text for check in step.checks] == ["missions_count = 9 >= 3"]


def test_not_pushes_onto_the_fact_and_keeps_unknown_unknown(make_rulebase) -> None:
    rules = [
        rule(
            "motive.not",
            [{"not": {"fact": "income_group", "op": "==", "value": "high"}}],
            {"motive": "economic", "certainty": 0.3},
        )
    ]
    compiled = compile_rules(make_rulebase(rules))
    assert classify(fact_set(income_group="low"), compiled).fired == ("motive.not",)
    assert classify(fact_set(income_group="high"), compiled).fired == ()
    unknown = classify(fact_set(), compiled)
    assert unknown.fired == ()
    assert unknown.motive(Motive.ECONOMIC).unjudged[0].missing == ("income_group",)
    (step,) = classify(fact_set(income_group="low"), compiled).motive(Motive.ECONOMIC).evidence
    assert step.checks[0].text == "income_group = low != high"


def test_unknown_operator_fires_on_absence(make_rulebase) -> None:
    rules = [
        rule(
            "motive.unknown",
            [{"fact": "budget_share_pct", "op": "unknown"}],
            {"motive": "security", "certainty": 0.2},
        )
    ]
    compiled = compile_rules(make_rulebase(rules))
    assert classify(fact_set(), compiled).fired == ("motive.unknown",)
    assert classify(fact_set(budget_share_pct=1.0), compiled).fired == ()


def test_derived_quantities_are_computed_and_explained(make_rulebase) -> None:
    rules = [
        rule(
            "motive.share",
            [{"fact": "female_share_pct", "op": ">=", "value": 10}],
            {"motive": "normative", "certainty": 0.3},
        )
    ]
    compiled = compile_rules(make_rulebase(rules))
    result = classify(fact_set(female_personnel=20, uniformed_personnel=100), compiled)
    (check,) = result.motive(Motive.NORMATIVE).evidence[0].checks
    assert check.text == "female_share_pct = 20 >= 10"
    assert check.source == "derived: 100 x female_personnel / uniformed_personnel"
    assert [item.text for item in check.inputs] == ["female_personnel = 20", "uniformed_personnel = 100"]


def test_an_undefined_derived_quantity_is_named_as_such(make_rulebase) -> None:
    rules = [
        rule(
            "motive.share",
            [{"fact": "female_share_pct", "op": ">=", "value": 10}],
            {"motive": "normative", "certainty": 0.3},
        )
    ]
    compiled = compile_rules(make_rulebase(rules))
    result = classify(fact_set(female_personnel=0, uniformed_personnel=0), compiled)
    (unjudged,) = result.motive(Motive.NORMATIVE).unjudged
    assert unjudged.missing == (
        "female_share_pct (undefined for female_personnel = 0, uniformed_personnel = 0)",
    )


def test_negative_evidence_lowers_certainty(make_rulebase) -> None:
    rules = [
        rule(
            "motive.for",
            [{"fact": "missions_count", "op": ">=", "value": 1}],
            {"motive": "economic", "certainty": 0.5},
        ),
        rule(
            "motive.against",
            [{"fact": "income_group", "op": "==", "value": "high"}],
            {"motive": "economic", "certainty": -0.5},
        ),
    ]
    compiled = compile_rules(make_rulebase(rules))
    result = classify(fact_set(missions_count=2, income_group="high"), compiled)
    assert result.motive(Motive.ECONOMIC).certainty == pytest.approx(0.0)


def test_the_network_is_reused_across_countries_without_leaking_facts(
    shipped_compiled: CompiledRules,
) -> None:
    countries = fixture_countries()
    india = load_facts(countries["india"])
    first = classify(india, shipped_compiled)
    classify(load_facts(countries["usa"]), shipped_compiled)
    assert classify(india, shipped_compiled) == first


def _random_values(generator: random.Random) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, spec in FACTS.items():
        if generator.random() < 0.3:
            continue
        if spec.kind is Kind.BOOL:
            values[name] = generator.random() < 0.5
        elif spec.kind is Kind.CHOICE:
            values[name] = generator.choice(spec.choices)
        elif spec.kind is Kind.INT:
            values[name] = generator.choice(
                [0, 1, 3, 5, 8, 10, 20, 100, 499, 500, 999, 1000, 2000, 6000, 60000]
            )
        else:
            values[name] = generator.choice(
                [0.0, 0.2, 0.99, 1.0, 5.0, 6.5, 27.0, 99.0, 4499.0, 4500.0, 90000.0]
            )
            if spec.maximum is not None:
                values[name] = min(values[name], spec.maximum)
    return {**values, **derive(values)}


@pytest.mark.parametrize("seed", range(200))
def test_engine_and_three_valued_reading_agree_on_random_fact_sets(
    seed: int, shipped_compiled: CompiledRules
) -> None:
    values = _random_values(random.Random(seed))
    fired = {firing.rule_id for firing in shipped_compiled.run(values)}
    truths = evaluate_rules(shipped_compiled.rulebase, values)
    assert fired == {rule_id for rule_id, truth in truths.items() if truth is True}


def test_engine_and_three_valued_reading_agree_on_shipped_countries(shipped_compiled: CompiledRules) -> None:
    for path in fixture_countries().values():
        facts = load_facts(path)
        values = {**facts.values(), **derive(facts.values())}
        fired = {firing.rule_id for firing in shipped_compiled.run(values)}
        truths = evaluate_rules(shipped_compiled.rulebase, values)
        assert fired == {rule_id for rule_id, truth in truths.items() if truth is True}, path.name


def test_the_firing_limit_stops_the_engine_with_the_rules_named(make_rulebase) -> None:
    compiled = compile_rules(make_rulebase(CHAIN))
    compiled.firing_limit = 2
    with pytest.raises(InferenceLimitError, match=r"stopped after 2 firings .* indicator.a, indicator.b"):
        compiled.run({"uniformed_personnel": 150, "missions_count": 4})


@pytest.mark.parametrize("name", sorted(fixture_countries()))
def test_the_bulk_verdict_is_the_classification_without_its_explanation(
    name: str, shipped_compiled: CompiledRules
) -> None:
    facts = load_facts(fixture_countries()[name])
    full, bulk = classify(facts, shipped_compiled), verdict_of(facts, shipped_compiled)
    assert bulk.dominant == full.dominant and bulk.fired == full.fired
    assert bulk.certainty == tuple(full.motive(motive).certainty for motive in Motive)
