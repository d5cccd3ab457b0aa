"""Explanations beyond the trace: explain (how / why not), what-if, counterfactuals, sensitivity,
derivation graphs and comparison, checked through the library and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest
from support import fixture_countries, require_tool, rule, run

from motives import Motive, classify, load_facts
from motives.engine.analysis.counterfactual import counterfactuals, sensitivity
from motives.engine.analysis.explain import explain_motive
from motives.engine.analysis.reread import Reader
from motives.engine.analysis.whynot import FactReason, Status
from motives.engine.api.countries import compare_paths
from motives.engine.inference.classify import run_rules
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.errors import Location
from motives.engine.model.facts import Fact, FactSet, apply_overrides
from motives.engine.render.reasons import reason_lines

FIX = fixture_countries()


def shipped(name: str) -> FactSet:
    return load_facts(fixture_countries()[name])


def inline(**values: object) -> FactSet:
    facts = tuple(Fact(k, v, "test", Location("test")) for k, v in sorted(values.items()))
    return FactSet("Testland", "TST", dt.date(2024, 1, 1), facts)


# --- explain: how and why not ---------------------------------------------------------------------------


def test_why_not_ranks_the_closest_rule_first_and_names_values(shipped_compiled: CompiledRules) -> None:
    explanation = explain_motive(run_rules(shipped("usa"), shipped_compiled), "normative")
    missed = {m.rule_id: m for m in explanation.missed}
    assert missed["normative.reciprocity"].distance == 1
    assert not missed["normative.reciprocity"].unknown
    assert reason_lines(missed["normative.reciprocity"].reasons) == [
        "fails:   hosted_un_pko = false, needs == true"
    ]
    assert missed["normative.long_record"].unknown
    assert "unknown: missions_cumulative is unknown, needs >= 20" in [
        line.strip() for line in reason_lines(missed["normative.long_record"].reasons)
    ]
    gender = reason_lines(missed["normative.gender_commitment"].reasons)
    assert any("fails:   uniformed_personnel = 30, needs >= 100 (off by 70)" in line for line in gender)
    # the same reasons as data: the status, the fact, its value, the threshold and the gap
    (test,) = missed["normative.reciprocity"].reasons
    assert isinstance(test, FactReason)
    assert (test.status, test.fact, test.op, test.threshold, test.value) == (
        Status.FAILS,
        "hosted_un_pko",
        "==",
        True,
        False,
    )


@pytest.mark.parametrize("name", sorted(fixture_countries()))
def test_every_non_dominant_motive_has_a_concrete_why_not(name: str, shipped_compiled: CompiledRules) -> None:
    facts = shipped(name)
    result = classify(facts, shipped_compiled)
    for motive in Motive:
        if motive in result.dominant:
            continue
        explanation = explain_motive(run_rules(facts, shipped_compiled), motive)
        if not explanation.missed:  # every supporting rule fired: the evidence is simply weaker
            assert explanation.result.evidence, (name, motive)
            continue
        for missed in explanation.missed:
            lines = reason_lines(missed.reasons)
            concrete = [line for line in lines if re.search(r"(fails|unknown):\s+\w+ (=|is unknown)", line)]
            assert concrete, (name, motive, missed.rule_id, lines)


def test_explain_command_text_and_json() -> None:
    code, out, _ = run("explain", FIX["india"], "economic")
    assert code == 0
    assert "HOW\n  1. " in out and "so: Large provider from a developing economy, evidence +0.45" in out
    assert "WHY NOT" in out and "One of the poorest states, with a sizeable contingent" in out
    code, out, _ = run("explain", FIX["india"], "economic", "--ids")
    assert "HOW\n  +0.45 economic.reimbursement_exceeds_pay" in out
    assert "WHY NOT" in out and "economic.poorest_provider" in out
    code, out, _ = run("explain", FIX["usa"], "security", "--format", "json")
    data = json.loads(out)
    assert data["motive"]["motive"] == "security" and data["motive"]["certainty"] == 0.45
    assert [item["rule"] for item in data["why_not"]] == [
        "security.neighbouring_conflict",
        "security.regional_stake",
    ]


# --- what-if ---------------------------------------------------------------------------------------------


def test_what_if_shows_what_changed() -> None:
    code, out, _ = run(
        "classify",
        FIX["india"],
        "--set",
        "female_personnel=1000",
        "--set",
        "hosted_un_pko=false",
        "--no-explain",
    )
    assert code == 0
    assert "  female_personnel: unknown -> 1000\n  hosted_un_pko: true -> false" in out
    assert "newly fired: indicator.gender_forerunner.share" in out
    assert "silenced: normative.reciprocity" in out
    assert re.search(r"normative\s+0\.66\s+0\.58\s+\(-0\.08\)", out)


def test_what_if_json_and_a_gained_motive() -> None:
    code, out, _ = run(
        "classify", FIX["usa"], "--set", "deployed_in_neighbouring_host=true", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["gained"] == ["security"] and data["lost"] == []
    assert data["newly_fired"] == ["security.neighbouring_conflict"]
    assert data["result"]["dominant"] == ["political", "security"]


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        (
            "female_personnel=lots",
            "--set female_personnel=lots: error F302 female_personnel must be a number",
        ),
        ("female_personnel=9000", "error F305 female_personnel (9000) exceeds uniformed_personnel (6073)"),
        ("femal_personnel=3", "error F301 unknown fact 'femal_personnel'; did you mean 'female_personnel'?"),
        ("female_personnel", "--set female_personnel: error F306 expected NAME=VALUE"),
    ],
)
def test_bad_what_if_values_are_located_errors(assignment: str, message: str) -> None:
    code, out, err = run("classify", FIX["india"], "--set", assignment)
    assert (code, out) == (1, "")
    assert message in err and "Traceback" not in err


# --- counterfactuals ---------------------------------------------------------------------------------------


def _verdict_with(facts: FactSet, changes, compiled: CompiledRules):  # type: ignore[no-untyped-def]
    """Apply an answer the way a user would: as --set assignments."""
    assignments = [
        f"{c.fact}={json.dumps(c.after) if isinstance(c.after, bool) else c.after}" for c in changes
    ]
    changed, _ = apply_overrides(facts, assignments)
    return classify(changed, compiled).dominant


@pytest.mark.parametrize("name", sorted(fixture_countries()))
def test_every_counterfactual_really_produces_the_promised_verdict(
    name: str, shipped_compiled: CompiledRules
) -> None:
    facts = shipped(name)
    before = classify(facts, shipped_compiled).dominant
    for motive in Motive:
        make = motive not in before
        search = counterfactuals(
            run_rules(facts, shipped_compiled), motive, make_dominant=make, max_changes=2
        )
        assert not search.already
        for answer in search.answers:
            after = _verdict_with(facts, answer.changes, shipped_compiled)
            assert after == answer.dominant, (name, motive, answer)
            assert (motive in after) is make, (name, motive, answer)


def test_counterfactuals_prefer_fewer_changes_and_respect_ranges(shipped_compiled: CompiledRules) -> None:
    search = counterfactuals(run_rules(shipped("usa"), shipped_compiled), "security")
    assert [str(change) for change in search.answers[0].changes] == [
        "deployed_in_neighbouring_host: false -> true"
    ]
    search = counterfactuals(run_rules(shipped("india"), shipped_compiled), "normative", make_dominant=False)
    assert all(len(answer.changes) == 1 for answer in search.answers)
    for answer in search.answers:
        for change in answer.changes:
            assert not isinstance(change.after, int | float) or change.after >= 0


def test_counterfactual_says_when_nothing_within_the_bound_works(shipped_compiled: CompiledRules) -> None:
    search = counterfactuals(run_rules(shipped("morocco"), shipped_compiled), "institutional")
    assert search.answers == () and not search.exhausted
    code, out, _ = run("counterfactual", FIX["morocco"], "--target", "institutional")
    assert code == 0 and "no change of up to the allowed number of facts does it" in out
    assert run("counterfactual", FIX["india"])[0] == 2  # neither --target nor --drop


def test_counterfactual_command_prints_a_checkable_answer() -> None:
    code, out, _ = run("counterfactual", FIX["usa"], "--target", "security")
    assert code == 0
    assert "1. if deployed_in_neighbouring_host: false -> true:" in out
    assert f"check it: motives classify {FIX['usa']} --set deployed_in_neighbouring_host=true" in out


# --- sensitivity -------------------------------------------------------------------------------------------


def test_a_verdict_one_threshold_away_is_fragile(shipped_compiled: CompiledRules) -> None:
    # an elected member in eight missions with 510 personnel: 500 makes its Council ambition count
    facts = inline(uniformed_personnel=510, unsc_elected_recently=True, missions_count=8)
    result = sensitivity(run_rules(facts, shipped_compiled), percent=10)
    assert result.dominant == (Motive.POLITICAL,)
    assert result.label.startswith("fragile: uniformed_personnel within 2.2%")
    assert any(change.after == 499 for change, _ in result.numeric_flips)


def test_sensitivity_of_the_paper_countries() -> None:
    code, out, _ = run("sensitivity", FIX["usa"], FIX["india"])
    assert code == 0
    assert "United States: dominant political\nrobust:" in out
    assert "deployed_in_neighbouring_host: false -> true -> political, security" in out
    code, out, _ = run("sensitivity", FIX["india"], "--format", "json", "--percent", "20")
    data = json.loads(out)
    # India's regular rate, 1.044%, is 4.2% above the 1% of indicator.provider_rather_than_payer.regular
    assert data["percent"] == 20 and data["margins"][0]["fact"] == "regular_budget_share_pct"


def test_sensitivity_percentages_are_relative_to_values_below_one(make_rulebase) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 15: the change from 0.45 to 0.51 is +13.3% of 0.45, not 6% of 1."""
    from support import rule

    from motives import compile_rules

    compiled = compile_rules(
        make_rulebase(
            [
                rule(
                    "political.small_payer",
                    [{"fact": "budget_share_pct", "op": "<=", "value": 0.5}],
                    {"motive": "political", "certainty": 0.6},
                )
            ]
        )
    )
    result = sensitivity(run_rules(inline(budget_share_pct=0.45), compiled), percent=10)
    assert result.dominant == (Motive.POLITICAL,)
    assert result.label.startswith("robust")  # the nearest flip, to 0.51, is 13.3% away
    (margin,) = result.margins
    assert margin.margin_pct == pytest.approx(100 * 0.05 / 0.45)
    wide = sensitivity(run_rules(inline(budget_share_pct=0.45), compiled), percent=15)
    assert wide.label.startswith("fragile: budget_share_pct within 13.3% (budget_share_pct: 0.45 -> 0.51)")
    from_zero = sensitivity(run_rules(inline(budget_share_pct=0.0), compiled), percent=100)
    assert from_zero.label.startswith("robust") and from_zero.margins[0].margin_pct is None
    tiny = sensitivity(run_rules(inline(budget_share_pct=0.001), compiled), percent=100)
    assert tiny.margins[0].margin_pct == pytest.approx(49900.0)  # 0.001 to 0.5: 500 times as much


