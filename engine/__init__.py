"""motives.engine: infer why a country takes part in UN peacekeeping, and explain how.

Data flows one way: YAML files (``loading``) -> validated models (``facts``, ``rules``) -> a compiled
experta network (``network``) -> classifications with traces (``classify``, ``trace``) -> text or JSON
(``render``). The public surface, usable from a notebook as from the CLI:

    >>> from motives.engine import load_shipped_rulebase, compile_rules, load_facts, classify
    >>> compiled = compile_rules(load_shipped_rulebase())
    >>> result = classify(load_facts("facts/india.yaml"), compiled)
    >>> [str(motive) for motive in result.dominant]
"""

from .catalog import SHIPPED_FACTS, SHIPPED_RULES, load_shipped_rulebase, resolve_facts, shipped_countries
from .classify import DOMINANCE_RULE, classify, classify_all, compile_rules, evaluate_rules
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
    "load_rulebase",
    "load_shipped_rulebase",
    "resolve_facts",
    "shipped_countries",
    "to_data",
]


def classify_paths(arguments: list[str], rules_dir: str | None = None) -> list[Classification]:
    """Classify fact files (paths or shipped country names) with a rule base (default: the shipped one).

    Every problem in the rules and in all the fact files is reported together in one InputError.
    """
    problems: list[Problem] = []
    fact_sets: list[FactSet] = []
    for argument in arguments:
        try:
            path, shown = resolve_facts(argument)
            fact_sets.append(load_facts(path, shown))
        except InputError as error:
            problems.extend(error.problems)
    try:
        rulebase = load_rulebase(rules_dir) if rules_dir else load_shipped_rulebase()
    except InputError as error:
        problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return classify_all(fact_sets, compile_rules(rulebase))
