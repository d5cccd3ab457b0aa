"""Rule files: loading, validation of each rule and of the rule base as a whole.

A rule base is a directory of YAML files: rule files (top-level ``rules:``), one bibliography,
``references.yaml``, and optionally ``vocabulary.yaml``, the facts the directory declares (``declared``).
Each rule is data: a stable id, a title, conditions, a conclusion (an indicator, or
evidence for a motive with a certainty factor), a rationale and citations. Checks run in two layers:
each rule against the schema, then the whole base (duplicate ids, unknown indicators and references,
cycles between indicator rules). Every problem of every file is reported together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import index as lookups
from .citations import (
    REFERENCES_FILE,
    REFERENCES_STEM,
    Citation,
    Reference,
    parse_citations,
    parse_references,
)
from .conditions import AllOf, IndicatorTest, leaves, parse_conditions
from .constraints import CERTAINTY_BOUND, ID_RE, NAME_RE
from .declared import BUILT_IN, Vocabulary, is_vocabulary_file, parse_vocabulary
from .dependencies import cycles, dependency_order
from .described import indicator_descriptions
from .errors import InputError, Location, Problem, did_you_mean
from .loading import LocatedMap, YamlDocument, load_yaml
from .schema import (
    CONCLUSION,
    REMOVED_RULE_KEYS,
    RULE,
    RULE_FILE,
    check_keys,
    expect_list,
    expect_map,
    expect_text,
    kind_of,
)
from .vocabulary import Motive


@dataclass(frozen=True, slots=True)
class Derives:
    """A rule's conclusion that an indicator holds for the country."""

    indicator: str

    def __str__(self) -> str:
        return f"indicator {self.indicator}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A rule's conclusion: evidence of ``certainty`` (in [-1, 1], not 0) for ``motive``."""

    motive: Motive
    certainty: float

    def __str__(self) -> str:
        return f"{self.motive} {self.certainty:+.2f}"


Conclusion = Derives | Evidence  # what a rule concludes: one or the other, never both


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    condition: AllOf
    conclusion: Conclusion
    rationale: str
    citations: tuple[Citation, ...]
    aliases: tuple[str, ...] = ()
    location: Location = field(default=Location(""), compare=False)

    @property
    def indicator(self) -> str | None:
        """The indicator the rule derives; None for a motive rule."""
        conclusion = self.conclusion
        return conclusion.indicator if isinstance(conclusion, Derives) else None

    @property
    def motive(self) -> Motive | None:
        """The motive the rule gives evidence for; None for an indicator rule."""
        conclusion = self.conclusion
        return conclusion.motive if isinstance(conclusion, Evidence) else None

    @property
    def certainty(self) -> float | None:
        conclusion = self.conclusion
        return conclusion.certainty if isinstance(conclusion, Evidence) else None

    @property
    def weight(self) -> float:
        """The certainty the rule adds to its motive when it fires: 0 for an indicator rule."""
        conclusion = self.conclusion
        return conclusion.certainty if isinstance(conclusion, Evidence) else 0.0

    def indicators_read(self) -> list[str]:
        return [leaf.indicator for leaf in leaves(self.condition) if isinstance(leaf, IndicatorTest)]


@dataclass(frozen=True, slots=True)
class RuleBase:
    """A validated rule base. ``rules`` are in dependency order: producers before consumers."""

    rules: tuple[Rule, ...]
    references: tuple[Reference, ...]
    version: str  # content hash of the files, so a result names the exact rules behind it
    directory: str = field(default="", compare=False)  # as shown in messages
    vocabulary: Vocabulary = BUILT_IN  # the facts its rules read: built in, and declared in vocabulary.yaml
    # indicator -> what it says of a country, as a rule file's `indicators:` declares it
    indicator_descriptions: Mapping[str, str] = field(default_factory=dict, compare=False)
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # see index.py

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id or rule_id in rule.aliases:
                return rule
        raise KeyError(rule_id)

    def reference(self, key: str) -> Reference:
        return lookups.reference(self, key)

    def producers(self, indicator: str) -> tuple[Rule, ...]:
        return lookups.producers(self, indicator)

    def indicators(self) -> tuple[str, ...]:
        return tuple(sorted({rule.indicator for rule in self.rules if rule.indicator}))

    def cite(self, citation: Citation) -> str:
        short = self.reference(citation.ref).short
        return f"{short}, {citation.pages}" if citation.pages else short


