"""The panel as the site shows it (``motives site``): every snapshot classified once, grouped by country.

Each snapshot's run gives its verdict (certainties, dominant motives, fired rules); the latest snapshot
of each country keeps its whole run, from which its page takes the classification with its
derivations and the why-not of each motive that is not dominant. From the verdicts come where each
rule fires (countries and dates) and the count of each dominant motive by year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance, Run, run_rules
from motives.engine.inference.compiled import CompiledRules
from motives.engine.model.catalog import shipped_panel_name
from motives.engine.model.facts import FactSet
from motives.engine.model.progress import SILENT, Progress
from motives.engine.model.regions import region_of
from motives.engine.model.vocabulary import Motive

NO_INCOME_GROUP = "unknown"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One snapshot's verdict: what the trend, the rule pages and the overview read."""

    as_of: str
    certainty: tuple[float, ...]  # in the order of Motive
    dominant: tuple[str, ...]  # strongest first
    fired: tuple[str, ...]  # rule ids


@dataclass(frozen=True, eq=False)
class CountryPanel:
    """One country: its snapshots, oldest first, and the whole run of its latest."""

    slug: str  # its page's file name: the shipped panel's name (india), else the ISO3 code in lower case
    snapshots: tuple[Snapshot, ...]
    latest: Run
    # the World Bank income group of the latest snapshot that gives one (``unknown``: none does), and its date
    income_group: str = NO_INCOME_GROUP
    income_as_of: str = ""

    @property
    def country(self) -> str:
        return self.latest.facts.country

    @property
    def iso3(self) -> str:
        return self.latest.facts.iso3

    @property
    def region(self) -> str:
        return region_of(self.iso3)


@dataclass(frozen=True, eq=False)
class PanelSite:
    countries: tuple[CountryPanel, ...]  # by country name
    compiled: CompiledRules
    dominance: Dominance = DEFAULT_DOMINANCE

    @property
    def snapshot_count(self) -> int:
        return sum(len(country.snapshots) for country in self.countries)


def site_panel(
    fact_sets: Sequence[FactSet],
    compiled: CompiledRules,
    dominance: Dominance = DEFAULT_DOMINANCE,
    progress: Progress = SILENT,
) -> PanelSite:
    """Run the rules once on every fact set, grouped by country (ISO3 code) and date; a later fact set
    of the same country and date replaces an earlier one."""
    by_country: dict[str, dict[str, FactSet]] = {}
    for facts in fact_sets:
        by_country.setdefault(facts.iso3, {})[facts.as_of.isoformat()] = facts
    countries = []
    with progress("classifying", sum(len(dated) for dated in by_country.values())) as advance:
        for dated in by_country.values():
            snapshots = []
            run = None
            income = (NO_INCOME_GROUP, "")
            for as_of in sorted(dated):
                run = run_rules(dated[as_of], compiled, dominance)
                group = run.facts.values().get("income_group")
                income = (str(group), as_of) if group is not None else income
                verdict = run.verdict
                snapshots.append(
                    Snapshot(as_of, verdict.certainty, tuple(map(str, verdict.dominant)), verdict.fired)
                )
                advance(1)
            assert run is not None
            countries.append(CountryPanel(_slug(run.facts), tuple(snapshots), run, *income))
    countries.sort(key=lambda country: (country.country.casefold(), country.iso3))
    return PanelSite(tuple(countries), compiled, dominance)


def _slug(facts: FactSet) -> str:
    return shipped_panel_name(facts.path) or facts.iso3.lower()


@dataclass(frozen=True, slots=True)
class Firing:
    """Where a rule fired: one country and the dates of its snapshots on which it fired."""

    country: CountryPanel
    dates: tuple[str, ...]
    latest: bool  # it fires on the country's latest snapshot


def firings(site: PanelSite) -> dict[str, tuple[Firing, ...]]:
    """For each rule of the rule base, the countries where it fired, most snapshots first."""
    found: dict[str, list[Firing]] = {rule.id: [] for rule in site.compiled.rulebase.rules}
    for country in site.countries:
        dates: dict[str, list[str]] = {}
        for snapshot in country.snapshots:
            for rule_id in snapshot.fired:
                dates.setdefault(rule_id, []).append(snapshot.as_of)
        last = set(country.snapshots[-1].fired)
        for rule_id, when in dates.items():
            found.setdefault(rule_id, []).append(Firing(country, tuple(when), rule_id in last))
    return {
        rule_id: tuple(sorted(items, key=lambda item: (-len(item.dates), item.country.country)))
        for rule_id, items in found.items()
    }


def firing_years(site: PanelSite) -> dict[str, dict[int, int]]:
    """For each rule, in how many countries it fires in each year (on each country's last snapshot of
    the year, as the overview counts)."""
    found: dict[str, dict[int, int]] = {rule.id: {} for rule in site.compiled.rulebase.rules}
    for country in site.countries:
        last = {int(snapshot.as_of[:4]): snapshot for snapshot in country.snapshots}
        for year, snapshot in last.items():
            for rule_id in snapshot.fired:
                counts = found.setdefault(rule_id, {})
                counts[year] = counts.get(year, 0) + 1
    return found


@dataclass(frozen=True, slots=True)
class YearCount:
    """The dominant motives of one year: each country's last snapshot in that year counted once per
    motive it names dominant (a country with two dominant motives counts for both)."""

    year: int
    countries: int
    dominant: tuple[int, ...]  # in the order of Motive
    none: int  # countries with no dominant motive


def yearly_counts(site: PanelSite) -> tuple[YearCount, ...]:
    last: dict[int, dict[str, Snapshot]] = {}
    for country in site.countries:
        for snapshot in country.snapshots:  # oldest first: the year's last one stays
            last.setdefault(int(snapshot.as_of[:4]), {})[country.iso3] = snapshot
    counts = []
    for year in sorted(last):
        chosen = last[year].values()
        named = Counter(motive for snapshot in chosen for motive in snapshot.dominant)
        counts.append(
            YearCount(
                year,
                len(chosen),
                tuple(named[str(motive)] for motive in Motive),
                sum(not snapshot.dominant for snapshot in chosen),
            )
        )
    return tuple(counts)


def year_spans(dates: Iterable[str]) -> str:
    """Dates as runs of consecutive years: ``1995-2003, 2010, 2015-2025``."""
    years = sorted({int(date[:4]) for date in dates})
    spans: list[tuple[int, int]] = []
    for year in years:
        if spans and year == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], year)
        else:
            spans.append((year, year))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
