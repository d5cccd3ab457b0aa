"""The Python API a researcher calls (``motives.classify_country``, ``motives.compare``, ...): a country
named as on the command line, at a date, returned as a frozen result with ``to_dict()``.

A country is a shipped country's name, ISO3 code or full name (``india``, ``IND``, ``"United States"``), a
shipped snapshot's address as every output shows it (``facts/india.csv#2012-12-31``), or the path of a
fact file of one's own. A shipped country's latest snapshot is used, or with ``as_of`` (a date, or text
``YYYY-MM-DD``) the latest on or before that date, exactly as ``motives classify NAME --as-of DATE``. The
shipped rules and facts come from the installed package, never from the working directory; a path of
one's own is read as ``open()`` would read it, and shown absolute. In the signatures, ``Country`` is
``str | os.PathLike``, ``Day`` is ``datetime.date | str | None`` and ``Rules`` a rule directory,
``str | os.PathLike | None``.

Bad input raises ``motives.InputError``, whose ``problems`` are located one-line messages (the examples
here and below run as tests, after ``import motives``):

    >>> try:
    ...     motives.classify_country("atlantis")
    ... except motives.InputError as error:
    ...     print(error.problems[0].code, error.problems[0].message)
    Y107 no such fact file, and no shipped country of that name
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.catalog import (
    country_snapshots,
    display_path,
    fact_files,
    in_force,
    resolve_facts,
    shipped_panel_name,
)
from motives.engine.model.errors import InputError, Location, Problem, did_you_mean
from motives.engine.model.facts import load_facts
from motives.engine.model.panel import split_address
from motives.engine.model.vocabulary import FactValue, Motive

from . import countries as commands
from .results import (
    ComparisonResult,
    CountryFacts,
    CountryResult,
    EvaluationResult,
    Explanation,
    Panel,
    PanelResult,
    WhatIfResult,
)

Country = str | os.PathLike[str]
Rules = str | os.PathLike[str] | None
Day = dt.date | str | None


def country(name: Country, as_of: Day = None) -> CountryFacts:
    """A country's facts at a date, each with its value and source.

    >>> india = motives.country("india", as_of="2023-11-30")
    >>> india.country, india.iso3, india.as_of.isoformat(), india.path
    ('India', 'IND', '2023-11-30', 'facts/india.csv#2023-11-30')
    >>> india.value("uniformed_personnel"), india.value("unsc_permanent")
    (6073, False)
    >>> motives.country("IND", "2012-06-30").as_of  # the snapshot in force then
    datetime.date(2011, 12, 31)
    """
    path = _snapshot(name, _day(as_of))
    return CountryFacts(load_facts(path, display_path(Path(path))))


def classify_country(
    name: Country,
    as_of: Day = None,
    *,
    rules: Rules = None,
    engine: str = DEFAULT_ENGINE,
) -> CountryResult:
    """A country's dominant motives, with each motive's certainty and derivation (``motives classify``).

    ``rules`` names a rule directory of one's own (default: the shipped rule base); ``engine`` the engine
    that runs the rules, ``experta`` (default) or ``clips``.

    >>> india = motives.classify_country("india", as_of="2023-11-30")
    >>> india.dominant
    ('political', 'normative')
    >>> round(india.certainties["political"], 2), round(india.certainties["economic"], 2)
    (0.74, 0.45)
    >>> data = india.to_dict()  # what `motives classify india --as-of 2023-11-30 --format json` prints
    >>> data["facts_file"], data["dominant"], data["facts_hash"]
    ('facts/india.csv#2023-11-30', ['political', 'normative'], '9e34e6681c27')
    """
    (result,) = commands.classify_paths([_snapshot(name, _day(as_of))], _rules(rules), None, engine)
    return CountryResult(result)


def load_panel(countries: Country | Iterable[Country] | None = None, *, as_of: Day = None) -> Panel:
    """Every snapshot of the shipped panel (193 countries, 1990 to now), or of the ``countries`` named;
    with ``as_of``, each country's snapshot in force at that date (none for a country whose record
    begins later).

    >>> panel = motives.load_panel()
    >>> len(panel), len(panel.countries)
    (6788, 193)
    >>> [(s.iso3, s.as_of.isoformat()) for s in motives.load_panel(["usa", "IND"], as_of="2021-01-31")]
    [('USA', '2021-01-31'), ('IND', '2021-01-31')]
    """
    day = _day(as_of)
    snapshots = []
    for path in _panel_paths(countries, day):
        snapshots.append(CountryFacts(load_facts(path, display_path(path))))
    return Panel(tuple(snapshots))


def classify_panel(
    countries: Country | Iterable[Country] | None = None,
    *,
    as_of: Day = None,
    rules: Rules = None,
    engine: str = DEFAULT_ENGINE,
    jobs: int = 1,
    explained: bool = False,
) -> PanelResult:
    """Every snapshot ``load_panel`` names, classified: one row each, as ``motives batch`` writes.

    ``jobs`` spreads the work over processes (the whole panel takes about 3 s on one); ``explained``
    keeps each row's full classification, which ``tidy_frame()`` needs.

    >>> result = motives.classify_panel(["usa", "india"], as_of="2023-11-30")  # USA has no Nov 2023
    >>> [(row["iso3"], row["as_of"], row["dominant"]) for row in result.to_dict()["rows"]]
    [('USA', '2022-12-31', ['political']), ('IND', '2023-11-30', ['political', 'normative'])]
    """
    from motives.engine.analysis.batch import batch_rows

    paths = [str(path) for path in _panel_paths(countries, _day(as_of))]
    rows = tuple(batch_rows(paths, _rules(rules), jobs, engine=engine, explained=explained))
    classified = tuple(row for row in rows if not row.problems)
    return PanelResult(classified, tuple(line for row in rows for line in row.problems))


def trend(name: Country, *, rules: Rules = None, engine: str = DEFAULT_ENGINE) -> PanelResult:
    """A shipped country's motives across its whole panel, oldest first (``motives trend``).

    >>> rows = motives.trend("india").to_dict()["rows"]
    >>> rows[0]["as_of"], rows[-1]["as_of"]
    ('1990-12-31', '2025-07-31')
    >>> [row["as_of"] for row in rows if row["dominant"] == ["political", "normative"]][:2]
    ['2021-01-31', '2023-11-30']
    """
    from motives.engine.analysis.batch import trend as trend_rows

    return PanelResult(tuple(trend_rows(_argument(name), _rules(rules), engine)))


def explain(
    name: Country,
    motive: Motive | str,
    as_of: Day = None,
    *,
    rules: Rules = None,
    engine: str = DEFAULT_ENGINE,
) -> Explanation:
    """How ``motive`` was concluded for a country, and each supporting rule that did not fire, closest
    first, with the conditions that failed (``motives explain``).

    >>> usa = motives.explain("usa", "normative", as_of="2021-01-31")
    >>> usa.dominant, round(usa.certainty, 2), usa.missed[:2]
    (False, 0.4, ('normative.gender_commitment', 'normative.reciprocity'))
    """
    chosen = _motive(motive)
    (found,) = commands.explain_paths([_snapshot(name, _day(as_of))], chosen, _rules(rules), None, engine)
    return Explanation(found)


def compare(
    *names: Country,
    as_of: Day = None,
    rules: Rules = None,
    engine: str = DEFAULT_ENGINE,
) -> ComparisonResult:
    """Two or more countries compared: the motives they share, those that separate them, and the facts
    behind each (``motives compare``), the seed paper's method.

    >>> found = motives.compare("usa", "india", as_of="2023-11-30")
    >>> found.shared, found.differing
    (('political',), ('normative',))
    """
    day = _day(as_of)
    return ComparisonResult(
        commands.compare_paths([_snapshot(name, day) for name in names], _rules(rules), None, engine)
    )


def what_if(
    name: Country,
    changes: Mapping[str, FactValue | None],
    as_of: Day = None,
    *,
    rules: Rules = None,
    engine: str = DEFAULT_ENGINE,
) -> WhatIfResult:
    """A country classified again with facts changed (None: made unknown), beside the verdict as it
    is: motives gained and lost, every certainty before and after (``motives classify --set``).

    >>> changes = {"unsc_elected_recently": False, "unsc_seat_aspirant": False}
    >>> found = motives.what_if("india", changes, as_of="2023-11-30")
    >>> found.before.dominant, found.after.dominant, found.lost
    (('political', 'normative'), ('normative',), ('political',))
    """
    assignments = [f"{fact}={_assigned(value)}" for fact, value in changes.items()]
    (found,) = commands.what_if_paths(
        [_snapshot(name, _day(as_of))], assignments, _rules(rules), None, engine
    )
    return WhatIfResult(found)


def evaluate(
    labels: str | os.PathLike[str] | None = None,
    *,
    kinds: Sequence[str] = (),
    rules: Rules = None,
    dominance_min: float = DEFAULT_DOMINANCE.minimum,
    dominance_margin: float = DEFAULT_DOMINANCE.margin,
    engine: str = DEFAULT_ENGINE,
) -> EvaluationResult:
    """The rule base scored against a labelled set (default: the shipped one) beside two baselines,
    with the sources' agreement with one another (``motives evaluate``); ``kinds`` keeps the rows of
    those kinds of source only (``--kind``).

    >>> found = motives.evaluate()
    >>> round(found.scores.top1, 2), round(found.baselines["always the most common label"].top1, 2)
    (0.42, 0.58)
    >>> top1, _ = found.versus["always the most common label"]
    >>> round(top1.difference, 2), round(top1.low, 2), round(top1.high, 2)
    (-0.16, -0.28, -0.03)
    >>> round(found.sources.top1, 2), round(motives.evaluate(kinds=["scholarly"]).scores.top1, 2)
    (0.49, 0.57)
    """
    path = None if labels is None else os.fspath(labels)
    dominance = Dominance(dominance_min, dominance_margin)
    return EvaluationResult(commands.evaluate_labels(path, _rules(rules), dominance, engine, tuple(kinds)))


# --- naming a country, a date, a motive ---------------------------------------------------------------


def _snapshot(name: Country, as_of: dt.date | None) -> str:
    """The one snapshot ``name`` gives at ``as_of``, as an absolute path (or address): a panel file gives
    its snapshot in force then, its latest without a date; anything naming several fact sets is refused."""
    argument = _argument(name)
    found = fact_files(argument, as_of)
    files = {parts[0] if (parts := split_address(str(path))) else str(path) for path, _ in found}
    if len(found) > 1 and len(files) == 1:
        found = found[-1:]  # the snapshots of one panel file: the latest (in force at as_of)
    if len(found) != 1:
        why = f"names {len(found)} fact sets, not one"
        hint = "name one country or file; motives.classify_panel takes many"
        raise InputError([Problem(Location(argument), "Y110", why, hint)])
    return str(found[0][0])


def _argument(name: Country) -> str:
    """A country as the CLI takes it, a path of one's own made absolute (a shipped snapshot's address,
    ``facts/india.csv#DATE``, names the package's own from any folder: ``catalog.resolve_facts``)."""
    text = os.fspath(name)
    parts = split_address(text)
    if parts is not None and shipped_panel_name(text) is not None and not Path(parts[0]).exists():
        return text
    path = Path(parts[0] if parts else text)
    if not path.is_absolute() and (path.exists() or isinstance(name, os.PathLike) or "/" in text):
        return str(path.resolve()) + (f"#{parts[1]}" if parts else "")
    return text


