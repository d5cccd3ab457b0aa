"""Each copied source read into typed records, every row checked and every problem located.

Counts are whole numbers >= 0 ("NA" in the IPI files means none of that kind was reported); a country
named in no table, a negative count, a duplicate row or a month with two different totals is a located
problem. Dates are month ends.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from motives.engine.model.errors import Location

from .names import NameTable
from .sources import Row, SourceFolder

IPI_FOLDER = "un-contributions/ipi-ppp-1990-2014"
GENDER = "un-contributions/ipi-gender-2009-2014/Gender.Full.csv.gz"
MONTHLY = "un-contributions/un-monthly-2015-2025/by_country_month.csv.gz"
MONTHLY_MISSIONS = "un-contributions/un-monthly-2015-2025/by_mission_country_type.csv.gz"
FATALITIES = "fatalities/DPPADPOSS-FATALITIES.csv"
COUNCIL = (
    "security-council/DPPA-SCMEMBERSHIP.csv",
    "security-council/DPPA-SCMEMBERSHIP_2025-2027_TRANSCRIBED.csv",
)
INCOME = "world-bank/income_group_history_long.csv"
GDP = "world-bank/gdp_current_usd.csv"
POPULATION = "world-bank/population.csv"
SCALE = "un-scale/regular_budget_scale_long.csv"
PEACEKEEPING_RATES = "un-scale/peacekeeping_rates_known.csv"
M49 = "un-scale/unsd_m49_names.csv"
APPOINTMENTS = "leadership/appointments.csv"
GEO_PKO = "geo-pko/TCCMap_v.2.3.csv"

INCOME_CODES = {"L": "low", "LM": "lower-middle", "UM": "upper-middle", "H": "high"}


@dataclass(frozen=True, slots=True)
class Month:
    """A country's uniformed personnel in one month's report."""

    date: dt.date
    total: int
    troops: int  # troops and staff officers
    police: int  # individual police and formed police units
    experts: int  # military experts on mission (observers)
    female: int | None  # None: the source does not split by gender
    missions: int | None  # None: the source has no mission column that month
    source: str  # relative path of the file
    location: Location


@dataclass(frozen=True, slots=True)
class Rate:
    start: int
    end: int
    rate: float
    source: str  # relative path
    note: str = ""


@dataclass(frozen=True, slots=True)
class Appointment:
    iso3: str
    role: str  # force_commander, head_of_mission, police_commissioner, ...
    mission: str
    start: int | None
    end: int | None
    url: str


@dataclass
class Sources:
    """Everything the build reads, by ISO3 code."""

    months: dict[str, dict[dt.date, Month]] = field(default_factory=lambda: defaultdict(dict))
    # uniformed personnel per mission (those with any) in the months whose source names the mission
    by_mission: dict[str, dict[dt.date, dict[str, int]]] = field(default_factory=lambda: defaultdict(dict))
    mission_seen: dict[str, Location] = field(default_factory=dict)  # each mission named, at its first row
    missions_by_year_geo: dict[str, dict[int, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    fatalities: dict[str, list[dt.date]] = field(default_factory=lambda: defaultdict(list))
    council_years: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    council_rows: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))  # where each
    income: dict[str, dict[int, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # fiscal year -> group
    gdp: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    population: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    scale: dict[str, list[Rate]] = field(default_factory=lambda: defaultdict(list))
    peacekeeping: dict[str, list[Rate]] = field(default_factory=lambda: defaultdict(list))
    least_developed: set[str] = field(default_factory=set)
    appointments: list[Appointment] = field(default_factory=list)
    report_months: set[dt.date] = field(default_factory=set)  # months with a complete contributions report


def m49_names(folder: SourceFolder) -> tuple[dict[str, str], set[str]]:
    """UN M49 names to ISO3, and the least developed countries (the M49 list's current LDC flag)."""
    names: dict[str, str] = {}
    least: set[str] = set()
    for row in folder.rows(M49, ("Country or Area", "ISO-alpha3 Code", "Least Developed Countries (LDC)")):
        names[row["Country or Area"]] = row["ISO-alpha3 Code"]
        if row["Least Developed Countries (LDC)"].strip() == "x":
            least.add(row["ISO-alpha3 Code"])
    for row in folder.rows(SCALE, ("iso3", "country")):
        names.setdefault(row["country"], row["iso3"])
    return names, least


def read_all(folder: SourceFolder, names: NameTable, least: set[str]) -> Sources:
    sources = Sources(least_developed=least)
    _ipi(folder, names, sources)
    _gender(folder, sources)
    _monthly(folder, names, sources)
    _monthly_missions(folder, names, sources)
    _geo_pko(folder, names, sources)
    _fatalities(folder, sources)
    _council(folder, names, sources)
    _income(folder, sources)
    _economy(folder, GDP, sources.gdp)
    _economy(folder, POPULATION, sources.population)
    _scale(folder, sources)
    _appointments(folder, sources)
    return sources


def _count(folder: SourceFolder, row: Row, column: str, blank_is_zero: bool = False) -> int | None:
    text = row[column].strip()
    if text in ("NA", "") and blank_is_zero:
        return 0
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        folder.problem(
            row.location, "P913", f"{column} is {text!r}, not a number", "restore the file from git"
        )
        return None
    if number < 0 or not number.is_integer():
        folder.problem(
            row.location,
            "P913",
            f"{column} is {text}: counts are whole numbers >= 0",
            "restore the file from git",
        )
        return None
    return int(number)


def _date(folder: SourceFolder, row: Row, column: str) -> dt.date | None:
    text = row[column].strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        folder.problem(
            row.location, "P914", f"{column} is {text!r}, not a date YYYY-MM-DD", "restore the file"
        )
        return None


def _year(folder: SourceFolder, row: Row, column: str, blank: bool = False) -> int | None:
    text = row[column].strip()
    if text == "" and blank:
        return None
    try:
        return int(float(text))  # the cross-check list writes 2000 as "2e3"
    except ValueError:
        folder.problem(row.location, "P914", f"{column} is {text!r}, not a year", "restore the file")
        return None


def _keep_month(folder: SourceFolder, sources: Sources, iso3: str, month: Month) -> None:
    """One report per country and month: the same row twice is a duplicate, two totals a contradiction."""
    previous = sources.months[iso3].get(month.date)
    if previous is None:
        sources.months[iso3][month.date] = month
        return
    if previous.total != month.total:
        folder.problem(
            month.location,
            "P911",
            f"{iso3} {month.date:%Y-%m} has a second total, {month.total}, besides {previous.total} "
            f"at {previous.location}",
            "keep one of the two rows, or map one of the names to another code in data/names.csv",
        )
    else:
        folder.problem(
            month.location,
            "P912",
            f"duplicate row: {iso3} {month.date:%Y-%m} is also at {previous.location}",
            "remove one of the two rows",
        )


def _ipi(folder: SourceFolder, names: NameTable, sources: Sources) -> None:
    for relative in sorted(path for path in folder.sources if path.startswith(IPI_FOLDER + "/")):
        name = relative.rsplit("/", 1)[-1]
        if name.startswith("_") or not name.endswith(".csv"):
            continue
        iso3 = names.iso3(name[: -len(".csv")], folder_location(folder, relative))
        for row in folder.rows(relative, ("Date", "Troops", "Police", "Experts")):
            date = _date(folder, row, "Date")
            counts = [
                _count(folder, row, column, blank_is_zero=True) for column in ("Troops", "Police", "Experts")
            ]
            if date is None or iso3 is None or None in counts:
                continue
            troops, police, experts = (count or 0 for count in counts)
            sources.report_months.add(date)
            month = Month(
                date, troops + police + experts, troops, police, experts, None, None, relative, row.location
            )
            _keep_month(folder, sources, iso3, month)


def folder_location(folder: SourceFolder, relative: str) -> Location:
    return Location(folder.shown(relative))


def _gender(folder: SourceFolder, sources: Sources) -> None:
    """Women and missions per country and month, 2009-11 to 2014-02, from the mission-level file."""
    female: dict[tuple[str, dt.date], int] = defaultdict(int)
    for row in folder.rows(GENDER, ("Date", "Contributor ISO-3", "Mission", "Total Female", "Total Total")):
        date = _date(folder, row, "Date")
        women = _count(folder, row, "Total Female", blank_is_zero=True)
        total = _count(folder, row, "Total Total", blank_is_zero=True)
        iso3 = row["Contributor ISO-3"].strip()
        if date is None or women is None or total is None or not iso3:
            continue
        female[iso3, date] += women
        if total > 0:
            _add_to_mission(sources, iso3, date, row["Mission"].strip(), total, row.location)
    for (iso3, date), women in female.items():
        month = sources.months.get(iso3, {}).get(date)
        if month is not None:
            count = len(sources.by_mission.get(iso3, {}).get(date, ()))
            sources.months[iso3][date] = replace(month, female=women, missions=count)


def _monthly(folder: SourceFolder, names: NameTable, sources: Sources) -> None:
    columns: tuple[str, ...] = ("report_date", "country", "uniformed_total", "troops", "staff_officers")
    columns += ("experts_on_mission", "police", "female", "missions_count")
    for row in folder.rows(MONTHLY, columns):
        date = _date(folder, row, "report_date")
        iso3 = names.iso3(row["country"], row.location)
        counts = {column: _count(folder, row, column) for column in columns[2:]}
        if date is None or iso3 is None:
            continue
        if any(counts[column] is None for column in columns[2:7]):
            folder.problem(row.location, "P913", "a personnel count is blank", "restore the file from git")
            continue
        troops = (counts["troops"] or 0) + (counts["staff_officers"] or 0)
        month = Month(
            date,
            counts["uniformed_total"] or 0,
            troops,
            counts["police"] or 0,
            counts["experts_on_mission"] or 0,
            counts["female"],
            counts["missions_count"],
            MONTHLY,
            row.location,
        )
        if month.troops + month.police + month.experts != month.total:
            folder.problem(
                row.location,
                "P915",
                f"the personnel types add up to {month.troops + month.police + month.experts}, "
                f"not to uniformed_total {month.total}",
                "restore the file from git",
            )
            continue
        sources.report_months.add(date)
        _keep_month(folder, sources, iso3, month)


def _monthly_missions(folder: SourceFolder, names: NameTable, sources: Sources) -> None:
    for row in folder.rows(MONTHLY_MISSIONS, ("report_date", "mission", "country", "total")):
        date = _date(folder, row, "report_date")
        iso3 = names.iso3(row["country"], row.location)
        total = _count(folder, row, "total")
        if date is None or iso3 is None or not total or not row["mission"].strip():
            continue  # a blank mission: the 2018-03 to 2019-08 layout names none
        _add_to_mission(sources, iso3, date, row["mission"].strip(), total, row.location)


def _add_to_mission(
    sources: Sources, iso3: str, date: dt.date, mission: str, total: int, where: Location
) -> None:
    """Personnel per mission, for the months whose report names the mission."""
    per_mission = sources.by_mission[iso3].setdefault(date, {})
    per_mission[mission] = per_mission.get(mission, 0) + total
    sources.mission_seen.setdefault(mission, where)


_GEO_SPLIT = re.compile(r",\s*(?![^()]*\))")  # commas outside parentheses
_GEO_SIZE = re.compile(r"\s*\((?:[0-9][0-9,.]*|[^)]*size[^)]*|[^)]*unknown[^)]*)\)\s*$")


def _geo_pko(folder: SourceFolder, names: NameTable, sources: Sources) -> None:
    """Which contributors Geo-PKO's maps show in each mission and year ("Korea (ROK) (150), Nepal (size
    unknown)"): presence only, sizes ignored."""
    for row in folder.rows(GEO_PKO, ("mission", "year", "year.overview")):
        year = _year(folder, row, "year")
        overview = row["year.overview"].strip()
        if year is None or overview in ("", "NA"):
            continue
        for entry in _GEO_SPLIT.split(overview):
            name = _GEO_SIZE.sub("", entry).strip()
            if not name:
                continue
            iso3 = names.iso3(name, row.location)
            if iso3 is not None:
                sources.missions_by_year_geo[iso3].setdefault(year, set()).add(row["mission"].strip())


def _fatalities(folder: SourceFolder, sources: Sources) -> None:
    for row in folder.rows(FATALITIES, ("incident_date", "type_of_casualty", "isocode3")):
        date = _date(folder, row, "incident_date")
        iso3 = row["isocode3"].strip()
        if date is not None and iso3 and row["type_of_casualty"].strip() == "Fatality":
            sources.fatalities[iso3].append(date)
    for dates in sources.fatalities.values():
        dates.sort()


# The rows whose names were lost in the export (data/sources/NOTES.md names them by year).
COUNCIL_BLANKS = {
    1951: "TUR", 1952: "TUR", 1954: "TUR", 1955: "TUR", 1961: "TUR", 2009: "TUR", 2010: "TUR",
    1964: "CIV", 1965: "CIV", 1990: "CIV", 1991: "CIV", 2018: "CIV", 2019: "CIV",
    2026: "COD", 2027: "COD",  # the transcription: "probably DR Congo"; after every snapshot of the panel
}  # fmt: skip


def _council(folder: SourceFolder, names: NameTable, sources: Sources) -> None:
    for relative in COUNCIL:
        for row in folder.rows(relative, ("year", "security_council_member")):
            year = _year(folder, row, "year")
            name = row["security_council_member"].strip()
            if year is None:
                continue
            iso3 = COUNCIL_BLANKS.get(year) if not name else names.iso3(name, row.location)
            if not name and iso3 is None:
                folder.problem(row.location, "P910", f"a {year} member without a name", "restore the file")
            if iso3 is None:
                continue
            sources.council_years[iso3].add(year)
            sources.council_rows[iso3].setdefault(year, str(row.location))


def _income(folder: SourceFolder, sources: Sources) -> None:
    for row in folder.rows(INCOME, ("iso3", "wb_fiscal_year", "code")):
        fiscal = row["wb_fiscal_year"].strip()
        code = row["code"].strip().rstrip("*")  # a footnote mark (Yemen's FY89-90 figures)
        if not re.fullmatch(r"FY[0-9]{2}", fiscal):
            folder.problem(
                row.location, "P914", f"wb_fiscal_year is {fiscal!r}, not FYnn", "restore the file"
            )
            continue
        if code in ("", ".."):
            continue  # not classified that year: unknown
        if code not in INCOME_CODES:
            folder.problem(
                row.location, "P916", f"income code {code!r} is none of L, LM, UM, H", "restore it"
            )
            continue
        short = int(fiscal[2:])
        year = 1900 + short if short >= 50 else 2000 + short
        sources.income[row["iso3"].strip()][year] = INCOME_CODES[code]


def _economy(folder: SourceFolder, relative: str, into: dict[str, dict[int, float]]) -> None:
    for row in folder.rows(relative, ("Country Code", "Year", "Value")):
        year = _year(folder, row, "Year")
        try:
            value = float(row["Value"])
        except ValueError:
            folder.problem(row.location, "P913", f"Value is {row['Value']!r}, not a number", "restore it")
            continue
        if year is None:
            continue
        if value <= 0:
            folder.problem(row.location, "P913", f"Value is {value}: must be > 0", "restore the file")
            continue
        into[row["Country Code"].strip()][year] = value


def _scale(folder: SourceFolder, sources: Sources) -> None:
    for row in folder.rows(SCALE, ("iso3", "period_start", "period_end", "regular_rate_pct")):
        rate = _rate(folder, row, "regular_rate_pct")
        start, end = _year(folder, row, "period_start"), _year(folder, row, "period_end")
        if rate is not None and start is not None and end is not None:
            sources.scale[row["iso3"].strip()].append(Rate(start, end, rate, SCALE))
    for row in folder.rows(
        PEACEKEEPING_RATES, ("iso3", "period_start", "period_end", "pk_rate_pct", "source")
    ):
        rate = _rate(folder, row, "pk_rate_pct")
        start, end = _year(folder, row, "period_start"), _year(folder, row, "period_end")
        if rate is not None and start is not None and end is not None:
            note = row["source"].split("| pk:", 1)[-1].strip()
            sources.peacekeeping[row["iso3"].strip()].append(Rate(start, end, rate, PEACEKEEPING_RATES, note))


def _rate(folder: SourceFolder, row: Row, column: str) -> float | None:
    try:
        value = float(row[column])
    except ValueError:
        folder.problem(row.location, "P913", f"{column} is {row[column]!r}, not a number", "restore the file")
        return None
    if not 0 <= value <= 100:
        folder.problem(row.location, "P913", f"{column} is {value}: a rate is 0 to 100", "restore the file")
        return None
    return value


def _appointments(folder: SourceFolder, sources: Sources) -> None:
    columns = ("mission", "role_class", "iso3", "start_year", "end_year", "source_url")
    for row in folder.rows(APPOINTMENTS, columns):
        start = _year(folder, row, "start_year", blank=True)
        end = _year(folder, row, "end_year", blank=True)
        iso3 = row["iso3"].strip()
        if iso3:
            sources.appointments.append(
                Appointment(
                    iso3, row["role_class"].strip(), row["mission"].strip(), start, end, row["source_url"]
                )
            )
