"""The shape of every file the user writes: which keys, which are required, what each holds.

Each table below is the single description of one kind of YAML mapping. The loaders check keys against
it (unknown keys get "did you mean"), and the documentation is written from it, so a field is described
once. What a value may be beyond its basic type (fact names, operators, motives, ranges) comes from the
registries in ``vocabulary``, ``derived`` and ``operators``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .constraints import DATE_RE
from .errors import Location, Problem, did_you_mean
from .loading import LocatedList, LocatedMap
from .text import quoted
from .vocabulary import KIND_NAMES


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a mapping: whether it is required, the basic type of its value, what it means."""

    name: str
    kind: str  # "string", "integer", "number", "boolean", "date", "list", "mapping", "condition"
    required: bool
    description: str


def _table(*keys: Key) -> dict[str, Key]:
    return {key.name: key for key in keys}


FACT_FILE = _table(
    Key("country", "string", True, "the country's common English name"),
    Key("iso3", "string", True, "ISO 3166-1 alpha-3 code in upper case, always a string"),
    Key("as_of", "date", True, "the date the figures describe, YYYY-MM-DD"),
    Key("facts", "mapping", True, "fact name -> value; names and ranges are the fact vocabulary"),
    Key("sources", "mapping", True, "fact name -> where the figure comes from, with its date"),
    Key("notes", "string", False, "free text: caveats, figures left unknown and why"),
)

RULE_FILE = _table(
    Key("rules", "list", True, "the rules of this file"),
    Key("description", "string", False, "what the rules of this file have in common"),
    Key(
        "indicators",
        "mapping",
        False,
        "the indicators its rules derive, each NAME: what it says of a country",
    ),
)

RULE = _table(
    Key("id", "string", True, "stable identifier, e.g. political.council_ambition; never renamed"),
    Key("title", "string", True, "one line saying what the rule recognises"),
    Key("when", "list", True, "conditions that must all hold (each a condition mapping)"),
    Key("then", "mapping", True, "the conclusion: an indicator, or evidence for a motive"),
    Key("rationale", "string", True, "why this evidence points where it does, thresholds justified"),
    Key("citations", "list", True, "at least one reference: {ref: key in references.yaml, pages: ...}"),
    Key("aliases", "list", False, "former ids of this rule, so old traces still resolve"),
)

# Keys a rule once had, with why each went: a file that still holds one is told what to do, not just
# that the key is unknown.
REMOVED_RULE_KEYS = {
    "salience": "it only ordered rules ready at the same time, and no verdict, trace or output "
    "depended on that order; delete the line",
}

CONDITION_LEAF = _table(
    Key("fact", "string", True, "an observed fact or derived quantity"),
    Key("op", "string", True, "comparison operator"),
    Key("value", "any", False, "the threshold, list or [min, max] the operator needs"),
)

CONCLUSION = _table(
    Key("indicator", "string", False, "name of the intermediate indicator the rule asserts"),
    Key("motive", "string", False, "motive family the rule gives evidence for"),
    Key("certainty", "number", False, "certainty factor of that evidence, in [-1, 1], not 0"),
)

CITATION = _table(
    Key("ref", "string", True, "key of an entry in rules/references.yaml"),
    Key("pages", "string", False, "pages, section or table cited"),
)

REFERENCE_FILE = _table(
    Key("references", "mapping", True, "reference key -> bibliographic entry"),
)

REFERENCE = _table(
    Key("short", "string", True, "how the reference is cited in a trace, e.g. Bellamy & Williams (2013)"),
    Key("full", "string", True, "the full bibliographic entry"),
    Key("url", "string", False, "where to read it"),
    Key(
        "kind",
        "string",
        False,
        "literature (default): a work a rule cites for its reasoning; data: a data release a threshold "
        "was read from, shown beside the threshold, never as what the rule cites",
    ),
)

VOCABULARY_FILE = _table(
    Key("facts", "list", True, "the facts this rules directory declares beside the built-in vocabulary"),
    Key("description", "string", False, "what the declared facts have in common"),
)

DECLARED_FACT = _table(
    Key(
        "name",
        "string",
        True,
        "snake_case, with its unit in the name; not a built-in fact, derived quantity or indicator",
    ),
    Key("type", "string", True, "one of " + ", ".join(KIND_NAMES)),
    Key("unit", "string", False, "what a number counts or measures (required for integer and number)"),
    Key("minimum", "number", False, "the smallest value a fact file may give (integer and number only)"),
    Key("maximum", "number", False, "the largest value a fact file may give (integer and number only)"),
    Key("values", "list", False, "choice only: the values the fact takes, at least two"),
    Key("description", "string", True, "one line saying what the fact means"),
    Key(
        "citations", "list", True, "where the covariate comes from: {ref: key in references.yaml, pages: ...}"
    ),
)
REFERENCE_KINDS = ("literature", "data")


RULE_TEST_FILE = _table(
    Key("cases", "list", True, "the test cases of this file"),
    Key("description", "string", False, "what the cases of this file have in common"),
)

RULE_TEST = _table(
    Key("name", "string", True, "what the case shows, in a sentence"),
    Key("facts", "mapping", False, "the facts of the case: fact name -> value (no sources needed)"),
    Key(
        "country",
        "string",
        False,
        "instead of facts: a shipped country, or a fact file relative to this file",
    ),
    Key("as_of", "date", False, "with country: its snapshot in force at this date (default: the latest)"),
    Key("set", "mapping", False, "facts to add or override on top of the country's file"),
    Key("expect", "mapping", True, "what must come out"),
)

