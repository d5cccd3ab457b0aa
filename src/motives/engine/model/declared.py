"""Facts a rules directory declares itself, and the ``Vocabulary`` a rule base carries.

A rules directory may hold a ``vocabulary.yaml`` declaring covariates beyond the built-in vocabulary
(``vocabulary.FACTS``): each with a name, a type, a unit, an optional range, a description and
citations. The rule base it belongs to carries one ``Vocabulary``, the built-in facts and the declared
ones; rule conditions, fact files, ``--set``, the editor schemas and the reference read that object, so a
declared fact is known exactly where its rule base is used, and nowhere is a global changed.

Checks here are the file's own (keys, types, ranges, names unique and not built-in); the rule base
checks what needs the other files: citations against ``references.yaml``, names against indicators.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .citations import Citation, parse_citations
from .constraints import NAME_RE
from .derived import DERIVED
from .errors import InputError, Location, Problem, did_you_mean
from .loading import LocatedMap, YamlDocument, load_yaml
from .schema import DECLARED_FACT, VOCABULARY_FILE, check_keys, expect_list, expect_map, expect_text, kind_of
from .vocabulary import FACTS, KIND_NAMES, MAX_MAGNITUDE, FactSpec, Kind

VOCABULARY_FILE_NAME = "vocabulary.yaml"
VOCABULARY_STEM = "vocabulary"


@dataclass(frozen=True, slots=True)
class DeclaredFact:
    """One fact a rules directory declares: what it means, which values it takes, who measured it."""

    spec: FactSpec
    citations: tuple[Citation, ...]
    location: Location = field(default=Location(""), compare=False)

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The facts a rule base reads: the built-in ones, then those its directory declares.

    ``facts`` are the observed facts a fact file may give; ``readable`` adds the derived quantities a
    condition may test. ``broken`` names declarations refused for an error of their own, only while a
    rule base loads, so that a rule reading one is not also told the fact does not exist. Build it with
    ``Vocabulary.of``.
    """

    declared: tuple[DeclaredFact, ...]
    facts: Mapping[str, FactSpec] = field(compare=False, repr=False)
    readable: Mapping[str, FactSpec] = field(compare=False, repr=False)
    broken: frozenset[str] = field(compare=False, repr=False)

    @classmethod
    def of(cls, declared: Iterable[DeclaredFact] = (), broken: Iterable[str] = ()) -> Vocabulary:
        declared = tuple(declared)
        facts = {**FACTS, **{fact.name: fact.spec for fact in declared}}
        readable = {**facts, **{name: derived.spec for name, derived in DERIVED.items()}}
        return cls(declared, MappingProxyType(facts), MappingProxyType(readable), frozenset(broken))

    def __reduce__(self) -> tuple[object, ...]:
        # pickled (the rule-base cache) as its declarations: the views are rebuilt on loading
        return (Vocabulary.of, (self.declared, self.broken))

    def declaration(self, name: str) -> DeclaredFact | None:
        return next((fact for fact in self.declared if fact.name == name), None)


BUILT_IN = Vocabulary.of()


def parse_vocabulary(
    document: YamlDocument, problems: list[Problem]
) -> tuple[tuple[DeclaredFact, ...], set[str]]:
    """The facts a ``vocabulary.yaml`` declares, and the names of those refused for their own errors.

    An empty file declares nothing. Every bad entry is reported, located, and left out.
    """
    if document.data is None:
        return (), set()
    root = expect_map(document.data, Location(document.path, 1, 1), "a vocabulary file", problems)
    if root is None or not check_keys(root, VOCABULARY_FILE, problems, "the vocabulary file"):
        return (), set()
    items = expect_list(root["facts"], root.value_at("facts"), "facts", problems)
    if items is None:
        return (), set()
    declared: dict[str, DeclaredFact] = {}
    broken: set[str] = set()
    for index, node in enumerate(items):
        before = len(problems)
        fact = _declared_fact(node, items.item_at(index), problems)
        name = node.get("name") if isinstance(node, dict) else None
        if fact is not None and fact.name in declared:
            first = declared[fact.name].location
            problems.append(
                Problem(
                    fact.location,
                    "R423",
                    f"fact {fact.name!r} is declared twice (first at {first})",
                    "declare each fact once",
                )
            )
        elif fact is not None:
            declared[fact.name] = fact
        elif len(problems) > before and isinstance(name, str):
            broken.add(name)
    return tuple(declared.values()), broken


def _declared_fact(node: Any, where: Location, problems: list[Problem]) -> DeclaredFact | None:
    entry = expect_map(node, where, "a declared fact", problems)
    if entry is None:
        return None
    before = len(problems)
    what = f"fact {entry['name']!r}" if isinstance(entry.get("name"), str) else "a declared fact"
    check_keys(entry, DECLARED_FACT, problems, what)
    name = _name(entry, problems) if "name" in entry else None
    kind = _kind(entry, problems) if "type" in entry else None
    description = _text(entry, "description", what, problems)
    unit = _text(entry, "unit", what, problems) if "unit" in entry else ""
    citations = parse_citations(entry, problems) if "citations" in entry else ()
    if len(problems) > before or name is None or kind is None or description is None:
        return None
    spec = _spec(entry, name, kind, description, unit or "", problems)
    if spec is None:
        return None
    return DeclaredFact(spec, citations, entry.location)


