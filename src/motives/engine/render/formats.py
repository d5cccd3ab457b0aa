"""Every output format of every result type: the one table the CLI's ``--format`` choices come from.

A renderer is named as ``module:function`` inside ``motives.engine.render`` and imported when it is
used, so ``motives --help`` loads none of them. A new format is one entry here (and its function); the
first format of a result type is its default. Every renderer of a type takes the same arguments: the
result, and the options its command passes (a test resolves every entry). A type with a ``json`` format
has a published JSON Schema of that output (``render.output_schemas.SCHEMAS``; a test fails without it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FORMATS: dict[str, dict[str, str]] = {
    # a list of classifications; options: explain, ids
    "classification": {
        "text": "classification:render_text",
        "json": "classification:render_json",
        "dot": "graph:render_dot",
        "mermaid": "graph:render_mermaid",
    },
    # a list of what-ifs (classify --set), in the formats of a classification; options: explain, ids
    "what_if": {
        "text": "analysis:what_if_text_all",
        "json": "analysis:what_if_json",
        "dot": "analysis:what_if_dot",
        "mermaid": "analysis:what_if_mermaid",
    },
    # a list of motive explanations; option: ids
    "explanation": {"text": "analysis:explain_text_all", "json": "analysis:explain_json"},
    # a list of (country, search, the command that checks an answer)
    "counterfactual": {"text": "analysis:counterfactual_text_all", "json": "analysis:counterfactual_json"},
    # a list of (country, sensitivity)
    "sensitivity": {"text": "analysis:sensitivity_text_all", "json": "analysis:sensitivity_json"},
    "comparison": {
        "text": "analysis:compare_text",
        "markdown": "analysis:compare_markdown",
        "json": "analysis:compare_json",
    },
    # a trend's rows; option: moves (what moved between snapshots, shown in text)
    "trend": {"text": "trend:trend_text", "csv": "trend:trend_csv"},
    "report": {"html": "report:render_html", "markdown": "report:render_markdown"},
    "evaluation": {
        "text": "evaluation:evaluation_text",
        "markdown": "evaluation:evaluation_markdown",
        "json": "evaluation:evaluation_json",
    },
    "rule_diff": {
        "text": "rulediff:diff_text",
        "markdown": "rulediff:diff_markdown",
        "json": "rulediff:diff_json",
    },
    "robustness": {
        "text": "robustness:robustness_text",
        "markdown": "robustness:robustness_markdown",
        "json": "robustness:robustness_json",
    },
    "rule_check": {"text": "authoring:check_text", "json": "authoring:check_json"},
    # option: verbose
    "rule_tests": {"text": "authoring:test_text", "json": "authoring:test_json"},
    "rule_coverage": {"text": "authoring:coverage_text", "json": "authoring:coverage_json"},
    "rule_list": {"text": "authoring:list_text", "json": "authoring:list_json"},
    # batch rows, streamed as they are classified: writers (rows, stream, note) -> (written, failed),
    # called through ``stream_writer``; `batch` also offers parquet, a file of tables (``api.tables``)
    "batch": {
        "csv": "rows:write_csv",
        "jsonl": "rows:write_jsonl",
        "json": "rows:write_json",
        "markdown": "rows:write_markdown",
    },
}


def format_names(kind: str) -> tuple[str, ...]:
    """The formats of a result type, its default first."""
    return tuple(FORMATS[kind])


def renderer(kind: str, output_format: str) -> Callable[..., str]:
    module, name = FORMATS[kind][output_format].split(":")
    found: Callable[..., str] = getattr(importlib.import_module(f"motives.engine.render.{module}"), name)
    return found


def stream_writer(kind: str, output_format: str) -> Callable[..., tuple[int, int]]:
    """A writer of a streamed result type (``batch``): it writes as it goes, and counts."""
    module, name = FORMATS[kind][output_format].split(":")
    found: Callable[..., tuple[int, int]] = getattr(
        importlib.import_module(f"motives.engine.render.{module}"), name
    )
    return found


def render(kind: str, output_format: str, result: Any, **options: Any) -> str:
    """``result`` in ``output_format``, with the options its command passes."""
    return renderer(kind, output_format)(result, **options)
