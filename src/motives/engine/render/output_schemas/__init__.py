"""The JSON Schemas (draft 2020-12) of every JSON output: one per result type with a ``json`` format in
``render.formats``, and one for a row of ``motives batch --format json|jsonl``.

Each schema is written from its renderer's shape, with the names the engine defines (the motives, the
statuses of a why-not reason, the operators, the baselines of an evaluation) read from where they are
defined. The generated files are shipped in ``schema/output/``; ``python
tests/regenerate_output_schemas.py`` renews them, a test fails when they are stale, and another
validates every command's JSON against them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from . import authoring, countries, research
from .parts import DRAFT, OUTPUT_SCHEMAS, Schema, schema_file

__all__ = ["DRAFT", "OUTPUT_SCHEMAS", "SCHEMAS", "schema_file", "schema_path", "schema_text"]

# kind -> its schema: every result type with a json format in render.formats, and a row of batch
SCHEMAS: dict[str, Callable[[], Schema]] = {
    "classification": countries.classification_schema,
    "what_if": countries.what_if_schema,
    "explanation": countries.explanation_schema,
    "counterfactual": countries.counterfactual_schema,
    "sensitivity": countries.sensitivity_schema,
    "comparison": countries.comparison_schema,
    "evaluation": research.evaluation_schema,
    "robustness": research.robustness_schema,
    "rule_diff": research.rule_diff_schema,
    "rule_check": authoring.rule_check_schema,
    "rule_tests": authoring.rule_tests_schema,
    "rule_coverage": authoring.rule_coverage_schema,
    "rule_list": authoring.rule_list_schema,
    "batch_row": research.batch_row_schema,
}


def schema_path(kind: str) -> Path:
    """Where the shipped schema of a kind is."""
    if kind not in SCHEMAS:
        raise KeyError(f"no JSON Schema for {kind!r}; the kinds are {', '.join(SCHEMAS)}")
    return OUTPUT_SCHEMAS / schema_file(kind)


def schema_text(kind: str) -> str:
    """The JSON Schema of a kind of output, as shipped in ``schema/output/``."""
    return json.dumps(SCHEMAS[kind](), indent=2, ensure_ascii=False) + "\n"
