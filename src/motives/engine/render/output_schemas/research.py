"""The schemas of the outputs across many countries: evaluate, robustness, rules diff, and a row of
batch."""

from __future__ import annotations

from motives.engine.analysis.evaluation import BASELINES
from motives.engine.analysis.robustness import ALL_RULES
from motives.engine.model.schema import SOURCE_KINDS
from motives.engine.model.vocabulary import FACTS, Motive

from .parts import (
    DEFS,
    Schema,
    array,
    boolean,
    by_motive,
    closed,
    count,
    document,
    number,
    or_null,
    provenance,
    ref,
    rule_ids,
    string,
    strings,
)


def evaluation_schema() -> Schema:
    motive_score = closed(
        "one motive's scores, predicted dominant against labelled",
        {
            "precision": {"type": ["number", "null"], "description": "null: never predicted"},
            "recall": {"type": ["number", "null"], "description": "null: never labelled"},
            "f1": {"type": ["number", "null"], "description": "null: neither predicted nor labelled"},
            "tp": count("true positives"),
            "fp": count("false positives"),
            "fn": count("false negatives"),
            "tn": count("true negatives"),
        },
    )
    figures = {
        **DEFS["scores"]["properties"],
        "motives": by_motive(ref("motive_score"), "the scores of each motive", every=True),
        "confusion": by_motive(
            closed(
                "the countries labelled with the motive, by their strongest dominant motive",
                {
                    **{str(motive): count(f"strongest {motive}") for motive in Motive},
                    "none": count("no dominant motive"),
                },
            ),
            "countries by labelled motive (a country counts under each motive of its label) and strongest "
            "dominant motive",
            every=True,
        ),
    }
    scores = closed("the agreement figures (rounded to 4 decimals), and each motive's scores", figures)
    baseline = closed(
        "a baseline's figures and scores",
        {
            "leave_one_country_out": {"const": True, "description": "fitted on every other country"},
            **figures,
            "rule_base_minus_baseline": closed(
                "the rule base's figures minus the baseline's, country by country",
                {"top1": ref("difference", "top-1 agreement"), "jaccard": ref("difference", "Jaccard")},
            ),
        },
    )
    source = closed(
        "what one source says about the country",
        {
            "dominant": ref("motives"),
            "secondary": ref("motives"),
            "source": string("the source"),
            "published": {"type": ["integer", "null"], "description": "the year of publication"},
            "url": string("where to read it"),
            "excerpt": string("the words it says it in"),
            "note": {"type": ["string", "null"], "description": "a note on the row"},
        },
    )
    evidence = closed(
        "a motive rule that fired, and the facts it read",
        {
            "motive": ref("motive"),
            "rule": ref("rule_id"),
            "certainty": ref("certainty"),
            "facts": array(
                closed(
                    "a fact the rule read",
                    {"name": ref("name"), "value": ref("fact_value"), "source": string("its source")},
                ),
                "the facts it read, through its indicators",
            ),
        },
    )
    country = closed(
        "one labelled country: its verdict, label, the baselines' guesses, what decided the verdict",
        {
            "country": string("the country's name"),
            "iso3": ref("iso3"),
            "as_of": ref("date"),
            "facts_file": string("the fact file (or panel snapshot) classified"),
            "facts_hash": ref("hash", "the hash of the country, date and every fact"),
            "income_group": {
                "enum": [*FACTS["income_group"].choices, None],
                "description": "the World Bank income group; null: unknown",
            },
            "coverage": ref("coverage"),
            "undecided": array(
                closed(
                    "a rule not judged for unknown facts whose evidence alone would lift its motive to the "
                    "dominance minimum",
                    {
                        "motive": ref("motive"),
                        "rule": string("the rule's id"),
                        "certainty": number("the evidence it would give"),
                        "unknown_facts": array(ref("name"), "the unknown facts that blocked it"),
                    },
                ),
                "where the verdict turns on facts the panel does not have",
            ),
            "predicted": ref("motives", "the dominant motives, strongest first"),
            "strongest": or_null(ref("motive", "the strongest dominant motive; null: none dominant")),
            "certainty": ref("certainties", "each motive's certainty, rounded to 4 decimals"),
            "label": ref("motives", "the motives most of its sources name as dominant"),
            "votes": by_motive(
                {"type": "integer", "minimum": 1},
                "how many sources name each motive as dominant (motives none names are left out)",
                every=False,
            ),
            "top1": boolean("the strongest predicted motive is in the label"),
            "jaccard": number("Jaccard index of the predicted and labelled sets"),
            "baselines": {
                "type": "object",
                "properties": {name: ref("motive") for name in BASELINES},
                "required": list(BASELINES),
                "additionalProperties": False,
                "description": "the motive each baseline predicts",
            },
            "sources": array(source, "the label's sources, one per row of the labels file", minItems=1),
            "evidence": array(evidence, "the motive rules that fired"),
        },
    )
    evaluation = closed(
        "Agreement of the rule base with a labelled set, beside two baselines, and a row per country.",
        {
            "summary": closed(
                "the agreement of the rule base and of the baselines",
                {
                    **provenance(facts=False),
                    "countries": count("labelled countries"),
                    "source_rows": count("rows of the labels file"),
                    "dominance": closed(
                        "the rule for a dominant motive",
                        {**DEFS["dominance"]["properties"], "rule": string("the rule in words")},
                    ),
                    "rule_base": ref("motive_scores"),
                    "baselines": {
                        "type": "object",
                        "properties": {name: ref("baseline_scores") for name in BASELINES},
                        "required": list(BASELINES),
                        "additionalProperties": False,
                        "description": "each baseline, by name",
                    },
                    "by_kind": array(
                        closed(
                            "the rule base and always the most common label against the source rows of one "
                            "kind (rounded to 4 decimals)",
                            {
                                "kind": {
                                    "enum": [*SOURCE_KINDS, None],
                                    "description": "the kind of source; null: rows that name none",
                                },
                                "rows": count("source rows of this kind"),
                                "rule_base": ref("row_figures", "the rule base against each row"),
                                "most_common": ref("row_figures", "always the most common label, each row"),
                            },
                        ),
                        "by kind of source, in the order of the kinds, rows that name none last",
                    ),
                    "sources": closed(
                        "the sources against one another: each source row of a country with two or more, "
                        "against the label of the country's other rows (rounded to 4 decimals)",
                        {
                            "countries": count("labelled countries with two or more source rows"),
                            "rows": count("their source rows, each held out once"),
                            "top1": number("the other rows' strongest motive is in the held-out row"),
                            "jaccard": number("Jaccard of the other rows' label and the held-out row"),
                            "rule_base": closed(
                                "the rule base's verdict against the same rows",
                                {
                                    "top1": number("top-1 agreement with the held-out rows"),
                                    "jaccard": number("Jaccard with the held-out rows"),
                                },
                            ),
                        },
                    ),
                },
            ),
            "by_rule": array(
                closed(
                    "one motive rule against the labels of the countries it fired for",
                    {
                        "rule": ref("rule_id"),
                        "motive": ref("motive"),
                        "certainty": ref("certainty"),
                        "fired": count("labelled countries it fired for"),
                        "borne_out": array(
                            ref("iso3"),
                            "where the label bears it out: it names the motive (for evidence against, "
                            "leaves it out)",
                        ),
                        "against": array(ref("iso3"), "where the label does not bear it out"),
                        "against_but_a_source_agrees": array(
                            ref("iso3"), "of those, where at least one source row agrees with the rule"
                        ),
                        "without": closed(
                            "the rule base's agreement without this rule (rounded to 4 decimals)",
                            {
                                "top1": number("top-1 agreement without the rule"),
                                "jaccard": number("Jaccard of the dominant sets without the rule"),
                            },
                        ),
                    },
                ),
                "every motive rule of the rule base, in its order",
            ),
            "countries": array(country, "each labelled country"),
        },
    )
    row_figures = closed(
        "agreement with each source row",
        {"top1": number("top-1 agreement with each row"), "jaccard": number("Jaccard with each row")},
    )
    defs = {
        "motive_scores": scores,
        "baseline_scores": baseline,
        "motive_score": motive_score,
        "row_figures": row_figures,
    }
    return document("evaluation", "motives evaluate --format json", evaluation, defs)


