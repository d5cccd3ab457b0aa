"""Rule tests as data: YAML cases that give facts and say what must come out.

A test file holds ``cases``; each case gives its facts inline (``facts:``) or names a shipped country or
fact file (``country:``, with optional ``set:`` overrides), and ``expect``s dominant motives, motives
present or absent, minimum or maximum certainties, rules that must fire or stay silent. A failing case
reports what was expected, what came out, and why: the derivation of a rule that fired, or why an
expected rule did not fire, condition by condition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motives.engine.analysis.whynot import Reason, why_not
from motives.engine.inference.classify import run_rules
from motives.engine.inference.compiled import CompiledRules
from motives.engine.inference.trace import Classification
from motives.engine.model.catalog import PACKAGE_ROOT, display_path, resolve_facts
from motives.engine.model.declared import BUILT_IN, Vocabulary
from motives.engine.model.errors import InputError, Location, Problem, did_you_mean
from motives.engine.model.facts import Fact, FactSet, load_facts, parse_values
from motives.engine.model.loading import LocatedList, LocatedMap, load_yaml
from motives.engine.model.schema import (
    EXPECTATION,
    RULE_TEST,
    RULE_TEST_FILE,
    check_keys,
    expect_date,
    expect_list,
    expect_map,
    expect_text,
)
from motives.engine.model.vocabulary import Motive

SHIPPED_RULE_TESTS = PACKAGE_ROOT / "rules" / "tests"


@dataclass(frozen=True, slots=True)
class Expectation:
    dominant: tuple[Motive, ...] | None = None
    present: tuple[Motive, ...] = ()
    absent: tuple[Motive, ...] = ()
    fires: tuple[str, ...] = ()
    silent: tuple[str, ...] = ()
    min_certainty: tuple[tuple[Motive, float], ...] = ()
    max_certainty: tuple[tuple[Motive, float], ...] = ()


@dataclass(frozen=True, slots=True)
class RuleTestCase:
    name: str
    facts: FactSet
    expect: Expectation
    location: Location = field(compare=False)


@dataclass(frozen=True, slots=True)
class RuleWhy:
    """Why a rule a case names fired (against ``silent``) or did not (against ``fires``)."""

    rule_id: str
    fired: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: RuleTestCase
    failures: tuple[str, ...]
    why: tuple[RuleWhy, ...]  # for each rule whose firing was not as expected
    came_out: Classification | None  # when a motive was not as expected: the certainties and evidence

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True, slots=True)
class RuleTestReport:
    results: tuple[CaseResult, ...]

    @property
    def failed(self) -> int:
        return sum(not result.passed for result in self.results)

    @property
    def passed(self) -> int:
        return len(self.results) - self.failed


def rule_test_files(paths: Iterable[Path | str]) -> list[Path]:
    """The test files named, directories searched recursively, sorted."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            found.append(path)
    return found


def load_rule_tests(
    paths: Iterable[Path | str], known_rules: Iterable[str], vocabulary: Vocabulary = BUILT_IN
) -> list[RuleTestCase]:
    """Load and check test files; rule ids must name rules of the rule base under test."""
    rule_ids = set(known_rules)
    problems: list[Problem] = []
    cases: list[RuleTestCase] = []
    for path in rule_test_files(paths):
        try:
            document = load_yaml(path, display_path(path))
        except InputError as error:
            problems.extend(error.problems)
            continue
        root = expect_map(document.data, Location(document.path, 1, 1), "a rule test file", problems)
        if root is None or not check_keys(root, RULE_TEST_FILE, problems, "the rule test file"):
            continue
        items = expect_list(root["cases"], root.value_at("cases"), "cases", problems)
        for index, node in enumerate(items or []):
            case = _case(node, items.item_at(index), path, rule_ids, vocabulary, problems)  # type: ignore[union-attr]
            if case is not None:
                cases.append(case)
    if problems:
        raise InputError(
            sorted(problems, key=lambda p: (p.location.path, p.location.line or 0, p.location.column or 0))
        )
    return cases


