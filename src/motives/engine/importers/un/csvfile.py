"""One of the UN's CSV files read as rows: its encoding, its delimiter, its header and its rows, each
handed to the reader of the file's kind; read in chunks, so a file of any size fits in memory."""

from __future__ import annotations

import codecs
import csv
import io
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from motives.engine.model.errors import Location, Problem
from motives.engine.model.files import file_kind

from .cells import column_name
from .formats import FORMATS, UNKNOWN_HINT, FileReader
from .reading import Cell, Reading, RowLocation
from .report import counted

_CHUNK = 1 << 18  # bytes or characters read at a time: the reading holds a few of these, never the file

Rows = Iterator[tuple[int, list[str]]]  # the non-blank rows, each with the line it starts on


def read_file(reading: Reading, path: Path) -> None:
    """Add what one file says to ``reading``: an I701 or I702 error there when it cannot be read or is
    of no known kind, a warning for each row skipped."""
    shown = str(path)
    encoding = _encoding(path, shown, reading.problems)
    if encoding is None:
        return
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as stream:
            delimiter = _delimiter(stream)
        with path.open(encoding=encoding, errors="replace", newline="") as stream:
            _read_stream(reading, path, shown, _rows(reading, stream, delimiter, shown))
    except OSError as error:  # the file went away or failed since it was first read
        reading.problems.append(
            Problem(Location(shown), "I701", f"cannot read: {error.strerror}", "check the permissions")
        )


def _read_stream(reading: Reading, path: Path, shown: str, rows: Rows) -> None:
    first = next(rows, None)
    if first is None:
        reading.problems.append(Problem(Location(shown), "I702", "the file is empty", "name a CSV file"))
        return
    header = {column_name(name): index for index, name in reversed(list(enumerate(first[1])))}
    for kind in FORMATS:
        if kind.marker in header:
            missing = [name for name in kind.columns if name not in header]
            if missing:
                reading.problems.append(
                    Problem(
                        RowLocation(shown, first[0]),
                        "I702",
                        f"the header lacks {', '.join(missing)}",
                        f"expected the columns {', '.join(kind.columns)}, in any order and letter case",
                    )
                )
                return
            width = max((i + 1 for i, name in enumerate(first[1]) if name.strip()), default=0)
            needed = max(header[name] for name in kind.columns) + 1
            _read_rows(reading, shown, rows, header, (needed, width), kind.reader(reading, shown, path.name))
            return
    reading.problems.append(
        Problem(
            RowLocation(shown, first[0]),
            "I702",
            "not a file motives can import: the header names none of the known columns",
            UNKNOWN_HINT,
        )
    )


def _read_rows(
    reading: Reading,
    shown: str,
    rows: Rows,
    header: dict[str, int],
    widths: tuple[int, int],
    reader: FileReader,
) -> None:
    needed, width = widths  # the row must reach the last column read, and give nothing unnamed
    for line, cells in rows:
        reading.rows_read += 1
        if len(cells) < needed or any(cell.strip() for cell in cells[width:]):
            reading.skip(
                shown,
                line,
                "I708",
                f"row skipped: {counted(len(cells), 'field')} where the header has {width}",
                "a name with a comma must be in double quotes",
            )
            continue
        reader.row(line, _cells(cells, header))
    reader.done()


def _encoding(path: Path, shown: str, problems: list[Problem]) -> str | None:
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
        problems.append(
            Problem(
                Location(shown),
                "I703",
                "is not UTF-8 text; read as Windows-1252",
                "check the country names it gives",
                severity="warning",
            )
        )
        return "cp1252"
    problems.append(Problem(Location(shown), "I701", reason, hint))
    return None


class _NotRegular(Exception):
    pass


def _rows(reading: Reading, stream: TextIO, delimiter: str, shown: str) -> Rows:
    """The non-blank rows with the line each starts on; rows the csv module cannot parse are skipped."""
    reader = csv.reader(_lines(stream), delimiter=delimiter)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reading.skip(shown, line, "I708", f"row skipped: cannot be read as CSV ({error})")
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if any(cell.strip() for cell in cells):
            yield start, cells


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


def _cells(cells: list[str], header: dict[str, int]) -> Cell:
    """The cell of a named column of one row, stripped of stray spaces."""

    def cell(column: str) -> str:
        return cells[header[column]].strip()

    return cell