def robustness_schema() -> Schema:
    flip = closed(
        "a verdict a variation changes",
        {
            "country": string("the country's name"),
            "as_of": ref("date"),
            "file": string("the fact file (or panel snapshot)"),
            "before": ref("motives", "the dominant motives"),
            "after": ref("motives", "the dominant motives under the variation"),
        },
    )

    def scenario(varied: Schema, value: str) -> Schema:
        return closed(
            "one variation, and the verdicts it changes",
            {
                "name": string("the variation, as the text names it"),
                "varied": varied,
                "value": number(value),
                "changed": count("verdicts changed"),
                "flips": array(flip, "the verdicts changed, in input order"),
            },
        )

    robustness = closed(
        "How many verdicts change, and whose, when each rule's certainty and each dominance threshold "
        "varies.",
        {
            **provenance(facts=False),
            "percent": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            "dominance": ref("dominance", "the rule varied"),
            "method": {"const": "deterministic: one variation at a time, no sampling"},
            "compared": count("fact files classified"),
            "certainty_variations": array(
                scenario(
                    {
                        "anyOf": [ref("rule_id"), {"const": ALL_RULES}],
                        "description": f"a motive rule's id, or '{ALL_RULES}'",
                    },
                    "the factor on the certainty",
                ),
                "each motive rule's certainty scaled up and down, then all of them",
            ),
            "threshold_variations": array(
                scenario({"enum": ["minimum", "margin"]}, "the threshold's value"),
                "each dominance threshold at each value given",
            ),
            "countries": array(
                closed(
                    "a country and date some variation changes",
                    {
                        "country": string("the country's name"),
                        "as_of": ref("date"),
                        "changed_by": array({"type": "string"}, "the names of the variations", minItems=1),
                    },
                ),
                "the most often changed first",
            ),
            "problems": strings("the fact files that could not be classified, one problem a line"),
        },
    )
    return document(
        "robustness",
        "motives robustness --format json",
        robustness,
    )