def _panel_paths(names: Country | Iterable[Country] | None, as_of: dt.date | None) -> list[Path]:
    """The snapshots of the shipped panel, or of what ``names`` name: a shipped country by name gives
    all its snapshots, a path what ``motives batch`` reads from it; with ``as_of``, the snapshot of each
    in force then."""
    snapshots = country_snapshots()
    if isinstance(names, str | os.PathLike):  # one country, not its letters
        names = [names]
    if names is None:
        return [path for key in snapshots for _, path in in_force(snapshots[key], as_of)]
    chosen: list[Path] = []
    for name in names:
        argument = _argument(name)
        latest, _ = resolve_facts(argument)
        key = shipped_panel_name(str(latest)) if str(latest) != argument else None
        if key in snapshots:
            chosen += [path for _, path in in_force(snapshots[key], as_of)]
        else:
            chosen += [path for path, _ in fact_files(argument, as_of)]
    return chosen


def _day(as_of: Day) -> dt.date | None:
    if as_of is None or (isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime)):
        return as_of
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        shown = str(as_of)[:40]
        raise InputError(
            [Problem(Location(shown), "Y112", "is not a date", "write it YYYY-MM-DD, e.g. 2023-11-30")]
        ) from None


def _motive(motive: Motive | str) -> Motive:
    names = [str(item) for item in Motive]
    if str(motive).lower() in names:
        return Motive(str(motive).lower())
    hint = did_you_mean(str(motive).lower(), names, "the motives: " + ", ".join(names))
    raise InputError([Problem(Location(str(motive)[:40]), "Y113", "is not a motive", hint)])


def _assigned(value: FactValue | None) -> str:
    """A value as ``--set NAME=VALUE`` writes it, read back by the same checks as a fact file."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _rules(rules: Rules) -> str | None:
    return None if rules is None else str(Path(rules).resolve())


__all__: Sequence[str] = (
    "classify_country",
    "classify_panel",
    "compare",
    "country",
    "explain",
    "load_panel",
    "trend",
    "what_if",
)
