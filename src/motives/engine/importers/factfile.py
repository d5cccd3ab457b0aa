"""Fact files as importers write them: one text layout, and YAML scalars that load back unchanged."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

from motives.engine.model.catalog import PACKAGE_ROOT, SHIPPED_FACTS
from motives.engine.model.vocabulary import FactValue

_YAML_WORDS = ("true", "false", "null", "yes", "no", "on", "off")  # strings only YAML 1.2 leaves alone


def modeline(out: Path, path: Path) -> str | None:
    """The editor's schema line, for files in the shipped facts/ folder only (elsewhere the relative
    path to the schema would depend on where the folder lies)."""
    if out.resolve() != SHIPPED_FACTS.resolve():
        return None
    schema = os.path.relpath(PACKAGE_ROOT / "schema" / "facts.schema.json", path.parent.resolve())
    return f"# yaml-language-server: $schema={Path(schema).as_posix()}"


def fact_file_text(
    header: Iterable[str],
    country: str,
    iso3: str,
    as_of: str,
    facts: Iterable[tuple[str, FactValue, str]],
    notes: str = "",
) -> str:
    """A fact file: comment lines, then country, iso3, as_of, facts and their sources in one order."""
    facts = list(facts)
    lines = [*header]
    lines += [
        f"country: {scalar(country)}",
        f"iso3: {iso3}",
        f"as_of: {as_of}",
        "facts:",
        *(f"  {name}: {scalar(value)}" for name, value, _ in facts),
        "sources:",
        *(f"  {name}: {quoted(source)}" for name, _, source in facts),
    ]
    if notes:
        lines.append(f"notes: {quoted(notes)}")
    return "\n".join(lines) + "\n"


def scalar(value: FactValue) -> str:
    """A value as YAML text that loads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if "e" not in text else f"{value:.12f}".rstrip("0")
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .,'()/-]*", value) and value.lower() not in _YAML_WORDS:
        return value
    return quoted(value)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def country_line(text: str) -> str | None:
    """The country named on a ``country:`` line of a fact file's text, read without loading the file."""
    match = _COUNTRY_LINE.search(text)
    if match is None:
        return None
    try:
        value = yaml.safe_load(f"country: {match[1]}")["country"]
    except yaml.YAMLError:
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


_COUNTRY_LINE = re.compile(r"^country:[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)


def slug(name: str) -> str:
    """``Côte d'Ivoire`` -> ``cote_d_ivoire``: lower-case ASCII words joined by underscores."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", letters.lower()).strip("_")
