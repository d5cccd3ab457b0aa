"""The building blocks of the output schemas, and the definitions several of them share (a derivation
step, a why-not reason, a fact changed, the agreement figures): each schema copies the ones it needs into
its ``$defs`` (``document``), so that every file stands alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from motives.engine.analysis.whynot import Status
from motives.engine.model.operators import OPERATORS
from motives.engine.model.places import PACKAGE_ROOT
from motives.engine.model.vocabulary import Motive

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://motives.invalid/schema/output/"
OUTPUT_SCHEMAS = PACKAGE_ROOT / "schema" / "output"  # where the generated files are shipped

Schema = dict[str, Any]


def schema_file(kind: str) -> str:
    """The file name of a kind's schema: ``what_if`` -> ``what-if.schema.json``."""
    return kind.replace("_", "-") + ".schema.json"


# --- building blocks ------------------------------------------------------------------------------------


def provenance(facts: bool = True) -> dict[str, Schema]:
    """What every JSON output records to trace a result (``render.classification.provenance_data``): the
    rule base's hash, the facts' hash (for a result about one country's facts), the software's version
    and the data panel's."""
    return {
        "rulebase": ref("hash", "the rule base's content hash"),
        **(
            {"facts_hash": ref("hash", "the hash of the country, date and every fact's name, value, source")}
            if facts
            else {}
        ),
        "motives_version": ref("motives_version"),
        "data_version": ref("data_version"),
    }


def ref(name: str, description: str = "") -> Schema:
    return {"$ref": f"#/$defs/{name}", **({"description": description} if description else {})}


def string(description: str) -> Schema:
    return {"type": "string", "description": description}


def count(description: str) -> Schema:
    return {"type": "integer", "minimum": 0, "description": description}


def number(description: str) -> Schema:
    return {"type": "number", "description": description}


def boolean(description: str) -> Schema:
    return {"type": "boolean", "description": description}


def array(items: Schema, description: str, **constraints: Any) -> Schema:
    return {"type": "array", "items": items, **constraints, "description": description}


def strings(description: str) -> Schema:
    return array({"type": "string"}, description)


def rule_ids(description: str) -> Schema:
    return array(ref("rule_id"), description, uniqueItems=True)


def or_null(schema: Schema) -> Schema:
    """``schema``, or null."""
    if "$ref" in schema:
        rest = {key: value for key, value in schema.items() if key != "$ref"}
        return {"anyOf": [{"$ref": schema["$ref"]}, {"type": "null"}], **rest}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {**schema, "type": [schema["type"], "null"]}


def closed(description: str, properties: dict[str, Schema], optional: Iterable[str] = ()) -> Schema:
    """A closed object: every property required but the ``optional`` ones, no other property."""
    left_out = set(optional)
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [name for name in properties if name not in left_out],
        "additionalProperties": False,
    }


def by_motive(value: Schema, description: str, every: bool) -> Schema:
    """An object keyed by motive names: all five (``every``), or some of them."""
    return {
        "type": "object",
        "description": description,
        "properties": {str(motive): value for motive in Motive},
        **({"required": [str(motive) for motive in Motive]} if every else {}),
        "additionalProperties": False,
    }


def each_motive_once(item: Schema, description: str) -> Schema:
    """An array of five objects, one per motive (``item`` has a ``motive`` property)."""
    return {
        "type": "array",
        "items": item,
        "minItems": len(Motive),
        "maxItems": len(Motive),
        "allOf": [
            {"contains": {"properties": {"motive": {"const": str(motive)}}}, "minContains": 1}
            for motive in Motive
        ],
        "description": description,
    }


# --- the definitions the schemas share ------------------------------------------------------------------

MOTIVES = [str(motive) for motive in Motive]
NUMERIC_OPERATORS = [name for name, operator in OPERATORS.items() if operator.numeric_only]

