"""The kinds of file the import reads, told apart by their header: one module each, registered here.

To read another kind: a module beside these with its columns and the reader of one file (a frozen
dataclass taking the Reading, the path shown in messages and the file's name, with ``row`` and
``done``), an entry in FORMATS, and a word in UNKNOWN_HINT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from . import contributions, rankings, scale
from .reading import Cell, Reading


class FileReader(Protocol):
    """One file of a known kind while it is read: each of its rows in order, then ``done`` once."""

    def row(self, line: int, cell: Cell) -> None: ...

    def done(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Format:
    """A kind of file: the column only its header names, the columns read, and its file reader."""

    marker: str
    columns: tuple[str, ...]  # in the order the I702 hint names them
    reader: Callable[[Reading, str, str], FileReader]  # (reading, path shown, file name) -> a fresh one


# tried in this order: the first whose marker the header names reads the file
FORMATS = (
    Format("personnel_contribution_rank", rankings.COLUMNS, rankings.RankingFile),
    Format("personnel_type", contributions.COLUMNS, contributions.ContributionsFile),
    Format("iso3", scale.COLUMNS, scale.ScaleFile),
)

UNKNOWN_HINT = (
    "expected the UN's contributions file (Personnel_Type, ...), its ranking file "
    "(Personnel_Contribution_Rank, ...) or a scale of assessments (iso3,year,rate)"
)
