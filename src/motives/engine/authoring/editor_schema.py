"""JSON Schemas for editors, generated from the one schema the loaders use (never written twice).

``schema.py`` (keys and their meaning), a rule base's ``Vocabulary`` (facts built in, derived and declared),
``operators.py`` and ``Motive`` are turned into JSON Schema (draft 2020-12), so an editor with a YAML
language server validates rule, reference, fact, rule-test and vocabulary files while they are typed.
The generated files are shipped in ``schema/``; a test fails when they are stale (`motives rules schema
--write` renews them; with ``--rules DIR``, a directory's declared facts join the fact names).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from motives.engine.model.catalog import load_rules_argument
from motives.engine.model.constraints import CERTAINTY_BOUND, DATE, ID, ISO3, NAME, anchored
from motives.engine.model.declared import BUILT_IN, Vocabulary
from motives.engine.model.files import write_output
from motives.engine.model.operators import Shape, operator_named, operator_names
from motives.engine.model.schema import (
    CITATION,
    CONCLUSION,
    DECLARED_FACT,
    EXPECTATION,
    FACT_FILE,
    LABEL,
    LABEL_FILE,
    REFERENCE,
    REFERENCE_FILE,
    REFERENCE_KINDS,
    RULE,
    RULE_FILE,
    RULE_TEST,
    RULE_TEST_FILE,
    SOURCE_KINDS,
    VOCABULARY_FILE,
    Key,
)
from motives.engine.model.vocabulary import KIND_NAMES, FactSpec, Kind, Motive

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_BASIC = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "pattern": anchored(DATE)},
    "list": {"type": "array"},
    "mapping": {"type": "object"},
    "any": {},
}
_MOTIVES = [str(motive) for motive in Motive]


def _object(
    table: Mapping[str, Key], overrides: Mapping[str, dict[str, Any]], description: str
) -> dict[str, Any]:
    properties = {
        name: {**_BASIC.get(key.kind, {}), **overrides.get(name, {}), "description": key.description}
        for name, key in table.items()
    }
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [name for name, key in table.items() if key.required],
        "additionalProperties": False,
    }


def _fact_value(spec: FactSpec) -> dict[str, Any]:
    if spec.kind is Kind.BOOL:
        schema: dict[str, Any] = {"type": "boolean"}
    elif spec.kind is Kind.CHOICE:
        schema = {"enum": list(spec.choices)}
    else:
        schema = {"type": "integer" if spec.kind is Kind.INT else "number"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    unit = f" ({spec.unit})" if spec.unit else ""
    return {**schema, "description": spec.description + unit}


def facts_schema(vocabulary: Vocabulary = BUILT_IN) -> dict[str, Any]:
    facts = {name: _fact_value(spec) for name, spec in vocabulary.facts.items()}
    overrides: dict[str, dict[str, Any]] = {
        "iso3": {"pattern": anchored(ISO3)},
        "facts": {"properties": facts, "additionalProperties": False},
        "sources": {
            "propertyNames": {"enum": list(vocabulary.facts)},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    }
    return {
        "$schema": DRAFT,
        "$id": "https://motives.invalid/schema/facts.schema.json",
        "title": "motives fact file",
        **_object(FACT_FILE, overrides, "One country at one date: facts with their sources."),
    }


def _single(key: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {key: value}, "required": [key], "additionalProperties": False}


def _conditions_defs(vocabulary: Vocabulary) -> dict[str, Any]:
    readable = vocabulary.readable
    value_shapes = {
        Shape.SCALAR: {"type": ["number", "string", "boolean"]},
        Shape.LIST: {"type": "array", "minItems": 1},
        Shape.RANGE: {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"}},
    }
    fact_test = {
        "type": "object",
        "description": "a test of one fact: {fact: NAME, op: OP, value: V}",
        "properties": {
            "fact": {"enum": list(readable), "description": "an observed fact or derived quantity"},
            "op": {"enum": operator_names(), "description": "comparison operator (a symbol, or its word)"},
            "value": {"description": "threshold, list, or [min, max], as the operator needs"},
        },
        "required": ["fact", "op"],
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"op": {"enum": [n for n in operator_names() if _shape(n) is shape]}}},
                "then": {"properties": {"value": value_shapes[shape]}, "required": ["value"]},
            }
            for shape in (Shape.SCALAR, Shape.LIST, Shape.RANGE)
        ],
    }
    group = {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1}
    return {
        "condition": {
            "oneOf": [
                {"$ref": "#/$defs/fact_test"},
                {
                    "type": "object",
                    "description": "an indicator another rule derives",
                    "properties": {"indicator": {"type": "string", "pattern": anchored(NAME)}},
                    "required": ["indicator"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"all": group},
                    "required": ["all"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"any": group},
                    "required": ["any"],
                    "additionalProperties": False,
                },
                _single("not", {"$ref": "#/$defs/condition"}),
            ]
        },
        "fact_test": fact_test,
    }


def rules_schema(vocabulary: Vocabulary = BUILT_IN) -> dict[str, Any]:
    conclusion = _object(CONCLUSION, {}, "the conclusion: an indicator, or evidence for a motive")
    conclusion["properties"]["motive"]["enum"] = _MOTIVES
    bound = CERTAINTY_BOUND
    conclusion["properties"]["certainty"].update({"minimum": -bound, "maximum": bound, "not": {"const": 0}})
    conclusion["oneOf"] = [
        {
            "required": ["indicator"],
            "not": {"anyOf": [{"required": ["motive"]}, {"required": ["certainty"]}]},
        },
        {"required": ["motive", "certainty"], "not": {"required": ["indicator"]}},
    ]
    citation = _object(CITATION, {}, "a reference from rules/references.yaml")
    rule = _object(
        RULE,
        {
            "id": {"pattern": anchored(ID)},
            "when": {"items": {"$ref": "#/$defs/condition"}, "minItems": 1},
            "then": {"$ref": "#/$defs/conclusion"},
            "citations": {"items": {"$ref": "#/$defs/citation"}, "minItems": 1},
            "aliases": {"items": {"type": "string"}},
        },
        "a rule",
    )
    return {
        "$schema": DRAFT,
        "$id": "https://motives.invalid/schema/rules.schema.json",
        "title": "motives rule file",
        **_object(
            RULE_FILE,
            {
                "rules": {"items": {"$ref": "#/$defs/rule"}},
                "indicators": {
                    "propertyNames": {"pattern": anchored(NAME)},
                    "additionalProperties": {"type": "string", "minLength": 1},
                },
            },
            "A file of rules.",
        ),
        "$defs": {
            "rule": rule,
            "conclusion": conclusion,
            "citation": citation,
            **_conditions_defs(vocabulary),
        },
    }


def references_schema(vocabulary: Vocabulary = BUILT_IN) -> dict[str, Any]:
    reference = _object(REFERENCE, {"kind": {"enum": list(REFERENCE_KINDS)}}, "a bibliographic entry")
    return {
        "$schema": DRAFT,
        "$id": "https://motives.invalid/schema/references.schema.json",
        "title": "motives bibliography (rules/references.yaml)",
        **_object(
            REFERENCE_FILE,
            {"references": {"additionalProperties": {"$ref": "#/$defs/reference"}}},
            "The references the rules cite, by key.",
        ),
        "$defs": {"reference": reference},
    }


def rule_tests_schema(vocabulary: Vocabulary = BUILT_IN) -> dict[str, Any]:
    motives = {"type": "array", "items": {"enum": _MOTIVES}}
    bounds = {
        "type": "object",
        "propertyNames": {"enum": _MOTIVES},
        "additionalProperties": {"type": "number"},
    }
    expectation = _object(
        EXPECTATION,
        {
            "dominant": motives,
            "present": motives,
            "absent": motives,
            "fires": {"items": {"type": "string"}},
            "silent": {"items": {"type": "string"}},
            "min_certainty": bounds,
            "max_certainty": bounds,
        },
        "what must come out",
    )
    facts = facts_schema(vocabulary)["properties"]["facts"]
    case = _object(
        RULE_TEST, {"facts": facts, "set": facts, "expect": {"$ref": "#/$defs/expectation"}}, "a test case"
    )
    return {
        "$schema": DRAFT,
        "$id": "https://motives.invalid/schema/rule-tests.schema.json",
        "title": "motives rule tests",
        **_object(RULE_TEST_FILE, {"cases": {"items": {"$ref": "#/$defs/case"}}}, "Rule test cases."),
        "$defs": {"case": case, "expectation": expectation},
    }


def labels_schema(vocabulary: Vocabulary = BUILT_IN) -> dict[str, Any]:
    label = _object(
        LABEL,
        {
            "dominant": {"items": {"enum": _MOTIVES}, "minItems": 1, "uniqueItems": True},
            "secondary": {"items": {"enum": _MOTIVES}, "uniqueItems": True},
            "kind": {"enum": list(SOURCE_KINDS)},
        },
        "what one source says about one country",
    )
    return {
        "$schema": DRAFT,
        "$id": "https://motives.invalid/schema/labels.schema.json",
        "title": "motives evaluation labels",
        **_object(
            LABEL_FILE,
            {"labels": {"items": {"$ref": "#/$defs/label"}}},
            "A labelled set for `motives evaluate`.",
        ),
        "$defs": {"label": label},
    }


def vocabulary_schema(vocabulary: Vocabulary = BUILT_IN) -> dict[str, Any]:
    """The schema of a ``vocabulary.yaml``: a new name, never a built-in fact or derived quantity."""
    fact = _object(
        DECLARED_FACT,
        {
            "name": {"pattern": anchored(NAME), "not": {"enum": [*BUILT_IN.readable]}},
            "type": {"enum": list(KIND_NAMES)},
            "values": {"items": {"type": "string"}, "minItems": 2, "uniqueItems": True},
            "citations": {"items": {"$ref": "#/$defs/citation"}, "minItems": 1},
        },
        "a fact the rules directory declares",
    )
    fact["allOf"] = [
        {"if": {"properties": {"type": {"const": "choice"}}}, "then": {"required": ["values"]}},
        {
            "if": {"properties": {"type": {"enum": ["integer", "number"]}}},
            "then": {"required": ["unit"]},
            "else": {"not": {"anyOf": [{"required": [key]} for key in ("unit", "minimum", "maximum")]}},
        },
    ]
    return {
        "$schema": DRAFT,
        "$id": "https://motives.invalid/schema/vocabulary.schema.json",
        "title": "motives declared facts (vocabulary.yaml of a rules directory)",
        **_object(
            VOCABULARY_FILE,
            {"facts": {"items": {"$ref": "#/$defs/fact"}}},
            "Facts beside the built-in vocabulary, for the rules of this directory and their fact files.",
        ),
        "$defs": {"fact": fact, "citation": _object(CITATION, {}, "a reference from references.yaml")},
    }


SCHEMAS = {
    "facts": facts_schema,
    "rules": rules_schema,
    "references": references_schema,
    "rule-tests": rule_tests_schema,
    "labels": labels_schema,
    "vocabulary": vocabulary_schema,
}


def schema_text(kind: str, vocabulary: Vocabulary = BUILT_IN) -> str:
    """The JSON Schema of one kind of file, as shipped in ``schema/KIND.schema.json``; with a rule base's
    ``vocabulary``, fact names include the facts it declares."""
    return json.dumps(SCHEMAS[kind](vocabulary), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path, vocabulary: Vocabulary = BUILT_IN) -> list[Path]:
    """Write every JSON Schema into ``directory`` (atomically); the paths written."""
    written = []
    for kind in SCHEMAS:
        path = directory / f"{kind}.schema.json"
        write_output(path, schema_text(kind, vocabulary))
        written.append(path)
    return written


def rulebase_schema(kind: str, rules_dir: str | None = None) -> str:
    """``schema_text`` for a rule base (default: the shipped one): its declared facts join the names."""
    return schema_text(kind, load_rules_argument(rules_dir).vocabulary)


def write_rulebase_schemas(directory: Path, rules_dir: str | None = None) -> list[Path]:
    """``write_schemas`` for a rule base (default: the shipped one)."""
    return write_schemas(directory, load_rules_argument(rules_dir).vocabulary)


def _shape(name: str) -> Shape | None:
    operator = operator_named(name)
    return operator.shape if operator else None
