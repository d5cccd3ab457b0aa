"""The UN's monthly ranking file (``odp_contributionranks.csv``): one row per country and reporting date,
with its rank among the contributors and its totals of personnel and women."""

from __future__ import annotations

from dataclasses import dataclass

from motives.engine.model.text import quoted as excerpt_of

from .cells import day_text, parse_whole
from .reading import Cell, Rank, Reading, RowLocation

COLUMNS = (
    "isocode3",
    "contributing_country",
    "personnel_contribution_rank",
    "female_personnel",
    "male_personnel",
    "total_uniformed_personnel",
    "last_reporting_date",
)


@dataclass(frozen=True, slots=True)
class RankingFile:
    """One ranking file while it is read: each row stands alone (a repeated country and date is found
    among the ranks already read, from this file or another)."""

    reading: Reading
    shown: str
    name: str

    def row(self, line: int, cell: Cell) -> None:
        reading, shown = self.reading, self.shown
        iso3 = reading.iso3(cell, "isocode3", shown, line)
        date = reading.date(cell, shown, line) if iso3 else None
        if iso3 is None or date is None or reading.outside(iso3, date):
            return
        rank = parse_whole(cell("personnel_contribution_rank"))
        if rank is None or rank < 1:
            reading.skip(
                shown,
                line,
                "I706",
                f"row skipped: rank {excerpt_of(cell('personnel_contribution_rank'))} "
                "is not a whole number >= 1",
            )
            return
        counts = reading.counts(cell, shown, line, "female_personnel", "male_personnel")
        if counts is None:
            return
        female, male = counts
        total = (
            parse_whole(cell("total_uniformed_personnel"))
            if cell("total_uniformed_personnel")
            else female + male
        )
        if total is None or female > total:
            reading.skip(
                shown,
                line,
                "I706",
                f"row skipped: total {excerpt_of(cell('total_uniformed_personnel'))} is not a whole number "
                f"of at least the {female} women",
            )
            return
        if (iso3, date) in reading.ranks:
            earlier = reading.ranks[iso3, date].location
            reading.skip(
                shown, line, "I709", f"row skipped: {iso3} on {day_text(date)} was already given at {earlier}"
            )
            return
        country = cell("contributing_country") or iso3
        reading.ranks[iso3, date] = Rank(country, self.name, RowLocation(shown, line), rank, female, total)
        reading.names.setdefault(iso3, country)

    def done(self) -> None:
        pass  # every row was added as it was read
