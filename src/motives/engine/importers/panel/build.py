"""``motives data build``: read every source, compute every country's facts at every snapshot date,
merge the hand-curated overlays, and write the panel, all or nothing.

Snapshots: 31 December of every year from 1990 to the last full year of contributions, the latest
month with a report, and every date an overlay names. A country gets a snapshot where it was a member
state that year (it has a regular-budget rate) or had reported personnel by then.

Nothing is written until every source has been read without a problem and every overlay merged; the
new panel is written beside the old one and swapped in by renames, so a failed or interrupted build
leaves the shipped panel as it was.

Problem codes: P901 a source file missing, P902 its checksum differs, P903 a file not in the manifest,
P904 unreadable, P905 re-formatted (a column missing), P906 a broken row, P907 listed twice,
P910 a country name with no ISO3 code, P911 a month with two totals, P912 a duplicate row,
P913 a bad count or rate, P914 a bad date or year, P915 personnel types that do not add up,
P916 an unknown income code, P917 a contributor not in data/countries.csv, P920 an overlay that
disagrees with the data, P921 an overlay for no panel country, P922 an output that cannot be written,
P923 an overlay's period that does not start at its as_of.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from motives.engine.importers.factfile import scalar
from motives.engine.model.catalog import yaml_files
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.facts import Fact, FactSet, load_facts
from motives.engine.model.panel import COLUMNS, NOTES, clear_cache, load_panel
from motives.engine.model.vocabulary import FACTS

from . import readers
from .names import Country, NameTable
from .regions import check_hosts, read_regions
from .snapshot import Panel, Value
from .sources import SourceFolder

PREFERENCES = ("data", "overlay")


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote and how much of each fact it knows."""

    countries: int
    snapshots: int
    changed: int  # files whose text differs from the previous panel (new files included)
    removed: int
    coverage: dict[str, Counter[str]] = field(default_factory=dict)  # fact -> origin -> country-years
    conflicts_resolved: tuple[str, ...] = ()


def build_panel(
    sources_dir: Path,
    data_dir: Path,
    out: Path,
    prefer: str | None = None,
    progress: Callable[[str], None] = lambda message: None,
    display: str = "data",
) -> BuildReport:
    """Build the panel into ``out`` (the shipped facts/ folder by default); raises InputError listing
    every problem of every source, and then writes nothing."""
    _previous_panel(out)  # a folder the build may not replace stops it before the sources are read
    folder = SourceFolder(sources_dir, f"{display}/sources")
    progress("checking the sources against their manifest")
    folder.verify_checksums()
    m49, least = readers.m49_names(folder)
    names = NameTable(data_dir, m49, display)
    progress("reading the sources")
    sources = readers.read_all(folder, names, least)
    regions = read_regions(folder, data_dir, display)
    check_hosts(folder, regions, sources.mission_seen, display)
    folder.problems.extend(names.problems())
    _unlisted_contributors(sources, names, folder)
    progress("reading the overlays")
    overlays = _overlays(data_dir / "overlays", names, folder, display)
    folder.raise_if_problems()

    panel = Panel(folder, sources, regions)
    last_report = max(sources.report_months)
    years = range(1990, last_report.year if last_report.month < 12 else last_report.year + 1)
    yearly = [dt.date(year, 12, 31) for year in years]
    texts: dict[Path, str] = {}
    snapshots = 0
    coverage: dict[str, Counter[str]] = {name: Counter() for name in FACTS}
    resolved: list[str] = []
    conflicts: list[Problem] = []
    for index, country in enumerate(sorted(names.countries.values(), key=lambda c: c.slug)):
        if index % 20 == 0:
            progress(f"computing facts: {index}/{len(names.countries)} countries")
        own = overlays.get(country.iso3, [])
        dated = {overlay.facts.as_of for overlay in own if overlay.until is None}
        rows: list[list[str]] = []
        for date in sorted({*yearly, last_report, *dated}):
            present = panel.member(country.iso3, date.year) or _contributed_by(sources, country.iso3, date)
            if not present and date not in dated:
                continue
            values = panel.facts(country.iso3, date)
            notes = ""
            # periods first, then the file of this very date, which is the more specific
            for overlay in sorted((o for o in own if o.applies(date)), key=lambda o: o.until is None):
                values, found, own_notes = _merge(values, overlay.facts, prefer, overlay.until is None)
                notes = own_notes if overlay.until is None else notes
                conflicts += found
                resolved += [str(problem) for problem in found] if prefer else []
            for value in values:
                coverage[value.name][value.origin] += 1
            rows += _rows(country, date, values, notes)
            snapshots += 1
        if rows:
            texts[out / f"{country.slug}.csv"] = _csv(rows)
    if conflicts and prefer is None:
        raise InputError(conflicts)
    progress(f"writing {len(texts)} snapshots")
    changed, removed = _write_all(out, texts)
    return BuildReport(len(texts), snapshots, changed, removed, coverage, tuple(resolved))


