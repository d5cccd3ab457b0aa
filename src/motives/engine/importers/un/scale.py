"""A peacekeeping scale of assessments, written as ``iso3,year,rate``: each country's effective rate, in
percent, for each year."""

from __future__ import annotations

from dataclasses import dataclass, field

from motives.engine.model.text import quoted as excerpt_of

from .cells import parse_rate, parse_whole
from .reading import Cell, Rate, Reading

COLUMNS = ("iso3", "year", "rate")


@dataclass(frozen=True, slots=True)
class ScaleFile:
    """One scale while it is read: the line of each country and year it gave, for the warning on a
    repeat (a repeat of another file's rate names that file)."""

    reading: Reading
    shown: str
    name: str
    seen: dict[tuple[str, int], int] = field(default_factory=dict)

    def row(self, line: int, cell: Cell) -> None:
        reading, shown = self.reading, self.shown
        iso3 = reading.iso3(cell, "iso3", shown, line)
        if iso3 is None or reading.outside(iso3, None):
            return
        year = parse_whole(cell("year"))
        if year is None or not 1945 <= year <= 2200:
            reading.skip(
                shown,
                line,
                "I706",
                f"row skipped: year {excerpt_of(cell('year'))} is not a year from 1945 to 2200",
                "e.g. 2021",
            )
            return
        rate = parse_rate(cell("rate"))
        if rate is None:
            reading.skip(
                shown,
                line,
                "I706",
                f"row skipped: rate {excerpt_of(cell('rate'))} is not a percentage from 0 to 100",
                "write the effective rate in percent, e.g. 27.8908",
            )
            return
        seen = self.seen
        if (iso3, year) in reading.rates:
            where = f"line {seen[iso3, year]}" if (iso3, year) in seen else reading.rates[iso3, year].file
            reading.skip(
                shown, line, "I709", f"row skipped: the rate of {iso3} for {year} was given at {where}"
            )
            return
        seen[iso3, year] = line
        reading.rates[iso3, year] = Rate(rate, self.name)

    def done(self) -> None:
        pass  # every row was added as it was read
