"""The report a reader without a terminal gets: self-contained HTML (checked in a real headless Chromium)
and Markdown; files are written atomically and never replace a file motives did not write."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from support import FIXTURE_FACTS, fixture_countries, run

from motives import compile_rules, load_shipped_rulebase, run_rules
from motives.engine.model import files as files_module
from motives.engine.model.errors import Location
from motives.engine.model.facts import Fact, FactSet
from motives.engine.render.report import build_report, render_html

FIX = fixture_countries()


def open_page(browser: Any, page: Path) -> tuple[str, list[str], Any]:
    """The page loaded in a fresh context of the session's Chromium: its DOM, the console messages it
    logged (and uncaught errors), and the open page for more."""
    console: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 1600})
    opened = context.new_page()
    opened.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    opened.on("pageerror", lambda error: console.append(f"page error: {error}"))
    opened.goto(page.as_uri())
    opened.wait_for_load_state()
    return opened.content(), console, opened


@pytest.mark.slow
def test_report_renders_in_headless_chromium_without_console_messages(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert run("report", FIX["usa"], FIX["india"], "-o", str(page))[0] == 0
    dumped, console, opened = open_page(browser, page)
    assert "Dominant motives: <strong>political</strong>" in dumped
    assert "Dominant motives: <strong>political, normative</strong>" in dumped
    assert console == []
    shot = tmp_path / "report.png"  # kept out of the repository: pytest's tmp_path
    opened.screenshot(path=str(shot))
    opened.context.close()
    assert shot.stat().st_size > 10_000


@pytest.mark.slow
def test_the_console_check_does_catch_a_console_error(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<html><body><script>console.error("broken")</script></body></html>', encoding="utf-8")
    _, console, opened = open_page(browser, page)
    opened.context.close()
    assert console == ["error: broken"]


def test_html_is_self_contained_and_escapes_what_it_shows() -> None:
    facts = FactSet(
        "Atlantis <&> Lemuria",
        "ATL",
        dt.date(2024, 1, 1),
        (Fact("uniformed_personnel", 3000, 'a "quoted" <source>', Location("test")),),
    )
    html = render_html(build_report([run_rules(facts, compile_rules(load_shipped_rulebase()))]))
    assert "<script" not in html and "<link" not in html and 'src="' not in html
    assert "@import" not in html and "url(" not in html
    assert "Atlantis &lt;&amp;&gt; Lemuria" in html and "&quot;quoted&quot; &lt;source&gt;" in html
    assert "Atlantis <&>" not in html


def test_report_sections_are_all_there(tmp_path: Path) -> None:
    code, out, _ = run("report", FIX["india"])
    assert code == 0
    for part in (
        "<svg",
        "How each motive was reached",
        "Why not the other motives",
        "Facts and sources",
        "<h2>References</h2>",
        "Bellamy, A. J. &amp; Williams, P. D.",
        "normative.long_record",
    ):
        assert part in out, part


def test_markdown_report(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, out, _ = run("report", FIX["usa"], "--format", "markdown", "-o", str(target))
    assert code == 0 and out == f"wrote {target} (1 country, markdown)\n"  # issue 13, item 18
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!-- motives report sha256:")
    assert text.splitlines()[1] == "# Why United States takes part in UN peacekeeping"
    assert "| political | 0.79 | yes |" in text and "## References" in text


def test_a_file_motives_did_not_write_is_never_replaced_without_force(tmp_path: Path) -> None:
    mine = tmp_path / "notes.html"
    mine.write_text("my own notes", encoding="utf-8")
    code, _, err = run("report", FIX["usa"], "-o", str(mine))
    assert code == 1 and "error Y109 exists and is not a report written by motives" in err
    assert mine.read_text(encoding="utf-8") == "my own notes"
    assert run("report", FIX["usa"], "-o", str(mine), "--force")[0] == 0
    assert "motives report" in mine.read_text(encoding="utf-8")
    assert run("report", FIX["india"], "-o", str(mine))[0] == 0  # its own file: replaced freely


def test_a_failure_halfway_leaves_the_old_report_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    assert run("report", FIX["usa"], "-o", str(target))[0] == 0
    before = target.read_bytes()

    def broken_replace(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "replace", broken_replace)
    code, _, err = run("report", FIX["india"], "-o", str(target))
    assert code == 1 and err == f"{target}: error O904 cannot write: No space left on device; " + (
        "choose a regular file in a folder you can write\n"
    )
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


def test_a_country_at_several_dates_gets_a_trend_chart() -> None:

    code, out, _ = run("report", str(FIXTURE_FACTS / "india" / "2021-01-31.yaml"), FIX["india"])
    assert code == 0
    assert "<h2>India over time</h2>" in out
    assert out.count("<polyline") == 5  # one line per motive
    code, out, _ = run("report", FIX["usa"], FIX["india"])
    assert "over time" not in out


def test_a_shipped_country_gets_its_whole_panel_as_a_trend(tmp_path: Path) -> None:
    target = tmp_path / "india.md"
    code, _, err = run("report", "india", "--format", "markdown", "-o", target)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "## India across its panel" in text
    rows = [line for line in text.splitlines() if line.startswith("| 19") or line.startswith("| 20")]
    assert rows[0].startswith("| 1990-12-31 |") and rows[-1].startswith("| 2025-07-31 |")
    assert any(row.startswith("| 2011-12-31 |") and "political" in row.rsplit("|", 2)[1] for row in rows)
    html_target = tmp_path / "india.html"
    assert run("report", "india", "-o", html_target)[0] == 0
    page = html_target.read_text(encoding="utf-8")
    assert "<h2>India across its panel</h2>" in page and "Certainty per motive over time for India" in page


def test_the_dates_under_a_long_trend_never_overlap() -> None:
    from motives.engine.render.report import TrendPoint, trend_svg

    points = [TrendPoint(f"{1990 + year}-12-31", (0.0,) * 5) for year in range(37)]  # 0 to 36: 36 is last
    svg = trend_svg("Somewhere", points)
    labelled = re.findall(r'font-size="10" text-anchor="middle">([0-9-]+)</text>', svg)
    assert labelled[0] == "1990-12-31" and labelled[-1] == "2026-12-31"
    assert "2025-12-31" not in labelled  # the fifth date one step before the last would overlap it
    assert len(labelled) == 8  # 0, 5, ..., 30, then the last
