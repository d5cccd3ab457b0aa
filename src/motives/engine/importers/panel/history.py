"""A country's contributions over a run of monthly reports, summed once for every prefix of them: each
snapshot of the panel reads the record of the reports up to its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .readers import Month


@dataclass(frozen=True, slots=True)
class Record:
    """A country's contributions over a run of monthly reports."""

    months: int  # reports that list it or count it as none
    years: int  # distinct years with personnel in any report
    first_year: int  # the first of them (0 when none)
    peak: Month | None  # the earliest report with the largest total, None without personnel
    person_months: int  # the reports' totals summed
    top_ten_years: int  # December reports in which it ranked in the top ten


def running_records(
    iso3: str,
    months: Sequence[dt.date],
    reports: Sequence[Month | None],
    ranks: Mapping[dt.date, Mapping[str, int]],
) -> list[Record]:
    """``[i]`` sums up the first ``i`` of the ``reports`` (one per report month, None where there was
    no report), in one pass."""
    record = Record(0, 0, 0, None, 0, 0)
    found = [record]
    years: set[int] = set()
    for date, month in zip(months, reports, strict=True):
        count, person_months, peak = record.months, record.person_months, record.peak
        if month is not None:
            count += 1
            person_months += month.total
            if month.total > 0:
                years.add(month.date.year)
                if peak is None or month.total > peak.total:  # the earliest of equal peaks
                    peak = month
        top_ten = record.top_ten_years
        if date.month == 12 and ranks.get(date, {}).get(iso3, 99) <= 10:
            top_ten += 1
        record = Record(count, len(years), min(years, default=0), peak, person_months, top_ten)
        found.append(record)
    return found
