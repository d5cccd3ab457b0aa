"""What the UN's files say, gathered over every file read, and the checks the rows of each kind share
(ISO3 code, reporting date, head counts, the countries and dates asked for): a row that fails one is
skipped, with a located warning."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from motives.engine.model.errors import Location, Problem
from motives.engine.model.text import quoted as excerpt_of
from motives.engine.model.vocabulary import MAX_MAGNITUDE

from .cells import parse_count, parse_date

_ISO3 = re.compile(r"[A-Z]{3}")

Cell = Callable[[str], str]  # a row's cell by column name, stripped


@dataclass(frozen=True, slots=True)
class RowLocation(Location):
    """A row of a CSV file, shown as ``path:line``: a column means nothing there."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Personnel:
    """The totals of one country at one reporting date, from one contributions file; only numbers, as
    those of tens of thousands of country-dates stay in memory until the files are written."""

    file: str
    female: int
    total: int
    troops: int
    police: int
    missions: int  # missions with at least one person


@dataclass(frozen=True, slots=True)
class Rank:
    """One country's row of a ranking file."""

    country: str
    file: str
    location: Location
    rank: int
    female: int
    total: int


@dataclass(frozen=True, slots=True)
class Rate:
    """One country's rate for one year, from a scale of assessments."""

    rate: float
    file: str


class Reading:
    """What the input files say, gathered row by row, with a warning for every row skipped."""

    def __init__(self, countries: frozenset[str], start: dt.date | None, end: dt.date | None) -> None:
        self.countries, self.start, self.end = countries, start, end
        self.personnel: dict[tuple[str, dt.date], Personnel] = {}
        self.ranks: dict[tuple[str, dt.date], Rank] = {}
        self.rates: dict[tuple[str, int], Rate] = {}
        self.names: dict[str, str] = {}  # ISO3 -> the country's name in the UN's file read first
        self.problems: list[Problem] = []
        self.rows_read = self.rows_skipped = self.rows_outside = 0
        self._dates: dict[str, dt.date | None] = {}

    def skip(self, shown: str, line: int, code: str, message: str, hint: str = "") -> None:
        self.rows_skipped += 1
        self.problems.append(Problem(RowLocation(shown, line), code, message, hint, severity="warning"))

    def iso3(self, cell: Cell, column: str, shown: str, line: int) -> str | None:
        code = cell(column).upper()
        if _ISO3.fullmatch(code):
            return code
        shown_code = repr(cell(column)) if cell(column) else "empty"
        self.skip(shown, line, "I704", f"row skipped: ISO3 code is {shown_code}", "the country is unknown")
        return None

    def date(self, cell: Cell, shown: str, line: int) -> dt.date | None:
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

    def outside(self, iso3: str, date: dt.date | None) -> bool:
        outside = (
            (self.countries and iso3 not in self.countries)
            or (date is not None and self.start is not None and date < self.start)
            or (date is not None and self.end is not None and date > self.end)
        )
        self.rows_outside += bool(outside)
        return bool(outside)

    def counts(self, cell: Cell, shown: str, line: int, *columns: str) -> list[int] | None:
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
