"""Minimal counterfactuals and sensitivity: which fact changes would change the verdict.

Both search over *candidate values* taken from the rules themselves: every threshold a rule tests a fact
against, just on either side of it (a threshold on a derived quantity such as ``female_share_pct`` is
turned into a value of its inputs), the values of ``==``/``in`` tests, both booleans, every choice.
Candidates stay within each fact's range and the consistency rules of the vocabulary.

Searching reruns the verdict thousands of times, so it uses the plain-Python three-valued reading of
the compiled rules (``evaluate_rules``), which a test keeps identical to the experta network, and after
each change re-reads only the rules the change can reach (``reread.Reader``); every answer is then
confirmed by a full run of the experta engine before it is reported.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from motives.engine.inference.certainty import combine
from motives.engine.inference.classify import Run, dominant_motives
from motives.engine.inference.trace import Step
from motives.engine.model.conditions import FactTest, IndicatorTest, Truth, leaves
from motives.engine.model.derived import DERIVED
from motives.engine.model.index import motive_evidence
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import CONSISTENCY, FactSpec, FactValue, Kind, Motive

from .reread import Reader
from .whatif import Change

MAX_CHANGES = 3
MAX_EVALUATIONS = 30_000
ANSWERS = 3


@dataclass(frozen=True, slots=True)
class Counterfactual:
    changes: tuple[Change, ...]
    dominant: tuple[Motive, ...]
    certainty: float  # of the target motive, after the changes
    via: tuple[str, ...]  # rules newly fired (or silenced, when dropping) that carry the change


@dataclass(frozen=True, slots=True)
class CounterfactualSearch:
    target: Motive
    make_dominant: bool  # False: the search is for the motive to stop being dominant
    already: bool  # the verdict already is what was asked
    answers: tuple[Counterfactual, ...]
    evaluations: int
    exhausted: bool  # the search bound was reached before every combination was tried
    dominant: tuple[Motive, ...]  # the verdict before any change
    rulebase: str = ""  # the rule base's hash and the facts' hash the search started from
    facts_hash: str = ""


@dataclass(frozen=True, slots=True)
class Margin:
    fact: str
    value: FactValue
    op: str  # the test of the nearest threshold on a derivation path
    threshold: int | float  # as the rule writes it
    requirement: str  # that test as the rule states it: ``missions_count >= 8``
    rule_id: str
    margin_pct: float | None  # how far the value is from that threshold, relative to the value (None: 0)


@dataclass(frozen=True, slots=True)
class Sensitivity:
    dominant: tuple[Motive, ...]
    percent: float
    label: str  # "robust", or "fragile: ..."
    margins: tuple[Margin, ...]
    numeric_flips: tuple[tuple[Change, tuple[Motive, ...]], ...]  # changes within +/- percent
    other_flips: tuple[tuple[Change, tuple[Motive, ...]], ...]  # boolean flips and other choices
    rulebase: str = ""  # the rule base's hash and the facts' hash the verdict was read from
    facts_hash: str = ""


def dominance_of(
    rulebase: RuleBase, truths: Mapping[str, Truth]
) -> tuple[tuple[Motive, ...], dict[Motive, float]]:
    """Dominant motives and certainties from the rules' truths (the searches' inner loop)."""
    weights: dict[Motive, list[float]] = {motive: [] for motive in Motive}
    for rule_id, (motive, weight) in motive_evidence(rulebase).items():  # in rule-base order
        if truths[rule_id] is True:  # one pass: this runs up to 30,000 times per search
            weights[motive].append(weight)
    certainty = {motive: combine(weights[motive]).certainty for motive in Motive}
    return dominant_motives(certainty), certainty


def counterfactuals(
    run: Run,
    target: Motive | str,
    make_dominant: bool = True,
    max_changes: int = MAX_CHANGES,
    max_evaluations: int = MAX_EVALUATIONS,
    fixed: Iterable[str] = (),
) -> CounterfactualSearch:
    """The smallest sets of fact changes that make ``target`` dominant (or, if not ``make_dominant``,
    no longer dominant): fewest changes first, then the smallest relative changes. A fact the vocabulary
    marks fixed (a permanent seat, a record to date) or named in ``fixed`` is never changed."""
    target = Motive(target)
    rulebase = run.rulebase
    values = run.facts.values()
    reader = Reader(rulebase, values)
    before, _ = dominance_of(rulebase, reader.truths)
    wanted = _wanted(target, make_dominant)
    if wanted(before):
        return CounterfactualSearch(
            target, make_dominant, True, (), 0, False, before, rulebase.version, run.facts.fingerprint
        )
    held = {*fixed, *(name for name, spec in rulebase.vocabulary.facts.items() if spec.fixed)}
    candidates = candidate_values(rulebase, values, _relevant_facts(rulebase, target) - held)
    evaluations = 0
    exhausted = False
    found: list[tuple[float, float, tuple[Change, ...]]] = []
    for size in range(1, max_changes + 1):
        for names in itertools.combinations(sorted(candidates), size):
            for chosen in itertools.product(*(candidates[name] for name in names)):
                if evaluations >= max_evaluations:
                    exhausted = True
                    break
                changed = {**values, **dict(zip(names, chosen, strict=True))}
                if not consistent(changed):
                    continue
                evaluations += 1
                dominant, _ = dominance_of(rulebase, reader.after(changed, frozenset(names)))
                if wanted(dominant):
                    changes = tuple(Change(n, values.get(n), v) for n, v in zip(names, chosen, strict=True))
                    found.append((_cost(changes), _size_of(changes), changes))
            if exhausted:
                break
        if found or exhausted:
            break
    # one answer per set of facts changed, its smallest change: capped costs tie (68 -> 500 and
    # 68 -> 1000 are both "over 100%"), and then the change nearer the value wins
    best: dict[tuple[str, ...], tuple[float, float, list[str], tuple[Change, ...]]] = {}
    for cost, distance, changes in found:
        key = (cost, distance, [str(change) for change in changes], changes)
        facts_changed = tuple(change.fact for change in changes)
        if facts_changed not in best or key[:3] < best[facts_changed][:3]:
            best[facts_changed] = key
    answers = []
    for _, _, _, changes in sorted(best.values(), key=lambda item: (item[0], item[2])):
        answer = _confirm(run, changes, target, wanted)
        if answer is not None:
            answers.append(answer)
        if len(answers) == ANSWERS:
            break
    return CounterfactualSearch(
        target,
        make_dominant,
        False,
        tuple(answers),
        evaluations,
        exhausted,
        before,
        rulebase.version,
        run.facts.fingerprint,
    )


def sensitivity(run: Run, percent: float = 10.0) -> Sensitivity:
    """How close the verdict is to changing: margins to thresholds on its derivation paths, and the single
    fact changes (within +/- ``percent``, or a flip of a boolean or choice) that would change it."""
    rulebase = run.rulebase
    values = run.facts.values()
    reader = Reader(rulebase, values)
    dominant, _ = dominance_of(rulebase, reader.truths)
    margins = _margins(rulebase, values)
    specs = rulebase.vocabulary.facts
    numeric: list[tuple[Change, tuple[Motive, ...]]] = []
    other: list[tuple[Change, tuple[Motive, ...]]] = []
    for name, options in candidate_values(rulebase, values, set(specs)).items():
        if name not in values:
            continue
        current = values[name]
        for option in options:
            if specs[name].numeric and not _within(current, option, percent):
                continue
            changed = {**values, name: option}
            if not consistent(changed):
                continue
            after, _ = dominance_of(rulebase, reader.after(changed, frozenset((name,))))
            if set(after) != set(dominant):
                (numeric if specs[name].numeric else other).append((Change(name, current, option), after))
    if numeric:
        nearest = min(numeric, key=lambda item: abs(_relative(item[0].before, item[0].after)))
        change = nearest[0]
        label = (
            f"fragile: {change.fact} within {abs(_relative(change.before, change.after)):.1f}% "
            f"({change}) changes the dominant motives"
        )
    else:
        label = f"robust: no single numeric fact within +/-{percent:g}% changes the dominant motives"
    return Sensitivity(
        dominant,
        percent,
        label,
        tuple(margins),
        tuple(numeric),
        tuple(other),
        rulebase.version,
        run.facts.fingerprint,
    )


def candidate_values(
    rulebase: RuleBase, values: Mapping[str, FactValue], names: Iterable[str]
) -> dict[str, list[FactValue]]:
    """For each fact in ``names`` the rules test, the values worth trying (the current value excluded)."""
    wanted = set(names)
    specs = rulebase.vocabulary.facts
    found: dict[str, set[FactValue]] = {}
    for rule in rulebase.rules:
        for leaf in leaves(rule.condition):
            if not isinstance(leaf, FactTest) or leaf.presence is not None:
                continue
            if leaf.fact in specs:
                if leaf.fact in wanted:
                    found.setdefault(leaf.fact, set()).update(_around(specs[leaf.fact], leaf.value))
            elif leaf.fact in DERIVED:
                for name, solve in DERIVED[leaf.fact].solve.items():
                    others = {**values}
                    if name in wanted and all(i in others for i in DERIVED[leaf.fact].inputs if i != name):
                        for target in _thresholds(leaf.value):
                            solved = solve(float(target), others)  # type: ignore[arg-type]
                            if solved is not None and math.isfinite(solved):
                                found.setdefault(name, set()).update(_around(specs[name], solved))
    result = {}
    for name, options in found.items():
        spec = specs[name]
        if spec.kind is Kind.BOOL:
            options = {True, False}
        elif spec.kind is Kind.CHOICE:
            options = set(spec.choices)
        kept = sorted((o for o in options if spec.type_error(o) is None and o != values.get(name)), key=str)
        if kept:
            result[name] = kept
    return result


def consistent(values: Mapping[str, FactValue]) -> bool:
    return all(rule.holds(values) for rule in CONSISTENCY if values.keys() >= rule.needs)


def _wanted(target: Motive, make_dominant: bool):  # type: ignore[no-untyped-def]
    if make_dominant:
        return lambda dominant: target in dominant
    return lambda dominant: target not in dominant


def _relevant_facts(rulebase: RuleBase, target: Motive) -> set[str]:
    """Observed facts read, directly or through indicators and derived quantities, by the target's rules."""
    rules = [rule for rule in rulebase.rules if rule.motive == target]
    seen: set[str] = set()
    facts: set[str] = set()
    while rules:
        rule = rules.pop()
        if rule.id in seen:
            continue
        seen.add(rule.id)
        for leaf in leaves(rule.condition):
            if isinstance(leaf, IndicatorTest):
                rules.extend(rulebase.producers(leaf.indicator))
            elif leaf.fact in DERIVED:
                facts.update(DERIVED[leaf.fact].inputs)
            else:
                facts.add(leaf.fact)
    return facts


