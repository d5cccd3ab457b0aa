"""The UN's monthly contributions file (``odp_contributionsbygender.csv``, ``DPO-UCHISTORICAL.csv``): one
row per country, mission, personnel type and reporting date, added up per country and date into
personnel, troops (troops, staff officers and experts on mission), police, women and missions."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field

from motives.engine.model.errors import Problem
from motives.engine.model.text import quoted as excerpt_of

from .cells import day_text
from .reading import Cell, Personnel, Reading, RowLocation
from .report import counted

COLUMNS = (
    "isocode3",
    "contributing_country",
    "mission_acronym",
    "personnel_type",
    "female_personnel",
    "male_personnel",
    "last_reporting_date",
)

MILITARY_TYPES = ("Troops", "Staff Officer", "Experts on Mission")
POLICE_TYPES = ("Formed Police Units", "Individual Police")

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


@dataclass(slots=True)
class _Running:
    """Running totals of one country at one reporting date, while its contributions file is read."""

    country: str
    line: int  # where its first row is
    rows: int = 0
    female: int = 0
    total: int = 0
    troops: int = 0
    police: int = 0
    by_mission: dict[str, int] = field(default_factory=dict)
    # (mission, type) -> where its line is in ``lines``; a row's key is one shared tuple and its line
    # 8 bytes, so a 100 MB file's millions of rows fit in a few tens of MB
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    lines: array[int] = field(default_factory=lambda: array("q"))


@dataclass(frozen=True, slots=True)
class ContributionsFile:
    """One contributions file while it is read: the running totals of each country and reporting date,
    and one (mission, type) key shared by all the rows that name the pair."""

    reading: Reading
    shown: str
    name: str
    totals: dict[tuple[str, dt.date], _Running] = field(default_factory=dict)
    pairs: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def row(self, line: int, cell: Cell) -> None:
        reading, shown = self.reading, self.shown
        iso3 = reading.iso3(cell, "isocode3", shown, line)
        date = reading.date(cell, shown, line) if iso3 else None
        if iso3 is None or date is None or reading.outside(iso3, date):
            return
        kind = _PERSONNEL_TYPES.get(" ".join(cell("personnel_type").split()).lower())
        mission = " ".join(cell("mission_acronym").split()).upper()
        if kind is None:
            reading.skip(
                shown,
                line,
                "I707",
                f"row skipped: unknown personnel type {excerpt_of(cell('personnel_type'))}",
                "expected one of: " + ", ".join(MILITARY_TYPES + POLICE_TYPES),
            )
            return
        if not mission:
            reading.skip(shown, line, "I707", "row skipped: no mission acronym")
            return
        counts = reading.counts(cell, shown, line, "female_personnel", "male_personnel")
        if counts is None:
            return
        totals = self.totals.get((iso3, date))
        key = self.pairs.setdefault((mission, kind), (mission, kind))
        if totals is not None and key in totals.seen:
            repeated = totals.lines[totals.seen[key]]
            reading.skip(
                shown, line, "I709", f"row skipped: repeats line {repeated} ({iso3} {mission} {kind})"
            )
            return
        if totals is None:
            totals = self.totals[iso3, date] = _Running(cell("contributing_country") or iso3, line)
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

    def done(self) -> None:
        """Add the file's totals to the reading; a date an earlier file gave is kept from that file."""
        reading = self.reading
        repeated: dict[dt.date, tuple[int, str, int]] = {}
        for key in list(self.totals):
            # each let go as it is kept: the running totals hold a key and a line for every row
            totals = self.totals.pop(key)
            iso3, date = key
            if key not in reading.personnel:
                missions = sum(1 for count in totals.by_mission.values() if count > 0)
                reading.personnel[key] = Personnel(
                    self.name, totals.female, totals.total, totals.troops, totals.police, missions
                )
                reading.names.setdefault(iso3, totals.country)
                continue
            line, earlier, rows = repeated.get(date, (totals.line, reading.personnel[key].file, 0))
            repeated[date] = (min(line, totals.line), earlier, rows + totals.rows)
        for date, (line, earlier, rows) in sorted(repeated.items(), key=lambda item: item[1][0]):
            reading.rows_skipped += rows
            reading.problems.append(
                Problem(
                    RowLocation(self.shown, line),
                    "I709",
                    f"{counted(rows, 'row')} skipped: reporting date {day_text(date)} was already read "
                    f"from {earlier}",
                    "give each month once, or narrow with --from/--to",
                    severity="warning",
                )
            )
