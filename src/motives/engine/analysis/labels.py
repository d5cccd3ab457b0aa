"""A labelled set: what sources in the literature say drives a country's peacekeeping, one row per source.

``load_labels`` reads a labels file into ``SourceLabel`` rows, each with the snapshot it names, and reports
every problem of the file at once, located (an unknown or malformed motive, a country not shipped, a
duplicate row, an address that is not a web page). ``group_labels`` gathers the rows of one country at
one date into a ``CountryLabel``, whose label is the motives most of its rows name as dominant, ties kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motives.engine.model.catalog import display_path, resolve_facts
from motives.engine.model.errors import InputError, Location, Problem, did_you_mean
from motives.engine.model.loading import LocatedMap, load_yaml
from motives.engine.model.panel import split_address
from motives.engine.model.schema import (
    LABEL,
    LABEL_FILE,
    SOURCE_KINDS,
    check_keys,
    expect_date,
    expect_list,
    expect_map,
    expect_text,
    kind_of,
)
from motives.engine.model.urls import url_link
from motives.engine.model.vocabulary import Motive


@dataclass(frozen=True, slots=True)
class SourceLabel:
    """What one source says about one country: one row of a labels file."""

    country: str  # as written in the file
    path: Path  # the snapshot it names
    dominant: tuple[Motive, ...]
    secondary: tuple[Motive, ...]
    source: str
    url: str
    excerpt: str
    published: int | None = None
    note: str = ""
    kind: str = ""  # one of SOURCE_KINDS; empty where the file does not say
    location: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True, slots=True)
class CountryLabel:
    """Every source row about one country at one date, and the label they give it."""

    path: Path
    rows: tuple[SourceLabel, ...]

    @property
    def votes(self) -> dict[Motive, int]:
        """How many rows name each motive as dominant (motives no row names are left out)."""
        counts = Counter(motive for row in self.rows for motive in row.dominant)
        return {motive: counts[motive] for motive in Motive if counts[motive]}

    @property
    def label(self) -> tuple[Motive, ...]:
        """The motives most rows name as dominant; several when they tie."""
        votes = self.votes
        top = max(votes.values(), default=0)
        return tuple(motive for motive, count in votes.items() if count == top)


def group_labels(rows: Sequence[SourceLabel]) -> list[CountryLabel]:
    """The rows gathered by the snapshot they name, in the order the countries first appear."""
    groups: dict[Path, list[SourceLabel]] = {}
    for row in rows:
        groups.setdefault(row.path, []).append(row)
    return [CountryLabel(path, tuple(found)) for path, found in groups.items()]


def load_labels(path: Path | str, display: str | None = None) -> list[SourceLabel]:
    """Read a labels file (shown in messages as ``display``); every problem is reported together, each
    with its location."""
    path = Path(path)
    document = load_yaml(path, display or display_path(path))
    problems: list[Problem] = []
    root = expect_map(document.data, Location(document.path, 1, 1), "a labels file", problems)
    labels: list[SourceLabel] = []
    if root is not None and check_keys(root, LABEL_FILE, problems, "the labels file"):
        items = expect_list(root["labels"], root.value_at("labels"), "labels", problems)
        for index, node in enumerate(items or []):
            label = _label(node, items.item_at(index), path, problems)  # type: ignore[union-attr]
            if label is not None:
                labels.append(label)
    _check_duplicates(labels, problems)
    if problems:
        raise InputError(problems)
    return labels


def of_kinds(labels: Sequence[SourceLabel], kinds: Sequence[str], display: str) -> list[SourceLabel]:
    """The rows whose kind of source is one of ``kinds`` (all rows when none is named); a located error
    when no row is left (``display``: the labels file as shown)."""
    if not kinds:
        return list(labels)
    kept = [label for label in labels if label.kind in kinds]
    if not kept:
        present = sorted({label.kind for label in labels if label.kind})
        problem = Problem(
            Location(display, 1, 1),
            "L808",
            f"no row of the labels file is of the kind {' or '.join(kinds)}",
            f"the kinds its rows name: {', '.join(present)}"
            if present
            else "its rows name no kind (kind: ...)",
        )
        raise InputError([problem])
    return kept


def _label(node: object, where: Location, path: Path, problems: list[Problem]) -> SourceLabel | None:
    entry = expect_map(node, where, "a label", problems)
    if entry is None or not check_keys(entry, LABEL, problems, "a label"):
        return None
    count = len(problems)
    country = expect_text(entry["country"], entry.value_at("country"), "country", problems)
    dominant = _motives(entry, "dominant", problems)
    secondary = _motives(entry, "secondary", problems) if "secondary" in entry else ()
    if entry["dominant"] == []:  # an empty list as written, not a list of malformed motives
        problems.append(
            Problem(
                entry.value_at("dominant"),
                "L802",
                "a label needs at least one dominant motive",
                "name the motive the source gives as the main one",
            )
        )
    for motive in set(dominant or ()) & set(secondary or ()):
        problems.append(
            Problem(
                entry.value_at("secondary"),
                "L806",
                f"{motive} is both dominant and secondary",
                "keep it in one of the two lists",
            )
        )
    texts = {
        key: expect_text(entry[key], entry.value_at(key), key, problems) for key in ("source", "excerpt")
    }
    url = _url(entry, problems)
    note = expect_text(entry["note"], entry.value_at("note"), "note", problems) if "note" in entry else ""
    published = _year(entry, problems)
    kind = _kind(entry, problems)
    found = _snapshot(entry, country, path, problems) if country is not None else None
    if len(problems) > count or found is None:
        return None
    return SourceLabel(
        country or "",
        found,
        dominant or (),
        secondary or (),
        texts["source"] or "",
        url or "",
        texts["excerpt"] or "",
        published,
        note or "",
        kind or "",
        entry.location,
    )


_NAMES = [str(motive) for motive in Motive]


def _motives(entry: LocatedMap, key: str, problems: list[Problem]) -> tuple[Motive, ...] | None:
    items = expect_list(entry[key], entry.value_at(key), key, problems)
    if items is None:
        return None
    found: list[Motive] = []
    for index, value in enumerate(items):
        where = items.item_at(index)
        if not isinstance(value, str):
            problems.append(
                Problem(
                    where,
                    "L801",
                    f"a motive must be a name, not {kind_of(value)}",
                    f"write one of {', '.join(_NAMES)}, without brackets",
                )
            )
        elif value not in _NAMES:
            problems.append(Problem(where, "L801", f"unknown motive {value!r}", did_you_mean(value, _NAMES)))
        elif Motive(value) in found:
            problems.append(Problem(where, "L806", f"{value} is named twice in {key}", "name it once"))
        else:
            found.append(Motive(value))
    return tuple(found)


def _url(entry: LocatedMap, problems: list[Problem]) -> str | None:
    url = expect_text(entry["url"], entry.value_at("url"), "url", problems)
    if url is not None and url_link(url) is None:
        problems.append(
            Problem(
                entry.value_at("url"),
                "L805",
                f"url {url[:60]!r} is not an http, https or doi address",
                "write https://... or doi:10.NNNN/...",
            )
        )
        return None
    return url


def _year(entry: LocatedMap, problems: list[Problem]) -> int | None:
    if "published" not in entry:
        return None
    value: Any = entry["published"]
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return value
    problems.append(
        Problem(
            entry.value_at("published"),
            "S203",
            f"published must be a year, not {kind_of(value)}",
            "e.g. 2019, or leave it out when the source gives none",
        )
    )
    return None


def _kind(entry: LocatedMap, problems: list[Problem]) -> str | None:
    if "kind" not in entry:
        return None
    kind = expect_text(entry["kind"], entry.value_at("kind"), "kind", problems)
    if kind is not None and kind not in SOURCE_KINDS:
        problems.append(
            Problem(
                entry.value_at("kind"),
                "L807",
                f"unknown kind of source {kind!r}",
                did_you_mean(kind, SOURCE_KINDS),
            )
        )
        return None
    return kind


def _snapshot(entry: LocatedMap, country: str, path: Path, problems: list[Problem]) -> Path | None:
    relative = path.parent / country
    as_of = expect_date(entry, "as_of", problems)
    try:
        found = relative if relative.exists() else resolve_facts(country, as_of)[0]
    except InputError as error:
        first = error.problems[0]
        problems.append(Problem(entry.value_at("country"), "L803", first.message, first.hint))
        return None
    if not split_address(str(found)) and not found.exists():
        problems.append(
            Problem(
                entry.value_at("country"),
                "L803",
                "no such fact file, and no shipped country of that name",
                "see the shipped countries with `motives countries`",
            )
        )
        return None
    return found


def _check_duplicates(labels: Sequence[SourceLabel], problems: list[Problem]) -> None:
    seen: dict[tuple[Path, str], SourceLabel] = {}
    for label in labels:
        key = (label.path, " ".join(label.source.casefold().split()))
        first = seen.setdefault(key, label)
        if first is not label:
            problems.append(
                Problem(
                    label.location,
                    "L804",
                    f"a second row from the same source for {label.country} at the same date"
                    f" (the first is at line {first.location.line})",
                    "keep one row per source: merge the two",
                )
            )
