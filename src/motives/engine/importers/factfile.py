"""Fact files as importers write them: one text layout, and YAML scalars that load back unchanged."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from motives.engine.model.catalog import PACKAGE_ROOT, SHIPPED_FACTS
from motives.engine.model.errors import InputError
from motives.engine.model.facts import load_facts
from motives.engine.model.loading import load_yaml_text
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
    try:  # read as the file would be (YAML 1.2: `country: no` is the text "no")
        value = load_yaml_text(f"country: {match[1]}", "the country line").data["country"]
    except InputError:
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


_COUNTRY_LINE = re.compile(r"^country:[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)


def slug(name: str) -> str:
    """``Côte d'Ivoire`` -> ``cote_d_ivoire``: lower-case ASCII words joined by underscores."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", letters.lower()).strip("_")


# --- the fact files already in an import's folder ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Existing:
    """A fact file already in the output folder, read only as far as its name, code and country."""

    name: str
    country: str | None


def existing_files(out: Path) -> dict[str, Existing]:
    """Fact files in ``out`` by ISO3 code (a flat ``NAME.yaml`` before the ``NAME/`` folders)."""
    found: dict[str, Existing] = {}
    if not out.is_dir():
        return found
    files = [(p.stem, p) for p in sorted(out.glob("*.yaml"))]
    files += [(p.parent.name, p) for p in sorted(out.glob("*/*.yaml"))]
    for name, path in files:
        if name.startswith("."):  # `...yaml` would name the folder `..`
            continue
        iso3, country, _ = header(path)
        if iso3 and iso3 not in found:
            found[iso3] = Existing(name, country)
    return found


def header(path: Path) -> tuple[str | None, str | None, str | None]:
    """ISO3, country and date of a fact file, from its lines where they are plain ``key: value`` lines
    (fast), else by loading it (``{country: ..., iso3: ...}``); Nones for a file that does neither."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None, None, None
    iso3, as_of = _ISO3_LINE.search(text), _AS_OF_LINE.search(text)
    if iso3 or as_of:
        return iso3 and iso3[1], country_line(text), as_of and as_of[1]
    try:
        facts = load_facts(path)
    except InputError:
        return None, None, None
    return facts.iso3, facts.country, facts.as_of.isoformat()


_ISO3_LINE = re.compile(r"^iso3:[ \t]*[\"']?([A-Z]{3})\b", re.MULTILINE)
_AS_OF_LINE = re.compile(r"^as_of:[ \t]*[\"']?([0-9]{4}-[0-9]{2}-[0-9]{2})", re.MULTILINE)
