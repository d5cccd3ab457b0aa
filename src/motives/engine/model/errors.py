"""Located problems and the one exception tree of the library.

Every problem a user can cause is a :class:`Problem`: where it is (file, line, column), a stable code,
what is wrong and what to do. Problems are collected, never raised one by one, so a run reports all of
them together. The tree below is turned into exit codes at one boundary, ``cli.py``:

    MotivesError                 base class; ``exit_code`` says how the CLI ends
    +-- InputError               files that cannot be used as they are (exit 1); carries the problems
    +-- InferenceLimitError      the engine stopped at its firing limit (exit 3)
    +-- EngineUnavailableError   an optional engine whose package is not installed (exit 1)

Anything else escaping the library is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2  # click's own code for a malformed command line
EXIT_INFERENCE = 3
EXIT_WARNINGS = 4  # `rules check`: the files can be used, but warnings were found
EXIT_TESTS_FAILED = 5  # `rules test`: a rule test case failed; `rules coverage`: below --min-coverage
EXIT_INTERNAL = 70


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file; line and column are 1-based, ``None`` when the whole file is meant."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, rendered as a single line."""

    location: Location
    code: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error": the input cannot be used; "warning": it can, but looks wrong

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity} {self.code} {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def to_data(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class MotivesError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = EXIT_INPUT


class InputError(MotivesError):
    """Input files that cannot be used; ``problems`` lists every problem found, in file order."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(shown_problems(self.problems)))


SHOWN_OF_A_KIND = 5


def shown_problems(problems: Iterable[Problem]) -> list[str]:
    """The lines of ``problems`` as shown to a person: at most five of one code in one file, then one
    line saying how many more there are (a file that is no fact file at all, like /etc/passwd, would
    give a line per line of it). ``problems`` itself keeps them all."""
    problems = tuple(problems)
    counts: dict[tuple[str, str], int] = {}
    for problem in problems:
        kind = (problem.location.path, problem.code)
        counts[kind] = counts.get(kind, 0) + 1
    lines: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for problem in problems:
        kind = (problem.location.path, problem.code)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= SHOWN_OF_A_KIND:
            lines.append(str(problem))
        elif seen[kind] == SHOWN_OF_A_KIND + 1:
            more = counts[kind] - SHOWN_OF_A_KIND
            summary = Problem(Location(kind[0]), kind[1], f"and {more} more like these", "", problem.severity)
            lines.append(str(summary))
    return lines


class InferenceLimitError(MotivesError):
    """The engine fired more rules than the limit allows: a rule base that does not settle."""

    exit_code = EXIT_INFERENCE


class EngineUnavailableError(MotivesError):
    """An optional engine was asked for but its package is not installed; the message names the extra."""

    exit_code = EXIT_INPUT


def did_you_mean(name: str, known: Iterable[str], listing: str = "") -> str:
    """A hint naming the closest known names, else the valid names (or ``listing``: where to find them)."""
    import difflib  # only where a name is wrong: every command's start would pay for it

    known = sorted({str(item) for item in known})
    scored = sorted(
        ((difflib.SequenceMatcher(None, name, candidate).ratio(), candidate) for candidate in known),
        key=lambda pair: (-pair[0], pair[1]),
    )
    # the same characters in another order ('=>' for '>=') is the likeliest slip of all
    anagrams = [candidate for candidate in known if sorted(candidate) == sorted(name)]
    # otherwise the best match, and others nearly as good: a list of loose guesses helps nobody
    close = anagrams or [
        candidate for score, candidate in scored[:3] if score >= 0.6 and score >= scored[0][0] - 0.05
    ]
    if close:
        return "did you mean " + " or ".join(repr(candidate) for candidate in close) + "?"
    if len(known) <= 12:
        return "expected one of: " + ", ".join(known)
    return (
        f"see {listing}"
        if listing
        else f"expected one of the {len(known)} names: {', '.join(known[:12])}, ..."
    )
