"""The library behind `motives rules ...`: each function is one command, usable from Python too."""

from __future__ import annotations

from collections.abc import Sequence

from motives.engine.authoring.coverage import CoverageReport, coverage
from motives.engine.authoring.lint import CheckReport, check_paths
from motives.engine.authoring.ruletests import (
    SHIPPED_RULE_TESTS,
    RuleTestReport,
    load_rule_tests,
    run_rule_tests,
)
from motives.engine.inference.classify import compile_rules
from motives.engine.model.catalog import (
    SHIPPED_FACTS,
    SHIPPED_RULES,
    load_fact_arguments,
    load_rules_argument,
)
from motives.engine.model.errors import InputError, Location, Problem, did_you_mean
from motives.engine.model.rules import Rule, RuleBase
from motives.engine.model.vocabulary import Motive


def check(paths: Sequence[str]) -> CheckReport:
    """Check rule directories and fact files (default: the shipped rule base and facts)."""
    return check_paths(paths or [SHIPPED_RULES, SHIPPED_FACTS])


def test_rules(paths: Sequence[str], rules_dir: str | None = None) -> RuleTestReport:
    """Run rule test files (default: the shipped rule tests) against a rule base."""
    rulebase = load_rules_argument(rules_dir)
    known = {name for rule in rulebase.rules for name in (rule.id, *rule.aliases)}
    cases = load_rule_tests(paths or [SHIPPED_RULE_TESTS], known)
    return run_rule_tests(cases, compile_rules(rulebase))


def rule_coverage(fact_arguments: Sequence[str], rules_dir: str | None = None) -> CoverageReport:
    """How often each rule fires over the given countries (default: every shipped fact file)."""
    rulebase = load_rules_argument(rules_dir)
    fact_sets = load_fact_arguments(fact_arguments or [str(SHIPPED_FACTS)])
    return coverage(fact_sets, compile_rules(rulebase))


def list_rules(rules_dir: str | None = None, motive: str | None = None) -> list[Rule]:
    """The rules in dependency order; with ``motive``, only the rules that give it evidence."""
    rulebase = load_rules_argument(rules_dir)
    if motive is None:
        return list(rulebase.rules)
    return [rule for rule in rulebase.rules if rule.conclusion.motive == Motive(motive)]


def find_rule(rule_id: str, rules_dir: str | None = None) -> tuple[RuleBase, Rule]:
    """A rule by id (or former id), with its rule base; an InputError with suggestions if none."""
    rulebase = load_rules_argument(rules_dir)
    try:
        return rulebase, rulebase.rule(rule_id)
    except KeyError:
        known = [name for rule in rulebase.rules for name in (rule.id, *rule.aliases)]
        problem = Problem(Location(rule_id), "R418", "no rule with this id", did_you_mean(rule_id, known))
        raise InputError([problem]) from None
