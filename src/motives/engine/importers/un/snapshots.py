"""The facts of each country and reporting date, derived from what the UN's files say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from motives.engine.model.errors import Problem
from motives.engine.model.vocabulary import FACTS, FactValue

from .cells import day_text
from .reading import Reading
from .report import IMPORT_MARK


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The imported facts of one country at one reporting date, each with its source."""

    iso3: str
    as_of: dt.date
    facts: tuple[tuple[str, FactValue, str], ...]  # name, value, source; in vocabulary order


def snapshots_of(reading: Reading, problems: list[Problem]) -> list[Snapshot]:
    """One snapshot per country and reporting date read, in order; where a ranking file's totals differ
    from a contributions file's, the latter are kept, with a warning (I710)."""
    snapshots = []
    for iso3, date in sorted(set(reading.personnel) | set(reading.ranks)):
        found: dict[str, tuple[FactValue, str]] = {}
        day = day_text(date)
        personnel = reading.personnel.get((iso3, date))
        rank = reading.ranks.get((iso3, date))
        if personnel is not None:
            source = f"UN DPO {personnel.file}, reporting date {day} {IMPORT_MARK}"
            found["uniformed_personnel"] = (personnel.total, source)
            found["troops"] = (personnel.troops, source)
            found["police"] = (personnel.police, source)
            found["female_personnel"] = (personnel.female, source)
            found["missions_count"] = (personnel.missions, source)
        if rank is not None:
            source = f"UN DPO {rank.file}, reporting date {day} {IMPORT_MARK}"
            found["contributor_rank"] = (rank.rank, source)
            if personnel is None:
                found["uniformed_personnel"] = (rank.total, source)
                found["female_personnel"] = (rank.female, source)
            elif (rank.total, rank.female) != (personnel.total, personnel.female):
                problems.append(
                    Problem(
                        rank.location,
                        "I710",
                        f"{iso3}: {rank.total} personnel ({rank.female} women) here, but "
                        f"{personnel.total} ({personnel.female}) in {personnel.file}; that file's are kept",
                        "check that both files are of the same month",
                        severity="warning",
                    )
                )
        rate = reading.rates.get((iso3, date.year))
        if rate is not None:
            source = (
                f"UN peacekeeping scale of assessments ({rate.file}), rate for {date.year}, "
                f"the year of reporting date {day} {IMPORT_MARK}"
            )
            found["budget_share_pct"] = (rate.rate, source)
        facts = tuple((name, *found[name]) for name in FACTS if name in found)
        snapshots.append(Snapshot(iso3, date, facts))
    return snapshots
