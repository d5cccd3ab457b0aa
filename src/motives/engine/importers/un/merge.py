"""Merging an import into an existing fact file, at the text level: every comment, hand-entered fact,
source and note survives, and only the imported facts' values and sources are added or replaced."""

from __future__ import annotations

import codecs
import math
from pathlib import Path

from yaml.nodes import MappingNode, Node

from motives.engine.importers.factfile import quoted, scalar
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.facts import load_facts
from motives.engine.model.loading import compose_yaml
from motives.engine.model.vocabulary import FactValue

from .report import IMPORT_MARK
from .snapshots import Snapshot


def merge(
    path: Path, shown: str, snapshot: Snapshot, force: bool, problems: list[Problem]
) -> tuple[str, tuple[str, ...]] | None:
    """The existing file's text with the imported facts added or replaced, everything else as it was,
    and the names of the facts changed; None (with the problems) when it cannot be merged."""
    try:
        existing = load_facts(path, shown)
        raw = path.read_bytes()
    except InputError as error:
        problems.extend(error.problems)
        problems.append(_cannot_merge(shown, "it does not load as a fact file", "fix the problems above"))
        return None
    except OSError as error:
        problems.append(_cannot_merge(shown, f"it cannot be read: {error.strerror}", "check the permissions"))
        return None
    if (existing.iso3, existing.as_of) != (snapshot.iso3, snapshot.as_of):
        problems.append(
            _cannot_merge(
                shown,
                f"it describes {existing.iso3} on {existing.as_of}, not {snapshot.iso3} on {snapshot.as_of}",
                "rename the file after its iso3 and as_of, or move it out of the folder",
            )
        )
        return None
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    text = raw.decode("utf-8-sig")
    root = compose_yaml(text)  # the file loaded above, so its text composes
    facts_node, sources_node = _child(root, "facts"), _child(root, "sources")
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    added: list[tuple[str, FactValue, str]] = []
    changed: list[str] = []
    conflicts: list[Problem] = []
    for name, value, source in snapshot.facts:
        old = existing.get(name)
        if old is None:
            added.append((name, value, source))
            changed.append(name)
            continue
        same = _same(old.value, value)
        imported_before = old.source.endswith(IMPORT_MARK)
        if not same and not imported_before and not force:
            conflicts.append(
                Problem(
                    old.location,
                    "I711",
                    f"{name} is {scalar(old.value)} here and {scalar(value)} in the import; "
                    "its source is not an import by motives, so it is not overwritten",
                    "check which figure is right; --force replaces it with the imported one",
                )
            )
            continue
        if not same:
            edits.append(_replacement(text, _value_node(facts_node, name), scalar(value)))
        if (not same or imported_before) and old.source != source:
            edits.append(_replacement(text, _value_node(sources_node, name), quoted(source)))
            changed.append(name)
        elif not same:
            changed.append(name)
    problems.extend(sorted(conflicts, key=lambda problem: problem.location.line or 0))
    if added:
        edits.append(_insertion(text, facts_node, [f"{n}: {scalar(v)}" for n, v, _ in added], newline))
        edits.append(_insertion(text, sources_node, [f"{n}: {quoted(s)}" for n, _, s in added], newline))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return bom + text, tuple(name for name, _, _ in snapshot.facts if name in changed)


def _cannot_merge(shown: str, why: str, hint: str) -> Problem:
    return Problem(Location(shown), "I712", f"cannot merge the import into this file: {why}", hint)


def _same(old: FactValue, new: FactValue) -> bool:
    if isinstance(old, bool) or isinstance(new, bool) or isinstance(old, str) or isinstance(new, str):
        return old == new
    return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12)


def _child(root: MappingNode, key: str) -> MappingNode:
    return _value_node(root, key)  # the file loaded, so facts and sources are mappings


def _value_node(mapping: MappingNode, key: str) -> Node:
    return next(value for key_node, value in mapping.value if key_node.value == key)


def _content_end(text: str, node: Node) -> int:
    """Where the node's text ends, without the line breaks and blank lines a block scalar takes along."""
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _replacement(text: str, node: Node, replacement: str) -> tuple[int, int, str]:
    """Replace a scalar, keeping what follows it on its line (a comment) unless that is only spaces."""
    end = _content_end(text, node)
    line_end = _line_end(text, end)
    if not text[end:line_end].strip():
        end = line_end
    return node.start_mark.index, end, replacement


def _insertion(text: str, mapping: MappingNode, entries: list[str], newline: str) -> tuple[int, int, str]:
    """New entries after a mapping's last one (after its comment, before any comment lines that follow)."""
    if not mapping.value:  # an empty flow mapping, `{}`: written out as a block
        start = mapping.start_mark.index
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        return start, mapping.end_mark.index, "".join(newline + "  " + entry for entry in entries)
    end = _content_end(text, mapping.value[-1][1])
    if mapping.flow_style:
        return end, end, "".join(", " + entry for entry in entries)
    indent = " " * mapping.value[0][0].start_mark.column
    end = _line_end(text, end)
    return end, end, "".join(newline + indent + entry for entry in entries)