def test_a_margin_from_zero_has_no_percentage(make_rulebase) -> None:  # type: ignore[no-untyped-def]
    from support import rule

    from motives import compile_rules

    compiled = compile_rules(
        make_rulebase(
            [
                rule(
                    "political.deploys",
                    [{"fact": "missions_count", "op": ">=", "value": 1}],
                    {"motive": "political", "certainty": 0.6},
                )
            ]
        )
    )
    result = sensitivity(run_rules(inline(missions_count=0), compiled), percent=50)
    assert [margin.margin_pct for margin in result.margins] == [None]
    assert result.label.startswith("robust")  # 0 -> 1 is no percentage of 0


def test_sensitivity_of_shipped_countries_with_small_shares() -> None:
    code, out, _ = run("sensitivity", FIX["india"], FIX["bangladesh"])
    assert code == 0
    assert "budget_share_pct = 0.21: -99.5% to budget_share_pct <= 0.001" in out
    assert "Bangladesh: dominant institutional\nrobust:" in out


# --- derivation graphs ----------------------------------------------------------------------------------------


def test_mermaid_graph_links_facts_to_indicators_to_motives() -> None:
    code, out, _ = run("classify", FIX["usa"], "--format", "mermaid")
    assert code == 0 and out.startswith("flowchart LR\n")
    assert (
        'c0_fact_budget_share_pct -->|"indicator.major_financial_contributor"| c0_indicator_major_financial_contributor'
        in out
    )
    assert (
        'c0_indicator_major_financial_contributor -->|"political.financial_leverage +0.50"| c0_motive_political'
        in out
    )


