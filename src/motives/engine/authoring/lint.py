"""Checks of a rule base as a whole that loading does not make: what is valid but looks wrong.

Loading already refuses what cannot work (unknown names, bad values, duplicate ids, cycles). These
checks find rules that can be loaded but cannot matter, reported as warnings:

    W501  an indicator that no rule reads
    W502  a motive that no rule gives positive evidence for
    W503  a rule that can never fire: its conditions contradict each other (``x > 10`` and ``x < 5``),
          exceed a fact's range, or need an indicator that can never be derived
    W504  two rules with the same conditions and the same conclusion (the evidence counts twice)
    W505  a reference in the bibliography that no rule cites
    W506  two rules giving evidence of one sign for one motive that read the same facts (through their
          indicators) and can hold together: correlated evidence would count twice (rules exclusive by
          construction, such as ``x >= 2000`` and ``x < 2000``, are not flagged)

``check_paths`` is what ``motives rules check`` runs: rule directories, rule files and fact files,
all problems of all of them together. Fact files may give the facts the rule directories checked
beside them declare.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from motives.engine.model.catalog import SHIPPED_RULES, display_path, yaml_files
from motives.engine.model.citations import REFERENCES_FILE, REFERENCES_STEM
from motives.engine.model.conditions import FactTest, IndicatorTest, Literal, branches
from motives.engine.model.declared import DeclaredFact, Vocabulary, read_vocabulary
from motives.engine.model.derived import DERIVED
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.facts import load_facts
from motives.engine.model.index import motive_rules
from motives.engine.model.loading import load_yaml
from motives.engine.model.panel import is_panel, load_panel
from motives.engine.model.rules import Rule, RuleBase, load_rulebase
from motives.engine.model.vocabulary import FactSpec, FactValue, Kind, Motive


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every problem found in the checked paths, errors and warnings, in path order."""

    problems: tuple[Problem, ...]
    checked: tuple[str, ...]

    @property
    def errors(self) -> int:
        return sum(problem.severity == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity == "warning" for problem in self.problems)


def lint_rulebase(rulebase: RuleBase) -> list[Problem]:
    """Warnings about a loaded rule base, in rule order."""
    problems: list[Problem] = []
    consumed = {name for rule in rulebase.rules for name in rule.indicators_read()}
    described = rulebase.indicator_descriptions
    for rule in rulebase.rules:
        name = rule.indicator
        # a rule base that describes its indicators describes each one
        if name and described and name not in described and rule is rulebase.producers(name)[0]:
            problems.append(
                _warning(
                    rule.location,
                    "W507",
                    f"indicator {name!r} has no description",
                    f"add it under indicators: in a rule file ({name}: what it says of a country)",
                )
            )
        if name and name not in consumed and rule is rulebase.producers(name)[0]:
            problems.append(
                _warning(
                    rule.location,
                    "W501",
                    f"no rule reads indicator {name!r}",
                    "use it in a motive rule's conditions, or remove the rule",
                )
            )
    for motive in Motive:
        if not any(r.motive == motive and r.weight > 0 for r in rulebase.rules):
            problems.append(
                _warning(
                    Location(rulebase.directory),
                    "W502",
                    f"no rule gives evidence for motive '{motive}'",
                    f"add a rule with then: {{motive: {motive}, certainty: ...}}",
                )
            )
    derivable = _derivable_indicators(rulebase)
    for rule in rulebase.rules:
        reason = _never_fires(rule, derivable, rulebase.vocabulary.readable)
        if reason:
            problems.append(
                _warning(
                    rule.location,
                    "W503",
                    f"rule {rule.id!r} can never fire: {reason}",
                    "fix the thresholds, or remove the rule",
                )
            )
    seen: dict[tuple[object, ...], Rule] = {}
    for rule in rulebase.rules:
        key = (_normal_form(rule), rule.indicator, rule.motive)
        if key in seen:
            first = seen[key]
            problems.append(
                _warning(
                    rule.location,
                    "W504",
                    f"rule {rule.id!r} has the same conditions and conclusion as {first.id!r} "
                    f"({first.location})",
                    "merge them: the same evidence would count twice",
                )
            )
        else:
            seen[key] = rule
    problems.extend(_double_counting(rulebase))
    cited = {citation.ref for rule in rulebase.rules for citation in rule.citations}
    cited |= {citation.ref for fact in rulebase.vocabulary.declared for citation in fact.citations}
    for reference in rulebase.references:
        if reference.key not in cited:
            problems.append(
                _warning(
                    reference.location,
                    "W505",
                    f"no rule cites reference {reference.key!r}",
                    "cite it or remove it from the bibliography",
                )
            )
    return problems