def rule_files(directory: Path) -> list[Path]:
    """The YAML files of a rule directory, sorted, so loading order never depends on the file system."""
    if not directory.exists():
        raise InputError(
            [Problem(Location(str(directory)), "Y107", "no such rules directory", "check the path")]
        )
    if not directory.is_dir():
        raise InputError(
            [
                Problem(
                    Location(str(directory)), "Y107", "is a file, not a rules directory", "name the directory"
                )
            ]
        )
    return sorted(
        path for path in directory.iterdir() if path.suffix in (".yaml", ".yml") and not path.is_dir()
    )


def load_rulebase(directory: Path | str, display: str | None = None) -> RuleBase:
    """Load, validate and order every rule of a directory; raises InputError listing every problem.

    ``display`` is how the directory is named in messages and traces (default: as given), so the
    shipped rule base reads ``rules/political.yaml:12:5`` on every machine.
    """
    directory = Path(directory)
    paths = rule_files(directory)
    shown = Path(display) if display else directory
    problems: list[Problem] = []
    documents: list[YamlDocument] = []
    for path in paths:
        try:
            documents.append(load_yaml(path, str(shown / path.name)))
        except InputError as error:
            problems.extend(error.problems)
    vocabulary = _vocabulary(documents, problems)
    references: dict[str, Reference] = {}
    rules: list[Rule] = []
    for document in documents:
        if Path(document.path).stem == REFERENCES_STEM:
            references.update(parse_references(document, problems))
        elif not is_vocabulary_file(document.path):
            rules.extend(_rules_of(document, vocabulary, problems))
    if not any(path.stem == REFERENCES_STEM for path in paths):
        problems.append(
            Problem(
                Location(str(directory)),
                "R407",
                f"no {REFERENCES_FILE} in the rules directory",
                "add the bibliography the rules cite",
            )
        )
    if not rules and not problems:
        problems.append(
            Problem(Location(str(directory)), "R412", "the directory holds no rules", "add a rule file")
        )
    declared_indicators, declared_references = _declared_names(documents)
    bibliography_read = any(
        Path(d.path).stem == REFERENCES_STEM
        and isinstance(d.data, dict)
        and isinstance(d.data.get("references"), dict)
        for d in documents
    )
    declared_citations = [citation for fact in vocabulary.declared for citation in fact.citations]
    if not bibliography_read:
        # one message for a missing or unreadable bibliography, not one per citation
        cited = [citation for rule in rules for citation in rule.citations] + declared_citations
        declared_references.update(citation.ref for citation in cited)
    problems.extend(_check_base(rules, references, declared_indicators, declared_references))
    problems.extend(_unknown_references(declared_citations, references, declared_references))
    problems.extend(_indicator_clashes(vocabulary, declared_indicators))
    descriptions = indicator_descriptions(documents, declared_indicators, problems)
    if problems:
        raise InputError(problems)
    ordered = dependency_order(rules)
    references_sorted = tuple(sorted(references.values(), key=lambda r: r.key))
    return RuleBase(
        tuple(ordered),
        references_sorted,
        _version(documents),
        str(shown),
        Vocabulary.of(vocabulary.declared),
        descriptions,
    )


def _vocabulary(documents: Iterable[YamlDocument], problems: list[Problem]) -> Vocabulary:
    """The vocabulary of the directory: built in, with the facts its vocabulary file declares."""
    for document in documents:
        if is_vocabulary_file(document.path):
            return Vocabulary.of(*parse_vocabulary(document, problems))
    return BUILT_IN


