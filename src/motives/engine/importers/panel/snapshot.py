"""A country's facts at one date, computed from the sources; each value with the source it came from.

What no source gives stays unknown: a month without a report, a year without GDP, a peacekeeping rate
that cannot be worked out credibly. Nothing is carried forward from another date. A value that is only
a bound, or worked out rather than published, says so at the start of its source ("LOWER BOUND:",
"ESTIMATE:"), the convention every fact file uses.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from motives.engine.model.vocabulary import FactValue

from . import readers
from .history import Record, running_records
from .readers import Month, Rate, Sources
from .regions import Regions
from .sources import SourceFolder

# UN Charter, Art. 23: the permanent members (the Russian Federation continuing the USSR's seat).
PERMANENT = ("CHN", "FRA", "GBR", "RUS", "USA")
# GA res. 55/235 level C (7.5% discount) names Brunei Darussalam, Kuwait, Qatar, Singapore and the
# United Arab Emirates; Bahrain and the Bahamas have also been placed there. Their rate is not estimated.
LEVEL_C = ("ARE", "BHR", "BHS", "BRN", "KWT", "QAT", "SGP")
GENDER_FROM = dt.date(2009, 11, 30)  # the first month any source splits contributions by gender
FATALITIES_TO = dt.date(2025, 2, 18)  # the last incident in the export
COUNCIL_RECENT_YEARS = 10  # the vocabulary's "within the last 10 years"


@dataclass(frozen=True, slots=True)
class Value:
    name: str
    value: FactValue
    source: str
    origin: str  # the source file's path (or "overlay"), for the coverage table


class Panel:
    """The sources, indexed for asking about any country at any date."""

    def __init__(self, folder: SourceFolder, sources: Sources, regions: Regions) -> None:
        self.folder = folder
        self.sources = sources
        self.regions = regions
        self.months = sorted(sources.report_months)
        self.gender_months = {
            date
            for months in sources.months.values()
            for date, month in months.items()
            if month.female is not None and date >= GENDER_FROM
        }
        self._reports: dict[str, list[Month | None]] = {}
        self._records: dict[str, list[Record]] = {}

    @cached_property
    def ranks(self) -> dict[dt.date, dict[str, int]]:
        """Each month's rank of every contributor by uniformed personnel; ties share the better rank."""
        totals: dict[dt.date, list[tuple[int, str]]] = {}
        for iso3, months in self.sources.months.items():
            for date, month in months.items():
                if month.total > 0:
                    totals.setdefault(date, []).append((month.total, iso3))
        ranks: dict[dt.date, dict[str, int]] = {}
        for date, pairs in totals.items():
            ordered = sorted(pairs, reverse=True)
            ranks[date] = {}
            for index, (total, iso3) in enumerate(ordered):
                if index and total == ordered[index - 1][0]:
                    ranks[date][iso3] = ranks[date][ordered[index - 1][1]]
                else:
                    ranks[date][iso3] = index + 1
        return ranks

    def month(self, iso3: str, date: dt.date) -> Month | None:
        """The country's report at ``date``: its row, a row of zeros when the report does not list it,
        or None when there is no report that month."""
        found = self.sources.months.get(iso3, {}).get(date)
        if found is not None or date not in self.sources.report_months:
            return found
        women = 0 if date in self.gender_months else None  # a report that counts women counts none here
        return Month(date, 0, 0, 0, 0, women, 0, "", None)  # type: ignore[arg-type]

    def reports(self, iso3: str) -> list[Month | None]:
        """``month(iso3, d)`` for every report month ``d`` in order, worked out once per country: a
        country's history at each of its dates reads a prefix of it."""
        found = self._reports.get(iso3)
        if found is None:
            found = self._reports[iso3] = [self.month(iso3, date) for date in self.months]
        return found

    def member(self, iso3: str, year: int) -> bool:
        return any(rate.start <= year <= rate.end for rate in self.sources.scale.get(iso3, ()))

    def facts(self, iso3: str, date: dt.date) -> list[Value]:
        return [
            *self._contributions(iso3, date),
            *self._history(iso3, date),
            *self._regional(iso3, date),
            *self._missions_cumulative(iso3, date),
            *self._fatalities(iso3, date),
            *self._budget(iso3, date),
            *self._council(iso3, date),
            *self._economy(iso3, date),
            *self._leadership(iso3, date),
        ]

    # -- contributions ---------------------------------------------------------------------------

    def _report(self, month: Month) -> str:
        if month.location is None:
            return f"not among the contributors of the {month.date:%B %Y} report"
        return f"line {month.location.line} ({month.date:%Y-%m})"

    def _month_source(self, month: Month) -> tuple[str, str]:
        relative = month.source or (readers.MONTHLY if month.date.year >= 2015 else readers.IPI_FOLDER)
        cite = self.folder.cite(relative) if month.source else self._cite_reports(month.date)
        origin = readers.IPI_FOLDER if relative.startswith(readers.IPI_FOLDER) else relative
        return f"{cite}: {self._report(month)}", origin

    def _cite_reports(self, date: dt.date) -> str:
        if date.year >= 2015:
            return self.folder.cite(readers.MONTHLY)
        return "UN DPO via IPI Providing for Peacekeeping, ipi-ppp-1990-2014"

    def _contributions(self, iso3: str, date: dt.date) -> Iterator[Value]:
        month = self.month(iso3, date)
        if month is None:
            return
        source, origin = self._month_source(month)
        yield Value("uniformed_personnel", month.total, source, origin)
        yield Value("troops", month.troops, source, origin)
        yield Value("police", month.police, source, origin)
        yield Value("experts_on_mission", month.experts, source, origin)
        if month.female is not None:
            if month.source.startswith(readers.IPI_FOLDER):  # IPI's files give women from the gender file
                yield Value(
                    "female_personnel",
                    month.female,
                    f"{self.folder.cite(readers.GENDER)}: the {month.date:%Y-%m} rows of {iso3}, summed",
                    readers.GENDER,
                )
            else:
                yield Value("female_personnel", month.female, source, origin)
        if month.missions is not None:
            if month.source.startswith(readers.IPI_FOLDER):
                missions_source = (
                    f"{self.folder.cite(readers.GENDER)}: missions of the {month.date:%Y-%m} rows of {iso3}"
                )
                yield Value("missions_count", month.missions, missions_source, readers.GENDER)
            else:
                yield Value("missions_count", month.missions, source, origin)
        rank = self.ranks.get(date, {}).get(iso3)
        if rank is not None:
            yield Value(
                "contributor_rank",
                rank,
                f"rank by uniformed personnel among the {len(self.ranks[date])} contributors of the "
                f"{date:%Y-%m} report ({self._cite_reports(date).split(' (', 1)[0]})",
                origin,
            )

    def _history(self, iso3: str, date: dt.date) -> Iterator[Value]:
        index = bisect.bisect_right(self.months, date)
        record = self.records(iso3)[index]
        if record.months == 0:
            return
        cite = f"UN DPO monthly reports to {date:%Y-%m} (via IPI to 2014-03; by_country_month.csv.gz)"
        origin = "contributions history"
        yield Value("years_contributing", record.years, f"{cite}: years with personnel in any report", origin)
        if record.peak is None:
            return
        yield Value(
            "first_contribution_year", record.first_year, f"{cite}: first month with personnel", origin
        )
        peak = record.peak
        yield Value(
            "peak_personnel", peak.total, f"{cite}: the largest monthly total, {peak.date:%Y-%m}", origin
        )
        yield Value("peak_personnel_year", peak.date.year, f"{cite}: the year of the peak", origin)
        gaps = "2014-04 to 2014-12 and a few other months have no report"
        yield Value(
            "personnel_years",
            round(record.person_months / 12),
            f"LOWER BOUND: {cite}: the monthly totals summed and divided by 12; {gaps}",
            origin,
        )
        before = self.month(iso3, dt.date(date.year - 5, date.month, _day(date.year - 5, date)))
        current = self.month(iso3, date)
        if before is not None and current is not None:
            yield Value(
                "personnel_change_5y",
                current.total - before.total,
                f"{cite}: {current.total} in {date:%Y-%m} less {before.total} in {before.date:%Y-%m}",
                origin,
            )
        yield Value(
            "years_in_top_ten",
            record.top_ten_years,
            f"{cite}: December reports in which it ranked in the top ten",
            origin,
        )

    def records(self, iso3: str) -> list[Record]:
        """``records(iso3)[i]``: the country's record over the first ``i`` reports, worked out once."""
        found = self._records.get(iso3)
        if found is None:
            found = self._records[iso3] = running_records(iso3, self.months, self.reports(iso3), self.ranks)
        return found

    def _regional(self, iso3: str, date: dt.date) -> Iterator[Value]:
        """The share of its person-months over five years spent in missions hosted in its own region."""
        region = self.regions.of_state.get(iso3)
        start = dt.date(date.year - 5, date.month, _day(date.year - 5, date))
        months = {d: m for d, m in self.sources.by_mission.get(iso3, {}).items() if start < d <= date}
        total = sum(sum(missions.values()) for missions in months.values())
        if region is None or total == 0:
            return
        own = sum(
            count
            for missions in months.values()
            for mission, count in missions.items()
            if self.regions.hosts[mission].region == region
        )
        first, last = min(months), max(months)
        yield Value(
            "regional_deployment_pct",
            round(100 * own / total, 1),
            f"uniformed person-months in missions hosted in its own UN M49 region ({region}) over all, "
            f"in the {len(months)} monthly reports from {first:%Y-%m} to {last:%Y-%m} that name the missions "
            f"(Gender.Full.csv.gz, by_mission_country_type.csv.gz); mission hosts from "
            f"{readers.IPI_FOLDER}/_mission_level_data_mission.csv and data/mission_hosts.csv",
            readers.MONTHLY_MISSIONS,
        )

    def _missions_cumulative(self, iso3: str, date: dt.date) -> Iterator[Value]:
        seen: set[str] = set()
        for month, per_mission in self.sources.by_mission.get(iso3, {}).items():
            if month <= date:
                seen |= per_mission.keys()
        for year, missions in self.sources.missions_by_year_geo.get(iso3, {}).items():
            if year <= date.year:
                seen |= missions
        if seen:
            yield Value(
                "missions_cumulative",
                len(seen),
                f"LOWER BOUND: distinct missions with its personnel in {self.folder.cite(readers.GEO_PKO)} "
                f"to {min(date.year, 2024)}, Gender.Full.csv.gz and by_mission_country_type.csv.gz to "
                f"{date:%Y-%m}; nothing before 1994 is counted",
                readers.GEO_PKO,
            )

    def _fatalities(self, iso3: str, date: dt.date) -> Iterator[Value]:
        count = bisect.bisect_right(self.sources.fatalities.get(iso3, []), date)
        cite = self.folder.cite(readers.FATALITIES)
        if date > FATALITIES_TO:
            yield Value(
                "fatalities_cumulative",
                count,
                f"LOWER BOUND: {cite}: rows of nationality {iso3} to {FATALITIES_TO}, the export's last date",
                readers.FATALITIES,
            )
        else:
            yield Value(
                "fatalities_cumulative",
                count,
                f"{cite}: rows of nationality {iso3} dated on or before {date}",
                readers.FATALITIES,
            )

    # -- money -------------------------------------------------------------------------------------

    def _budget(self, iso3: str, date: dt.date) -> Iterator[Value]:
        regular = _in_force(self.sources.scale.get(iso3, ()), date.year)
        if regular is None:
            return
        period = f"{regular.start}-{regular.end}" if regular.end != regular.start else str(regular.start)
        yield Value(
            "regular_budget_share_pct",
            regular.rate,
            f"{self.folder.cite(readers.SCALE)}: {iso3}, scale period {period}",
            readers.SCALE,
        )
        published = _in_force(self.sources.peacekeeping.get(iso3, ()), date.year)
        if published is not None:
            yield Value(
                "budget_share_pct",
                published.rate,
                f"{self.folder.cite(readers.PEACEKEEPING_RATES)}: {iso3} {published.start}-{published.end}; "
                f"as published: {published.note}",
                readers.PEACEKEEPING_RATES,
            )
            return
        estimate = self._peacekeeping_estimate(iso3, date, regular)
        if estimate is not None:
            yield estimate

    def _peacekeeping_estimate(self, iso3: str, date: dt.date, regular: Rate) -> Value | None:
        """The peacekeeping rate by the levels of GA res. 55/235, only where the level is not in doubt.

        Level B (no discount) needs an income per head of at least twice the members' average; the
        estimate asks for 2.5 times, in GDP per head two years before the scale period, a margin for
        the difference between GDP and the GNI the scale uses. A least developed country pays 10% of
        its regular rate (level J; the current list, so from the 2019-21 scale only). A low- or
        lower-middle-income member, far below the average, pays 20% (level I). Anyone else, and the
        permanent members (level A, whose premium depends on everyone else): unknown.
        """
        if iso3 in PERMANENT or iso3 in LEVEL_C or date.year < 2001:  # levels apply from 1 July 2001
            return None
        group = self.income_group(iso3, date)
        base = regular.start - 2
        ratio = self._income_ratio(iso3, base)
        if iso3 in self.sources.least_developed:
            if date.year < 2019:
                return None
            level, factor, why = "J", 0.1, "a least developed country (UN M49 list)"
        elif ratio is not None and ratio >= 2.5:
            level, factor, why = "B", 1.0, f"GDP per head {ratio:.1f} times the members' average in {base}"
        elif group in ("low", "lower-middle"):
            level, factor, why = "I", 0.2, f"World Bank income group {group}"
        else:
            return None
        return Value(
            "budget_share_pct",
            round(regular.rate * factor, 4),
            f"ESTIMATE, not a published rate: regular rate {regular.rate}% ({regular.start}-{regular.end}) x "
            f"{factor}, level {level} of GA res. 55/235 as {why} ({self.folder.cite(readers.INCOME)}; "
            f"{self.folder.cite(readers.GDP)})",
            "estimate (GA res. 55/235 levels)",
        )

    @cached_property
    def _average_income(self) -> dict[int, float]:
        """GDP per head of all members together, by year: total GDP over total population."""
        totals: dict[int, list[float]] = {}
        members = {iso3 for iso3 in self.sources.scale}
        for iso3 in members:
            people = self.sources.population.get(iso3, {})
            for year, gdp in self.sources.gdp.get(iso3, {}).items():
                if year in people:
                    pair = totals.setdefault(year, [0.0, 0.0])
                    pair[0] += gdp
                    pair[1] += people[year]
        return {year: gdp / people for year, (gdp, people) in totals.items()}

    def _income_ratio(self, iso3: str, year: int) -> float | None:
        gdp = self.sources.gdp.get(iso3, {}).get(year)
        people = self.sources.population.get(iso3, {}).get(year)
        average = self._average_income.get(year)
        if gdp is None or people is None or average is None:
            return None
        return gdp / people / average

    def income_group(self, iso3: str, date: dt.date) -> str | None:
        """The World Bank group in force: fiscal year FYnn runs from July of nn-1 to June of nn."""
        fiscal = date.year + 1 if date.month >= 7 else date.year
        return self.sources.income.get(iso3, {}).get(fiscal)

    def _economy(self, iso3: str, date: dt.date) -> Iterator[Value]:
        fiscal = date.year + 1 if date.month >= 7 else date.year
        group = self.income_group(iso3, date)
        if group is not None:
            yield Value(
                "income_group",
                group,
                f"{self.folder.cite(readers.INCOME)}: {iso3} FY{fiscal % 100:02d}, in force at {date}",
                readers.INCOME,
            )
        gdp = self.sources.gdp.get(iso3, {}).get(date.year)
        people = self.sources.population.get(iso3, {}).get(date.year)
        if gdp is not None and people is not None:
            yield Value(
                "gdp_per_capita_usd",
                round(gdp / people, 2),
                f"{self.folder.cite(readers.GDP)} over {self.folder.cite(readers.POPULATION)}: "
                f"{iso3} {date.year}",
                readers.GDP,
            )

    # -- Council and leadership ----------------------------------------------------------------

    def _council(self, iso3: str, date: dt.date) -> Iterator[Value]:
        cite = self.folder.cite(readers.COUNCIL[0])
        years = sorted(year for year in self.sources.council_years.get(iso3, ()) if year <= date.year)
        permanent = iso3 in PERMANENT
        yield Value(
            "unsc_permanent", permanent, "UN Charter, Art. 23 (the five permanent members)", "UN Charter"
        )
        yield Value(
            "unsc_member",
            date.year in years,
            f"{cite}: {'listed' if date.year in years else 'not listed'} for {date.year}",
            readers.COUNCIL[0],
        )
        if permanent:
            yield Value(
                "unsc_elected_recently",
                False,
                "UN Charter, Art. 23: a permanent member is not elected",
                "UN Charter",
            )
            return
        recent = [year for year in years if year > date.year - COUNCIL_RECENT_YEARS]
        yield Value(
            "unsc_elected_recently",
            bool(recent),
            f"{cite}: elected years {date.year - COUNCIL_RECENT_YEARS + 1}-{date.year}: "
            f"{', '.join(map(str, recent)) or 'none'}",
            readers.COUNCIL[0],
        )
        yield Value(
            "unsc_terms",
            _terms(years),
            f"{cite}: elected years to {date.year}: {', '.join(map(str, years)) or 'none'} "
            "(consecutive years counted as two-year terms)",
            readers.COUNCIL[0],
        )

    def _leadership(self, iso3: str, date: dt.date) -> Iterator[Value]:
        held = [a for a in self.sources.appointments if a.iso3 == iso3 and _held_by(a, date.year)]
        if not held:
            return
        cite = self.folder.cite(readers.APPOINTMENTS)
        yield Value(
            "leadership_posts",
            len(held),
            f"LOWER BOUND: {cite}, a partial list (21 missions): appointments begun by {date.year}",
            readers.APPOINTMENTS,
        )
        commanders = [a for a in held if a.role == "force_commander"]
        if commanders:
            yield Value(
                "force_commanders_count",
                len(commanders),
                f"LOWER BOUND: {cite}, a partial list (21 missions): force commanders appointed by "
                f"{date.year}",
                readers.APPOINTMENTS,
            )


def _in_force(rates: object, year: int) -> Rate | None:
    for rate in rates:  # type: ignore[attr-defined]
        if rate.start <= year <= rate.end:
            return rate  # type: ignore[no-any-return]
    return None


def _terms(years: list[int]) -> int:
    """Elected terms in a list of Council years: each run of consecutive years is terms of two years."""
    terms, run = 0, 0
    for index, year in enumerate(years):
        run = run + 1 if index and year == years[index - 1] + 1 else 1
        if run % 2 == 1:
            terms += 1
    return terms


def _held_by(appointment: readers.Appointment, year: int) -> bool:
    if appointment.start is not None:
        return appointment.start <= year
    return appointment.end is not None and appointment.end <= year


def _day(year: int, date: dt.date) -> int:
    """The same day of the month ``year`` years on, 28 February standing in for 29 February."""
    if date.month == 2 and date.day == 29:
        return 28 if year % 4 else 29
    if date.month == 2 and date.day == 28:
        return 29 if (year % 4 == 0 and (year % 100 or year % 400 == 0)) else 28
    return date.day