def _thresholds(value: object) -> list[object]:
    return list(value) if isinstance(value, tuple) else [value]


def _around(spec: FactSpec, value: object) -> set[FactValue]:
    if spec.kind in (Kind.BOOL, Kind.CHOICE):
        return set(_thresholds(value))  # type: ignore[arg-type]
    points: list[float] = []
    for threshold in _thresholds(value):
        number = float(threshold)  # type: ignore[arg-type]
        if spec.kind is Kind.INT:
            points += [math.floor(number) - 1, math.floor(number), math.ceil(number), math.ceil(number) + 1]
        else:
            step = max(abs(number) * 1e-3, 0.01)
            points += [round(number - step, 4), number, round(number + step, 4)]
    low = spec.minimum if spec.minimum is not None else -math.inf
    high = spec.maximum if spec.maximum is not None else math.inf
    kept = {point for point in points if low <= point <= high}
    return {int(p) for p in kept} if spec.kind is Kind.INT else {float(p) for p in kept}


def _relative(before: FactValue | None, after: FactValue | None) -> float:
    """The change from ``before`` to ``after`` in percent of ``before`` (0.001 to 0.011 is +1000%); any
    change from 0 is infinitely large, as no percentage of 0 reaches it."""
    if before is None or after is None or isinstance(after, bool | str) or isinstance(before, bool | str):
        return 100.0
    change = float(after) - float(before)
    if float(before) == 0:
        return 0.0 if change == 0 else math.copysign(math.inf, change)
    return 100.0 * change / abs(float(before))


