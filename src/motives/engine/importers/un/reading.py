"""Reading the UN's files, row by row: what they say, with a warning for every row skipped."""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from motives.engine.model.errors import Location, Problem
from motives.engine.model.text import quoted as excerpt_of
from motives.engine.model.vocabulary import MAX_MAGNITUDE

from .cells import day_text, parse_count, parse_date, parse_rate, parse_whole
from .report import counted

MILITARY_TYPES = ("Troops", "Staff Officer", "Experts on Mission")
POLICE_TYPES = ("Formed Police Units", "Individual Police")

_CONTRIBUTION_COLUMNS = (
    "isocode3",
    "contributing_country",
    "mission_acronym",
    "personnel_type",
    "female_personnel",
    "male_personnel",
    "last_reporting_date",
)
_RANK_COLUMNS = (
    "isocode3",
    "contributing_country",
    "personnel_contribution_rank",
    "female_personnel",
    "male_personnel",
    "total_uniformed_personnel",
    "last_reporting_date",
)
_SCALE_COLUMNS = ("iso3", "year", "rate")

# spellings seen or likely in the UN's exports, lower case with single spaces
_PERSONNEL_TYPES = {
    spelling: canonical
    for canonical, spellings in {
        "Troops": ("troops", "troop"),
        "Staff Officer": ("staff officer", "staff officers"),
        "Experts on Mission": ("experts on mission", "expert on mission"),
        "Formed Police Units": ("formed police units", "formed police unit"),
        "Individual Police": ("individual police",),
    }.items()
    for spelling in spellings
}

