"""Panel files: one CSV per country holding all its snapshots, one row per date and fact.

``motives data build`` writes them (``facts/<name>.csv``): columns ``country,iso3,as_of,fact,value,source``,
sorted by date, each value with its own source. A row per fact keeps a rebuild's git diff to the
values that moved, and reading CSV keeps loading the whole panel fast. A row whose fact is ``notes``
carries the snapshot's notes.

One snapshot of a panel file is addressed as ``PATH#DATE`` (``facts/india.csv#2012-12-31``) wherever a
fact file's path is expected. The values are checked exactly as a YAML fact file's are, and a problem is
located at the CSV line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from functools import lru_cache
from pathlib import Path

from .constraints import DATE_RE, ISO3_RE
from .errors import InputError, Location, Problem
from .facts import Fact, FactSet, check_consistency, parse_each
from .loading import LocatedMap, parse_scalar, read_text
from .vocabulary import FACTS, FactValue, Kind

COLUMNS = ("country", "iso3", "as_of", "fact", "value", "source")
NOTES = "notes"
_ADDRESS = re.compile(r"^(?P<file>.+\.csv)#(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})$")


def address(path: Path | str, as_of: str) -> str:
    """The address of one snapshot of a panel file."""
    return f"{path}#{as_of}"


def split_address(text: str) -> tuple[str, str] | None:
    """``(file, date)`` when ``text`` addresses a snapshot of a panel file, else None."""
    match = _ADDRESS.match(text)
    return (match["file"], match["date"]) if match else None


def is_panel(path: Path) -> bool:
    return path.suffix == ".csv"


def panel_dates(path: Path) -> list[str]:
    """The snapshot dates of a panel file, oldest first, read from its as_of column without checking
    the values (loading a snapshot checks them); read once per file version."""
    status = path.stat()
    return list(_panel_dates(str(path), (status.st_mtime_ns, status.st_size)))


@lru_cache(maxsize=1024)
def _panel_dates(path: str, _version: object) -> tuple[str, ...]:
    cells: set[str] = set()
    # a byte that is not UTF-8 or a cell over csv's limit is no date: loading the snapshot locates it
    with open(path, encoding="utf-8", errors="replace", newline="") as stream:
        reader = csv.reader(stream)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                continue
            if len(row) >= 3:
                cells.add(row[2])
    return tuple(sorted(cell for cell in cells if DATE_RE.fullmatch(cell)))  # each distinct cell once


def load_snapshot(address_text: str, display: str | None = None) -> FactSet:
    """One snapshot of a panel file, validated; raises InputError with located problems. Only that
    date's rows are checked (a file's layout is checked whole)."""
    parts = split_address(address_text)
    shown_parts = split_address(display) if display else None
    if parts is None:
        raise InputError([Problem(Location(display or address_text), "Y107", "not a panel snapshot", "")])
    file, date = parts
    shown = shown_parts[0] if shown_parts else file
    rows = _rows(Path(file), shown)
    if date not in rows:
        dates = ", ".join(sorted(rows)) or "none"
        raise InputError(
            [Problem(Location(shown), "Y107", f"no snapshot dated {date}", f"the file has {_shorten(dates)}")]
        )
    return _checked(file, shown, _version(Path(file)), date)


def load_panel(path: Path, display: str | None = None) -> dict[str, FactSet]:
    """Every snapshot of a panel file by date, validated; raises InputError listing every problem."""
    shown = display or str(path)
    rows = _rows(path, shown)
    version = _version(path)
    problems: list[Problem] = []
    snapshots: dict[str, FactSet] = {}
    for date in sorted(rows):
        try:
            snapshots[date] = _checked(str(path), shown, version, date)
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return snapshots


def _version(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _rows(path: Path, shown: str) -> dict[str, list[tuple[int, list[str]]]]:
    result = _read_rows(str(path), shown, _version(path))
    if isinstance(result, InputError):
        raise result
    return result


# A few hundred snapshots, not the whole panel: `batch` over the panel keeps its memory flat (holding all
# 6,788 checked snapshots cost 22 MB more at its peak), at the price of re-checking on a second whole-panel
# load in one process.
@lru_cache(maxsize=512)
def _checked(path: str, shown: str, version: object, date: str) -> FactSet:
    """One date's snapshot, checked like a fact file; read once per file version."""
    rows = _read_rows(path, shown, version)
    assert not isinstance(rows, InputError)  # _rows raised it before
    problems: list[Problem] = []
    facts = _snapshot(date, rows[date], shown, problems)
    if problems or facts is None:
        raise InputError(problems)
    return facts