def _within(current: FactValue, option: FactValue, percent: float) -> bool:
    return abs(_relative(current, option)) <= percent


def _cost(changes: tuple[Change, ...]) -> float:
    return sum(min(abs(_relative(change.before, change.after)), 100.0) for change in changes)


def _size_of(changes: tuple[Change, ...]) -> float:
    """The changes' sizes, uncapped: the smallest possible change to a fact is its threshold itself."""
    return sum(
        abs(float(change.after) - float(change.before))  # type: ignore[arg-type]
        if isinstance(change.after, int | float)
        and isinstance(change.before, int | float)
        and not isinstance(change.after, bool)
        and not isinstance(change.before, bool)
        else 0.0
        for change in changes
    )


def _confirm(
    run: Run, changes: tuple[Change, ...], target: Motive, wanted: Callable[[tuple[Motive, ...]], bool]
) -> Counterfactual | None:
    """The answer as the engine gives it; None if (against expectation) it disagrees."""
    # a counterfactual sets facts, never makes one unknown
    changed = run.facts.with_values(
        {change.fact: change.after for change in changes if change.after is not None}, "counterfactual"
    )
    before, after = run.classification, run.again(changed).classification
    if not wanted(after.dominant):
        return None
    fired_before, fired_after = set(before.fired), set(after.fired)
    if target in after.dominant:
        # the new firings on the target's derivation paths
        on_paths = _rules_in(after.motive(target).evidence)
        via = tuple(rule for rule in after.fired if rule not in fired_before and rule in on_paths)
    else:
        # the target's evidence that fell away, or what rose above it
        on_paths = _rules_in(before.motive(target).evidence)
        via = tuple(rule for rule in before.fired if rule not in fired_after and rule in on_paths)
        via = via or tuple(rule for rule in after.fired if rule not in fired_before)
    return Counterfactual(changes, after.dominant, after.motive(target).certainty, via)


