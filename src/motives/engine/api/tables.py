"""``motives batch --format parquet``: the batch rows as Parquet tables, the wide one in ``-o FILE`` and,
with ``--tidy FILE``, the tidy long one (see ``render.frames`` for their columns)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from motives.engine.analysis.batch import Row, batch_rows
from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.catalog import SHIPPED_RULES, fact_files
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.extras import require
from motives.engine.model.files import check_target, write_output_bytes
from motives.engine.model.rules import rule_files


def write_parquet(
    arguments: Sequence[str],
    output: Path,
    tidy: Path | None = None,
    rules_dir: str | None = None,
    jobs: int = 1,
    dominance: Dominance = DEFAULT_DOMINANCE,
    engine: str = DEFAULT_ENGINE,
    progress: Callable[[Row], None] | None = None,
    as_of: dt.date | None = None,
) -> tuple[int, int]:
    """Classify the fact files the arguments name and write the wide table to ``output`` (and the tidy
    one to ``tidy``), each atomically; returns (rows written, files with problems), as
    the ``batch`` writers of ``render.rows`` do. pandas and pyarrow are checked for before any work."""
    (pd, _) = require("pandas", "--format parquet", ("pandas", "pyarrow"))
    from motives.engine.render.frames import long_frame, parquet_bytes, tidy_records, wide_frame, wide_record

    if tidy is not None:  # batch_rows checks the wide table's file
        rules = rule_files(Path(rules_dir) if rules_dir else SHIPPED_RULES)
        if tidy.absolute() == output.absolute():
            hint = "give the tidy table a file of its own"
            raise InputError([Problem(Location(str(tidy)), "O903", "is also the wide table's file", hint)])
        check_target(tidy, [*rules, *_inputs(arguments)])
    wide: list[dict[str, Any]] = []
    long: list[dict[str, Any]] = []
    done = failed = 0
    for row in batch_rows(arguments, rules_dir, jobs, output, dominance, as_of, engine, explained=True):
        if progress is not None:
            progress(row)
        if row.problems:
            failed += 1
            continue
        wide.append(wide_record(row))
        if tidy is not None:
            long += tidy_records(row)
        done += 1
    rulebase = " ".join(sorted({record["rulebase"] for record in wide}))
    write_output_bytes(output, parquet_bytes(wide_frame(wide, pd)))
    if tidy is not None:
        write_output_bytes(tidy, parquet_bytes(long_frame(long, pd, rulebase)))
    return done, failed


def _inputs(arguments: Iterable[str]) -> list[Path]:
    """The fact files the arguments name (an argument that names none is reported by the batch)."""
    found: list[Path] = []
    for argument in arguments:
        try:
            found += [path for path, _ in fact_files(argument)]
        except InputError:
            continue
    return found
