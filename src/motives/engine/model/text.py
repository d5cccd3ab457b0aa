"""Text from files shown to people: characters that could forge or hide output, and Markdown.

A terminal obeys control characters (an escape sequence retitles it, ``\\r`` or ``\\b`` overwrites what
was printed) and bidirectional controls (U+202E) reorder what is shown; a newline inside a name would
print a line of its own; a lone surrogate (from a file name that is not UTF-8) cannot be written at all.
Names refuse all of them when loaded (:func:`unsafe_problem`); every output escapes whatever else carries
them (:func:`escape_unsafe`). Markdown outputs escape the characters that
would make a cell or a line into markup (:func:`markdown_text`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .errors import Location, Problem

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _unsafe(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cs", "Zl", "Zp") or character in _BIDI


# The same characters as one class, for a scan in C: every output passes through escape_unsafe. Cc is
# U+0000-U+001F and U+007F-U+009F, Cs the surrogates, Zl U+2028 and Zp U+2029 (a test compares this with
# _unsafe over every code point).
_UNSAFE_CLASS = "\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029" + _BIDI


@functools.cache
def _unsafe_pattern(keep: str) -> re.Pattern[str]:
    kept = f"(?![{re.escape(keep)}])" if keep else ""
    return re.compile(f"{kept}[{_UNSAFE_CLASS}]")


def has_unsafe(text: str, keep: str = "") -> bool:
    """Whether ``text`` holds a control, line-breaking or bidirectional character not in ``keep``."""
    return _unsafe_pattern(keep).search(text) is not None


def unsafe_problem(text: str, where: Location, what: str) -> Problem | None:
    """The located problem of a name holding a control, line-breaking or bidirectional character."""
    found = [character for character in text if _unsafe(character)]
    if not found:
        return None
    shown = ", ".join(dict.fromkeys(f"U+{ord(character):04X}" for character in found))
    return Problem(
        where,
        "S205",
        f"{what} holds control or bidirectional characters ({shown})",
        "write it as plain text on one line",
    )


def escape_unsafe(text: str, keep: str = "\n") -> str:
    """``text`` with each control, line-breaking or bidirectional character but those in ``keep`` written
    as a visible ``\\uXXXX`` (which JSON reads back as the same character)."""
    if not has_unsafe(text, keep):
        return text  # the common case, checked fast
    return "".join(
        f"\\u{ord(character):04x}" if _unsafe(character) and character not in keep else character
        for character in text
    )


_MARKDOWN = re.compile(r"([\\`*_\[\]<>|&~!#])")


def markdown_text(text: str) -> str:
    """``text`` as one inline Markdown span: markup characters backslash-escaped (so ``|`` cannot add a
    table cell, ``<img ...>`` is no HTML, ``#`` no heading) and line breaks turned into spaces."""
    one_line = " ".join(escape_unsafe(text, keep="\n\r\u2028\u2029").split())
    return _MARKDOWN.sub(r"\\\1", one_line)


def encoding_problem(error: UnicodeEncodeError, where: str) -> Problem:
    """The located problem of an output that cannot hold a character of its text (a terminal whose
    encoding is not UTF-8, such as ``PYTHONIOENCODING=latin-1``)."""
    found = error.object[error.start : error.end] if isinstance(error.object, str) else ""
    shown = ", ".join(dict.fromkeys(f"U+{ord(character):04X}" for character in found))
    return Problem(
        Location(where),
        "O906",
        f"cannot be written in the {error.encoding} encoding: it has no {shown or 'such character'}",
        "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale), or write to a file with -o",
    )


def excerpt(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of ``text`` quoted from an input, with how much was left out: a
    message never echoes a whole file or a 5,000-digit argument."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted as a message shows a value read from a file: at most ``limit`` characters of it,
    then how many more, so that a message never echoes a whole file (``classify /etc/passwd``)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text) - limit:,} more characters)"


def counted(count: int, singular: str, plural: str) -> str:
    """``1 country``, ``2 countries``: a count with its noun in the right number."""
    return f"{count} {singular if count == 1 else plural}"