def _rules_in(steps: Iterable[Step]) -> set[str]:
    found: set[str] = set()
    for step in steps:
        found.add(step.rule_id)
        for check in step.checks:
            found |= _rules_in(check.support)
    return found


def _margins(rulebase: RuleBase, values: Mapping[str, FactValue]) -> list[Margin]:
    """For each numeric fact the rules test, the nearest threshold and how far the value is from it."""
    nearest: dict[str, Margin] = {}
    specs = rulebase.vocabulary.facts
    for rule in rulebase.rules:
        for leaf in leaves(rule.condition):
            if not isinstance(leaf, FactTest) or leaf.fact not in values or leaf.fact not in specs:
                continue
            if not specs[leaf.fact].numeric or not leaf.operator.numeric_only:  # an ordering: a distance
                continue
            actual = values[leaf.fact]
            for threshold in _thresholds(leaf.value):
                margin = _relative(actual, float(threshold))  # type: ignore[arg-type]
                current = nearest.get(leaf.fact)
                if current is None or abs(margin) < _size(current):
                    shown = margin if math.isfinite(margin) else None
                    nearest[leaf.fact] = Margin(
                        leaf.fact,
                        actual,
                        leaf.op,
                        threshold,  # type: ignore[arg-type]
                        leaf.requirement(),
                        rule.id,
                        shown,
                    )
    return sorted(nearest.values(), key=_size)


def _size(margin: Margin) -> float:
    return math.inf if margin.margin_pct is None else abs(margin.margin_pct)