DEFS: dict[str, Schema] = {
    # names and values
    "motive": {"enum": MOTIVES, "description": "one of the five motives"},
    "motives": array(ref("motive"), "motives, each once", uniqueItems=True),
    "rule_id": {
        "type": "string",
        "pattern": r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$",
        "description": "a rule's id, as the rule files spell it",
    },
    "name": {
        "type": "string",
        "pattern": "^[a-z][a-z0-9_]*$",
        "description": "a fact, derived quantity or indicator, as the rule files spell it",
    },
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "YYYY-MM-DD"},
    "iso3": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 3166-1 alpha-3 code"},
    "hash": {"type": "string", "pattern": "^[0-9a-f]{12}$", "description": "twelve hex digits of a SHA-256"},
    "motives_version": {"type": "string", "description": "the version of motives that made the result"},
    "data_version": {
        "type": "string",
        "pattern": "^[0-9]{4}\\.[0-9]{2}(\\.[0-9]+)?\\+[0-9a-f]{12}$",
        "description": "the shipped data panel's version: its name + a hash of the inputs it was built from",
    },
    "fact_value": {
        "type": ["boolean", "number", "string"],
        "description": "a fact's value: a number, yes/no, or one of its categories",
    },
    "certainty": {"type": "number", "minimum": -1, "maximum": 1, "description": "a certainty, -1 to +1"},
    "certainties": by_motive(ref("certainty"), "the certainty of each motive", every=True),
    "dominance": closed(
        "the rule for a dominant motive",
        {
            "minimum": number("a dominant motive's certainty is at least this"),
            "margin": number("and within this of the highest certainty"),
        },
    ),
    # a classification (classify --format json), and its parts
    "classification": closed(
        "the verdict for one country at one date, with the derivation of every motive",
        {
            "country": string("the country's name"),
            "iso3": ref("iso3"),
            "as_of": ref("date", "the date the facts describe"),
            "facts_file": string("the fact file (or panel snapshot, FILE.csv#DATE) the facts come from"),
            "facts": array(ref("fact"), "the snapshot's facts"),
            "dominant": ref("motives", "the dominant motives, strongest first (none: [])"),
            "dominance_rule": string("the rule for a dominant motive, in words"),
            "coverage": ref("coverage"),
            "motives": each_motive_once(ref("motive_result"), "the five motives, highest certainty first"),
            "fired": rule_ids("the rules that fired, in rule-base order"),
            **provenance(),
        },
    ),
    "fact": closed(
        "one fact with its source",
        {
            "name": ref("name"),
            "value": ref("fact_value"),
            "source": string("where the value comes from"),
            "estimate": boolean("worked out rather than published (the source begins with ESTIMATE)"),
            "lower_bound": boolean("at least this much (the source begins with LOWER BOUND)"),
        },
    ),
    "coverage": closed(
        "how much of what the rules read the facts know",
        {
            "facts_read": count("observed facts some rule reads"),
            "known": count("of those, the ones the facts give"),
            "estimates": count("known values whose source is an ESTIMATE"),
            "lower_bounds": count("known values whose source gives a LOWER BOUND"),
            "thin": boolean("fewer than half of the facts the rules read are known"),
        },
    ),
    "motive_result": closed(
        "one motive: its certainty, and the evidence behind it",
        {
            "motive": ref("motive"),
            "certainty": ref("certainty", "rounded to 4 decimals"),
            "dominant": boolean("the motive is dominant"),
            "derivation": array(ref("step"), "the motive rules that fired, strongest first"),
            "arithmetic": strings("how the certainties combined, step by step"),
            "not_judged": array(ref("not_judged"), "motive rules that could not be judged"),
        },
    ),
    "not_judged": closed(
        "a motive rule that could not be judged because facts are unknown",
        {
            "rule": ref("rule_id"),
            "title": string("the rule's title"),
            "certainty": ref("certainty", "the evidence it would give"),
            "unknown_facts": array(ref("name"), "the unknown facts that kept it from being judged"),
        },
    ),
    "step": closed(
        "one rule firing, and the conditions that held",
        {
            "rule": ref("rule_id"),
            "title": string("the rule's title"),
            "conclusion": string("what it concluded: 'indicator NAME', or 'MOTIVE +0.40'"),
            "certainty": or_null(ref("certainty", "the evidence it gives; null for an indicator")),
            "conditions": array(ref("check"), "each condition, as it held"),
            "citations": strings("every reference the rule names"),
            "literature": strings("the citations the reasoning rests on (less the data releases)"),
            "threshold_sources": strings("the citations that name a data release a threshold was read from"),
            "defined_at": string("file:line:column of the rule"),
        },
    ),
    "check": {
        "oneOf": [ref("fact_check"), ref("indicator_check")],
        "description": "a condition that held: a test of a fact, or an indicator",
    },
    "fact_check": closed(
        "a test of a fact (or derived quantity) that held, with the actual value",
        {
            "text": string("the test with the value: 'budget_share_pct = 26.94 >= 5'"),
            "words": string("the same in words"),
            "fact": ref("name"),
            "value": or_null(ref("fact_value", "the value; null when the fact is unknown")),
            "source": or_null(string("the value's source; for a derived quantity, its formula")),
            "inputs": array(ref("fact_input"), "the facts a derived quantity was computed from", minItems=1),
        },
        optional=["inputs"],
    ),
    "fact_input": closed(
        "a fact a derived quantity was computed from",
        {
            "text": string("'NAME = VALUE'"),
            "words": string("the same in words"),
            "fact": ref("name"),
            "value": ref("fact_value"),
            "source": string("the value's source"),
        },
    ),
    "indicator_check": closed(
        "an indicator that held, with the firings that derived it",
        {
            "text": string("'indicator NAME'"),
            "indicator": ref("name"),
            "derived_by": array(ref("step"), "the rules that derived it and fired", minItems=1),
        },
    ),
    # why a rule did not fire (engine/analysis/whynot.py): a tree of reasons
    "reason": {
        "oneOf": [ref("fact_reason"), ref("one_of_reason"), ref("indicator_reason")],
        "description": "one condition of a rule, as it held, failed or could not be judged",
    },
    "status": {"enum": [str(status) for status in Status], "description": "holds, fails or unknown"},
    "fact_reason": closed(
        "a test of a fact",
        {
            "kind": {"const": "fact"},
            "status": ref("status"),
            "fact": ref("name"),
            "op": {"enum": list(OPERATORS), "description": "the operator"},
            "threshold": {
                "anyOf": [
                    ref("fact_value"),
                    {"type": "array", "items": ref("fact_value")},
                    {"type": "null"},
                ],
                "description": "what the fact is tested against: a value, a list (in, not_in), "
                "[min, max] (between, not_between), null (known, unknown)",
            },
            "value": or_null(ref("fact_value", "the fact's value; null: unknown")),
            "gap": {
                "type": ["number", "null"],
                "exclusiveMinimum": 0,
                "description": "how far the value is from a one-sided bound it fails; else null",
            },
            "text": string("the test as it held, or as it failed"),
        },
    ),
    "one_of_reason": closed(
        "alternatives, none of which held",
        {
            "kind": {"const": "one_of"},
            "alternatives": array(
                array(ref("reason"), "the reasons of one alternative's conditions"), "the alternatives"
            ),
        },
    ),
    "indicator_reason": closed(
        "a test of an indicator; when it was not derived, why each rule deriving it did not fire",
        {
            "kind": {"const": "indicator"},
            "status": ref("status"),
            "indicator": ref("name"),
            "text": string("the test in words"),
            "producers": array(
                ref("producer"), "the rules that derive it (none when it holds, or when omitted)"
            ),
            "omitted": boolean("the chain goes deeper than the explanation follows: reasons left out"),
        },
    ),
    "producer": closed(
        "a rule that derives an indicator, and why it did not fire",
        {"rule": ref("rule_id"), "reasons": array(ref("reason"), "its conditions")},
    ),
    # a fact changed (what-if, counterfactual, sensitivity)
    "change": closed(
        "one fact changed",
        {
            "fact": ref("name"),
            "before": or_null(ref("fact_value", "the value before; null: unknown")),
            "after": or_null(ref("fact_value", "the value after; null: made unknown")),
            "text": string("'NAME: BEFORE -> AFTER'"),
        },
    ),
    # the agreement figures (evaluate, rules diff)
    "scores": closed(
        "the five agreement figures, rounded to 4 decimals",
        {
            "top1": number("top-1 agreement (no dominant motive is a miss)"),
            "jaccard": number("Jaccard index of the dominant sets"),
            "row_top1": number("top-1 agreement with each source row"),
            "row_jaccard": number("Jaccard index with each source row"),
            "macro_f1": number("macro F1 over motives"),
        },
    ),
    "difference": closed(
        "one predictor's mean per-country figure minus another's, with the 95% interval of a paired "
        "bootstrap over the countries, rounded to 4 decimals",
        {
            "difference": number("the mean difference"),
            "low": number("the 2.5% quantile of the resampled mean difference"),
            "high": number("the 97.5% quantile of the resampled mean difference"),
        },
    ),
}


def _refs(schema: Any) -> Iterable[str]:
    """The names of the definitions ``schema`` refers to, directly."""
    if isinstance(schema, dict):
        if isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#/$defs/"):
            yield schema["$ref"].removeprefix("#/$defs/")
        for value in schema.values():
            yield from _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _refs(value)


def document(kind: str, title: str, body: Schema, defs: dict[str, Schema] | None = None) -> Schema:
    """A whole schema: ``body`` (whose description describes the whole output) with the definitions it
    needs, from ``defs`` and ``DEFS``."""
    table = {**DEFS, **(defs or {})}
    needed: dict[str, None] = {}
    pending = list(_refs(body))
    while pending:
        name = pending.pop(0)
        if name not in needed:
            needed[name] = None
            pending.extend(_refs(table[name]))
    return {
        "$schema": DRAFT,
        "$id": BASE_ID + schema_file(kind),
        "title": title,
        **body,
        "$defs": {name: table[name] for name in sorted(needed)},
    }


def one_or_many(name: str, description: str) -> Schema:
    """One object for one input, an array for several: the rule of ``render.classification.json_document``."""
    return {"description": description, "oneOf": [ref(name), {"type": "array", "items": ref(name)}]}
