"""The bibliography of a rule directory (``references.yaml``) and citations of it.

Rules and declared facts cite the same way, ``{ref: KEY, pages: ...}``; both parse their citations
here, and the rule base checks every key against the bibliography.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .errors import Location, Problem
from .loading import LocatedMap, YamlDocument
from .schema import (
    CITATION,
    REFERENCE,
    REFERENCE_FILE,
    check_keys,
    expect_list,
    expect_map,
    expect_text,
    kind_of,
    reference_kind,
)
from .urls import url_problem

REFERENCES_FILE = "references.yaml"
REFERENCES_STEM = "references"


@dataclass(frozen=True, slots=True)
class Reference:
    key: str
    short: str
    full: str
    url: str = ""
    kind: str = "literature"  # or "data": a data release a threshold was read from (REFERENCE_KINDS)
    location: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True, slots=True)
class Citation:
    ref: str
    pages: str = ""
    location: Location = field(default=Location(""), compare=False)


def parse_references(document: YamlDocument, problems: list[Problem]) -> Iterator[tuple[str, Reference]]:
    """The entries of a ``references.yaml``, by key; bad entries are reported and left out."""
    root = expect_map(document.data, Location(document.path, 1, 1), "a references file", problems)
    if root is None or not check_keys(root, REFERENCE_FILE, problems, "the references file"):
        return
    entries = expect_map(root["references"], root.value_at("references"), "references", problems)
    if entries is None:
        return
    for key, node in entries.items():
        entry = expect_map(node, entries.value_at(key), f"reference {key!r}", problems)
        if entry is None or not check_keys(entry, REFERENCE, problems, f"reference {key!r}"):
            continue
        short = expect_text(entry["short"], entry.value_at("short"), "short", problems)
        full = expect_text(entry["full"], entry.value_at("full"), "full", problems)
        url = expect_text(entry["url"], entry.value_at("url"), "url", problems) if "url" in entry else ""
        if url and (problem := url_problem(url, entry.value_at("url"))):
            problems.append(problem)
            url = ""
        kind = reference_kind(entry, problems)
        if short and full and kind:
            yield str(key), Reference(str(key), short, full, url or "", kind, entries.key_at(key))


def parse_citations(entry: LocatedMap, problems: list[Problem]) -> tuple[Citation, ...]:
    """The ``citations`` list of a rule or a declared fact (at least one)."""
    items = expect_list(entry["citations"], entry.value_at("citations"), "citations", problems)
    if items is None:
        return ()
    if not items:
        problems.append(
            Problem(entry.value_at("citations"), "R417", "citations is empty", "cite at least one source")
        )
    result = []
    for index, item in enumerate(items):
        node = expect_map(item, items.item_at(index), "a citation", problems)
        if node is None or not check_keys(node, CITATION, problems, "a citation"):
            continue
        ref = expect_text(node["ref"], node.value_at("ref"), "ref", problems)
        pages = node.get("pages", "")
        pages_text = str(pages) if isinstance(pages, int | str) and not isinstance(pages, bool) else None
        if pages_text is None:
            problems.append(
                Problem(node.value_at("pages"), "S203", f"pages must be text, not {kind_of(pages)}")
            )
        if ref:
            result.append(Citation(ref, pages_text or "", node.value_at("ref")))
    return tuple(result)
