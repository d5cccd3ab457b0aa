"""Many countries, many dates: batch classification as a stream of rows, and a country's trend.

``batch_rows`` walks the given paths lazily and yields one row per fact file as soon as it is classified,
so output starts at once and memory stays flat however many files there are. With ``jobs`` > 1 the work
is spread over worker processes, each compiling the rule base once; rows keep the input order.
A file that cannot be loaded yields a row carrying its problems instead of a verdict.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from motives.engine.inference.classify import (
    DEFAULT_DOMINANCE,
    Dominance,
    classify,
    compile_rules,
    verdict_of,
)
from motives.engine.inference.compiled import DEFAULT_ENGINE, CompiledRules, require_engine
from motives.engine.inference.trace import Classification
from motives.engine.model.catalog import (
    SHIPPED_FACTS,
    SHIPPED_RULES,
    country_snapshots,
    display_path,
    fact_files,
    load_rules_argument,
    resolve_facts,
)
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.facts import load_facts
from motives.engine.model.files import check_target
from motives.engine.model.index import facts_read
from motives.engine.model.rules import RuleBase, rule_files
from motives.engine.model.vocabulary import FactValue

CHUNK = 16


@dataclass(frozen=True, slots=True)
class Row:
    """One fact file's verdict, or the problems that kept it from being classified."""

    path: str
    country: str = ""
    iso3: str = ""
    as_of: str = ""
    dominant: tuple[str, ...] = ()
    certainty: tuple[float, ...] = ()  # in the order of Motive
    rulebase: str = ""
    problems: tuple[str, ...] = ()
    fired: tuple[str, ...] = ()  # rule ids, for a trend's "what moved"; not written by batch
    facts: tuple[tuple[str, FactValue], ...] = ()  # the snapshot's facts: only a trend's rows carry them
    facts_hash: str = ""
    unknown: tuple[str, ...] = ()  # motives with no evidence and rules not judged: facts unknown
    # the full classification (trace, facts with their sources, coverage): only batch_rows(explained=True)
    result: Classification | None = None


def classify_one(
    compiled: CompiledRules,
    path: Path,
    shown: str,
    dominance: Dominance = DEFAULT_DOMINANCE,
    explained: bool = False,
) -> Row:
    try:
        facts = load_facts(path, shown, compiled.rulebase.vocabulary)
    except InputError as error:
        return Row(shown, problems=tuple(str(problem) for problem in error.problems))
    verdict = verdict_of(facts, compiled, dominance)  # no explanation: a row shows none
    return Row(
        shown,
        facts.country,
        facts.iso3,
        facts.as_of.isoformat(),
        tuple(str(motive) for motive in verdict.dominant),
        tuple(round(value, 4) for value in verdict.certainty),
        compiled.rulebase.version,
        fired=verdict.fired,
        facts_hash=facts.fingerprint,
        unknown=tuple(str(motive) for motive in verdict.unknown),
        result=classify(facts, compiled, dominance) if explained else None,
    )


_WORKER: tuple[CompiledRules, Dominance, bool] | None = None


def _start_worker(rules_dir: str | None, dominance: Dominance, engine: str, explained: bool = False) -> None:
    global _WORKER
    _WORKER = (compile_rules(load_rules_argument(rules_dir), engine), dominance, explained)


def _work(item: tuple[Path, str]) -> Row:
    assert _WORKER is not None
    return classify_one(_WORKER[0], *item, _WORKER[1], _WORKER[2])


def batch_rows(
    arguments: Iterable[str],
    rules_dir: str | None = None,
    jobs: int = 1,
    output: Path | None = None,
    dominance: Dominance = DEFAULT_DOMINANCE,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
    explained: bool = False,
) -> Iterator[Row]:
    """Classify every fact file the arguments name, yielding rows in input order as they are ready.

    ``output``, the file the rows will replace, must not be one of the inputs (a fact file or a rule
    file): that raises InputError, before any row, or as soon as the walk of a folder meets it.
    With ``as_of``, a panel file (or a folder of them) gives only the snapshot in force at that date.
    ``engine`` names the engine that runs the rules (experta or clips); both give the same rows.
    With ``explained``, each row also carries its full classification (``Row.result``: the trace, the
    facts with their sources, the coverage), for the tables of ``render.frames``.
    """
    require_engine(engine)
    if output is not None:
        check_target(output, rule_files(Path(rules_dir) if rules_dir else SHIPPED_RULES))
    paths = _safe_paths(arguments, output, as_of)
    if jobs <= 1:
        compiled = compile_rules(load_rules_argument(rules_dir), engine)
        for item in paths:
            yield item if isinstance(item, Row) else classify_one(compiled, *item, dominance, explained)
        return
    load_rules_argument(rules_dir)  # report a broken rule base once, here, not in every worker
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        jobs, initializer=_start_worker, initargs=(rules_dir, dominance, engine, explained)
    ) as pool:
        pending: list[Row | tuple[Path, str]] = []
        for item in paths:
            pending.append(item)
            if len(pending) >= CHUNK * jobs * 4:
                yield from _run_chunk(pool, pending)
                pending = []
        yield from _run_chunk(pool, pending)


