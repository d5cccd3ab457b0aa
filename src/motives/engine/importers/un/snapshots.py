"""The facts of each country and reporting date, derived from what the UN's files say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motives.engine.model.vocabulary import FactValue


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The imported facts of one country at one reporting date, each with its source."""

    iso3: str
    as_of: dt.date
    facts: tuple[tuple[str, FactValue, str], ...]  # name, value, source; in vocabulary order