def _text(entry: LocatedMap, key: str, what: str, problems: list[Problem]) -> str | None:
    if key not in entry:
        return None
    return expect_text(entry[key], entry.value_at(key), f"{key} of {what}", problems)


def _name(entry: LocatedMap, problems: list[Problem]) -> str | None:
    name, where = entry["name"], entry.value_at("name")
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        problems.append(
            Problem(
                where,
                "R413",
                f"a fact's name must be a snake_case word, not {kind_of(name)}",
                "e.g. regional_power; put the unit in the name (gdp_usd, share_pct)",
            )
        )
        return None
    clash = "a built-in fact" if name in FACTS else "a derived quantity" if name in DERIVED else ""
    if clash:
        problems.append(
            Problem(
                where,
                "R421",
                f"{name!r} is already {clash}",
                "rules read it as it is; give a new fact another name",
            )
        )
        return None
    return name


def _kind(entry: LocatedMap, problems: list[Problem]) -> Kind | None:
    word = entry["type"]
    if isinstance(word, str) and word in KIND_NAMES:
        return KIND_NAMES[word]
    problems.append(
        Problem(
            entry.value_at("type"),
            "R420",
            f"unknown type {word!r}" if isinstance(word, str) else f"type must be text, not {kind_of(word)}",
            did_you_mean(str(word), KIND_NAMES),
        )
    )
    return None


def _spec(
    entry: LocatedMap, name: str, kind: Kind, description: str, unit: str, problems: list[Problem]
) -> FactSpec | None:
    """The declared fact's spec, once the keys that depend on its type agree with it."""
    before = len(problems)
    numeric = kind in (Kind.INT, Kind.FLOAT)
    misplaced = [key for key in ("minimum", "maximum", "unit") if key in entry] if not numeric else []
    misplaced += ["values"] if kind is not Kind.CHOICE and "values" in entry else []
    for key in misplaced:
        problems.append(
            Problem(
                entry.key_at(key),
                "R422",
                f"{key} does not apply to {name}, which is {_kind_word(kind)}",
                f"remove {key}" + (", or make it type: choice" if key == "values" else ""),
            )
        )
    if numeric and not unit:
        problems.append(
            Problem(
                entry.location, "R425", f"{name} lacks its unit", "add unit: ... (e.g. count, percent, US$)"
            )
        )
    minimum = _bound(entry, "minimum", problems) if numeric else None
    maximum = _bound(entry, "maximum", problems) if numeric else None
    if minimum is not None and maximum is not None and minimum > maximum:
        problems.append(
            Problem(
                entry.value_at("minimum"),
                "R422",
                f"{name}'s range is empty: minimum {minimum:g} is above maximum {maximum:g}",
                "write minimum <= maximum",
            )
        )
    choices = _choices(entry, name, problems) if kind is Kind.CHOICE else ()
    if len(problems) > before:
        return None
    return FactSpec(name, kind, description, unit, minimum, maximum, choices)


def _kind_word(kind: Kind) -> str:
    word = next(word for word, known in KIND_NAMES.items() if known is kind)
    return f"a {word} fact"


def _bound(entry: LocatedMap, key: str, problems: list[Problem]) -> float | None:
    if key not in entry:
        return None
    value = entry[key]
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and abs(value) <= MAX_MAGNITUDE:
        return float(value)
    problems.append(
        Problem(
            entry.value_at(key),
            "R422",
            f"{key} must be a finite number of at most {MAX_MAGNITUDE:.0e} in size, not {kind_of(value)}",
            "e.g. minimum: 0",
        )
    )
    return None


def _choices(entry: LocatedMap, name: str, problems: list[Problem]) -> tuple[str, ...]:
    if "values" not in entry:
        problems.append(
            Problem(entry.location, "R424", f"choice fact {name} lacks its values", "add values: [a, b, ...]")
        )
        return ()
    items = expect_list(entry["values"], entry.value_at("values"), "values", problems)
    if items is None:
        return ()
    words: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip() or item in words or item == "unknown":
            why = (
                "repeats an earlier value"
                if item in words
                else "is 'unknown', which means not known"
                if item == "unknown"
                else f"must be text, not {kind_of(item)}"
            )
            problems.append(
                Problem(
                    items.item_at(index), "R424", f"a value of {name} {why}", "list each value once, as text"
                )
            )
            continue
        words.append(item)
    if len(items) < 2:
        problems.append(
            Problem(
                entry.value_at("values"),
                "R424",
                f"{name} needs at least two values",
                "a fact of one value tells nothing; list the others",
            )
        )
    return tuple(words)


def is_vocabulary_file(path: Path | str) -> bool:
    return Path(path).stem == VOCABULARY_STEM


def read_vocabulary(directory: Path) -> Vocabulary:
    """The facts a rules directory declares, read on their own and without complaint (the rule base
    reports the file's problems when it loads): for fact files read beside a rule base that does not
    load, or checked beside its directory, so they are not also told a declared fact is unknown."""
    path = next((directory / f"{VOCABULARY_STEM}{suffix}" for suffix in (".yaml", ".yml")), None)
    if path is None or not path.is_file():
        return BUILT_IN
    try:
        declared, _ = parse_vocabulary(load_yaml(path), [])
    except InputError:
        return BUILT_IN
    return Vocabulary.of(declared)