def _indicator_clashes(vocabulary: Vocabulary, indicators: set[str]) -> Iterator[Problem]:
    for fact in vocabulary.declared:
        if fact.name in indicators:
            yield Problem(
                fact.location,
                "R421",
                f"{fact.name!r} is already an indicator the rules derive",
                "give the fact or the indicator another name: a condition must say which it reads",
            )


def _version(documents: Iterable[YamlDocument]) -> str:
    digest = hashlib.sha256()
    for document in sorted(documents, key=lambda d: Path(d.path).name):
        digest.update(Path(document.path).name.encode() + b"\0" + document.text.encode() + b"\0")
    return digest.hexdigest()[:12]


def _rules_of(document: YamlDocument, vocabulary: Vocabulary, problems: list[Problem]) -> Iterator[Rule]:
    root = expect_map(document.data, Location(document.path, 1, 1), "a rule file", problems)
    if root is None or not check_keys(root, RULE_FILE, problems, "the rule file"):
        return
    items = expect_list(root["rules"], root.value_at("rules"), "rules", problems)
    if items is None:
        return
    for index, node in enumerate(items):
        rule = _rule(node, items.item_at(index), vocabulary, problems)
        if rule is not None:
            yield rule


def _rule(node: object, where: Location, vocabulary: Vocabulary, problems: list[Problem]) -> Rule | None:
    entry = expect_map(node, where, "a rule", problems)
    if entry is None:
        return None
    before = len(problems)
    check_keys(entry, RULE, problems, _rule_name(entry), removed=REMOVED_RULE_KEYS)
    rule_id = _rule_id(entry, problems)
    what = _rule_name(entry)
    title = (
        expect_text(entry["title"], entry.value_at("title"), f"title of {what}", problems)
        if "title" in entry
        else None
    )
    rationale = (
        expect_text(entry["rationale"], entry.value_at("rationale"), f"rationale of {what}", problems)
        if "rationale" in entry
        else None
    )
    condition = (
        parse_conditions(entry["when"], entry.value_at("when"), problems, vocabulary)
        if "when" in entry
        else None
    )
    conclusion = _conclusion(entry, problems) if "then" in entry else None
    citations = parse_citations(entry, problems) if "citations" in entry else ()
    aliases = _aliases(entry, problems)
    if len(problems) > before or None in (rule_id, title, rationale, condition, conclusion):
        return None
    assert rule_id and title and rationale and condition and conclusion  # narrowed for the type checker
    return Rule(rule_id, title, condition, conclusion, rationale, citations, aliases, entry.location)


def _rule_name(entry: LocatedMap) -> str:
    rule_id = entry.get("id")
    return f"rule {rule_id!r}" if isinstance(rule_id, str) else "a rule"


def _rule_id(entry: LocatedMap, problems: list[Problem]) -> str | None:
    if "id" not in entry:
        return None
    value = entry["id"]
    if isinstance(value, str) and ID_RE.fullmatch(value):
        return value
    problems.append(
        Problem(
            entry.value_at("id"),
            "R413",
            f"rule id must be dotted lower-case words, not {kind_of(value)}",
            "e.g. political.council_ambition",
        )
    )
    return None


