"""The library behind `motives rules ...`: each function is one command, usable from Python too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from motives.engine.analysis.labels import group_labels, load_labels
from motives.engine.analysis.robustness import (
    DEFAULT_MARGINS,
    DEFAULT_MINIMUMS,
    DEFAULT_PERCENT,
    Robustness,
    robustness,
)
from motives.engine.analysis.rulediff import DEFAULT_MIN_SHIFT, RuleDiff, diff_rules
from motives.engine.authoring.coverage import CoverageReport, coverage
from motives.engine.authoring.lint import CheckReport, check_paths
from motives.engine.authoring.ruletests import (
    SHIPPED_RULE_TESTS,
    RuleTestReport,
    load_rule_tests,
    run_rule_tests,
)
from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance, compile_rules
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.catalog import (
    SHIPPED_FACTS,
    SHIPPED_RULES,
    display_path,
    load_fact_arguments,
    load_rules_argument,
)
from motives.engine.model.errors import InputError, Location, Problem, did_you_mean
from motives.engine.model.rules import Rule, RuleBase
from motives.engine.model.vocabulary import Motive

from .countries import SHIPPED_LABELS


def check(paths: Sequence[str]) -> CheckReport:
    """Check rule directories and fact files (default: the shipped rule base and facts)."""
    return check_paths(paths or [SHIPPED_RULES, SHIPPED_FACTS])


def test_rules(
    paths: Sequence[str], rules_dir: str | None = None, engine: str = DEFAULT_ENGINE
) -> RuleTestReport:
    """Run rule test files (default: the shipped rule tests) against a rule base."""
    rulebase = load_rules_argument(rules_dir)
    known = {name for rule in rulebase.rules for name in (rule.id, *rule.aliases)}
    cases = load_rule_tests(paths or [SHIPPED_RULE_TESTS], known, rulebase.vocabulary)
    return run_rule_tests(cases, compile_rules(rulebase, engine))


def rule_coverage(
    fact_arguments: Sequence[str], rules_dir: str | None = None, engine: str = DEFAULT_ENGINE
) -> CoverageReport:
    """How often each rule fires over the given countries (default: every shipped fact file)."""
    rulebase = load_rules_argument(rules_dir)
    fact_sets = load_fact_arguments(fact_arguments or [str(SHIPPED_FACTS)], vocabulary=rulebase.vocabulary)
    return coverage(fact_sets, compile_rules(rulebase, engine))


def list_rules(rules_dir: str | None = None, motive: str | None = None) -> list[Rule]:
    """The rules in dependency order; with ``motive``, only the rules that give it evidence."""
    rulebase = load_rules_argument(rules_dir)
    if motive is None:
        return list(rulebase.rules)
    return [rule for rule in rulebase.rules if rule.motive == Motive(motive)]


def find_rule(rule_id: str, rules_dir: str | None = None) -> tuple[RuleBase, Rule]:
    """A rule by id (or former id), with its rule base; an InputError with suggestions if none."""
    rulebase = load_rules_argument(rules_dir)
    try:
        return rulebase, rulebase.rule(rule_id)
    except KeyError:
        known = [name for rule in rulebase.rules for name in (rule.id, *rule.aliases)]
        problem = Problem(Location(rule_id), "R418", "no rule with this id", did_you_mean(rule_id, known))
        raise InputError([problem]) from None


def diff_rulebases(
    old_dir: str,
    new_dir: str,
    fact_arguments: Sequence[str] = (),
    *,
    labels_path: str | None = None,
    use_labels: bool = True,
    min_shift: float = DEFAULT_MIN_SHIFT,
    dominance: Dominance = DEFAULT_DOMINANCE,
    as_of: dt.date | None = None,
    jobs: int = 1,
    engine: str = DEFAULT_ENGINE,
) -> RuleDiff:
    """The effect of changing rule base ``old_dir`` into ``new_dir`` on the countries the arguments name
    (default: every shipped snapshot, or with ``as_of`` each country's snapshot in force then), and on
    agreement with a labelled set (default: the shipped one; none with ``use_labels=False``)."""
    problems: list[Problem] = []
    bases: list[RuleBase] = []
    for directory in (old_dir, new_dir):
        try:
            bases.append(load_rules_argument(directory))
        except InputError as error:
            problems.extend(error.problems)
    labels = None
    if use_labels:
        try:
            labels = group_labels(load_labels(labels_path or SHIPPED_LABELS))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return diff_rules(
        old_dir,
        new_dir,
        list(fact_arguments) or [str(SHIPPED_FACTS)],
        *bases,
        labels=labels,
        labels_name=display_path(Path(labels_path)) if labels_path else "rules/evaluation/labels.yaml",
        min_shift=min_shift,
        dominance=dominance,
        as_of=as_of,
        jobs=jobs,
        engine=engine,
    )


def check_robustness(
    fact_arguments: Sequence[str] = (),
    rules_dir: str | None = None,
    *,
    percent: float = DEFAULT_PERCENT,
    dominance: Dominance = DEFAULT_DOMINANCE,
    minimums: Sequence[float] = DEFAULT_MINIMUMS,
    margins: Sequence[float] = DEFAULT_MARGINS,
    as_of: dt.date | None = None,
    jobs: int = 1,
    engine: str = DEFAULT_ENGINE,
) -> Robustness:
    """How many verdicts change when each rule's certainty, or a dominance threshold, is varied, over
    the countries the arguments name (default: every shipped country's latest snapshot, or with
    ``as_of`` its snapshot in force then)."""
    return robustness(
        list(fact_arguments) or [str(SHIPPED_FACTS)],
        load_rules_argument(rules_dir),
        rules_dir,
        percent=percent,
        dominance=dominance,
        minimums=minimums,
        margins=margins,
        as_of=as_of,
        jobs=jobs,
        engine=engine,
    )