def _run_chunk(pool: Any, items: list[Row | tuple[Path, str]]) -> Iterator[Row]:
    work = [item for item in items if not isinstance(item, Row)]
    results = iter(pool.imap(_work, work, chunksize=CHUNK))
    for item in items:
        yield item if isinstance(item, Row) else next(results)


def count_files(arguments: Iterable[str], as_of: dt.date | None = None) -> int:
    """How many fact files (panel snapshots included) the arguments name: a progress bar's length. An
    argument that names nothing counts as one: ``batch_rows`` gives it a row with its problem."""
    count = 0
    for argument in arguments:
        try:
            count += len(fact_files(argument, as_of))
        except InputError:
            count += 1
    return count


def _safe_paths(
    arguments: Iterable[str], output: Path | None, as_of: dt.date | None = None
) -> Iterator[Row | tuple[Path, str]]:
    """The paths to classify; an argument that names nothing becomes a row with its problem."""
    for argument in arguments:
        try:
            found = fact_files(argument, as_of)
        except InputError as error:
            yield Row(argument, problems=tuple(str(problem) for problem in error.problems))
            continue
        if output is not None:
            check_target(output, [path for path, _ in found])
        yield from found


# --- output formats: each writes rows to a stream as they come -------------------------------------------

# --- trend ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Move:
    """What changed from one snapshot of a country to the next: the rules that began or stopped firing,
    and the facts they read whose values changed (None: unknown)."""

    gained: tuple[str, ...]
    lost: tuple[str, ...]
    facts: tuple[tuple[str, FactValue | None, FactValue | None], ...]


def moves(rows: list[Row], rulebase: RuleBase) -> list[Move | None]:
    """For each row of a trend, what moved since the row before (None for the first, or after a row
    that could not be classified)."""
    found: list[Move | None] = []
    for previous, row in zip([None, *rows], rows, strict=False):
        if previous is None or previous.problems or row.problems:
            found.append(None)
            continue
        before, after = set(previous.fired), set(row.fired)
        gained = tuple(rule for rule in row.fired if rule not in before)
        lost = tuple(rule for rule in previous.fired if rule not in after)
        old, new = dict(previous.facts), dict(row.facts)
        names = sorted({name for rule in (*gained, *lost) for name in facts_read(rulebase, rule)})
        changed = tuple(
            (name, old.get(name), new.get(name)) for name in names if old.get(name) != new.get(name)
        )
        found.append(Move(gained, lost, changed))
    return found


def trend(name: str, rules_dir: str | None = None, engine: str = DEFAULT_ENGINE) -> list[Row]:
    """Every shipped snapshot of one country, oldest first, classified."""
    snapshots = country_snapshots()
    key = name.lower()
    if key not in snapshots:
        latest, _ = resolve_facts(name)  # by ISO3 code, or the usual located error with suggestions
        found = [k for k, files in snapshots.items() if latest in [path for _, path in files]]
        if latest.suffix == ".csv" and latest.resolve() == (SHIPPED_FACTS / latest.name).resolve():
            found = [latest.stem]  # a shipped panel file is its country
        if not found:  # a fact file of one's own, or an empty name: no snapshots to follow
            hint = "name a shipped country (see `motives countries`), e.g. india"
            raise InputError([Problem(Location(name or "''"), "Y107", "is not a shipped country", hint)])
        key = found[0]
    compiled = compile_rules(load_rules_argument(rules_dir), engine)
    rows = []
    for _, path in snapshots[key]:
        row = classify_one(compiled, path, display_path(path))
        if not row.problems:  # the snapshot loaded once already: this read comes from the panel's cache
            row = replace(row, facts=tuple(sorted(load_facts(path, display_path(path)).values().items())))
        rows.append(row)
    return rows