def _conclusion(entry: LocatedMap, problems: list[Problem]) -> Conclusion | None:
    where = entry.value_at("then")
    node = expect_map(entry["then"], where, "then", problems)
    if node is None or not check_keys(node, CONCLUSION, problems, "then"):
        return None
    if ("indicator" in node) == ("motive" in node):
        problems.append(
            Problem(
                where,
                "R414",
                "then must name either an indicator or a motive",
                "write {indicator: NAME} or {motive: NAME, certainty: CF}",
            )
        )
        return None
    if "indicator" in node:
        name = node["indicator"]
        if "certainty" in node:
            problems.append(
                Problem(
                    node.key_at("certainty"),
                    "R414",
                    "an indicator takes no certainty",
                    "indicators are facts about the country; put certainty on motive rules",
                )
            )
            return None
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            problems.append(
                Problem(
                    node.value_at("indicator"),
                    "R413",
                    f"indicator name must be a snake_case word, not {kind_of(name)}",
                )
            )
            return None
        return Derives(name)
    motive_name = node["motive"]
    if motive_name not in set(Motive):
        problems.append(
            Problem(
                node.value_at("motive"),
                "R415",
                f"unknown motive {motive_name!r}",
                did_you_mean(str(motive_name), [m.value for m in Motive]),
            )
        )
        return None
    if "certainty" not in node:
        problems.append(Problem(where, "R416", "a motive conclusion needs a certainty", "add certainty: 0.3"))
        return None
    certainty = node["certainty"]
    if (
        isinstance(certainty, bool)
        or not isinstance(certainty, int | float)
        or not -CERTAINTY_BOUND <= certainty <= CERTAINTY_BOUND
        or certainty == 0
    ):
        problems.append(
            Problem(
                node.value_at("certainty"),
                "R416",
                f"certainty must be a number in [-1, 1] other than 0, not {kind_of(certainty)}",
                "positive supports the motive, negative counts against it",
            )
        )
        return None
    return Evidence(Motive(motive_name), float(certainty))


def _aliases(entry: LocatedMap, problems: list[Problem]) -> tuple[str, ...]:
    if "aliases" not in entry:
        return ()
    items = expect_list(entry["aliases"], entry.value_at("aliases"), "aliases", problems)
    if items is None:
        return ()
    good = []
    for index, alias in enumerate(items):
        if isinstance(alias, str) and ID_RE.fullmatch(alias):
            good.append(alias)
        else:
            problems.append(
                Problem(items.item_at(index), "R413", f"alias must be a rule id, not {kind_of(alias)}")
            )
    return tuple(good)


def _declared_names(documents: Iterable[YamlDocument]) -> tuple[set[str], set[str]]:
    """Indicator names and reference keys the files declare, valid or not.

    A rule or reference dropped for its own error still counts as declared, so the rules that use it
    are not also told it does not exist: one mistake, one message.
    """
    indicators: set[str] = set()
    references: set[str] = set()
    for document in documents:
        data = document.data
        if not isinstance(data, dict):
            continue
        if Path(document.path).stem == REFERENCES_STEM:
            entries = data.get("references")
            if isinstance(entries, dict):
                references.update(str(key) for key in entries)
            continue
        items = data.get("rules")
        for item in items if isinstance(items, list) else ():
            then = item.get("then") if isinstance(item, dict) else None
            if isinstance(then, dict) and isinstance(then.get("indicator"), str):
                indicators.add(then["indicator"])
    return indicators, references


def _check_base(
    rules: list[Rule],
    references: dict[str, Reference],
    declared_indicators: set[str],
    declared_references: set[str],
) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Rule] = {}
    for rule in rules:
        for name in (rule.id, *rule.aliases):
            if name in seen:
                first = seen[name].location
                problems.append(
                    Problem(
                        rule.location,
                        "R404",
                        f"rule id {name!r} is used twice (first at {first})",
                        "give each rule its own id",
                    )
                )
            else:
                seen[name] = rule
    produced = {rule.indicator for rule in rules if rule.indicator}
    for rule in rules:
        for leaf in leaves(rule.condition):
            if isinstance(leaf, IndicatorTest) and leaf.indicator not in produced | declared_indicators:
                problems.append(
                    Problem(
                        leaf.location,
                        "R403",
                        f"no rule derives indicator {leaf.indicator!r}",
                        did_you_mean(leaf.indicator, produced) if produced else "add a rule that does",
                    )
                )
        problems.extend(_unknown_references(rule.citations, references, declared_references))
    problems.extend(cycles(rules))
    return problems


def _unknown_references(
    citations: Iterable[Citation], references: dict[str, Reference], declared_references: set[str]
) -> Iterator[Problem]:
    for citation in citations:
        if citation.ref not in references and citation.ref not in declared_references:
            yield Problem(
                citation.location,
                "R407",
                f"unknown reference {citation.ref!r}",
                did_you_mean(citation.ref, references) if references else f"add it to {REFERENCES_FILE}",
            )