def run_rule_tests(cases: Iterable[RuleTestCase], compiled: CompiledRules) -> RuleTestReport:
    return RuleTestReport(tuple(_run(case, compiled) for case in cases))


def _run(case: RuleTestCase, compiled: CompiledRules) -> CaseResult:
    run = run_rules(case.facts, compiled)
    result = run.classification
    expect = case.expect
    certainty = {motive.motive: motive.certainty for motive in result.motives}
    failures: list[str] = []
    why: list[RuleWhy] = []
    rulebase = compiled.rulebase

    if expect.dominant is not None and set(expect.dominant) != set(result.dominant):
        failures.append(f"expected dominant {_names(expect.dominant)}, got {_names(result.dominant)}")
    for motive in expect.present:
        if certainty[motive] <= 0:
            failures.append(f"expected {motive} present (certainty > 0), got {certainty[motive]:.2f}")
    for motive in expect.absent:
        if certainty[motive] > 0:
            failures.append(f"expected {motive} absent (certainty <= 0), got {certainty[motive]:.2f}")
    for motive, bound in expect.min_certainty:
        if certainty[motive] < bound:
            failures.append(f"expected {motive} certainty >= {bound:.2f}, got {certainty[motive]:.2f}")
    for motive, bound in expect.max_certainty:
        if certainty[motive] > bound:
            failures.append(f"expected {motive} certainty <= {bound:.2f}, got {certainty[motive]:.2f}")
    motive_failures = bool(failures)
    for rule_id in expect.fires:
        rule = rulebase.rule(rule_id)
        if rule.id not in run.fired:
            failures.append(f"expected rule {rule_id} to fire; it did not")
            why.append(RuleWhy(rule_id, False, why_not(run, rule)))
    for rule_id in expect.silent:
        rule = rulebase.rule(rule_id)
        if rule.id in run.fired:
            failures.append(f"expected rule {rule_id} to stay silent; it fired")
            why.append(RuleWhy(rule_id, True, why_not(run, rule)))
    return CaseResult(case, tuple(failures), tuple(why), result if motive_failures else None)


def _names(motives: Iterable[Motive]) -> str:
    return "[" + ", ".join(sorted(str(motive) for motive in motives)) + "]"


def _case(
    node: Any,
    where: Location,
    path: Path,
    rule_ids: set[str],
    vocabulary: Vocabulary,
    problems: list[Problem],
) -> RuleTestCase | None:
    entry = expect_map(node, where, "a test case", problems)
    if entry is None:
        return None
    before = len(problems)
    check_keys(entry, RULE_TEST, problems, "a test case")
    name = expect_text(entry["name"], entry.value_at("name"), "name", problems) if "name" in entry else None
    facts = _case_facts(entry, path, name or "test case", vocabulary, problems)
    expect = _expectation(entry, rule_ids, problems) if "expect" in entry else None
    if len(problems) > before or name is None or facts is None or expect is None:
        return None
    return RuleTestCase(name, facts, expect, entry.location)


def _case_facts(
    entry: LocatedMap, path: Path, name: str, vocabulary: Vocabulary, problems: list[Problem]
) -> FactSet | None:
    if ("facts" in entry) == ("country" in entry):
        problems.append(
            Problem(
                entry.location,
                "T601",
                "a test case needs either facts or country",
                "write facts: {...} inline, or country: NAME (with set: {...} to override)",
            )
        )
        return None
    source = f"rule test {entry.location}"
    if "facts" in entry:
        if "set" in entry:
            problems.append(
                Problem(
                    entry.key_at("set"),
                    "T601",
                    "set goes with country, not with facts",
                    "put the values in facts",
                )
            )
            return None
        values = expect_map(entry["facts"], entry.value_at("facts"), "facts", problems)
        if values is None:
            return None
        typed = parse_values(values, problems, vocabulary)
        facts = tuple(Fact(key, value, source, values.value_at(key)) for key, value in sorted(typed.items()))
        return FactSet(name, "ZZZ", dt.date(2000, 1, 1), facts, path=str(path))
    country = expect_text(entry["country"], entry.value_at("country"), "country", problems)
    if country is None:
        return None
    as_of = expect_date(entry, "as_of", problems)
    base = _country(country, as_of, path, entry.value_at("country"), vocabulary, problems)
    if base is None or "set" not in entry:
        return base
    overrides = expect_map(entry["set"], entry.value_at("set"), "set", problems)
    if overrides is None:
        return None
    typed = parse_values(overrides, problems, vocabulary)
    return base.with_values(typed, source)


