"""Strict YAML loading into located values.

Rule and fact files are read with a SafeLoader-based loader that

* keeps where every mapping key, value and list item stands, so each message can say ``path:line:col``;
* rejects duplicate keys (plain YAML silently keeps the last one);
* resolves plain scalars by the YAML 1.2 core schema: ``NO``, ``yes`` and ``off`` stay strings (Norway's
  ISO code must not become False), ``1e3`` is a number, dates stay strings for the schema to parse,
  ``010`` is ten;
* refuses aliases (no "billion laughs"), merge keys, tags that build Python objects, files over
  ``MAX_FILE_BYTES`` and text that is not UTF-8.

Nothing here knows what a rule or a fact is: the result is plain data plus locations. This module holds
the located values, the YAML 1.2 reading of a plain scalar and the reading of a file's text; the loader
itself, built on PyYAML, is ``strict_yaml``, imported when a YAML text is first loaded, so a run that
reads none (a shipped country's panel file, with the rule base from the cache) never imports PyYAML.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, Location, Problem

if TYPE_CHECKING:
    from yaml.nodes import Node

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 50


class LocatedMap(dict):
    """A mapping that remembers where it, each key and each value stand in the file."""

    location: Location
    key_locations: dict[Any, Location]
    value_locations: dict[Any, Location]

    def key_at(self, key: Any) -> Location:
        return self.key_locations.get(key, self.location)

    def value_at(self, key: Any) -> Location:
        return self.value_locations.get(key, self.location)


class LocatedList(list):
    """A list that remembers where it and each of its items stand in the file."""

    location: Location
    item_locations: list[Location]

    def item_at(self, index: int) -> Location:
        return self.item_locations[index] if index < len(self.item_locations) else self.location


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """The single document of a YAML file: its data and the file's raw text (for hashing)."""

    path: str
    data: Any
    text: str


# Plain-scalar resolution by the YAML 1.2 core schema (no YAML 1.1 booleans, dates or sexagesimals):
# each tag with its pattern and the first characters a value it matches can start with
IMPLICIT = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", r"^<<$", ["<"]),  # recognised only to be refused with a clear message
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
# first character ("" for an empty value) -> the (tag, pattern) pairs to try, in order
RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _tag, _pattern, _first in IMPLICIT:
    for _character in _first:
        RESOLVERS[_character] = (*RESOLVERS.get(_character, ()), (_tag, re.compile(_pattern)))
RESOLVERS.setdefault("", ())


def resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar, as the YAML 1.2 core schema reads it."""
    for tag, pattern in RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return "tag:yaml.org,2002:str"


def yaml_float(text: str) -> float:
    text = text.lower()
    if text.endswith("inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text.endswith("nan"):
        return float("nan")
    return float(text)


# a scalar's tag -> its value from the text
SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": yaml_float,
    "tag:yaml.org,2002:str": str,
}
TOO_LONG = ("Y111", "this number is too long to read", "write a realistic figure")


def at(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, or an InputError saying why it cannot be read (``display`` names the file)."""
    shown = display or str(path)
    try:
        status = path.stat()  # follows links: a loop raises OSError, reported below
        if stat.S_ISDIR(status.st_mode):
            raise file_problem(shown, "Y107", "is a directory, not a YAML file", "name a .yaml file")
        if not stat.S_ISREG(status.st_mode):
            # a FIFO or a device would block or never end: only regular files are read
            raise file_problem(shown, "Y107", "is not a regular file", "name a .yaml file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            message = f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit"
            raise file_problem(shown, "Y104", message, "split it into smaller files")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise file_problem(shown, "Y107", "no such file", "check the path") from None
    except OSError as error:
        raise file_problem(shown, "Y107", f"cannot read: {error.strerror}", "check the permissions") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise file_problem(shown, "Y105", "is not valid UTF-8 text", "save the file as UTF-8", line) from None


def load_yaml(path: Path | str, display: str | None = None) -> YamlDocument:
    """Load one YAML file strictly; ``display`` is the path shown in messages (default: as given)."""
    path = Path(path)
    shown = display or str(path)
    return load_yaml_text(read_text(path, shown), shown)


def load_yaml_text(text: str, shown: str) -> YamlDocument:
    """Load one YAML document from its text, as strictly as a file (``shown`` names it in messages)."""
    from .strict_yaml import load_document

    return YamlDocument(shown, load_document(text, shown), text)


def compose_yaml(text: str) -> Node:
    """The node tree of a text that loads, as the strict loader composes it: where each key and value
    starts and ends, for an edit at the text level that keeps everything else as it was."""
    from .strict_yaml import compose

    return compose(text)


def parse_scalar(text: str, where: Location | None = None) -> Any:
    """A value typed on the command line, read as a plain YAML 1.2 scalar: ``800``, ``true``, ``high``;
    a number too long to read is a located ``Y111`` (at ``where``)."""
    tag = resolve_plain(text)
    if tag == "tag:yaml.org,2002:merge":
        return text
    try:
        return SCALARS[tag](text)
    except (ValueError, OverflowError):
        raise InputError([Problem(where or Location(text[:40]), *TOO_LONG)]) from None


def file_problem(
    shown: str, code: str, message: str, hint: str, line: int | None = None, column: int | None = None
) -> InputError:
    return InputError([Problem(Location(shown, line, column or (1 if line else None)), code, message, hint)])
