"""The cells of the UN's files read as values: column names, reporting dates, counts, ranks and rates.

Each reader returns None for a cell it cannot read; the row's reader says why, and skips the row.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from motives.engine.model.vocabulary import MAX_MAGNITUDE

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED_MONTH = re.compile(r"(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{4}|\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_DASHED = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4}|\d{2})")
_TIME_OF_DAY = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?(AM|PM|am|pm))?(Z|[+-]\d{2}:?\d{2})?$")
_WHOLE = re.compile(r"[0-9]+(\.0*)?")


def column_name(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().lstrip("\ufeff").strip().lower())


def parse_date(text: str) -> dt.date | None:
    """A reporting date in any of the UN's export formats: ``2021-01-31``, ``31-Jan-21``, ``31/01/2021``
    (day first, month first when that is the only reading) and ``01-31-21`` (month first, likewise).
    Two-digit years 69-99 are 1969-1999, the others 2000-2068 (as ``strptime``'s ``%y``)."""
    text = _TIME_OF_DAY.sub("", text.strip())
    if match := _ISO_DATE.fullmatch(text):
        return _valid_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NAMED_MONTH.fullmatch(text):
        month = next((i for i, name in enumerate(_MONTHS, 1) if name.startswith(match[2].lower())), None)
        return _valid_date(_year(match[3]), month, int(match[1])) if month else None
    for pattern, day_first in ((_SLASHED, True), (_DASHED, False)):
        if match := pattern.fullmatch(text):
            first, second, year = int(match[1]), int(match[2]), _year(match[3])
            day, month = (first, second) if day_first else (second, first)
            return _valid_date(year, month, day) or _valid_date(year, day, month)
    return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return year + (1900 if year >= 69 else 2000)
    return year


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_whole(text: str) -> int | None:
    """A whole number no fact could exceed (a 5,000-digit cell is no count: int() would refuse it)."""
    text = text.replace(",", "").replace(" ", "")
    if not _WHOLE.fullmatch(text) or len(text.split(".")[0].lstrip("0")) > len(str(int(MAX_MAGNITUDE))):
        return None
    number = int(text.split(".")[0])
    return number if number <= MAX_MAGNITUDE else None


def parse_count(text: str) -> int | None:
    """A head count; an empty cell is 0 (the UN's exports leave zeros out)."""
    return 0 if not text.strip() else parse_whole(text)


def parse_rate(text: str) -> float | None:
    try:
        rate = float(text.strip().rstrip("%").strip())
    except ValueError:
        return None
    return rate if math.isfinite(rate) and 0 <= rate <= 100 else None


def day_text(date: dt.date) -> str:
    """``31 Jan 2021``: a reporting date as the sources and messages give it."""
    return f"{date.day} {_MONTHS[date.month - 1][:3].title()} {date.year}"