EXPECTATION = _table(
    Key("dominant", "list", False, "exactly these motives are dominant ([] for none)"),
    Key("present", "list", False, "these motives have certainty above 0"),
    Key("absent", "list", False, "these motives have certainty 0 or below"),
    Key("fires", "list", False, "these rules fire"),
    Key("silent", "list", False, "these rules do not fire"),
    Key("min_certainty", "mapping", False, "motive -> lowest acceptable certainty"),
    Key("max_certainty", "mapping", False, "motive -> highest acceptable certainty"),
)


# the kinds of source a label row may name (its `kind`), in the order reports list them
SOURCE_KINDS: dict[str, str] = {
    "scholarly": "an academic journal article, book or chapter, or conference paper, or its abstract",
    "thesis": "a university thesis or dissertation",
    "report": "a report, policy brief, working paper or country profile by a think tank, research "
    "institute, NGO or international organisation",
    "official": "a statement, speech, web page or document of a government, armed forces, parliament or "
    "the UN (leaked diplomatic cables too)",
    "news": "a news report, feature or interview in a news outlet",
    "opinion": "a blog, opinion piece, essay, library guide or other unreviewed commentary",
}

LABEL_FILE = _table(
    Key("description", "string", False, "what the labels are, how they were coded and their dates chosen"),
    Key("labels", "list", True, "one entry per source and country: a country's label is the majority"),
)

LABEL = _table(
    Key("country", "string", True, "a shipped country (name or ISO3) or a fact file relative to this file"),
    Key(
        "as_of",
        "date",
        False,
        "with a country name: its snapshot in force at this date (default: the latest)",
    ),
    Key("dominant", "list", True, "the motives this source names as dominant (at least one)"),
    Key("secondary", "list", False, "the motives this source names beside them"),
    Key("source", "string", True, "the source: author, title, venue, year"),
    Key("published", "integer", False, "the year the source was published, where it says"),
    Key("url", "string", True, "where to read the source: an http, https or doi address"),
    Key("excerpt", "string", True, "the words of the source the label is coded from, verbatim"),
    Key("note", "string", False, "caveats: how the excerpt was coded, its reliability"),
    Key("kind", "string", False, "what kind of source it is: " + ", ".join(SOURCE_KINDS)),
)


def check_keys(
    node: LocatedMap,
    table: Mapping[str, Key],
    problems: list[Problem],
    what: str,
    removed: Mapping[str, str] | None = None,
) -> bool:
    """Report unknown, removed and missing keys of ``node``; True when there were none."""
    clean = True
    for key in node:
        if removed and key in removed:
            clean = False
            problems.append(Problem(node.key_at(key), "S204", f"{what}: {key!r} was removed", removed[key]))
        elif key not in table:
            clean = False
            problems.append(
                Problem(
                    node.key_at(key),
                    "S201",
                    f"unknown key {quoted(str(key))} in {what}",
                    did_you_mean(str(key), table),
                )
            )
    for name, key in table.items():
        if key.required and name not in node:
            clean = False
            problems.append(
                Problem(
                    node.location,
                    "S202",
                    f"{what} lacks required key {name!r}",
                    f"add '{name}' ({key.description})",
                )
            )
    return clean


def expect_map(value: Any, where: Location, what: str, problems: list[Problem]) -> LocatedMap | None:
    if isinstance(value, LocatedMap):
        return value
    problems.append(
        Problem(
            where, "S203", f"{what} must be a mapping, not {kind_of(value)}", "write it as 'key: value' lines"
        )
    )
    return None


def expect_list(value: Any, where: Location, what: str, problems: list[Problem]) -> LocatedList | None:
    if isinstance(value, LocatedList):
        return value
    problems.append(
        Problem(
            where, "S203", f"{what} must be a list, not {kind_of(value)}", "write one '- item' line per entry"
        )
    )
    return None


def expect_text(value: Any, where: Location, what: str, problems: list[Problem]) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, str) or value is None:
        problems.append(Problem(where, "S203", f"{what} is empty", "write the text"))
    else:
        problems.append(
            Problem(where, "S203", f"{what} must be text, not {kind_of(value)}", "put it in quotes")
        )
    return None


def kind_of(value: Any) -> str:
    """How a YAML value is named in messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def expect_date(root: LocatedMap, key: str, problems: list[Problem]) -> dt.date | None:
    """The date under ``key`` (None when absent), or a located S203 problem."""
    if key not in root:
        return None
    value = root[key]
    if isinstance(value, str) and DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        Problem(
            root.value_at(key),
            "S203",
            f"{key} must be a date YYYY-MM-DD, not {kind_of(value)}",
            "e.g. 2023-11-30",
        )
    )
    return None


def reference_kind(entry: LocatedMap, problems: list[Problem]) -> str | None:
    """A bibliography entry's ``kind`` (default ``literature``), or None after reporting a bad one."""
    kind = entry.get("kind", "literature")
    if kind in REFERENCE_KINDS:
        return str(kind)
    hint = "literature: a work the rule's reasoning rests on; data: a release a threshold was read from"
    message = f"reference kind must be {' or '.join(REFERENCE_KINDS)}, not {kind_of(kind)}"
    problems.append(Problem(entry.value_at("kind"), "R420", message, hint))
    return None
