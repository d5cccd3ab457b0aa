"""Country fact files: loading, validation and the frozen ``FactSet`` they become.

A fact file describes one country at one date. Every fact has a value in the range the vocabulary allows
and a source; facts the file does not give are unknown. All problems of a file are reported together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .constraints import ISO3_RE
from .declared import BUILT_IN, Vocabulary
from .derived import DERIVED
from .errors import InputError, Location, Problem, did_you_mean
from .loading import LocatedMap, load_yaml, parse_scalar
from .schema import FACT_FILE, check_keys, expect_date, expect_map, expect_text, kind_of
from .text import excerpt, has_unsafe, unsafe_problem
from .vocabulary import CONSISTENCY, FactSpec, FactValue, Kind


@dataclass(frozen=True, slots=True)
class Fact:
    """One observed figure with its source; the location is where the value stands in the file."""

    name: str
    value: FactValue
    source: str
    location: Location = field(compare=False)

    # A source says what kind of figure it gives in its first words, in every fact file and panel.
    @property
    def estimate(self) -> bool:
        """Worked out rather than published: the source begins with ``ESTIMATE``."""
        return self.source.startswith("ESTIMATE")

    @property
    def lower_bound(self) -> bool:
        """At least this much: the source begins with ``LOWER BOUND``."""
        return self.source.startswith("LOWER BOUND")


@dataclass(frozen=True, slots=True)
class FactSet:
    """What is known about one country at one date."""

    country: str
    iso3: str
    as_of: dt.date
    facts: tuple[Fact, ...]
    notes: str = ""
    path: str = field(default="", compare=False)

    def values(self) -> dict[str, FactValue]:
        return {fact.name: fact.value for fact in self.facts}

    @property
    def fingerprint(self) -> str:
        """The facts' hash (see :func:`facts_hash`)."""
        return facts_hash(self.country, self.iso3, self.as_of, self.facts)

    def get(self, name: str) -> Fact | None:
        for fact in self.facts:
            if fact.name == name:
                return fact
        return None

    def with_values(self, overrides: Mapping[str, FactValue], source: str) -> FactSet:
        """A copy with some facts replaced or added, each override carrying ``source``."""
        kept = [fact for fact in self.facts if fact.name not in overrides]
        added = [Fact(name, value, source, Location(source)) for name, value in overrides.items()]
        return FactSet(
            self.country,
            self.iso3,
            self.as_of,
            tuple(sorted(kept + added, key=lambda fact: fact.name)),
            self.notes,
            self.path,
        )