def test_dot_graph_is_valid_graphviz(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("classify", FIX["usa"], FIX["india"], "--format", "dot")
    assert code == 0 and out.startswith("digraph motives {")
    dot = require_tool("dot", "apt-get install graphviz")
    done = subprocess.run([dot, "-Tsvg"], input=out, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout and "political 0.79, dominant" in done.stdout


# --- compare ------------------------------------------------------------------------------------------------


def test_compare_reproduces_the_papers_analysis() -> None:
    comparison = compare_paths([FIX["usa"], FIX["india"]])
    assert [m.motive for m in comparison.similarities] == [Motive.POLITICAL]
    assert [m.motive for m in comparison.differences] == [Motive.NORMATIVE]
    assert {m.motive for m in comparison.contrasts} == {
        Motive.ECONOMIC,
        Motive.SECURITY,
        Motive.INSTITUTIONAL,
    }
    fired_for = {rule.rule_id: [s.country for s in rule.sides if s.fired] for rule in comparison.rules}
    # the US leads by money, training and Security Council weight ...
    for rule_id in (
        "political.financial_leverage",
        "political.capacity_building_diplomacy",
        "political.permanent_member_influence",
        "security.global_order",
    ):
        assert fired_for[rule_id] == ["United States"], rule_id
    # ... India by troops, female peacekeepers, UN principles, and financial benefit for its personnel
    for rule_id in (
        "institutional.operational_experience",
        "normative.gender_commitment",
        "normative.long_record",
        "economic.reimbursement_exceeds_pay",
    ):
        assert fired_for[rule_id] == ["India"], rule_id


def test_compare_command_formats_and_needs_two_countries() -> None:
    code, out, _ = run("compare", FIX["usa"], FIX["india"], "--format", "markdown")
    assert code == 0 and out.startswith("# Comparing United States (2021-01-31) and India (2023-11-30)")
    assert "| political | 0.79 **dominant** | 0.74 **dominant** |" in out
    code, out, _ = run("compare", FIX["usa"], FIX["india"], "--format", "json")
    assert json.loads(out)["similarities"][0]["motive"] == "political"
    code, _, err = run("compare", FIX["usa"])
    assert code == 1 and "needs at least two fact sets" in err


def test_compare_one_country_at_two_dates() -> None:
    root = fixture_countries()["usa"].parent
    code, out, _ = run("compare", str(root / "india" / "2021-01-31.yaml"), str(root / "india.yaml"))
    assert code == 0 and "Comparing India (2021-01-31) and India (2023-11-30)" in out


@pytest.mark.parametrize(
    "command",
    [
        ("explain", "usa", "india", "normative"),
        ("counterfactual", "usa", "india", "--target", "security"),
        ("sensitivity", "usa", "india"),
    ],
)
def test_json_for_several_countries_is_one_array(command: tuple[str, ...]) -> None:
    code, out, _ = run(*command, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 2
    code, out, _ = run(*(part for part in command if part != "india"), "--format", "json")
    assert isinstance(json.loads(out), dict)


def test_a_change_reaches_the_rules_of_a_derived_quantity_and_of_the_indicators_they_conclude(
    make_rulebase,  # type: ignore[no-untyped-def]
) -> None:
    # only the share is tested, never its inputs: changing an input must re-read the rule, and the
    # rule reading the indicator it concludes
    rulebase = make_rulebase(
        [
            rule(
                "indicator.women",
                [{"fact": "female_share_pct", "op": ">=", "value": 10}],
                {"indicator": "women"},
            ),
            rule("normative.women", [{"indicator": "women"}], {"motive": "normative", "certainty": 0.6}),
        ]
    )
    base = {"female_personnel": 5, "uniformed_personnel": 100}
    reader = Reader(rulebase, base)
    assert reader.truths == {"indicator.women": False, "normative.women": False}
    for name, value, expected in (("female_personnel", 20, True), ("uniformed_personnel", 40, True)):
        changed = {**base, name: value}
        assert reader.after(changed, frozenset((name,))) == {
            "indicator.women": expected,
            "normative.women": expected,
        }
    unknown = {"uniformed_personnel": 100}
    assert reader.after(unknown, frozenset(("female_personnel",))) == {
        "indicator.women": None,
        "normative.women": None,
    }
