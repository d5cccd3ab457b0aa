"""The schemas of the outputs about one country each: classify (and its what-if), explain,
counterfactual, sensitivity, and compare."""

from __future__ import annotations

from .parts import (
    NUMERIC_OPERATORS,
    Schema,
    array,
    boolean,
    closed,
    count,
    document,
    each_motive_once,
    number,
    one_or_many,
    or_null,
    provenance,
    ref,
    rule_ids,
    string,
)


def classification_schema() -> Schema:
    return document(
        "classification",
        "motives classify --format json",
        one_or_many("classification", "One classification for one input, an array of them for several."),
    )


def what_if_schema() -> Schema:
    what_if = closed(
        "a classification rerun with facts changed, and what changed",
        {
            "changes": array(ref("change"), "the facts changed (--set)"),
            "dominant_before": ref("motives"),
            "dominant_after": ref("motives"),
            "gained": ref("motives", "dominant after the change, not before"),
            "lost": ref("motives", "dominant before the change, not after"),
            "motives": each_motive_once(
                closed(
                    "one motive's certainty before and after, rounded to 4 decimals",
                    {
                        "motive": ref("motive"),
                        "before": ref("certainty"),
                        "after": ref("certainty"),
                    },
                ),
                "the five motives, in the fixed order of the motives",
            ),
            "newly_fired": rule_ids("rules that fire after the change only"),
            "silenced": rule_ids("rules that fired before the change only"),
            "result": ref("classification", "the classification after the change"),
        },
    )
    return document(
        "what_if",
        "motives classify --set NAME=VALUE --format json",
        one_or_many("what_if", "One what-if for one input, an array of them for several."),
        {"what_if": what_if},
    )


def explanation_schema() -> Schema:
    explanation = closed(
        "how one motive was concluded for one country, and why not (more strongly)",
        {
            "country": string("the country's name"),
            "iso3": ref("iso3"),
            "as_of": ref("date"),
            "motive": ref("motive_result", "the motive as classify shows it"),
            **provenance(),
            "why_not": array(
                closed(
                    "a rule that supports the motive but did not fire",
                    {
                        "rule": ref("rule_id"),
                        "title": string("the rule's title"),
                        "certainty": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                        "distance": count("conditions still to change, through indicator chains"),
                        "not_judged": boolean("it could not be judged for want of facts"),
                        "reasons": array(ref("reason"), "its conditions"),
                    },
                ),
                "every rule that could have supported the motive, closest first",
            ),
        },
    )
    return document(
        "explanation",
        "motives explain --format json",
        one_or_many("explanation", "One explanation for one input, an array of them for several."),
        {"explanation": explanation},
    )


def counterfactual_schema() -> Schema:
    answer = closed(
        "one set of fact changes that gives the verdict asked for",
        {
            "changes": array(
                closed(
                    "one fact changed",
                    {
                        "fact": ref("name"),
                        "before": or_null(ref("fact_value", "null: unknown")),
                        "after": ref("fact_value"),
                        "text": string("the change in words, as what-if writes it: 'troops: 68 -> 500'"),
                    },
                ),
                "the changes",
                minItems=1,
            ),
            "dominant": ref("motives", "the dominant motives after the changes"),
            "certainty": ref("certainty", "the target motive's, after the changes"),
            "via": rule_ids("the rules newly fired (or silenced) that carry the change"),
        },
    )
    search = closed(
        "the smallest sets of fact changes that would make a motive dominant, or not",
        {
            "country": string("the country's name"),
            "target": ref("motive"),
            "make_dominant": boolean("true: --target; false: --drop"),
            **provenance(),
            "already": boolean("the verdict already is what was asked"),
            "dominant": ref("motives", "the verdict before any change"),
            "evaluations": count("candidate verdicts evaluated"),
            "exhausted": boolean("the search bound was reached before every combination was tried"),
            "answers": array(answer, "fewest and smallest changes first"),
        },
    )
    return document(
        "counterfactual",
        "motives counterfactual --format json",
        one_or_many("counterfactual", "One search for one input, an array of them for several."),
        {"counterfactual": search},
    )


