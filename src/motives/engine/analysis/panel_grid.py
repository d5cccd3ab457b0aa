"""The dominant motives of the shipped panel by country and year, for ``motives plot panel``: each
country's last snapshot in each year, classified by ``batch_rows`` (the verdicts are batch's own)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.catalog import country_snapshots, resolve_facts, shipped_panel_name
from motives.engine.model.errors import InputError, Location, Problem

from .batch import batch_rows


@dataclass(frozen=True, slots=True)
class Cell:
    """One country in one year: the snapshot shown (the year's last) and its dominant motives, strongest
    first (none: no motive is dominant)."""

    as_of: str
    dominant: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """Countries (in the order asked, else by name) by years (ascending); a cell is None where the
    country has no snapshot that year."""

    countries: tuple[str, ...]  # as the panel names them: "India"
    iso3: tuple[str, ...]
    years: tuple[int, ...]
    cells: tuple[tuple[Cell | None, ...], ...]  # cells[country][year]
    rulebase: str
    problems: tuple[str, ...] = ()  # snapshots that could not be classified (their cells stay None)


def yearly_snapshots(
    countries: Sequence[str] = (), since: int | None = None, until: int | None = None
) -> list[tuple[str, list[tuple[int, str]]]]:
    """Each country's (shipped panel name, [(year, address of its last snapshot that year)]), for the
    countries named (by name or ISO3 code; default: every shipped country) and the years asked."""
    snapshots = country_snapshots()
    keys = [_panel_key(name, snapshots) for name in countries] if countries else sorted(snapshots)
    chosen = []
    for key in dict.fromkeys(keys):
        last: dict[int, str] = {}
        for date, path in snapshots[key]:  # oldest first: the year's last one stays
            year = int(date[:4])
            if (since is None or year >= since) and (until is None or year <= until):
                last[year] = str(path)
        chosen.append((key, sorted(last.items())))
    return chosen


def _panel_key(name: str, snapshots: Mapping[str, object]) -> str:
    if name.lower() in snapshots:
        return name.lower()
    latest, _ = resolve_facts(name)  # by ISO3 code, or the usual located error with suggestions
    key = shipped_panel_name(str(latest))
    if key is None:
        hint = "name a country of the shipped panel (see `motives countries`), e.g. india"
        raise InputError([Problem(Location(name or "''"), "Y107", "is not a shipped country", hint)])
    return key


def dominant_grid(
    countries: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    rules_dir: str | None = None,
    jobs: int = 1,
    dominance: Dominance = DEFAULT_DOMINANCE,
    engine: str = DEFAULT_ENGINE,
) -> Grid:
    """The dominant motives of the countries named (default: the whole shipped panel) in each year from
    ``since`` to ``until`` (default: every year of the panel)."""
    chosen = [(key, years) for key, years in yearly_snapshots(countries, since, until) if years]
    if not chosen:
        where = Location(" ".join(countries) or "the shipped panel")
        hint = "the panel runs from 1990 to the year of its latest report"
        raise InputError([Problem(where, "Y107", "has no snapshot in the years asked", hint)])
    addresses = [address for _, years in chosen for _, address in years]
    rows = dict(
        zip(addresses, batch_rows(addresses, rules_dir, jobs, None, dominance, engine=engine), strict=True)
    )
    all_years = tuple(sorted({year for _, years in chosen for year, _ in years}))
    names: list[str] = []
    codes: list[str] = []
    cells: list[tuple[Cell | None, ...]] = []
    rulebases: set[str] = set()
    problems: list[str] = []
    for key, years in chosen:
        by_year = dict(years)
        found = [rows[by_year[year]] if year in by_year else None for year in all_years]
        known = [row for row in found if row is not None and not row.problems]
        names.append(known[-1].country if known else key)
        codes.append(known[-1].iso3 if known else "")
        rulebases.update(row.rulebase for row in known)
        problems += [problem for row in found if row is not None for problem in row.problems]
        cells.append(
            tuple(
                Cell(row.as_of, row.dominant) if row is not None and not row.problems else None
                for row in found
            )
        )
    return Grid(
        tuple(names), tuple(codes), all_years, tuple(cells), " ".join(sorted(rulebases)), tuple(problems)
    )
