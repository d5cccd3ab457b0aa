"""motives: infer why a country takes part in UN peacekeeping, and explain how.

The public surface, usable from a notebook as from the CLI (the reference is docs/api.md). Names load
lazily (PEP 562), so ``import motives`` and ``motives --help`` do not import the inference engine:

    >>> import motives
    >>> motives.classify_country("india", as_of="2023-11-30").dominant
    ('political', 'normative')

The engine underneath, for building on it: compile the rules once, run them on many fact sets.

    >>> compiled = motives.compile_rules(motives.load_shipped_rulebase())
    >>> india = motives.load_facts(motives.SHIPPED_FACTS / "india.csv#2023-11-30")
    >>> result = motives.classify(india, compiled)
    >>> [str(motive) for motive in result.dominant]
    ['political', 'normative']
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.3.0"

# public name -> module under motives.engine that defines it
_EXPORTS = {
    "SHIPPED_FACTS": "model.catalog",
    "SHIPPED_RULES": "model.catalog",
    "load_shipped_rulebase": "model.catalog",
    "resolve_facts": "model.catalog",
    "shipped_countries": "model.catalog",
    "DOMINANCE_RULE": "inference.classify",
    "classify": "inference.classify",
    "classify_all": "inference.classify",
    "compile_rules": "inference.classify",
    "evaluate_rules": "inference.classify",
    "load_inputs": "inference.classify",
    "Run": "inference.classify",
    "run_rules": "inference.classify",
    "InferenceLimitError": "model.errors",
    "InputError": "model.errors",
    "MotivesError": "model.errors",
    "Problem": "model.errors",
    "FactSet": "model.facts",
    "load_fact_files": "model.facts",
    "load_facts": "model.facts",
    "FORMATS": "render.formats",
    "render": "render.formats",
    "to_data": "render.classification",
    "RuleBase": "model.rules",
    "load_rulebase": "model.rules",
    "Classification": "inference.trace",
    "MotiveResult": "inference.trace",
    "Step": "inference.trace",
    "FACTS": "model.vocabulary",
    "Motive": "model.vocabulary",
    "classify_paths": "api.countries",
    "load_runs": "api.countries",
    "batch_rows": "analysis.batch",
    "to_frame": "render.frames",
    "tidy_frame": "render.frames",
    # the researcher's API: a country by name, ISO3 or path, at a date; frozen results with to_dict()
    "country": "api.research",
    "classify_country": "api.research",
    "load_panel": "api.research",
    "classify_panel": "api.research",
    "trend": "api.research",
    "explain": "api.research",
    "compare": "api.research",
    "what_if": "api.research",
    "evaluate": "api.research",
    "CountryFacts": "api.results",
    "CountryResult": "api.results",
    "Panel": "api.results",
    "PanelResult": "api.results",
    "Explanation": "api.results",
    "ComparisonResult": "api.results",
    "WhatIfResult": "api.results",
    "EvaluationResult": "api.results",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'motives' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"motives.engine.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