def _double_counting(rulebase: RuleBase) -> list[Problem]:
    """W506: each rule of a motive that shares read facts with an earlier one (in file order) giving
    evidence of the same sign, where some alternative of each can hold at once."""
    problems: list[Problem] = []
    expanded: dict[str, tuple[tuple[FactTest, ...], ...]] = {}
    for motive in Motive:
        rules = sorted(motive_rules(rulebase, motive), key=lambda r: (r.location.path, r.location.line))
        for index, rule in enumerate(rules):
            for first in rules[:index]:
                if _normal_form(first) == _normal_form(rule) or not _same_sign(first, rule):
                    continue  # W504 says so already; evidence for and against is weighed, not doubled
                shared = _shared_facts(
                    _fact_alternatives(rulebase, first, expanded),
                    _fact_alternatives(rulebase, rule, expanded),
                    rulebase.vocabulary.readable,
                )
                if shared:
                    problems.append(
                        _warning(
                            rule.location,
                            "W506",
                            f"rule {rule.id!r} reads {', '.join(shared)} like {first.id!r} "
                            f"({first.location}), and both can hold: the evidence for {motive} counts twice",
                            "make the two rules exclusive, merge them, or let one read other facts",
                        )
                    )
                    break  # one warning per rule, at the first rule it repeats
    return problems


def _same_sign(first: Rule, second: Rule) -> bool:
    return first.weight * second.weight > 0


def _fact_alternatives(
    rulebase: RuleBase, rule: Rule, memo: dict[str, tuple[tuple[FactTest, ...], ...]]
) -> tuple[tuple[FactTest, ...], ...]:
    """The rule's alternatives with every indicator replaced by the alternatives of the rules deriving
    it: each alternative a conjunction of fact tests only (capped, so a wide base stays quick)."""
    if rule.id in memo:
        return memo[rule.id]
    memo[rule.id] = ()  # a cycle cannot load, but never recurse forever
    result: list[tuple[FactTest, ...]] = [()]
    for branch in branches(rule.condition):
        partial: list[tuple[FactTest, ...]] = [()]
        for literal in branch:
            if isinstance(literal, FactTest):
                partial = [(*tests, literal) for tests in partial]
                continue
            options = [
                option
                for producer in rulebase.producers(literal.indicator)
                for option in _fact_alternatives(rulebase, producer, memo)
            ]
            partial = [tests + option for tests in partial for option in options][:_MAX_ALTERNATIVES]
        result.extend(partial)
    memo[rule.id] = tuple(result[1:])[:_MAX_ALTERNATIVES]
    return memo[rule.id]


_MAX_ALTERNATIVES = 256


def _shared_facts(
    first: tuple[tuple[FactTest, ...], ...],
    second: tuple[tuple[FactTest, ...], ...],
    specs: Mapping[str, FactSpec],
) -> list[str]:
    """The observed facts both rules read in some pair of alternatives that can hold at once."""
    shared: dict[str, None] = {}
    for one in first:
        for other in second:
            common = _observed(one) & _observed(other)
            if common and not _branch_contradiction(one + other, set(), specs):
                shared.update(dict.fromkeys(sorted(common)))
    return sorted(shared)


def _observed(tests: tuple[FactTest, ...]) -> set[str]:
    return {
        name
        for test in tests
        for name in (DERIVED[test.fact].inputs if test.fact in DERIVED else [test.fact])
    }


def check_paths(paths: Iterable[Path | str]) -> CheckReport:
    """Check rule directories, rule files (with their directory), fact files and folders of fact files."""
    problems: list[Problem] = []
    checked: list[str] = []
    for path in map(Path, paths):
        if path.is_dir() and not _is_rule_directory(path) and not _fact_files(path):
            problems.append(
                Problem(
                    Location(display_path(path)),
                    "Y107",
                    "no YAML or panel files in this folder",
                    "name a rules folder, a fact file, a panel file or a folder of them",
                )
            )
    targets = _targets([Path(path) for path in paths])
    vocabulary = _vocabulary([target for target in targets if target.is_dir()])
    for target in targets:
        checked.append(display_path(target))
        try:
            if target.is_dir():
                problems.extend(lint_rulebase(load_rulebase(target, display_path(target))))
            elif is_panel(target):
                load_panel(target, display_path(target))
            elif _looks_like_rules(target):
                problems.append(_rules_without_references(target))
            else:
                load_facts(target, display_path(target), vocabulary)
        except InputError as error:
            problems.extend(error.problems)
    return CheckReport(tuple(problems), tuple(checked))


def _looks_like_rules(path: Path) -> bool:
    """A YAML file whose top level holds ``rules:``: a rule file, not a fact file, whatever its folder."""
    try:
        data = load_yaml(path, display_path(path)).data
    except InputError:
        return False  # read as a fact file, which reports why it cannot be read
    return isinstance(data, Mapping) and "rules" in data