def sensitivity_schema() -> Schema:
    flip = closed(
        "a single change of a fact that changes the dominant motives",
        {
            "fact": ref("name"),
            "before": ref("fact_value"),
            "after": ref("fact_value"),
            "dominant": ref("motives", "the dominant motives after the change"),
        },
    )
    margin = closed(
        "the nearest threshold a rule tests a numeric fact against",
        {
            "fact": ref("name"),
            "value": number("the fact's value"),
            "op": {"enum": NUMERIC_OPERATORS, "description": "the test's operator"},
            "threshold": number("the threshold, as the rule writes it"),
            "requirement": string("the test as the rule states it: 'missions_count >= 8'"),
            "rule": ref("rule_id"),
            "margin_pct": {
                "type": ["number", "null"],
                "description": "how far the value is from the threshold, in percent of the value "
                "(rounded to 2 decimals); null for a value of 0",
            },
        },
    )
    sensitivity = closed(
        "how robust one verdict is",
        {
            "country": string("the country's name"),
            "dominant": ref("motives"),
            "percent": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            "label": string("'robust: ...' or 'fragile: ...'"),
            **provenance(),
            "margins": array(margin, "one per numeric fact the rules test, nearest first"),
            "numeric_flips": array(flip, "numeric changes within +/- percent that change the verdict"),
            "other_flips": array(flip, "flips of a yes/no fact or a category that change the verdict"),
        },
    )
    return document(
        "sensitivity",
        "motives sensitivity --format json",
        one_or_many("sensitivity", "One sensitivity for one input, an array of them for several."),
        {"sensitivity": sensitivity},
    )


def comparison_schema() -> Schema:
    side = closed(
        "one country's side of a motive",
        {
            "country": string("the country's name"),
            "certainty": ref("certainty"),
            "dominant": boolean("the motive is dominant for it"),
            "evidence": array(
                closed(
                    "a motive rule that fired",
                    {"rule": ref("rule_id"), "certainty": ref("certainty")},
                ),
                "the motive rules that fired, strongest first",
            ),
            "not_judged": array(
                closed(
                    "a motive rule that could not be judged",
                    {"rule": ref("rule_id"), "needs": array(ref("name"), "the unknown facts")},
                ),
                "the motive rules that could not be judged",
            ),
        },
    )
    motive = closed(
        "one motive, with each country's side",
        {"motive": ref("motive"), "sides": array(side, "each country, in the order given")},
    )
    rule_side = closed(
        "one country's side of a rule that fired for some countries, not for others",
        {
            "country": string("the country's name"),
            "fired": boolean("the rule fired for it"),
            "facts": array(
                closed(
                    "a fact condition that held",
                    {
                        "fact": ref("name"),
                        "value": or_null(ref("fact_value")),
                        "text": string("the test with the value"),
                    },
                ),
                "where it fired: the fact conditions that held, through indicators",
            ),
            "missing": array(ref("fact_reason"), "where it did not: the tests that failed or were unknown"),
        },
    )
    comparison = closed(
        "Two or more countries compared: the motives they share, the motives and rules that separate "
        "them, and the facts behind.",
        {
            **provenance(facts=False),
            "countries": array(
                closed(
                    "one country compared",
                    {
                        "country": string("the country's name"),
                        "iso3": ref("iso3"),
                        "as_of": ref("date"),
                        "dominant": ref("motives"),
                        "facts_hash": ref("hash", "the hash of the country, date and every fact"),
                    },
                ),
                "the countries, in the order given",
                minItems=2,
            ),
            "similarities": array(ref("motive_sides"), "motives dominant for all"),
            "also_shared": array(
                ref("motive_sides"), "motives present (certainty above 0) for all, dominant for not all"
            ),
            "differences": array(ref("motive_sides"), "motives dominant for some, not all"),
            "contrasts": array(ref("motive_sides"), "motives dominant for none, present for some, not all"),
            "separating_rules": array(
                closed(
                    "a motive rule that fired for some countries, not for others",
                    {
                        "rule": ref("rule_id"),
                        "title": string("the rule's title"),
                        "concludes": string("'MOTIVE +0.40'"),
                        "sides": array(rule_side, "each country, in the order given"),
                    },
                ),
                "in motive order, strongest first",
            ),
        },
    )
    return document("comparison", "motives compare --format json", comparison, {"motive_sides": motive})