def _contributed_by(sources: readers.Sources, iso3: str, date: dt.date) -> bool:
    return any(d <= date and month.total > 0 for d, month in sources.months.get(iso3, {}).items())


def _unlisted_contributors(sources: readers.Sources, names: NameTable, folder: SourceFolder) -> None:
    for iso3, months in sorted(sources.months.items()):
        if iso3 not in names.countries:
            first = min(months.values(), key=lambda month: month.date)
            folder.problem(
                first.location,
                "P917",
                f"contributor {iso3} is not a state of the panel",
                f"add it to {names.display}/countries.csv (iso3,name,slug)",
            )


@dataclass(frozen=True, slots=True)
class Overlay:
    """A hand-curated fact file: for its own date (``DATE.yaml``), or held over a period
    (``FROM..TO.yaml``: every snapshot from its as_of, FROM, to TO, each value's source saying so)."""

    facts: FactSet
    until: dt.date | None = None

    def applies(self, date: dt.date) -> bool:
        if self.until is None:
            return date == self.facts.as_of
        return self.facts.as_of <= date <= self.until


_RANGE = re.compile(r"(?P<start>[0-9]{4}-[0-9]{2}-[0-9]{2})\.\.(?P<end>[0-9]{4}-[0-9]{2}-[0-9]{2})")


def _overlays(
    folder: Path, names: NameTable, sources: SourceFolder, display: str
) -> dict[str, list[Overlay]]:
    """Hand-curated snapshots (``data/overlays/<slug>/<date>.yaml`` or ``<from>..<to>.yaml``): ordinary
    fact files."""
    found: dict[str, list[Overlay]] = {}
    if not folder.is_dir():
        return found
    for path in yaml_files(folder):
        shown = f"{display}/overlays/{path.relative_to(folder).as_posix()}"
        try:
            facts = load_facts(path, shown)
        except InputError as error:
            sources.problems.extend(error.problems)
            continue
        if facts.iso3 not in names.countries:
            sources.problem(Location(shown), "P921", f"overlay for {facts.iso3}, not a state of the panel")
            continue
        span = _RANGE.fullmatch(path.stem)
        if span is None:
            found.setdefault(facts.iso3, []).append(Overlay(facts))
            continue
        start, end = dt.date.fromisoformat(span["start"]), dt.date.fromisoformat(span["end"])
        if facts.as_of != start or end < start:
            hint = f"name it {facts.as_of}..END.yaml, with END on or after its as_of"
            sources.problem(
                Location(shown), "P923", f"the period {start}..{end} does not start at as_of", hint
            )
            continue
        held = f" [held from {start} to {end} by the overlay {shown}]"
        facts = FactSet(
            facts.country,
            facts.iso3,
            facts.as_of,
            tuple(Fact(f.name, f.value, f.source + held, f.location) for f in facts.facts),
            facts.notes,
            facts.path,
        )
        found.setdefault(facts.iso3, []).append(Overlay(facts, end))
    return found


