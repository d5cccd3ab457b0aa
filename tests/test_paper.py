"""The seed paper's analysis as acceptance tests (Sejati, Pedrason & Inkiriwang 2024, pp. 94-95).

The paper finds the United States leading by money, logistics, training and Council weight (political,
with security), and India by troops, female peacekeepers and UN principles (normative and political,
with financial benefit for its personnel). The rules must reach that from the facts: no rule names a
country, which the last test checks.
"""

from __future__ import annotations

import datetime as dt

from motives import Motive, classify, load_facts, resolve_facts
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.conditions import IndicatorTest, leaves
from motives.engine.model.declared import BUILT_IN
from motives.engine.model.rules import RuleBase

# The data panel's snapshots at the dates of the project's paper figures: India at the UN's ranking of
# 30 November 2023 (the paper's p. 93), the United States at the ranking of 31 January 2021.
PAPER_DATES = {"india": dt.date(2023, 11, 30), "usa": dt.date(2021, 1, 31)}


def _classify(name: str, compiled: CompiledRules):
    path, shown = resolve_facts(name, PAPER_DATES[name])
    facts = load_facts(path, shown)
    assert facts.as_of == PAPER_DATES[name]
    return classify(facts, compiled)


def test_usa_is_political_with_security_second(shipped_compiled: CompiledRules) -> None:
    result = _classify("usa", shipped_compiled)
    assert result.dominant == (Motive.POLITICAL,)
    ranked = [motive.motive for motive in result.motives]
    assert ranked[:2] == [Motive.POLITICAL, Motive.SECURITY]
    assert result.motive(Motive.SECURITY).certainty > 0
    # a rich payer with 30 personnel: evidence counts against reimbursement as a motive
    assert result.motive(Motive.ECONOMIC).certainty < 0


def test_india_is_normative_and_political_with_economic_present(shipped_compiled: CompiledRules) -> None:
    result = _classify("india", shipped_compiled)
    assert set(result.dominant) == {Motive.NORMATIVE, Motive.POLITICAL}
    economic = result.motive(Motive.ECONOMIC)
    assert economic.certainty > 0 and not economic.dominant


def test_the_paper_difference_is_visible_in_the_evidence(shipped_compiled: CompiledRules) -> None:
    usa_fired = set(_classify("usa", shipped_compiled).fired)
    india_fired = set(_classify("india", shipped_compiled).fired)
    # US: money, training, Council weight
    assert {"political.financial_leverage", "political.capacity_building_diplomacy"} <= usa_fired
    assert "political.permanent_member_influence" in usa_fired
    # India: troops, female peacekeepers, long record, financial benefit for its personnel
    assert {
        "normative.gender_commitment",
        "normative.long_record",
        "economic.reimbursement_exceeds_pay",
    } <= india_fired
    assert "indicator.major_personnel_contributor.size" in india_fired
    assert not usa_fired & {"normative.gender_commitment", "economic.reimbursement_exceeds_pay"}


def test_no_rule_can_name_a_country(shipped_rulebase: RuleBase) -> None:
    # rules read only the fact vocabulary, and a country's identity is not part of it
    readable = BUILT_IN.readable
    assert not {"country", "iso3", "name"} & set(readable)
    for rule in shipped_rulebase.rules:
        for leaf in leaves(rule.condition):
            assert isinstance(leaf, IndicatorTest) or leaf.fact in readable, rule.id
