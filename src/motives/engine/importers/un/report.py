"""What an import did: the report of ``motives facts import`` and the words it is shown in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motives.engine.model.errors import Problem

IMPORT_MARK = "(imported by motives)"  # ends every source the import writes: such facts may be replaced

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """One fact file of the import: what was (or, in a dry run, would be) done to it."""

    path: str
    iso3: str
    as_of: dt.date
    action: str  # CREATED, UPDATED, UNCHANGED or FAILED (not written; see the problems)
    changed: tuple[str, ...] = ()  # the facts added or replaced


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read, skipped and wrote; ``problems`` holds the skipped rows and any refusals."""

    files: tuple[ImportedFile, ...]
    problems: tuple[Problem, ...]
    rows_read: int
    rows_skipped: int
    rows_outside: int  # outside the countries or dates asked for
    written: bool
    dry_run: bool

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == "error")

    def count(self, action: str) -> int:
        return sum(1 for file in self.files if file.action == action)

    def summary(self) -> str:
        """The report in words, one file per line for those created, updated or failed, then the totals."""
        lines = [
            f"read {self.rows_read} rows: {self.rows_skipped} skipped, "
            f"{self.rows_outside} outside the countries and dates asked for"
        ]
        verbs = {} if self.written else {CREATED: "would create", UPDATED: "would update"}
        for file in self.files:
            if file.action != UNCHANGED:
                done = "not written" if file.action == FAILED else verbs.get(file.action, file.action)
                lines.append(f"{done} {file.path}" + (f": {', '.join(file.changed)}" if file.changed else ""))
        totals = ", ".join(
            f"{self.count(action)} {action}" for action in (CREATED, UPDATED, UNCHANGED, FAILED)
        )
        if not self.files and not self.errors:
            lines.append("no country and reporting date found: nothing to write")
        elif self.dry_run:
            lines.append(f"fact files: {totals} (dry run: nothing written)")
        elif not self.written:
            conflicts = sum(1 for problem in self.errors if problem.code == "I711")
            lines.append(
                f"nothing written: {counted(len(self.errors), 'error')}, "
                f"{counted(conflicts, 'conflict')} with facts not imported by motives "
                "(--force replaces those)"
            )
        else:
            lines.append(f"fact files: {totals}")
        return "\n".join(lines) + "\n"


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
