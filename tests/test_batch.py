"""Batch classification and trends: every file once, in order, streamed, the same with worker processes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from support import FIXTURE_FACTS, fixture_countries, run

from motives.engine.analysis.batch import batch_rows

FIX = fixture_countries()

SHIPPED = len(list(FIXTURE_FACTS.rglob("*.yaml")))


def test_csv_has_one_row_per_fact_file_in_path_order() -> None:
    code, out, err = run("batch", str(FIXTURE_FACTS))
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == SHIPPED
    assert [row["file"] for row in rows] == sorted((row["file"] for row in rows), key=Path)  # folder order
    usa = next(row for row in rows if row["iso3"] == "USA")
    assert usa["dominant"] == "political" and usa["political"] == "0.7900"
    assert usa["file"] == str(FIXTURE_FACTS / "usa.yaml")  # an absolute path outside the package: as it is
    assert len({row["rulebase"] for row in rows}) == 1


def test_two_worker_processes_give_the_same_output() -> None:
    one = run("batch", str(FIXTURE_FACTS), "--format", "jsonl")[1]
    two = run("batch", str(FIXTURE_FACTS), "--format", "jsonl", "--jobs", "2")[1]
    assert one == two and one.count("\n") == SHIPPED


def test_json_and_markdown_formats() -> None:
    data = json.loads(run("batch", FIX["usa"], FIX["india"], "--format", "json")[1])
    assert [row["iso3"] for row in data] == ["USA", "IND"]
    assert data[1]["certainty"]["normative"] == 0.664
    assert json.loads(run("batch", "nowhere.yaml", "--format", "json")[1]) == []
    markdown = run("batch", FIX["usa"], "--format", "markdown")[1].splitlines()
    assert markdown[0].startswith("| country | iso3 | as_of | dominant | political |") and len(markdown) == 3


def test_a_bad_file_is_reported_and_the_others_still_classified(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("country: X\n", encoding="utf-8")
    code, out, err = run("batch", str(tmp_path), FIX["usa"])
    assert code == 1
    assert len(out.splitlines()) == 2  # header and the United States
    assert "bad.yaml:1:1: error S202 the fact file lacks required key 'iso3'" in err


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, out, _ = run("batch", FIX["usa"], FIX["india"], "-o", str(target))
    assert code == 0 and out == f"wrote {target}: 2 row(s)\n"
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_rows_are_streamed_as_they_are_ready() -> None:
    def arguments():  # type: ignore[no-untyped-def]
        yield "usa"
        raise AssertionError("the second argument was read before the first row was needed")

    first = next(batch_rows(arguments()))
    assert first.iso3 == "USA"


def test_trend_of_a_country_over_its_snapshots() -> None:
    code, out, _ = run("trend", "india")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "India: motives over time"
    dates = [line.split()[0] for line in lines[3:] if line[:1].isdigit()]
    assert dates[0] == "1990-12-31" and dates == sorted(dates)  # the panel, oldest first
    assert {"2021-01-31", "2023-11-30", "2025-07-31"} <= set(dates)
    code, out, _ = run("trend", "IND", "--format", "csv")
    assert (
        code == 0
        and out.splitlines()[0] == "as_of,political,economic,security,institutional,normative,dominant,file"
    )
    assert len(out.splitlines()) == 1 + len(dates)
    code, _, err = run("trend", "xyzzy")
    assert code == 1 and "no shipped country of that name" in err


def test_trend_names_the_rules_and_facts_that_moved_the_motives() -> None:
    code, out, _ = run("trend", "india")
    assert code == 0
    lines = out.splitlines()
    after_2011 = lines[lines.index(next(line for line in lines if line.startswith("2011-12-31"))) + 1]
    # India's 2011-12 Council term: the council-ambition evidence starts, and the fact that moved it
    assert after_2011.lstrip().startswith("moved: ")
    assert "+political.council_ambition" in after_2011
    assert "unsc_elected_recently false -> true" in after_2011
    code, _, err = run("trend", "xyzzy")
    assert code == 1 and "no shipped country of that name" in err


def test_an_output_that_is_a_panel_file_read_by_the_command_is_refused(tmp_path: Path) -> None:
    """A panel snapshot is read from FILE.csv#DATE: its file is an input, never replaced (batch, report)."""
    from motives.engine.model.places import SHIPPED_FACTS

    panel = tmp_path / "iceland.csv"
    panel.write_bytes((SHIPPED_FACTS / "iceland.csv").read_bytes())
    before = panel.read_bytes()
    for command in (["batch", panel, "-o", panel], ["report", panel, "-o", panel, "--force"]):
        code, _, err = run(*command)
        assert code == 1 and "O903 is also an input of this command" in err, (command, err)
    assert panel.read_bytes() == before


def test_as_of_gives_a_cross_section_of_the_panel() -> None:
    """One row per state with a snapshot in force on the date, each the latest on or before it."""
    from motives import SHIPPED_FACTS

    code, out, err = run("batch", SHIPPED_FACTS, "--as-of", "2012-06-30")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len({row["iso3"] for row in rows}) > 150
    assert {row["as_of"] for row in rows} == {"2011-12-31"}
    code, out, _ = run("batch", "india", "usa", "--as-of", "2015-12-31")
    assert [(row["iso3"], row["as_of"]) for row in csv.DictReader(io.StringIO(out))] == [
        ("IND", "2015-12-31"),
        ("USA", "2015-12-31"),
    ]
    code, out, err = run("batch", SHIPPED_FACTS, "--as-of", "1989-12-31")
    assert code == 0 and out.count("\n") == 1  # the header alone
    assert err == "note: no fact file named has a snapshot on or before 1989-12-31\n"
