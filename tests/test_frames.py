"""pandas tables of batch results (issue 14, item 2): the wide frame agrees with `motives batch`, the tidy
frame lists each fired rule with the facts it read, `batch --format parquet` writes both, and without
pandas or pyarrow one line names the extra to install."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import math
import sys
from pathlib import Path

import pytest
from support import FIXTURE_FACTS, fixture_countries, run

import motives
from motives.engine.analysis.batch import batch_rows
from motives.engine.model.index import facts_read
from motives.engine.model.provenance import data_version
from motives.engine.render.frames import TIDY_COLUMNS, WIDE_COLUMNS, tidy_records, wide_record

HAVE_PANDAS = all(importlib.util.find_spec(name) for name in ("pandas", "pyarrow"))
needs_pandas = pytest.mark.skipif(
    not HAVE_PANDAS,
    reason='pandas or pyarrow is not installed (pip install -e ".[pandas]"); CI installs them',
)
FIX = fixture_countries()
EXTRA_LINE = (
    "error: --format parquet needs {missing}, which is not installed; "
    'install the extra: pip install "motives[pandas]"'
)


@pytest.fixture(scope="module")
def explained() -> list:
    return list(batch_rows([str(FIXTURE_FACTS)], explained=True))


def test_wide_records_carry_what_batch_writes(explained: list) -> None:
    """Certainty, dominance and unknown motives as in `motives batch`'s CSV (an empty cell: unknown)."""
    code, out, _ = run("batch", str(FIXTURE_FACTS))
    assert code == 0
    written = {row["file"]: row for row in csv.DictReader(io.StringIO(out))}
    assert len(written) == len(explained) == len(list(FIXTURE_FACTS.rglob("*.yaml")))
    for row in explained:
        record, cells = wide_record(row), written[row.path]
        assert list(record) == list(WIDE_COLUMNS)
        assert record["dominant"] == cells["dominant"]
        for motive in motives.Motive:
            certainty = record[f"{motive}_certainty"]
            assert ("" if certainty is None else f"{certainty:.4f}") == cells[str(motive)]
            assert record[f"{motive}_dominant"] == (str(motive) in cells["dominant"].split())
            assert record[f"{motive}_unknown"] == (cells[str(motive)] == "")
        assert record["facts_known"] == row.result.coverage.known and record["facts_read"] > 0


def test_a_classification_gives_the_same_wide_record_as_its_batch_row(explained: list) -> None:
    results = motives.classify_paths([str(FIX["usa"]), str(FIX["india"])])
    rows = {row.path: row for row in explained}
    for result in results:
        assert wide_record(result) == wide_record(rows[result.facts_path])


def test_tidy_records_list_each_fired_motive_rule_with_the_facts_it_read(explained: list) -> None:
    rulebase = motives.load_shipped_rulebase()
    row = next(row for row in explained if row.iso3 == "USA")
    records = tidy_records(row)
    assert records and all(list(record) == list(TIDY_COLUMNS) for record in records)
    fired_motive_rules = {step.rule_id for result in row.result.motives for step in result.evidence}
    assert {record["rule"] for record in records} == fired_motive_rules
    values = {fact.name: fact for fact in row.result.facts}
    for record in records:
        assert record["read_by"] in row.fired  # the rule itself, or one deriving an indicator it tests
        assert record["fact"] in facts_read(rulebase, record["read_by"])
        fact = values[record["fact"]]
        assert record["source"] == fact.source
        if isinstance(fact.value, bool | int | float):
            assert record["value"] == float(fact.value)
        assert record["rule_certainty"] == rulebase.rule(record["rule"]).conclusion.certainty


def test_tidy_records_need_the_classification() -> None:
    row = next(iter(batch_rows([str(FIX["usa"])])))
    with pytest.raises(ValueError, match="explained=True"):
        tidy_records(row)