def _country(
    argument: str,
    as_of: dt.date | None,
    path: Path,
    where: Location,
    vocabulary: Vocabulary,
    problems: list[Problem],
) -> FactSet | None:
    relative = path.parent / argument
    try:
        if relative.exists():
            return load_facts(relative, vocabulary=vocabulary)
        found, shown = resolve_facts(argument, as_of)
        return load_facts(found, shown, vocabulary)
    except InputError as error:
        problems.append(
            Problem(
                where,
                "T602",
                f"cannot use country {argument!r}: {error.problems[0].message}",
                error.problems[0].hint,
            )
        )
        return None


def _expectation(entry: LocatedMap, rule_ids: set[str], problems: list[Problem]) -> Expectation | None:
    node = expect_map(entry["expect"], entry.value_at("expect"), "expect", problems)
    if node is None or not check_keys(node, EXPECTATION, problems, "expect"):
        return None
    if not node:
        problems.append(Problem(node.location, "T603", "expect is empty", "say what must come out"))
        return None
    motives = {key: _motives(node, key, problems) for key in ("dominant", "present", "absent") if key in node}
    rules = {key: _rule_ids(node, key, rule_ids, problems) for key in ("fires", "silent") if key in node}
    bounds = {key: _bounds(node, key, problems) for key in ("min_certainty", "max_certainty") if key in node}
    return Expectation(
        dominant=motives.get("dominant"),
        present=motives.get("present", ()),
        absent=motives.get("absent", ()),
        fires=rules.get("fires", ()),
        silent=rules.get("silent", ()),
        min_certainty=bounds.get("min_certainty", ()),
        max_certainty=bounds.get("max_certainty", ()),
    )


def _motives(node: LocatedMap, key: str, problems: list[Problem]) -> tuple[Motive, ...]:
    items = expect_list(node[key], node.value_at(key), key, problems)
    if items is None:
        return ()
    motives = [_motive(item, items.item_at(index), problems) for index, item in enumerate(items)]
    return tuple(motive for motive in motives if motive is not None)


def _motive(value: Any, where: Location, problems: list[Problem]) -> Motive | None:
    if value in set(Motive):
        return Motive(value)
    problems.append(
        Problem(where, "T604", f"unknown motive {value!r}", did_you_mean(str(value), list(Motive)))
    )
    return None


def _rule_ids(node: LocatedMap, key: str, rule_ids: set[str], problems: list[Problem]) -> tuple[str, ...]:
    items = expect_list(node[key], node.value_at(key), key, problems)
    found = []
    for index, item in enumerate(items or []):
        if isinstance(item, str) and item in rule_ids:
            found.append(item)
        else:
            problems.append(
                Problem(
                    (items or LocatedList()).item_at(index),
                    "T605",
                    f"unknown rule {item!r}",
                    did_you_mean(str(item), rule_ids),
                )
            )
    return tuple(found)


def _bounds(node: LocatedMap, key: str, problems: list[Problem]) -> tuple[tuple[Motive, float], ...]:
    items = expect_map(node[key], node.value_at(key), key, problems)
    if items is None:
        return ()
    found = []
    for motive_name, bound in items.items():
        motive = _motive(motive_name, items.key_at(motive_name), problems)
        if isinstance(bound, bool) or not isinstance(bound, int | float) or not -1 <= bound <= 1:
            problems.append(
                Problem(
                    items.value_at(motive_name),
                    "T606",
                    f"certainty bound must be a number in [-1, 1], not {bound!r}",
                )
            )
        elif motive is not None:
            found.append((motive, float(bound)))
    return tuple(found)
