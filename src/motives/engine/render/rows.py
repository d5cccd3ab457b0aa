"""The rows of ``motives batch``, written as they are classified: CSV, JSON Lines, JSON and Markdown.

Each writer takes the rows (a stream that classifies as it is read, so output starts at once and memory
stays flat), the text stream to write to, and a function called with every row first (progress, and the
problems of a file that could not be loaded); it returns (rows written, files with problems). They are
the ``batch`` entries of ``render.formats.FORMATS``. Every character that could drive a terminal is
written visibly, and a CSV text cell never starts like a spreadsheet formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from motives.engine.analysis.batch import Row
from motives.engine.model.provenance import data_version, software_version
from motives.engine.model.text import escape_unsafe, markdown_text
from motives.engine.model.vocabulary import Motive

HEADER = [
    "country",
    "iso3",
    "as_of",
    "dominant",
    *(f"{motive}" for motive in Motive),
    "rulebase",
    "motives_version",
    "data_version",
    "facts_hash",
    "file",
]


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A text cell no spreadsheet will run: one that starts like a formula gets a leading ``'``, as OWASP
    recommends (a country named ``=HYPERLINK(...)`` is shown as text). Only text cells pass through here:
    a number such as a negative certainty is written as the number it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cells(row: Row) -> list[str]:
    return [
        row.country,
        row.iso3,
        row.as_of,
        " ".join(row.dominant),
        # an empty cell: no evidence because the facts are unknown (0.0000 is no evidence on known facts)
        *("" if str(m) in row.unknown else f"{c:.4f}" for m, c in zip(Motive, row.certainty, strict=True)),
        row.rulebase,
        software_version(),
        data_version(),
        row.facts_hash,
        row.path,
    ]


_NUMBER_COLUMNS = range(HEADER.index(str(next(iter(Motive)))), HEADER.index("rulebase"))


def _csv_cells(row: Row) -> list[str]:
    return [
        cell if index in _NUMBER_COLUMNS else spreadsheet_text(cell) for index, cell in enumerate(_cells(row))
    ]


Note = Callable[[Row], None]  # called with every row before it is written: progress, problems


def _nothing(row: Row) -> None:
    pass


def _each(rows: Iterable[Row], note: Note, write: Callable[[Row, int], None]) -> tuple[int, int]:
    """Write each classified row as it comes (``write(row, rows written before it)``), skipping the files
    that could not be loaded; (rows written, files with problems)."""
    done = failed = 0
    for row in rows:
        note(row)
        if row.problems:
            failed += 1
            continue
        write(row, done)
        done += 1
    return done, failed


def write_csv(rows: Iterable[Row], output: TextIO, note: Note = _nothing) -> tuple[int, int]:
    stream = _Escaping(output)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)

    def write(row: Row, _: int) -> None:
        writer.writerow(_csv_cells(row))
        stream.flush()

    return _each(rows, note, write)


def write_jsonl(rows: Iterable[Row], output: TextIO, note: Note = _nothing) -> tuple[int, int]:
    stream = _Escaping(output)

    def write(row: Row, _: int) -> None:
        stream.write(json.dumps(row_data(row), ensure_ascii=False) + "\n")
        stream.flush()

    return _each(rows, note, write)


def write_json(rows: Iterable[Row], output: TextIO, note: Note = _nothing) -> tuple[int, int]:
    """One JSON array, each row on a line of its own as it is classified."""
    stream = _Escaping(output)
    stream.write("[")

    def write(row: Row, before: int) -> None:
        stream.write(("\n  " if before == 0 else ",\n  ") + json.dumps(row_data(row), ensure_ascii=False))
        stream.flush()

    done, failed = _each(rows, note, write)
    stream.write("\n]\n" if done else "]\n")
    return done, failed


def write_markdown(rows: Iterable[Row], output: TextIO, note: Note = _nothing) -> tuple[int, int]:
    stream = _Escaping(output)
    stream.write("| " + " | ".join(HEADER) + " |\n|" + "---|" * len(HEADER) + "\n")

    def write(row: Row, _: int) -> None:
        stream.write("| " + " | ".join(markdown_text(cell) for cell in _cells(row)) + " |\n")
        stream.flush()

    return _each(rows, note, write)


def row_data(row: Row) -> dict[str, Any]:
    """A classified row as JSON-ready data: one item of ``batch --format json`` (a line of ``jsonl``)."""
    return {
        "country": row.country,
        "iso3": row.iso3,
        "as_of": row.as_of,
        "dominant": list(row.dominant),
        "certainty": dict(zip((str(m) for m in Motive), row.certainty, strict=True)),
        "facts_unknown": list(row.unknown),
        "rulebase": row.rulebase,
        "motives_version": software_version(),
        "data_version": data_version(),
        "facts_hash": row.facts_hash,
        "file": row.path,
    }


class _Escaping:
    """A stream that writes every control, line-breaking or bidirectional character but the newline as a
    visible ``\\uXXXX`` (a file name can hold an escape sequence): rows never drive a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(escape_unsafe(text))

    def flush(self) -> None:
        self.stream.flush()