def facts_hash(country: str, iso3: str, as_of: dt.date, facts: Iterable[Fact]) -> str:
    """Twelve hex digits of a SHA-256 of what a verdict was drawn from: the country, its code, the date
    and every fact's name, value and source (not the file's layout, comments or name), so that two
    outputs under the same header can be told apart when their facts differ."""
    facts_data = sorted([fact.name, fact.value, fact.source] for fact in facts)
    text = json.dumps([country, iso3, as_of.isoformat(), facts_data], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def load_facts(path: Path | str, display: str | None = None, vocabulary: Vocabulary = BUILT_IN) -> FactSet:
    """Load and validate one fact file, or one snapshot of a panel file (``facts/india.csv#2012-12-31``);
    raises InputError listing every problem. A YAML file may give the facts ``vocabulary`` declares (a
    rule base's ``vocabulary``); a panel holds the built-in facts only."""
    from .panel import load_snapshot, split_address  # the panel reader builds on this module

    if split_address(str(path)):
        return load_snapshot(str(path), display)
    document = load_yaml(path, display)
    problems: list[Problem] = []
    root = expect_map(document.data, Location(document.path, 1, 1), "a fact file", problems)
    if root is None:
        raise InputError(problems)
    check_keys(root, FACT_FILE, problems, "the fact file")

    country = _text(root, "country", problems)
    iso3 = _iso3(root, problems)
    as_of = expect_date(root, "as_of", problems)
    notes = expect_text(root["notes"], root.value_at("notes"), "notes", problems) if "notes" in root else ""
    facts = _facts(root, problems, vocabulary)
    if problems or country is None or iso3 is None or as_of is None:
        raise InputError(problems)
    return FactSet(country, iso3, as_of, facts, notes or "", document.path)


def apply_overrides(
    facts: FactSet, assignments: Iterable[str], vocabulary: Vocabulary = BUILT_IN
) -> tuple[FactSet, dict[str, FactValue | None]]:
    """The fact set with ``NAME=VALUE`` assignments applied (typed and checked like a file), and the
    typed overrides; ``NAME=unknown`` forgets the fact (None among the overrides). Problems name the
    assignment, e.g. ``--set female_personnel=lots``."""
    problems: list[Problem] = []
    combined = LocatedMap(facts.values())
    combined.location = Location(facts.path or facts.country)
    combined.key_locations = {fact.name: fact.location for fact in facts.facts}
    combined.value_locations = dict(combined.key_locations)
    assigned: list[str] = []
    forgotten: set[str] = set()
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        where = Location(f"--set {excerpt(assignment)}")
        if not equals or not name.strip():
            problems.append(Problem(where, "F306", "expected NAME=VALUE", "e.g. --set female_personnel=800"))
            continue
        name = name.strip()
        if text.strip() == "unknown" and name in vocabulary.facts:  # no fact takes the word as a value
            combined.pop(name, None)
            assigned = [*(other for other in assigned if other != name), name]
            forgotten.add(name)
            continue
        forgotten.discard(name)
        try:
            combined[name] = parse_scalar(text.strip(), where)
        except InputError as error:
            problems.extend(error.problems)
            continue
        combined.key_locations[name] = combined.value_locations[name] = where
        assigned.append(name)
    typed = parse_values(combined, problems, vocabulary)
    if problems:
        raise InputError(problems)
    overrides = {name: None if name in forgotten else typed[name] for name in dict.fromkeys(assigned)}
    known = {name: value for name, value in overrides.items() if value is not None}
    changed = facts.with_values(known, "set on the command line (what-if)")
    kept = tuple(fact for fact in changed.facts if fact.name not in forgotten)
    return dataclasses.replace(changed, facts=kept), overrides


def load_fact_files(paths: Iterable[Path | str], vocabulary: Vocabulary = BUILT_IN) -> list[FactSet]:
    """Load several fact files, reporting the problems of all of them together."""
    loaded: list[FactSet] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(load_facts(path, vocabulary=vocabulary))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return loaded


def _text(root: LocatedMap, key: str, problems: list[Problem]) -> str | None:
    if key not in root:
        return None
    return _plain(
        expect_text(root[key], root.value_at(key), key, problems), root.value_at(key), key, problems
    )


def _plain(text: str | None, where: Location, what: str, problems: list[Problem]) -> str | None:
    """``text`` when it holds no control, line-breaking or bidirectional character (which could forge or
    hide lines of output); else None, with the problem."""
    problem = unsafe_problem(text, where, what) if text is not None else None
    if problem is not None:
        problems.append(problem)
        return None
    return text


def _iso3(root: LocatedMap, problems: list[Problem]) -> str | None:
    if "iso3" not in root:
        return None
    value = root["iso3"]
    if isinstance(value, str) and ISO3_RE.fullmatch(value):
        return value
    problems.append(
        Problem(
            root.value_at("iso3"),
            "S203",
            f"iso3 must be three upper-case letters, not {kind_of(value)}",
            "write the ISO 3166-1 alpha-3 code, e.g. IND",
        )
    )
    return None


def _facts(root: LocatedMap, problems: list[Problem], vocabulary: Vocabulary) -> tuple[Fact, ...]:
    values = expect_map(root["facts"], root.value_at("facts"), "facts", problems) if "facts" in root else None
    sources = (
        expect_map(root["sources"], root.value_at("sources"), "sources", problems)
        if "sources" in root
        else None
    )
    if values is None or sources is None:
        return ()
    typed = parse_values(values, problems, vocabulary)
    good: dict[str, Fact] = {}
    for name, value in typed.items():
        if name not in sources:
            problems.append(
                Problem(
                    values.key_at(name), "F303", f"fact {name!r} has no source", f"add sources: {name}: ..."
                )
            )
            continue
        source, what = sources[name], f"the source of {name}"
        text = source.strip() if isinstance(source, str) else None
        if not text or has_unsafe(text):  # only then is the location needed
            where = sources.value_at(name)
            text = _plain(expect_text(source, where, what, problems), where, what, problems)
        if text is not None:
            good[name] = Fact(name, value, text, values.value_at(name))
    for name in sources:
        if name not in values:
            problems.append(
                Problem(
                    sources.key_at(name),
                    "F304",
                    f"source given for {name!r}, which is not among the facts",
                    "remove it, or add the fact"
                    if name in vocabulary.facts
                    else did_you_mean(str(name), values),
                )
            )
    return tuple(sorted(good.values(), key=lambda fact: fact.name))


_FACT_LISTING = (
    "`motives rules docs` for the facts; a new one is declared in vocabulary.yaml of a rules directory, "
    "passed with --rules DIR"
)


def parse_values(
    values: LocatedMap, problems: list[Problem], vocabulary: Vocabulary = BUILT_IN
) -> dict[str, FactValue]:
    """Fact values checked against the vocabulary and against each other; bad ones are left out."""
    typed = parse_each(values, problems, vocabulary)
    check_consistency(typed, values.value_at, problems)
    return typed


def parse_each(
    values: LocatedMap, problems: list[Problem], vocabulary: Vocabulary = BUILT_IN
) -> dict[str, FactValue]:
    """Each fact value checked against the vocabulary on its own; bad ones are left out."""
    typed: dict[str, FactValue] = {}
    for name, value in values.items():
        spec = vocabulary.facts.get(name)
        if spec is None:
            hint = (
                f"{name} is derived from {', '.join(DERIVED[name].inputs)}; give those instead"
                if name in DERIVED
                else did_you_mean(str(name), vocabulary.facts, _FACT_LISTING)
            )
            if hint.startswith("did you mean"):  # a close name may be a slip, or a fact not yet declared
                hint += " Or declare a new fact in the vocabulary.yaml of a rules directory."
            problems.append(Problem(values.key_at(name), "F301", f"unknown fact {name!r}", hint))
            continue
        error = spec.type_error(value)
        if error:
            problems.append(Problem(values.value_at(name), "F302", f"{name} {error}", _range_hint(spec)))
            continue
        typed[name] = float(value) if spec.kind is Kind.FLOAT else value
    return typed


def check_consistency(
    typed: Mapping[str, FactValue], value_at: Callable[[str], Location], problems: list[Problem]
) -> None:
    """The figures of one file checked against each other (``CONSISTENCY``); a problem stands at the
    first fact its rule names."""
    for rule in CONSISTENCY:
        if typed.keys() >= rule.needs and not rule.holds(typed):
            problems.append(
                Problem(
                    value_at(rule.facts[0]),
                    "F305",
                    rule.message.format(**typed),
                    "check both figures and their dates",
                )
            )


def _range_hint(spec: FactSpec) -> str:
    name = spec.name
    unit = f" ({spec.unit})" if spec.unit and spec.unit not in ("count", "people") else ""
    return f"{name} takes {spec.allowed()}{unit}"
