"""The copied source files: the manifest that describes them, their checksums, and located CSV rows.

The manifest (``data/sources/manifest.csv``) has one row per file the build reads: its path, SHA-256,
publisher, origin, licence, coverage, known gaps and the short citation that every fact taken from it
carries. A file whose checksum differs from the manifest was changed since it was copied: the build
refuses it, so that a panel always names the exact bytes it came from.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from motives.engine.model.errors import InputError, Location, Problem

MANIFEST_COLUMNS = ("path", "sha256", "publisher", "origin", "licence", "coverage", "gaps", "cite")


@dataclass(frozen=True, slots=True)
class Source:
    """One copied file and how to cite it."""

    path: str  # relative to the sources folder, with forward slashes
    sha256: str
    publisher: str
    origin: str
    licence: str
    coverage: str
    gaps: str
    cite: str  # e.g. "UN DPO, monthly contributions by country and mission"


class Row:
    """One CSV row with the place it came from, for located errors and for facts' sources. A source has
    hundreds of thousands of rows and few are ever located: the cells stay the reader's list, read by
    the header's column positions, and the location is made when asked for."""

    __slots__ = ("_cells", "_columns", "_line", "_shown")

    def __init__(self, cells: list[str], columns: dict[str, int], shown: str, line: int) -> None:
        self._cells, self._columns, self._shown, self._line = cells, columns, shown, line

    def __getitem__(self, column: str) -> str:
        return self._cells[self._columns[column]]

    @property
    def location(self) -> Location:
        return Location(self._shown, self._line)


class SourceFolder:
    """The sources folder and its manifest; collects every problem instead of stopping at the first."""

    def __init__(self, folder: Path, display: str = "data/sources") -> None:
        self.folder = folder
        self.display = display
        self.problems: list[Problem] = []
        self.sources = self._manifest()

    def shown(self, relative: str) -> str:
        return f"{self.display}/{relative}"

    def cite(self, relative: str) -> str:
        """The publisher and the file, as every fact taken from it names them: ``UN DPO monthly report,
        by_country_month.csv.gz`` (the manifest gives the file's full path and origin)."""
        source = self.sources.get(relative)
        cite = source.cite if source else relative
        return f"{cite}, {relative.rsplit('/', 1)[-1]}"

    def problem(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(location, code, message, hint))

    def raise_if_problems(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    def verify_checksums(self) -> None:
        """Every file of the manifest exists with its recorded checksum; every data file is listed."""
        for relative, source in self.sources.items():
            path = self.folder / relative
            where = Location(self.shown(relative))
            if not path.is_file():
                self.problem(where, "P901", "source file missing", "restore it from git or re-copy it")
                continue
            digest = sha256(path)
            if digest != source.sha256:
                self.problem(
                    where,
                    "P902",
                    f"checksum {digest[:12]}... differs from the manifest's {source.sha256[:12]}...: "
                    "the file was changed or truncated since it was copied",
                    "restore it with `git checkout`, or record a new copy in manifest.csv with its origin",
                )
        listed = set(self.sources)
        for path in sorted(self.folder.rglob("*")):
            relative = path.relative_to(self.folder).as_posix()
            if path.is_file() and relative not in listed and not _documentation(relative):
                self.problem(
                    Location(self.shown(relative)),
                    "P903",
                    "file not in the manifest",
                    "add a row to manifest.csv (publisher, origin, licence, checksum) or remove the file",
                )

    def rows(self, relative: str, columns: tuple[str, ...]) -> Iterator[Row]:
        """The rows of a CSV source (plain or .gz) with their line numbers; a missing column or a row of
        the wrong width is one located problem, and the rows that cannot be read are skipped."""
        shown = self.shown(relative)
        text = self._text(relative)
        if text is None:
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
        except StopIteration:
            self.problem(Location(shown), "P904", "empty file", "restore it from git")
            return
        missing = [column for column in columns if column not in header]
        if missing:
            self.problem(
                Location(shown, 1),
                "P905",
                f"missing column(s) {', '.join(missing)}: the file was re-formatted",
                f"the build reads the columns {', '.join(columns)}",
            )
            return
        position = {column: index for index, column in enumerate(header)}
        for cells in reader:
            line = reader.line_num
            if not cells:
                continue
            if len(cells) != len(header):
                self.problem(
                    Location(shown, line),
                    "P906",
                    f"{len(cells)} cells where the header has {len(header)}: a truncated or broken row",
                    "restore the file from git",
                )
                continue
            yield Row(cells, position, shown, line)

    def _text(self, relative: str) -> str | None:
        path = self.folder / relative
        try:
            raw = path.read_bytes()
            if relative.endswith(".gz"):
                raw = gzip.decompress(raw)
            return raw.decode("utf-8-sig")
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            self.problem(Location(self.shown(relative)), "P904", f"cannot be read ({error})", "restore it")
        except UnicodeDecodeError as error:
            self.problem(
                Location(self.shown(relative)), "P904", f"not UTF-8 text ({error.reason})", "restore it"
            )
        return None

    def _manifest(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        path = self.folder / "manifest.csv"
        shown = self.shown("manifest.csv")
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            self.problem(Location(shown), "P901", f"no manifest ({error.strerror})", "restore it from git")
            return sources
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if tuple(reader.fieldnames or ()) != MANIFEST_COLUMNS:
            self.problem(
                Location(shown, 1), "P905", "unexpected header", f"expected {','.join(MANIFEST_COLUMNS)}"
            )
            return sources
        for cells in reader:
            source = Source(**{column: cells[column] or "" for column in MANIFEST_COLUMNS})
            if source.path in sources:
                self.problem(Location(shown, reader.line_num), "P907", f"{source.path} listed twice")
            sources[source.path] = source
        return sources


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _documentation(relative: str) -> bool:
    """Licence files and notes travel with the data but are not read by the build."""
    name = relative.rsplit("/", 1)[-1]
    return name in ("manifest.csv", "NOTES.md") or name.startswith(("LICENSE", "data.md"))
