"""Batch results as pandas tables (the optional extra ``motives[pandas]``): a wide frame, one row per
country and date, and a tidy long frame, one row per country, date, motive, fired rule and fact read.

Both are read off what the engine already concluded: a batch ``Row`` (its verdict, and with
``batch_rows(..., explained=True)`` its full classification in ``Row.result``) or a ``Classification``
(``classify``, ``classify_paths``). Nothing here classifies. pandas is imported when a frame is made,
never by ``import motives``; without it, one line names the extra to install.

Wide frame columns: ``country``, ``iso3``, ``as_of``; for each motive (in the order of ``Motive``)
``MOTIVE_certainty`` (empty, NaN, where the motive has no evidence because facts are unknown, as in
``motives batch``'s CSV), ``MOTIVE_dominant`` and ``MOTIVE_unknown``; then ``dominant`` (the dominant
motives, strongest first, space-separated), ``facts_read``, ``facts_known``, ``coverage`` (known / read),
``facts_estimated``, ``facts_lower_bound`` (empty for a row without its classification), ``rulebase``,
``facts_hash`` and ``file``.

Tidy frame columns: ``country``, ``iso3``, ``as_of``, ``motive``, ``rule`` (a fired rule giving evidence
for the motive), ``rule_certainty`` (its certainty factor), ``read_by`` (the rule whose condition read the
fact: the rule itself, or a rule deriving an indicator it tests), ``condition`` (that condition as it
held), ``fact``, ``value`` (a number; booleans 1.0 and 0.0; NaN for text), ``value_text`` (as the traces
write it) and ``source`` (the fact's own source, as in the fact file or panel).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from motives.engine.analysis.batch import Row
from motives.engine.inference.trace import Check, Classification, Step
from motives.engine.model.extras import require
from motives.engine.model.operators import show_value
from motives.engine.model.provenance import provenance
from motives.engine.model.vocabulary import Motive

if TYPE_CHECKING:
    import pandas

MOTIVES = tuple(str(motive) for motive in Motive)

WIDE_COLUMNS = (
    "country",
    "iso3",
    "as_of",
    *(f"{motive}_{part}" for motive in MOTIVES for part in ("certainty", "dominant", "unknown")),
    "dominant",
    "facts_read",
    "facts_known",
    "coverage",
    "facts_estimated",
    "facts_lower_bound",
    "rulebase",
    "facts_hash",
    "file",
)
TIDY_COLUMNS = (
    "country",
    "iso3",
    "as_of",
    "motive",
    "rule",
    "rule_certainty",
    "read_by",
    "condition",
    "fact",
    "value",
    "value_text",
    "source",
)
_COUNTS = ("facts_read", "facts_known", "facts_estimated", "facts_lower_bound")

Result = Row | Classification


def wide_record(item: Result) -> dict[str, Any]:
    """One row of the wide frame, as a plain dict (no pandas needed)."""
    if isinstance(item, Row):
        if item.problems:
            raise ValueError(f"{item.path} was not classified: {item.problems[0]}")
        certainty = dict(zip(MOTIVES, item.certainty, strict=True))
        dominant, unknown = item.dominant, set(item.unknown)
        country, iso3, as_of = item.country, item.iso3, item.as_of
        rulebase, facts_hash, file, result = item.rulebase, item.facts_hash, item.path, item.result
    else:
        result = item
        certainty = {str(m.motive): round(m.certainty, 4) for m in item.motives}
        dominant = tuple(str(motive) for motive in item.dominant)
        unknown = {str(m.motive) for m in item.motives if not m.evidence and m.unjudged}
        country, iso3, as_of = item.country, item.iso3, item.as_of.isoformat()
        rulebase, facts_hash, file = item.rulebase_version, item.facts_hash, item.facts_path
    record: dict[str, Any] = {"country": country, "iso3": iso3, "as_of": as_of}
    for motive in MOTIVES:
        record[f"{motive}_certainty"] = None if motive in unknown else certainty[motive]
        record[f"{motive}_dominant"] = motive in dominant
        record[f"{motive}_unknown"] = motive in unknown
    coverage = result.coverage if result is not None else None
    record |= {
        "dominant": " ".join(dominant),
        "facts_read": coverage.read if coverage else None,
        "facts_known": coverage.known if coverage else None,
        "coverage": coverage.known / coverage.read if coverage and coverage.read else None,
        "facts_estimated": coverage.estimates if coverage else None,
        "facts_lower_bound": coverage.lower_bounds if coverage else None,
        "rulebase": rulebase,
        "facts_hash": facts_hash,
        "file": file,
    }
    return record


def tidy_records(item: Result) -> list[dict[str, Any]]:
    """The rows of the tidy frame for one country and date: every fired rule that gave evidence for a
    motive, once per fact it read (through the indicators it tests, down to the observed facts)."""
    result = item.result if isinstance(item, Row) else item
    if result is None:
        raise ValueError(
            "a tidy frame needs each row's classification: batch_rows(..., explained=True), or the "
            "results of classify / classify_paths"
        )
    head = {"country": result.country, "iso3": result.iso3, "as_of": result.as_of.isoformat()}
    records = []
    for motive in Motive:  # the wide frame's order, not the strongest first
        for step in result.motive(motive).evidence:
            rule = {**head, "motive": str(motive), "rule": step.rule_id, "rule_certainty": step.certainty}
            read = list(_facts_read(step))
            if not read:  # a rule that read no observed fact (only indicators no firing derived)
                records.append(rule | dict.fromkeys(TIDY_COLUMNS[6:]))
            for read_by, condition, fact in read:
                records.append(
                    rule
                    | {
                        "read_by": read_by,
                        "condition": condition.text,
                        "fact": fact.fact,
                        "value": _number(fact.value),
                        "value_text": "unknown" if fact.value is None else show_value(fact.value),
                        "source": fact.source,
                    }
                )
    return records


def _facts_read(step: Step) -> Iterator[tuple[str, Check, Check]]:
    """(the rule that read it, the condition, the observed fact) for every fact under ``step``."""
    for check in step.checks:
        if check.indicator is not None:
            for support in check.support:
                yield from _facts_read(support)
        elif check.inputs:  # a derived quantity: the facts it was computed from
            for fact in check.inputs:
                yield step.rule_id, check, fact
        elif check.fact is not None:
            yield step.rule_id, check, check


def _number(value: object) -> float | None:
    if isinstance(value, bool | int | float):
        return float(value)
    return None


def to_frame(items: Iterable[Result]) -> pandas.DataFrame:
    """The wide frame of batch rows or classifications (rows with problems are left out: they have no
    verdict). ``frame.attrs`` records the software, rule-base and data-panel versions. For example
    ``motives.to_frame(motives.batch_rows([str(motives.SHIPPED_FACTS)], explained=True))`` is the whole
    panel, coverage included."""
    (pd,) = require("pandas", "a DataFrame", ("pandas",))
    records = [wide_record(item) for item in items if not (isinstance(item, Row) and item.problems)]
    return wide_frame(records, pd)


def tidy_frame(items: Iterable[Result]) -> pandas.DataFrame:
    """The tidy long frame: one row per country, date, motive, fired rule and fact it read. Batch rows
    must carry their classification (``batch_rows(..., explained=True)``)."""
    (pd,) = require("pandas", "a DataFrame", ("pandas",))
    records: list[dict[str, Any]] = []
    rulebases = set()
    for item in items:
        if not (isinstance(item, Row) and item.problems):
            records += tidy_records(item)
            rulebases.add(item.rulebase if isinstance(item, Row) else item.rulebase_version)
    return long_frame(records, pd, " ".join(sorted(rulebases)))


def wide_frame(records: list[dict[str, Any]], pd: Any) -> pandas.DataFrame:
    """The wide frame of records made by :func:`wide_record`, with its column types."""
    frame = pd.DataFrame.from_records(records, columns=list(WIDE_COLUMNS))
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    for motive in MOTIVES:
        frame[f"{motive}_certainty"] = frame[f"{motive}_certainty"].astype("float64")
        for part in ("dominant", "unknown"):
            frame[f"{motive}_{part}"] = frame[f"{motive}_{part}"].astype("bool")
    for column in _COUNTS:
        frame[column] = frame[column].astype("Int64")
    frame["coverage"] = frame["coverage"].astype("float64")
    frame.attrs = provenance(" ".join(sorted({record["rulebase"] for record in records})))
    return frame


def long_frame(records: list[dict[str, Any]], pd: Any, rulebase: str) -> pandas.DataFrame:
    """The tidy frame of records made by :func:`tidy_records`, with its column types."""
    frame = pd.DataFrame.from_records(records, columns=list(TIDY_COLUMNS))
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    for column in ("rule_certainty", "value"):
        frame[column] = frame[column].astype("float64")
    frame.attrs = provenance(rulebase)
    return frame


def parquet_bytes(frame: pandas.DataFrame) -> bytes:
    """The frame as a Parquet file, its schema's metadata key ``motives`` holding the provenance (JSON:
    software, rule-base and data-panel versions)."""
    (pa, pq) = require("pandas", "--format parquet", ("pyarrow", "pyarrow.parquet"))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    recorded = json.dumps(frame.attrs, sort_keys=True).encode()
    metadata = {**(table.schema.metadata or {}), b"motives": recorded}
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer)
    return buffer.getvalue()