def rule_diff_schema() -> Schema:
    change = closed(
        "a country and date whose verdict moved",
        {
            "country": string("the country's name"),
            "iso3": ref("iso3"),
            "as_of": ref("date"),
            "file": string("the fact file (or panel snapshot)"),
            "dominant_before": ref("motives", "under OLD"),
            "dominant_after": ref("motives", "under NEW"),
            "dominant_changed": boolean("the dominant motives differ"),
            "shifts": by_motive(
                closed(
                    "a certainty under OLD and under NEW",
                    {"before": ref("certainty"), "after": ref("certainty")},
                ),
                "the certainties that moved by at least min_shift",
                every=False,
            ),
            "rules_gained": rule_ids("rules that fire under NEW only"),
            "rules_lost": rule_ids("rules that fire under OLD only"),
            "rules_edited": rule_ids("rules that fire under both but were edited"),
        },
    )
    diff = closed(
        "The effect of changing rule base OLD into NEW: the verdicts that move, the rules behind, and "
        "agreement with a labelled set under both.",
        {
            "old": string("the OLD rule base as named, with its content hash"),
            "new": string("the NEW rule base as named, with its content hash"),
            "motives_version": ref("motives_version"),
            "data_version": ref("data_version"),
            "min_shift": number("the smallest certainty shift reported"),
            "dominance": ref("dominance"),
            "rules": closed(
                "how the rule bases differ, by rule id",
                {
                    "added": rule_ids("rules only NEW has"),
                    "removed": rule_ids("rules only OLD has"),
                    "edited": rule_ids("rules both have, with a different content"),
                },
            ),
            "compared": count("fact files classified under both"),
            "dominant_changes": count("changes whose dominant motives differ"),
            "changes": array(change, "in input order; countries whose verdict did not move left out"),
            "agreement": or_null(
                closed(
                    "agreement with a labelled set under each base (null: --no-labels)",
                    {
                        "labels": string("the labels file"),
                        "countries": count("labelled countries"),
                        "before": ref("scores", "under OLD"),
                        "after": ref("scores", "under NEW"),
                        "change": closed(
                            "NEW's figures minus OLD's, country by country",
                            {
                                "top1": ref("difference", "top-1 agreement"),
                                "jaccard": ref("difference", "Jaccard"),
                            },
                        ),
                    },
                )
            ),
            "problems": strings("the fact files that could not be classified, one problem a line"),
        },
    )
    return document(
        "rule_diff",
        "motives rules diff --format json",
        diff,
    )


def batch_row_schema() -> Schema:
    row = closed(
        "One fact file's verdict: each line of --format jsonl, each item of the array --format json "
        "writes (a file that cannot be loaded gives no row).",
        {
            "country": string("the country's name"),
            "iso3": ref("iso3"),
            "as_of": ref("date"),
            "dominant": ref("motives", "the dominant motives, strongest first"),
            "certainty": ref("certainties", "rounded to 4 decimals, in the order of the motives"),
            "facts_unknown": ref(
                "motives", "motives with no evidence while rules for them could not be judged"
            ),
            **provenance(),
            "file": string("the fact file (or panel snapshot, FILE.csv#DATE)"),
        },
    )
    return document(
        "batch_row",
        "motives batch --format json|jsonl (one row)",
        row,
    )


# kind -> its schema: every result type with a json format in render.formats, and a row of batch
