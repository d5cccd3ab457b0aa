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

The import, one module per step: ``csvfile`` reads a file's encoding, delimiter, header and rows, and
hands each row to the reader of its kind, found by header in ``formats.FORMATS`` (``contributions``,
``rankings``, ``scale``: one module per source format, each with its columns and the typed state of one
file); ``reading`` gathers what they say, with the checks their rows share; ``cells`` reads one cell;
``snapshots`` derives the facts of each country and date; ``plan`` decides each fact file, ``merge``
merges into an existing one at the text level, ``writing`` writes it; ``importing`` runs it all and
``report`` says what was done.
"""

from .contributions import MILITARY_TYPES, POLICE_TYPES
from .importing import import_files
from .report import CREATED, FAILED, IMPORT_MARK, UNCHANGED, UPDATED, ImportedFile, ImportReport

__all__ = [
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
