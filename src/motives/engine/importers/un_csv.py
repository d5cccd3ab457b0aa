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

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.files import lock_folder

from .factfile import existing_files
from .un.contributions import MILITARY_TYPES, POLICE_TYPES
from .un.csvfile import read_file
from .un.plan import file_names, plan_file
from .un.reading import Reading
from .un.report import CREATED, FAILED, IMPORT_MARK, UNCHANGED, UPDATED, ImportedFile, ImportReport
from .un.snapshots import snapshots_of
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
    reading = Reading(frozenset(code.strip().upper() for code in countries), start, end)
    for path in paths:
        read_file(reading, Path(path))
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


def _import(reading: Reading, out: Path, force: bool, dry_run: bool) -> ImportReport:
    """Plan every file from what ``out`` holds now, then write them (the caller holds the folder's lock
    from the reading of the files to the last rename, so a second import never merges into stale text)."""
    problems = list(reading.problems)
    snapshots = snapshots_of(reading, problems)
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