def _rules_without_references(path: Path) -> Problem:
    return Problem(
        Location(display_path(path), 1, 1),
        "Y114",
        "a rule file in a folder that is not a rule directory (it has no references.yaml)",
        f"add {REFERENCES_FILE} beside it, with the references its citations name, and check the folder",
    )


def _vocabulary(rule_directories: list[Path]) -> Vocabulary:
    """What the fact files checked may give: the facts the rule directories checked beside them declare
    (the first declaration of a name wins), or without one, those of the shipped rule base."""
    declared: dict[str, DeclaredFact] = {}
    for directory in rule_directories or [SHIPPED_RULES]:
        for fact in read_vocabulary(directory).declared:
            declared.setdefault(fact.name, fact)
    return Vocabulary.of(declared.values())


def _targets(paths: list[Path]) -> list[Path]:
    """Rule directories and fact files to check, each once, in a stable order."""
    targets: dict[Path, None] = {}
    for path in paths:
        if path.is_dir() and _is_rule_directory(path):
            targets[path] = None
        elif path.is_dir():
            for found in _fact_files(path):
                targets[found.parent if _is_rule_directory(found.parent) else found] = None
        elif _is_rule_directory(path.parent) and path.suffix in (".yaml", ".yml"):
            targets[path.parent] = None
        else:
            targets[path] = None  # a fact file, or a path that does not exist (reported when loaded)
    return list(targets)


def _fact_files(folder: Path) -> list[Path]:
    """YAML files and panel files (CSV) below a folder, sorted."""
    return sorted([*yaml_files(folder), *folder.rglob("*.csv")])


def _is_rule_directory(path: Path) -> bool:
    return any(child.stem == REFERENCES_STEM for child in path.glob("*.y*ml"))


def _warning(location: Location, code: str, message: str, hint: str) -> Problem:
    return Problem(location, code, message, hint, severity="warning")


def _normal_form(rule: Rule) -> frozenset[frozenset[Literal]]:
    return frozenset(frozenset(branch) for branch in branches(rule.condition))


def _derivable_indicators(rulebase: RuleBase) -> set[str]:
    derivable: set[str] = set()
    for rule in rulebase.rules:  # dependency order: producers first
        if rule.indicator and not _never_fires(rule, derivable, rulebase.vocabulary.readable):
            derivable.add(rule.indicator)
    return derivable


def _never_fires(rule: Rule, derivable: set[str], specs: Mapping[str, FactSpec]) -> str:
    """Why no alternative of the rule can ever hold, or "" when one can."""
    reasons = [_branch_contradiction(branch, derivable, specs) for branch in branches(rule.condition)]
    if all(reasons):
        return reasons[0]
    return ""


def _branch_contradiction(
    branch: tuple[Literal, ...], derivable: set[str], specs: Mapping[str, FactSpec]
) -> str:
    tests: dict[str, list[FactTest]] = {}
    for literal in branch:
        if isinstance(literal, IndicatorTest):
            if literal.indicator not in derivable:
                return f"indicator {literal.indicator!r} can never be derived"
        else:
            tests.setdefault(literal.fact, []).append(literal)
    for fact, fact_tests in tests.items():
        presences = {test.presence for test in fact_tests}
        if False in presences and presences != {False}:
            return f"{fact} must be both unknown and known"
        valued = [test for test in fact_tests if test.presence is None]
        if valued and not any(
            all(test.holds(value) for test in valued) for value in _candidates(specs[fact], valued)
        ):
            return " and ".join(test.requirement() for test in valued) + _range_note(specs[fact])
    return ""


def _range_note(spec: object) -> str:
    minimum, maximum = getattr(spec, "minimum", None), getattr(spec, "maximum", None)
    if minimum is None and maximum is None:
        return ""
    return f" (the fact takes {spec.allowed()})"  # type: ignore[attr-defined]


def _candidates(spec: FactSpec, tests: list[FactTest]) -> list[FactValue]:
    """Values that decide satisfiability: every threshold, just either side of it, and the range ends.

    The tests are piecewise constant between thresholds, so if any value satisfies them all, one of
    these does.
    """
    if spec.kind is Kind.BOOL:
        return [True, False]
    if spec.kind is Kind.CHOICE:
        return list(spec.choices)
    points: set[float] = set()
    for test in tests:
        values = test.value if isinstance(test.value, tuple) else (test.value,)
        points.update(float(value) for value in values)
    if spec.minimum is not None:
        points.add(float(spec.minimum))
    if spec.maximum is not None:
        points.add(float(spec.maximum))
    step = 1.0 if spec.kind is Kind.INT else 1e-6
    candidates = {value + delta for value in points for delta in (-step, 0.0, step)}
    low = spec.minimum if spec.minimum is not None else float("-inf")
    high = spec.maximum if spec.maximum is not None else float("inf")
    result = sorted(value for value in candidates if low <= value <= high)
    return [int(value) for value in result] if spec.kind is Kind.INT else list(result)
