"""Importing the UN's published files into fact files (``motives facts import``).

Three kinds of CSV file are recognised by their header row (column names compared case-insensitively, so
the old ``odp_contributionsbygender.csv`` and the newer ``DPO-UCHISTORICAL.csv`` read alike):

* the monthly contributions file: one row per country, mission, personnel type and reporting date;
* the monthly ranking file ``odp_contributionranks.csv``: one row per country and reporting date;
* a peacekeeping scale of assessments written as ``iso3,year,rate`` (the effective rate in percent).

Each country and reporting date gets ``uniformed_personnel``, ``troops`` (troops, staff officers and
experts on mission, who are military observers), ``police`` (formed police units and individual police),
``female_personnel``, ``missions_count`` (missions with at least one person), ``contributor_rank`` and
``budget_share_pct`` (the scale's rate for the year of the reporting date). Where the contributions file
has no rows for a country and date, the ranking file's totals give its personnel and women.

Rows that cannot be used are skipped, each reported as a located warning. Fact files go to
``OUT/<name>/<YYYY-MM-DD>.yaml`` (or an existing ``OUT/<name>.yaml`` of the same date) and are merged at
the text level, so every comment, hand-entered fact, source and note survives. A fact whose value differs
and whose source is not an earlier import is a conflict: then nothing is written, unless ``force``. Each
file is written atomically, and only once the written text has loaded as a fact file.

Problem codes: I701 an input cannot be read, I702 it is of no known kind, I703 it is not UTF-8 (warning);
rows skipped (warnings): I704 no ISO3 code, I705 no readable date, I706 a number that cannot be read,
I707 an unknown personnel type or no mission, I708 a row of the wrong width, I709 a repeated row or
month; I710 the ranking file disagrees with the contributions file (warning); I711 a conflict with a fact
not imported by motives, I712 an existing file that cannot be merged, I713 a file not written, I714
another import holds the folder's lock, I715 a file would be written outside the folder.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import re
import stat
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.files import file_kind, lock_folder
from motives.engine.model.text import quoted as excerpt_of
from motives.engine.model.vocabulary import FACTS, MAX_MAGNITUDE, FactValue

from .factfile import existing_files
from .un.cells import column_name, day_text, parse_count, parse_date, parse_rate, parse_whole
from .un.plan import file_names, plan_file
from .un.report import CREATED, FAILED, IMPORT_MARK, UNCHANGED, UPDATED, ImportedFile, ImportReport, counted
from .un.snapshots import Snapshot
from .un.writing import would_load, write

__all__ = [  # the names this module gave before it was split (issue 10)
    "CREATED",
    "FAILED",
    "IMPORT_MARK",
    "MILITARY_TYPES",
    "POLICE_TYPES",
    "UNCHANGED",
    "UPDATED",
    "ImportReport",
    "ImportedFile",
    "import_files",
]

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
_CHUNK = 1 << 18  # bytes or characters read at a time: the reading holds a few of these, never the file


def import_files(
    paths: Sequence[Path | str],
    out: Path | str,
    *,
    countries: Iterable[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    force: bool = False,
    dry_run: bool = False,
    wait: float = 600,
    waiting: Callable[[Path], None] | None = None,
) -> ImportReport:
    """Read the UN's files and write or update the fact files in ``out``.

    ``countries`` (ISO3 codes) and ``start``/``end`` (reporting dates, both included) narrow what is
    imported. Raises InputError, writing nothing, when an input file cannot be read or is of no known
    kind. Conflicts with facts not imported by motives (unless ``force``) and fact files that cannot be
    merged are errors in the report, and then nothing is written; so is a file whose new text does not
    load, which is left as it was while the others are written.

    One import at a time writes into ``out``: a second one waits up to ``wait`` seconds for the folder's
    lock (calling ``waiting`` with the lock file first), then raises InputError (I714). Each fact file is
    written on its own: an import that is stopped halfway leaves some files updated and the others as
    they were, and running it again finishes it (the files already written come out unchanged).
    """
    out = Path(out)
    reading = _Reading(frozenset(code.strip().upper() for code in countries), start, end)
    for path in paths:
        reading.read(Path(path))
    if out.exists() and not out.is_dir():
        reading.problems.append(
            Problem(
                Location(str(out)), "I701", "is a file, not a folder", "name the folder of the fact files"
            )
        )
    if any(problem.severity == "error" for problem in reading.problems):
        raise InputError(reading.problems)

    if dry_run:
        return _import(reading, out, force, dry_run)
    with lock_folder(out, wait, waiting):
        return _import(reading, out, force, dry_run)


def _import(reading: _Reading, out: Path, force: bool, dry_run: bool) -> ImportReport:
    """Plan every file from what ``out`` holds now, then write them (the caller holds the folder's lock
    from the reading of the files to the last rename, so a second import never merges into stale text)."""
    problems = list(reading.problems)
    snapshots = _snapshots(reading, problems)
    for gathered in (reading.personnel, reading.ranks, reading.rates):
        gathered.clear()  # in the snapshots now; let go before tens of thousands of plans are made
    existing = existing_files(out)
    names = file_names(snapshots, existing, reading.names)
    plans = [  # without their text, which is made again when written: tens of thousands would not fit
        (snapshot, dataclasses.replace(plan, text=""))
        for snapshot in snapshots
        if (plan := plan_file(snapshot, out, *names[snapshot.iso3], force, problems)) is not None
    ]
    written = not dry_run and not any(problem.severity == "error" for problem in problems)
    files: list[ImportedFile] = []
    for snapshot, plan in plans:
        action = plan.action
        if action != UNCHANGED and (written or dry_run):
            # the same text as planned: the lock keeps out other imports, and no file written so far
            # is one another plan reads (a dry run holds no lock: a file changed meanwhile fails)
            again = plan_file(snapshot, out, *names[snapshot.iso3], force, [])
            if again is None or again.action != action:
                action = FAILED
            elif written:
                action = write(again, problems)
            elif not would_load(again, problems):
                action = FAILED
        files.append(ImportedFile(plan.shown, plan.iso3, plan.as_of, action, plan.changed))
    return ImportReport(
        tuple(files),
        tuple(problems),
        reading.rows_read,
        reading.rows_skipped,
        reading.rows_outside,
        written,
        dry_run,
    )


# --- reading the UN's files --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RowLocation(Location):
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


_Cell = Callable[[str], str]  # a row's cell by column name, stripped


class _Reading:
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

    def read(self, path: Path) -> None:
        shown = str(path)
        encoding = self._encoding(path, shown)
        if encoding is None:
            return
        try:
            with path.open(encoding=encoding, errors="replace", newline="") as stream:
                delimiter = _delimiter(stream)
            with path.open(encoding=encoding, errors="replace", newline="") as stream:
                self._read_stream(path, shown, self._rows(stream, delimiter, shown))
        except OSError as error:  # the file went away or failed since it was first read
            self.problems.append(
                Problem(Location(shown), "I701", f"cannot read: {error.strerror}", "check the permissions")
            )

    def _read_stream(self, path: Path, shown: str, rows: Iterator[tuple[int, list[str]]]) -> None:
        first = next(rows, None)
        if first is None:
            self.problems.append(Problem(Location(shown), "I702", "the file is empty", "name a CSV file"))
            return
        header = {column_name(name): index for index, name in reversed(list(enumerate(first[1])))}
        kinds = (
            ("personnel_contribution_rank", _RANK_COLUMNS, self._rank),
            ("personnel_type", _CONTRIBUTION_COLUMNS, self._contribution),
            ("iso3", _SCALE_COLUMNS, self._rate),
        )
        for marker, columns, handle in kinds:
            if marker in header:
                missing = [name for name in columns if name not in header]
                if missing:
                    self.problems.append(
                        Problem(
                            _RowLocation(shown, first[0]),
                            "I702",
                            f"the header lacks {', '.join(missing)}",
                            f"expected the columns {', '.join(columns)}, in any order and letter case",
                        )
                    )
                    return
                width = max((i + 1 for i, name in enumerate(first[1]) if name.strip()), default=0)
                needed = max(header[name] for name in columns) + 1
                self._read_rows(shown, path.name, rows, header, (needed, width), handle)
                return
        self.problems.append(
            Problem(
                _RowLocation(shown, first[0]),
                "I702",
                "not a file motives can import: the header names none of the known columns",
                "expected the UN's contributions file (Personnel_Type, ...), its ranking file "
                "(Personnel_Contribution_Rank, ...) or a scale of assessments (iso3,year,rate)",
            )
        )

    def _encoding(self, path: Path, shown: str) -> str | None:
        """The file's encoding, from one pass over its bytes: UTF-16 with a byte order mark, else UTF-8
        (with or without one) if every byte is, else Windows-1252 (with a warning)."""
        try:
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # /dev/zero never ends, a FIFO blocks
                raise _NotRegular(f"is {file_kind(mode)}, not a regular file")
            with path.open("rb") as stream:
                start = stream.read(2)
                if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    return "utf-16"
                decoder = codecs.getincrementaldecoder("utf-8-sig")()
                try:
                    decoder.decode(start)
                    while chunk := stream.read(_CHUNK):
                        decoder.decode(chunk)
                    decoder.decode(b"", final=True)
                    return "utf-8-sig"
                except UnicodeDecodeError:
                    pass
        except _NotRegular as error:
            reason, hint = str(error), "name the CSV files"
        except FileNotFoundError:
            reason, hint = "no such file", "check the path"
        except IsADirectoryError:
            reason, hint = "is a folder, not a CSV file", "name the CSV files"
        except OSError as error:
            reason, hint = f"cannot read: {error.strerror}", "check the permissions"
        else:
            self.problems.append(
                Problem(
                    Location(shown),
                    "I703",
                    "is not UTF-8 text; read as Windows-1252",
                    "check the country names it gives",
                    severity="warning",
                )
            )
            return "cp1252"
        self.problems.append(Problem(Location(shown), "I701", reason, hint))
        return None

    def _rows(self, stream: TextIO, delimiter: str, shown: str) -> Iterator[tuple[int, list[str]]]:
        """The non-blank rows with the line each starts on; rows the csv module cannot parse are skipped."""
        reader = csv.reader(_lines(stream), delimiter=delimiter)
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self._skip(shown, line, "I708", f"row skipped: cannot be read as CSV ({error})")
                line = reader.line_num + 1
                continue
            start, line = line, reader.line_num + 1
            if any(cell.strip() for cell in cells):
                yield start, cells

    def _read_rows(
        self,
        shown: str,
        name: str,
        rows: Iterator[tuple[int, list[str]]],
        header: dict[str, int],
        widths: tuple[int, int],
        handle: Callable[[str, str, int, _Cell, dict], None],
    ) -> None:
        needed, width = widths  # the row must reach the last column read, and give nothing unnamed
        state: dict = {}
        for line, cells in rows:
            self.rows_read += 1
            if len(cells) < needed or any(cell.strip() for cell in cells[width:]):
                self._skip(
                    shown,
                    line,
                    "I708",
                    f"row skipped: {counted(len(cells), 'field')} where the header has {width}",
                    "a name with a comma must be in double quotes",
                )
                continue
            handle(shown, name, line, _reader(cells, header), state)
        if "personnel" in state:
            self._keep_personnel(shown, state["personnel"])

    def _skip(self, shown: str, line: int, code: str, message: str, hint: str = "") -> None:
        self.rows_skipped += 1
        self.problems.append(Problem(_RowLocation(shown, line), code, message, hint, severity="warning"))

    def _iso3(self, cell: _Cell, column: str, shown: str, line: int) -> str | None:
        code = cell(column).upper()
        if _ISO3.fullmatch(code):
            return code
        shown_code = repr(cell(column)) if cell(column) else "empty"
        self._skip(shown, line, "I704", f"row skipped: ISO3 code is {shown_code}", "the country is unknown")
        return None

    def _date(self, cell: _Cell, shown: str, line: int) -> dt.date | None:
        text = cell("last_reporting_date")
        if text not in self._dates:
            self._dates[text] = parse_date(text)
        date = self._dates[text]
        if date is None:
            self._skip(
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

    def _counts(self, cell: _Cell, shown: str, line: int, *columns: str) -> list[int] | None:
        counts = [parse_count(cell(column)) for column in columns]
        for column, count in zip(columns, counts, strict=True):
            if count is None:
                self._skip(
                    shown,
                    line,
                    "I706",
                    f"row skipped: {column} is {excerpt_of(cell(column))}, "
                    f"not a whole number of at most {MAX_MAGNITUDE:,.0f}",
                    "an empty cell counts as 0",
                )
                return None
        return [count for count in counts if count is not None]

    def _contribution(self, shown: str, name: str, line: int, cell: _Cell, state: dict) -> None:
        iso3 = self._iso3(cell, "isocode3", shown, line)
        date = self._date(cell, shown, line) if iso3 else None
        if iso3 is None or date is None or self._outside(iso3, date):
            return
        kind = _PERSONNEL_TYPES.get(" ".join(cell("personnel_type").split()).lower())
        mission = " ".join(cell("mission_acronym").split()).upper()
        if kind is None:
            self._skip(
                shown,
                line,
                "I707",
                f"row skipped: unknown personnel type {excerpt_of(cell('personnel_type'))}",
                "expected one of: " + ", ".join(MILITARY_TYPES + POLICE_TYPES),
            )
            return
        if not mission:
            self._skip(shown, line, "I707", "row skipped: no mission acronym")
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
            self._skip(shown, line, "I709", f"row skipped: repeats line {repeated} ({iso3} {mission} {kind})")
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

    def _keep_personnel(self, shown: str, found: dict[tuple[str, dt.date], _Personnel]) -> None:
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
                    _RowLocation(shown, line),
                    "I709",
                    f"{counted(rows, 'row')} skipped: reporting date {day_text(date)} was already read "
                    f"from {earlier}",
                    "give each month once, or narrow with --from/--to",
                    severity="warning",
                )
            )

    def _rank(self, shown: str, name: str, line: int, cell: _Cell, state: dict) -> None:
        iso3 = self._iso3(cell, "isocode3", shown, line)
        date = self._date(cell, shown, line) if iso3 else None
        if iso3 is None or date is None or self._outside(iso3, date):
            return
        rank = parse_whole(cell("personnel_contribution_rank"))
        if rank is None or rank < 1:
            self._skip(
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
            self._skip(
                shown,
                line,
                "I706",
                f"row skipped: total {excerpt_of(cell('total_uniformed_personnel'))} is not a whole number "
                f"of at least the {female} women",
            )
            return
        if (iso3, date) in self.ranks:
            earlier = self.ranks[iso3, date].location
            self._skip(
                shown, line, "I709", f"row skipped: {iso3} on {day_text(date)} was already given at {earlier}"
            )
            return
        country = cell("contributing_country") or iso3
        self.ranks[iso3, date] = _Rank(country, name, _RowLocation(shown, line), rank, female, total)
        self.names.setdefault(iso3, country)

    def _rate(self, shown: str, name: str, line: int, cell: _Cell, state: dict) -> None:
        iso3 = self._iso3(cell, "iso3", shown, line)
        if iso3 is None or self._outside(iso3, None):
            return
        year = parse_whole(cell("year"))
        if year is None or not 1945 <= year <= 2200:
            self._skip(
                shown,
                line,
                "I706",
                f"row skipped: year {excerpt_of(cell('year'))} is not a year from 1945 to 2200",
                "e.g. 2021",
            )
            return
        rate = parse_rate(cell("rate"))
        if rate is None:
            self._skip(
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
            self._skip(
                shown, line, "I709", f"row skipped: the rate of {iso3} for {year} was given at {where}"
            )
            return
        seen[iso3, year] = line
        self.rates[iso3, year] = _Rate(rate, name)


def _delimiter(stream: TextIO) -> str:
    """The first of comma, semicolon and tab in the first line (up to the first line feed)."""
    seen = ""
    while chunk := stream.read(_CHUNK):
        first, newline, _ = chunk.partition("\n")
        seen += "".join(d for d in ",;\t" if d in first and d not in seen)
        if newline:
            break
    return next((d for d in ",;\t" if d in seen), ",")


def _lines(stream: TextIO) -> Iterator[str]:
    """The stream's lines, NULs removed, each ended by a line feed, a carriage return or both, as
    ``io.StringIO(text, newline="")`` gives them: the csv module counts these to locate a row."""
    pending: list[str] = []  # the start of a line not ended yet
    while raw := stream.read(_CHUNK):
        chunk = raw.replace("\x00", "")
        pending.append(chunk)
        if "\n" not in chunk and "\r" not in chunk:
            continue
        lines = io.StringIO("".join(pending), newline="").readlines()
        pending = [] if lines[-1].endswith("\n") else [lines.pop()]  # a CR may be the first of CR LF
        yield from lines
    if tail := "".join(pending):
        yield from io.StringIO(tail, newline="").readlines()


# --- deriving the facts ------------------------------------------------------------------------------


def _snapshots(reading: _Reading, problems: list[Problem]) -> list[Snapshot]:
    snapshots = []
    for iso3, date in sorted(set(reading.personnel) | set(reading.ranks)):
        found: dict[str, tuple[FactValue, str]] = {}
        day = day_text(date)
        personnel = reading.personnel.get((iso3, date))
        rank = reading.ranks.get((iso3, date))
        if personnel is not None:
            source = f"UN DPO {personnel.file}, reporting date {day} {IMPORT_MARK}"
            found["uniformed_personnel"] = (personnel.total, source)
            found["troops"] = (personnel.troops, source)
            found["police"] = (personnel.police, source)
            found["female_personnel"] = (personnel.female, source)
            found["missions_count"] = (personnel.missions, source)
        if rank is not None:
            source = f"UN DPO {rank.file}, reporting date {day} {IMPORT_MARK}"
            found["contributor_rank"] = (rank.rank, source)
            if personnel is None:
                found["uniformed_personnel"] = (rank.total, source)
                found["female_personnel"] = (rank.female, source)
            elif (rank.total, rank.female) != (personnel.total, personnel.female):
                problems.append(
                    Problem(
                        rank.location,
                        "I710",
                        f"{iso3}: {rank.total} personnel ({rank.female} women) here, but "
                        f"{personnel.total} ({personnel.female}) in {personnel.file}; that file's are kept",
                        "check that both files are of the same month",
                        severity="warning",
                    )
                )
        rate = reading.rates.get((iso3, date.year))
        if rate is not None:
            source = (
                f"UN peacekeeping scale of assessments ({rate.file}), rate for {date.year}, "
                f"the year of reporting date {day} {IMPORT_MARK}"
            )
            found["budget_share_pct"] = (rate.rate, source)
        facts = tuple((name, *found[name]) for name in FACTS if name in found)
        snapshots.append(Snapshot(iso3, date, facts))
    return snapshots


class _NotRegular(Exception):
    pass


def _reader(cells: list[str], header: dict[str, int]) -> _Cell:
    """The cell of a named column of one row, stripped of stray spaces."""

    def cell(column: str) -> str:
        return cells[header[column]].strip()

    return cell