def _merge(
    values: list[Value], overlay: FactSet, prefer: str | None, specific: bool = True
) -> tuple[list[Value], list[Problem], str]:
    """The data's values with the overlay's added; where both give a fact with different values, a
    conflict, resolved by ``prefer`` or else reported. A value an earlier overlay of a period gave is
    replaced by a ``specific`` (single-date) overlay's without a conflict."""
    by_name = {value.name: value for value in values}
    conflicts: list[Problem] = []
    for fact in overlay.facts:
        data = by_name.get(fact.name)
        hand = Value(fact.name, fact.value, fact.source, "overlay")
        if data is not None and data.origin == "overlay" and specific:
            by_name[fact.name] = hand
            continue
        if data is None or data.value == fact.value or _within_bound(fact.value, data):
            by_name[fact.name] = hand if data is None or data.value != fact.value else data
            continue
        conflicts.append(
            Problem(
                fact.location,
                "P920",
                f"{fact.name} is {fact.value!r} here but {data.value!r} in the data ({data.source})",
                "remove it from the overlay, or build with --prefer data or --prefer overlay",
            )
        )
        if prefer == "overlay":
            by_name[fact.name] = hand
    ordered = [by_name[name] for name in FACTS if name in by_name]
    return ordered, conflicts, overlay.notes


def _within_bound(value: object, data: Value) -> bool:
    """A hand count at or above the data's lower bound agrees with it, and says more: it is kept."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    return data.source.startswith("LOWER BOUND") and numeric and value >= data.value  # type: ignore[operator]


def _rows(country: Country, date: dt.date, values: list[Value], notes: str) -> list[list[str]]:
    ordered = sorted(values, key=lambda value: FACT_ORDER[value.name])
    rows = [
        [country.name, country.iso3, date.isoformat(), v.name, scalar(v.value), v.source] for v in ordered
    ]
    if notes:
        rows.append([country.name, country.iso3, date.isoformat(), NOTES, notes, ""])
    return rows


def _csv(rows: list[list[str]]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return stream.getvalue()


FACT_ORDER = {name: index for index, name in enumerate(FACTS)}


def _write_all(out: Path, texts: dict[Path, str]) -> tuple[int, int]:
    """Write the whole panel beside ``out`` and swap it in; check every file loads before the swap."""
    old = _previous_panel(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        changed = 0
        for path, text in texts.items():
            target = staging / path.name
            target.write_text(text, encoding="utf-8", newline="")
            previous = old.get(path.name)
            if previous is None or previous.read_text(encoding="utf-8") != text:
                changed += 1
        problems: list[Problem] = []
        for path in sorted(staging.iterdir()):
            try:
                load_panel(path, path.name)
            except InputError as error:
                problems.extend(error.problems)
        if problems:  # a bug in the build, not in the input: stop before touching the panel
            raise InputError(problems[:20])
        removed = len(set(old) - {path.name for path in texts})
        _swap(staging, out)
        clear_cache()
        return changed, removed
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _previous_panel(out: Path) -> dict[str, Path]:
    """The panel files now in ``out``; anything else there (a hand-written file, a folder) stops the build,
    because the panel replaces the folder as a whole."""
    if not out.exists():
        return {}
    if not out.is_dir():
        raise InputError([Problem(Location(str(out)), "P922", "is not a folder", "name the panel's folder")])
    found: dict[str, Path] = {}
    strangers: list[Problem] = []
    for path in sorted(out.iterdir()):
        if path.is_file() and path.suffix == ".csv" and _is_panel_file(path):
            found[path.name] = path
        else:
            strangers.append(
                Problem(
                    Location(str(path)),
                    "P922",
                    "not a panel file: the build replaces the whole folder and would lose it",
                    "move it out, or build into another folder with --out",
                )
            )
    if strangers:
        raise InputError(strangers[:10])
    return found


def _is_panel_file(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as stream:
        return stream.readline().rstrip("\r\n") == ",".join(COLUMNS)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, retired / out.name)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(retired / out.name, out)  # put the old panel back
        raise
    shutil.rmtree(retired, ignore_errors=True)