@lru_cache(maxsize=512)
def _read_rows(
    path: str, shown: str, _version: object
) -> dict[str, list[tuple[int, list[str]]]] | InputError:
    """A panel file's rows grouped by date, with their line numbers; a broken layout is an error."""
    try:
        text = read_text(Path(path), shown)
    except InputError as error:
        return error
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if header is None or tuple(header) != COLUMNS:
        where = Location(shown, 1)
        expected = f"expected {','.join(COLUMNS)}"
        return InputError([Problem(where, "F310", "not a panel file: unexpected header", expected)])
    rows: dict[str, list[tuple[int, list[str]]]] = {}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a cell over csv's size limit, or a quote left open
            where = Location(shown, reader.line_num)
            problems.append(Problem(where, "F311", f"not a CSV row: {error}", "rebuild the panel"))
            continue
        line = reader.line_num
        if not cells:
            continue
        if len(cells) != len(COLUMNS):
            message = f"{len(cells)} cells, not {len(COLUMNS)}"
            problems.append(Problem(Location(shown, line), "F311", message, "rebuild the panel"))
            continue
        rows.setdefault(cells[2], []).append((line, cells))
    return InputError(problems) if problems else rows


def _snapshot(
    date: str, rows: list[tuple[int, list[str]]], shown: str, problems: list[Problem]
) -> FactSet | None:
    first_line, first = rows[0]
    country, iso3 = first[0], first[1]
    try:
        as_of = dt.date.fromisoformat(date)
    except ValueError:
        problems.append(
            Problem(Location(shown, first_line), "S203", f"as_of {date!r} is not a date", "YYYY-MM-DD")
        )
        return None
    # A plain cell of a known fact within its range (nearly all of them) is typed here; any other goes
    # through the checks a YAML fact file's value does, for the very same messages.
    typed: dict[str, FactValue] = {}
    unusual = LocatedMap()
    unusual.location = Location(shown, first_line)
    unusual.key_locations, unusual.value_locations = {}, {}
    where_of: dict[str, Location] = {}
    sources: dict[str, str] = {}
    notes = ""
    for line, (row_country, row_iso3, _, name, text, source) in rows:
        where = Location(shown, line)
        if (row_country, row_iso3) != (country, iso3):
            problems.append(
                Problem(
                    where,
                    "F312",
                    f"{row_country} {row_iso3} in a file of {country} {iso3}",
                    "one country per file",
                )
            )
        elif name == NOTES:
            notes = text
        elif name in typed or name in unusual:
            problems.append(Problem(where, "F313", f"{name} given twice for {date}", "keep one row"))
        elif not source.strip():
            problems.append(Problem(where, "F303", f"fact {name!r} has no source", "give its source"))
        else:
            where_of[name] = where
            sources[name] = source
            value = _plain(name, text)
            if value is not None:
                typed[name] = value
                continue
            try:
                unusual[name] = parse_scalar(text, where)
            except InputError as error:
                problems.extend(error.problems)
            unusual.key_locations[name] = unusual.value_locations[name] = where
    if not ISO3_RE.fullmatch(iso3):
        problems.append(
            Problem(Location(shown, first_line), "S203", f"iso3 {iso3!r} is not three capitals", "")
        )
    typed.update(parse_each(unusual, problems))
    check_consistency(typed, lambda name: where_of.get(name, unusual.location), problems)
    facts = tuple(Fact(name, typed[name], sources[name], where_of[name]) for name in sorted(typed))
    return FactSet(country, iso3, as_of, facts, notes, address(shown, date))


def _plain(name: str, text: str) -> FactValue | None:
    """The cell's value when it is written plainly (``12``, ``0.5``, ``true``, a choice) for a fact of
    that kind and lies in the fact's range; None for anything else."""
    spec = FACTS.get(name)
    if spec is None:
        return None
    kind = spec.kind
    value: FactValue
    if kind is Kind.INT and text.lstrip("-").isdigit() and len(text) < _DIGITS:
        value = int(text)
    elif kind is Kind.FLOAT and _DECIMAL.fullmatch(text):
        value = float(text)
    elif kind is Kind.BOOL and text in _BOOLEANS:
        value = _BOOLEANS[text]
    elif kind is Kind.CHOICE and text in spec.choices:
        value = text
    else:
        return None
    return None if spec.type_error(value) else value


_BOOLEANS = {"true": True, "false": False}


_DIGITS = 4000  # Python reads at most 4,300 digits; longer goes to parse_scalar, which says so
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + " ..."


def clear_cache() -> None:
    """Forget panels read so far (a build has just replaced them)."""
    _read_rows.cache_clear()
    _checked.cache_clear()
    _panel_dates.cache_clear()