_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class RowLocation(Location):
    """A row of a CSV file, shown as ``path:line``: a column means nothing there."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class _Personnel:
    """Running totals of one country at one reporting date, from one contributions file."""

    country: str
    file: str
    line: int
    rows: int = 0
    female: int = 0
    total: int = 0
    troops: int = 0
    police: int = 0
    by_mission: dict[str, int] = field(default_factory=dict)
    missions: int = 0  # missions with personnel, counted when the file is read and by_mission let go
    # while its file is read: (mission, type) -> where its line is in ``lines``; a row's key is one
    # shared tuple and its line 8 bytes, so a 100 MB file's millions of rows fit in a few tens of MB
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    lines: array[int] = field(default_factory=lambda: array("q"))


_READ: dict[Any, Any] = {}
_NO_LINES = array("q")


@dataclass(frozen=True, slots=True)
class _Rank:
    country: str
    file: str
    location: Location
    rank: int
    female: int
    total: int


@dataclass(frozen=True, slots=True)
class _Rate:
    rate: float
    file: str


Cell = Callable[[str], str]  # a row's cell by column name, stripped


class Reading:
    """What the input files say, gathered row by row, with a warning for every row skipped."""

    def __init__(self, countries: frozenset[str], start: dt.date | None, end: dt.date | None) -> None:
        self.countries, self.start, self.end = countries, start, end
        self.personnel: dict[tuple[str, dt.date], _Personnel] = {}
        self.ranks: dict[tuple[str, dt.date], _Rank] = {}
        self.rates: dict[tuple[str, int], _Rate] = {}
        self.names: dict[str, str] = {}  # ISO3 -> the country's name in the UN's file read first
        self.problems: list[Problem] = []
        self.rows_read = self.rows_skipped = self.rows_outside = 0
        self._dates: dict[str, dt.date | None] = {}

    def skip(self, shown: str, line: int, code: str, message: str, hint: str = "") -> None:
        self.rows_skipped += 1
        self.problems.append(Problem(RowLocation(shown, line), code, message, hint, severity="warning"))

    def _iso3(self, cell: Cell, column: str, shown: str, line: int) -> str | None:
        code = cell(column).upper()
        if _ISO3.fullmatch(code):
            return code
        shown_code = repr(cell(column)) if cell(column) else "empty"
        self.skip(shown, line, "I704", f"row skipped: ISO3 code is {shown_code}", "the country is unknown")
        return None

    def _date(self, cell: Cell, shown: str, line: int) -> dt.date | None:
        text = cell("last_reporting_date")
        if text not in self._dates:
            self._dates[text] = parse_date(text)
        date = self._dates[text]
        if date is None:
            self.skip(
                shown,
                line,
                "I705",
                f"row skipped: cannot read the date {excerpt_of(text)}"
                if text
                else "row skipped: no reporting date",
                "expected e.g. 31-Jan-21, 31/01/2021, 01-31-21 or 2021-01-31",
            )
        return date

    def _outside(self, iso3: str, date: dt.date | None) -> bool:
        outside = (
            (self.countries and iso3 not in self.countries)
            or (date is not None and self.start is not None and date < self.start)
            or (date is not None and self.end is not None and date > self.end)
        )
        self.rows_outside += bool(outside)
        return bool(outside)

    def _counts(self, cell: Cell, shown: str, line: int, *columns: str) -> list[int] | None:
        counts = [parse_count(cell(column)) for column in columns]
        for column, count in zip(columns, counts, strict=True):
            if count is None:
                self.skip(
                    shown,
                    line,
                    "I706",
                    f"row skipped: {column} is {excerpt_of(cell(column))}, "
                    f"not a whole number of at most {MAX_MAGNITUDE:,.0f}",
                    "an empty cell counts as 0",
                )
                return None
        return [count for count in counts if count is not None]

    def contribution(self, shown: str, name: str, line: int, cell: Cell, state: dict) -> None:
        iso3 = self._iso3(cell, "isocode3", shown, line)
        date = self._date(cell, shown, line) if iso3 else None
        if iso3 is None or date is None or self._outside(iso3, date):
            return
        kind = _PERSONNEL_TYPES.get(" ".join(cell("personnel_type").split()).lower())
        mission = " ".join(cell("mission_acronym").split()).upper()
        if kind is None:
            self.skip(
                shown,
                line,
                "I707",
                f"row skipped: unknown personnel type {excerpt_of(cell('personnel_type'))}",
                "expected one of: " + ", ".join(MILITARY_TYPES + POLICE_TYPES),
            )
            return
        if not mission:
            self.skip(shown, line, "I707", "row skipped: no mission acronym")
            return
        counts = self._counts(cell, shown, line, "female_personnel", "male_personnel")
        if counts is None:
            return
        found: dict[tuple[str, dt.date], _Personnel] = state.setdefault("personnel", {})
        totals = found.get((iso3, date))
        pairs: dict[tuple[str, str], tuple[str, str]] = state.setdefault("pairs", {})
        key = pairs.setdefault((mission, kind), (mission, kind))
        if totals is not None and key in totals.seen:
            repeated = totals.lines[totals.seen[key]]
            self.skip(shown, line, "I709", f"row skipped: repeats line {repeated} ({iso3} {mission} {kind})")
            return
        if totals is None:
            totals = found[iso3, date] = _Personnel(cell("contributing_country") or iso3, name, line)
        totals.seen[key] = len(totals.lines)
        totals.lines.append(line)
        mission = key[0]
        female, male = counts
        totals.rows += 1
        totals.female += female
        totals.total += female + male
        totals.troops += female + male if kind in MILITARY_TYPES else 0
        totals.police += female + male if kind in POLICE_TYPES else 0
        totals.by_mission[mission] = totals.by_mission.get(mission, 0) + female + male

    def keep_personnel(self, shown: str, found: dict[tuple[str, dt.date], _Personnel]) -> None:
        """Add one contributions file's totals; a date an earlier file gave is kept from that file."""
        repeated: dict[dt.date, tuple[int, str, int]] = {}
        for (iso3, date), totals in found.items():
            # needed no more once the file is read: the totals of tens of thousands of country-dates stay
            # in memory until the files are written, so they keep only numbers (shared empties: a read
            # file's totals are never written again)
            totals.missions = sum(1 for count in totals.by_mission.values() if count > 0)
            totals.seen, totals.lines, totals.by_mission = _READ, _NO_LINES, _READ
            if (iso3, date) not in self.personnel:
                self.personnel[iso3, date] = totals
                self.names.setdefault(iso3, totals.country)
                continue
            line, earlier, rows = repeated.get(date, (totals.line, self.personnel[iso3, date].file, 0))
            repeated[date] = (min(line, totals.line), earlier, rows + totals.rows)
        for date, (line, earlier, rows) in sorted(repeated.items(), key=lambda item: item[1][0]):
            self.rows_skipped += rows
            self.problems.append(
                Problem(
                    RowLocation(shown, line),
                    "I709",
                    f"{counted(rows, 'row')} skipped: reporting date {day_text(date)} was already read "
                    f"from {earlier}",
                    "give each month once, or narrow with --from/--to",
                    severity="warning",
                )
            )

    def rank(self, shown: str, name: str, line: int, cell: Cell, state: dict) -> None:
        iso3 = self._iso3(cell, "isocode3", shown, line)
        date = self._date(cell, shown, line) if iso3 else None
        if iso3 is None or date is None or self._outside(iso3, date):
            return
        rank = parse_whole(cell("personnel_contribution_rank"))
        if rank is None or rank < 1:
            self.skip(
                shown,
                line,
                "I706",
                f"row skipped: rank {excerpt_of(cell('personnel_contribution_rank'))} "
                "is not a whole number >= 1",
            )
            return
        counts = self._counts(cell, shown, line, "female_personnel", "male_personnel")
        if counts is None:
            return
        female, male = counts
        total = (
            parse_whole(cell("total_uniformed_personnel"))
            if cell("total_uniformed_personnel")
            else female + male
        )
        if total is None or female > total:
            self.skip(
                shown,
                line,
                "I706",
                f"row skipped: total {excerpt_of(cell('total_uniformed_personnel'))} is not a whole number "
                f"of at least the {female} women",
            )
            return
        if (iso3, date) in self.ranks:
            earlier = self.ranks[iso3, date].location
            self.skip(
                shown, line, "I709", f"row skipped: {iso3} on {day_text(date)} was already given at {earlier}"
            )
            return
        country = cell("contributing_country") or iso3
        self.ranks[iso3, date] = _Rank(country, name, RowLocation(shown, line), rank, female, total)
        self.names.setdefault(iso3, country)

    def rate(self, shown: str, name: str, line: int, cell: Cell, state: dict) -> None:
        iso3 = self._iso3(cell, "iso3", shown, line)
        if iso3 is None or self._outside(iso3, None):
            return
        year = parse_whole(cell("year"))
        if year is None or not 1945 <= year <= 2200:
            self.skip(
                shown,
                line,
                "I706",
                f"row skipped: year {excerpt_of(cell('year'))} is not a year from 1945 to 2200",
                "e.g. 2021",
            )
            return
        rate = parse_rate(cell("rate"))
        if rate is None:
            self.skip(
                shown,
                line,
                "I706",
                f"row skipped: rate {excerpt_of(cell('rate'))} is not a percentage from 0 to 100",
                "write the effective rate in percent, e.g. 27.8908",
            )
            return
        seen: dict[tuple[str, int], int] = state.setdefault("seen", {})
        if (iso3, year) in self.rates:
            where = f"line {seen[iso3, year]}" if (iso3, year) in seen else self.rates[iso3, year].file
            self.skip(shown, line, "I709", f"row skipped: the rate of {iso3} for {year} was given at {where}")
            return
        seen[iso3, year] = line
        self.rates[iso3, year] = _Rate(rate, name)
