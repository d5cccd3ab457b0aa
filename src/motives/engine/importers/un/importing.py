"""``import_files``: read the UN's files, plan every fact file from what the folder holds, then write
them under the folder's lock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from motives.engine.importers.factfile import existing_files
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.files import lock_folder

from .csvfile import read_file
from .plan import file_names, plan_file
from .reading import Reading
from .report import FAILED, UNCHANGED, ImportedFile, ImportReport
from .snapshots import snapshots_of
from .writing import would_load, write


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
