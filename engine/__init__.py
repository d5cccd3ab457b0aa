"""motives.engine: infer why a country takes part in UN peacekeeping, and explain how.

Data flows one way: YAML files (``loading``) -> validated models (``facts``, ``rules``) -> a compiled
experta network (``network``) -> classifications with traces (``classify``, ``trace``) -> text or JSON
(``render``). The public surface, usable from a notebook as from the CLI:

    >>> from motives.engine import load_shipped_rulebase, compile_rules, load_facts, classify
    >>> compiled = compile_rules(load_shipped_rulebase())
    >>> result = classify(load_facts("facts/india.yaml"), compiled)
    >>> [str(motive) for motive in result.dominant]
"""

import datetime as dt

from .catalog import (
    SHIPPED_FACTS,
    SHIPPED_RULES,
    load_shipped_rulebase,
    resolve_facts,
    shipped_countries,
)
from .classify import DOMINANCE_RULE, classify, classify_all, compile_rules, evaluate_rules, load_inputs
from .errors import InferenceLimitError, InputError, MotivesError, Problem
from .facts import FactSet, load_fact_files, load_facts
from .render import RENDERERS, to_data
from .rules import RuleBase, load_rulebase
from .trace import Classification, MotiveResult, Step
from .vocabulary import FACTS, Motive

__all__ = [
    "DOMINANCE_RULE",
    "FACTS",
    "RENDERERS",
    "SHIPPED_FACTS",
    "SHIPPED_RULES",
    "Classification",
    "FactSet",
    "InferenceLimitError",
    "InputError",
    "Motive",
    "MotiveResult",
    "MotivesError",
    "Problem",
    "RuleBase",
    "Step",
    "classify",
    "classify_all",
    "classify_paths",
    "compile_rules",
    "evaluate_rules",
    "load_fact_files",
    "load_facts",
    "load_inputs",
    "load_rulebase",
    "load_shipped_rulebase",
    "resolve_facts",
    "shipped_countries",
    "to_data",
]


def classify_paths(
    arguments: list[str], rules_dir: str | None = None, as_of: dt.date | None = None
) -> list[Classification]:
    """Classify fact files (paths, folders, or shipped country names) with a rule base (default: shipped).

    ``as_of`` picks, for a country named by name, its latest snapshot on or before that date. Every
    problem in the rules and in all the fact files is reported together in one InputError.
    """
    return classify_all(*load_inputs(arguments, rules_dir, as_of))