@needs_pandas
def test_frames_have_typed_columns_and_record_their_provenance(explained: list) -> None:
    wide, tidy = motives.to_frame(explained), motives.tidy_frame(explained)
    assert tuple(wide.columns) == WIDE_COLUMNS and len(wide) == len(explained)
    assert tuple(tidy.columns) == TIDY_COLUMNS and len(tidy) == sum(len(tidy_records(r)) for r in explained)
    assert str(wide["as_of"].dtype).startswith("datetime64") and wide["political_dominant"].dtype == bool
    assert str(wide["facts_known"].dtype) == "Int64" and tidy["value"].dtype == "float64"
    for frame in (wide, tidy):
        assert frame.attrs == {
            "motives_version": motives.__version__,
            "rulebase": explained[0].rulebase,
            "data_version": data_version(),
        }
    usa = wide.set_index("iso3").loc["USA"]
    assert usa["dominant"] == "political" and math.isclose(usa["political_certainty"], 0.79)
    # rows without their classification: a wide frame all the same, its coverage left empty
    plain = motives.to_frame(batch_rows([str(FIX["usa"])]))
    assert plain["facts_known"].isna().all() and plain["political_certainty"].iloc[0] == 0.79


@needs_pandas
def test_batch_parquet_writes_the_wide_and_the_tidy_table(tmp_path: Path, explained: list) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    wide_file, tidy_file = tmp_path / "panel.parquet", tmp_path / "panel-tidy.parquet"
    code, out, err = run(
        "batch", FIXTURE_FACTS, "--format", "parquet", "-o", wide_file, "--tidy", tidy_file, "--jobs", "2"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"wrote {wide_file}: {len(explained)} row(s)",
        f"wrote {tidy_file}: the tidy table of the same rows",
    ]
    pd.testing.assert_frame_equal(pd.read_parquet(wide_file), motives.to_frame(explained))
    pd.testing.assert_frame_equal(pd.read_parquet(tidy_file), motives.tidy_frame(explained))
    recorded = json.loads(pq.read_schema(wide_file).metadata[b"motives"])
    assert recorded["motives_version"] == motives.__version__ and recorded["data_version"] == data_version()
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary file left


@needs_pandas
def test_batch_parquet_reports_bad_files_and_refuses_bad_targets(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("country: X\n", encoding="utf-8")
    table = tmp_path / "out.parquet"
    code, out, err = run("batch", tmp_path / "bad.yaml", FIX["usa"], "--format", "parquet", "-o", table)
    assert code == 1 and "bad.yaml" in err and out == f"wrote {table}: 1 row(s)\n"
    assert run("batch", FIX["usa"], "--format", "parquet")[0] == 2  # no -o: a binary file is never stdout
    assert run("batch", FIX["usa"], "--tidy", table)[0] == 2  # --tidy is for parquet
    code, _, err = run("batch", FIX["usa"], "--format", "parquet", "-o", table, "--tidy", table)
    assert code == 1 and "O903" in err
    code, _, err = run("batch", FIX["usa"], "--format", "parquet", "-o", table, "--tidy", FIX["usa"])
    assert code == 1 and "O903 is also an input of this command" in err


@pytest.mark.parametrize("missing", ["pandas", "pyarrow"])
def test_without_the_extra_parquet_says_which_to_install(
    missing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # `import pandas` now fails, as if not installed
    table = tmp_path / "out.parquet"
    code, out, err = run("batch", FIX["usa"], "--format", "parquet", "-o", table)
    assert (code, out) == (1, "")
    assert err.splitlines() == [EXTRA_LINE.format(missing=missing)]
    assert not table.exists()


def test_without_pandas_to_frame_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from motives.engine.model.extras import ExtraMissingError

    monkeypatch.setitem(sys.modules, "pandas", None)
    rows = list(batch_rows([str(FIX["usa"])], explained=True))
    for make in (motives.to_frame, motives.tidy_frame):
        with pytest.raises(ExtraMissingError, match=r'pip install "motives\[pandas\]"'):
            make(rows)
