"""``motives site -o DIR``: a static site of the panel that opens from disk. Its files (every page,
escaped), how its folder is written (whole or not at all, never over a folder it did not write), and
the site in a real headless Chromium (navigation, filters, search, no console error, nothing fetched
but the site's own files)."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, run

from motives import load_shipped_rulebase
from motives.engine.model.folders import MANIFEST, write_folder, written_by
from motives.engine.model.places import SHIPPED_FACTS
from motives.engine.model.regions import regions

THREE = [SHIPPED_FACTS / f"{name}.csv" for name in ("india", "usa", "brazil")]  # every snapshot of each
RULES = len(load_shipped_rulebase().rules)  # a page each, and an index of them


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small") / "site"
    code, out, err = run("site", *THREE, "-o", folder)
    assert (code, err) == (0, ""), err
    assert re.fullmatch(
        rf"wrote {re.escape(str(folder))}: 3 countries, \d+ snapshots, {RULES} rules, {RULES + 9} files "
        r"\(\d\.\d MB\)\n",
        out,
    )
    return folder


def test_the_site_has_an_index_an_overview_a_page_per_country_and_per_rule(small_site: Path) -> None:
    pages = sorted(p.relative_to(small_site).as_posix() for p in small_site.rglob("*.html"))
    assert [p for p in pages if p.startswith("countries/")] == [
        "countries/brazil.html",
        "countries/india.html",
        "countries/usa.html",
    ]
    assert {"index.html", "overview.html", "rules/index.html"} <= set(pages)
    assert len([p for p in pages if p.startswith("rules/")]) == RULES + 1  # and the index of rules
    index = (small_site / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr data-motive=") == 3
    assert 'data-motive="political" data-region="Americas" data-income="high"' in index  # the US
    overview = (small_site / "overview.html").read_text(encoding="utf-8")
    assert "<tr><td>1990</td><td>3</td>" in overview and "<tr><td>2025</td><td>3</td>" in overview


def test_a_country_page_has_its_trend_derivations_why_not_facts_sources_and_references(
    small_site: Path,
) -> None:
    page = (small_site / "countries" / "india.html").read_text(encoding="utf-8")
    for part in (
        "<h1>India (IND)</h1>",
        "Region Asia (UN M49); World Bank income group lower-middle (as of 2024-12-31)",
        'aria-label="Certainty per motive over time for India"',  # the trend chart
        "<td>1990-12-31</td>",  # the table of every snapshot
        "India (IND), as of 2025-07-31",
        "How each motive was reached",
        "Why not the other motives",
        "Facts and sources",
        "UN DPO monthly report, by_country_month.csv.gz: line 13875 (2025-07)",  # a source
        "<h3>References</h3>",
        "Bellamy, A. J. &amp; Williams, P. D.",
        'href="../rules/normative.long_record.html"',
    ):
        assert part in page, part


def test_a_rule_page_lists_where_it_fires(small_site: Path) -> None:
    page = (small_site / "rules" / "political.financial_leverage.html").read_text(encoding="utf-8")
    assert "<h2>Where it fires</h2>" in page
    rows = re.findall(r'<tr><td><a href="\.\./countries/(\w+)\.html">', page)
    assert "usa" in rows and "india" not in rows
    assert re.search(r"1990-2025</td><td>fires</td>", page)  # the US funds a major share throughout
    bars = re.findall(r"<title>(\d{4}): (\d+) of (\d+) countries</title>", page)  # a bar per year
    assert len(bars) == 36 and bars[0][0] == "1990" and bars[-1][0] == "2025"
    assert all(int(fires) <= int(countries) <= 3 for _, fires, countries in bars)


def test_everything_shown_is_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script>'
    facts = tmp_path / "facts" / "hostile.yaml"
    facts.parent.mkdir()
    facts.write_text(
        f"country: '{hostile}'\niso3: XSS\nas_of: 2020-12-31\nfacts:\n  uniformed_personnel: 5000\n"
        f"sources:\n  uniformed_personnel: '\"><img src=x onerror=alert(1)>'\n",
        encoding="utf-8",
    )
    code, _, err = run("site", facts, "-o", tmp_path / "site")
    assert code == 0, err
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page
    country = (tmp_path / "site" / "countries" / "xss.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (XSS)" in country
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in country
    data = (tmp_path / "site" / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert data.startswith("window.MOTIVES_SEARCH = [") and data.isascii()


def test_dates_are_shown_as_runs_of_years() -> None:
    from motives.engine.analysis.panel_site import year_spans

    dates = ["2000-12-31", "1995-12-31", "1996-12-31", "1997-12-31", "2025-07-31", "2024-12-31"]
    assert year_spans(dates) == "1995-1997, 2000, 2024-2025"
    assert year_spans([]) == ""


def test_the_shipped_regions_are_the_m49_table_of_the_sources() -> None:
    source = ROOT / "data" / "sources" / "un-scale" / "unsd_m49_names.csv"
    with source.open(encoding="utf-8", newline="") as stream:
        table = {
            row["ISO-alpha3 Code"]: row["Region Name"]
            for row in csv.DictReader(stream)
            if row["Region Name"] not in ("", "NA")
        }
    assert dict(regions()) == table, "regenerate src/motives/regions.csv from the M49 table"
    panel = {path.stem for path in SHIPPED_FACTS.glob("*.csv")}
    assert len(panel) == 193


# --- the folder: written whole, never over one motives did not write ------------------------------------


def test_a_folder_motives_did_not_write_is_replaced_only_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, out, err = run("site", THREE[0], "-o", folder)
    assert (code, out) == (1, "")
    assert err == (
        f"{folder}: error Y109 is not empty and is not a folder written by motives site (or was edited "
        "since); choose another folder, or pass --force to replace it as a whole\n"
    )
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert run("site", THREE[0], "-o", folder, "--force")[0] == 0
    assert not (folder / "notes.txt").exists() and written_by(folder, "motives site")
    assert run("site", THREE[0], "-o", folder)[0] == 0  # its own site: replaced without --force
    (folder / "index.html").write_text("edited", encoding="utf-8")
    assert run("site", THREE[0], "-o", folder)[0] == 1  # edited since: --force again
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


@pytest.mark.parametrize("kind", ["file", "link", "input", "current"])
def test_a_file_a_link_or_a_folder_of_inputs_is_never_replaced(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    facts = THREE[0]
    if kind == "file":
        target.write_text("x", encoding="utf-8")
    elif kind == "link":
        (tmp_path / "real").mkdir()
        target.symlink_to(tmp_path / "real")
    elif kind == "input":
        target.mkdir()
        facts = target / "india.csv"
        facts.write_bytes(THREE[0].read_bytes())
    else:  # the folder the command runs in, given by its full path
        (target / "work").mkdir(parents=True)
        (target / "work" / "notes.txt").write_text("mine", encoding="utf-8")
    code, out, err = run(
        "site", facts, "-o", target, "--force", cwd=target / "work" if kind == "current" else None
    )
    assert (code, out) == (1, "")
    expected = {"file": "O902 is a regular file, not a folder", "link": "O901 is a symbolic link"}
    expected["input"] = f"O903 holds an input of this command ({facts})"
    expected["current"] = "O907 is the current folder, a folder holding it, or the home folder"
    assert err.startswith(f"{target}: error {expected[kind]}") and err.count("\n") == 1, err


def test_bad_input_is_one_located_line_and_writes_nothing(tmp_path: Path) -> None:
    code, out, err = run("site", "atlantis", "-o", tmp_path / "site")
    assert (code, out) == (1, "")
    assert err.startswith("atlantis: error Y107 no such fact file") and err.count("\n") == 1
    assert not (tmp_path / "site").exists()


def test_a_failure_while_writing_leaves_the_old_folder_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    write_folder(folder, {"index.html": "old", "a/b.html": "old b"}, "test")
    with pytest.raises(ValueError, match="not a file name inside the folder"):
        write_folder(folder, {"index.html": "new", "z/../../escape.html": "x"}, "test")
    assert (folder / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in folder.rglob("*")) == [MANIFEST, "a", "b.html", "index.html"]
    assert written_by(folder, "test") and not written_by(folder, "another command")


def test_a_temporary_folder_a_stopped_run_left_is_removed_by_the_next(tmp_path: Path) -> None:
    stale = tmp_path / ".site.motives-999999999-x1y2.tmp"  # no process has this id
    (stale / "countries").mkdir(parents=True)
    running = tmp_path / f".site.motives-{os.getpid()}-a1b2.tmp"  # a live process's: left alone
    running.mkdir()
    write_folder(tmp_path / "site", {"index.html": "new"}, "test")
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "site"]


# --- in a real browser ------------------------------------------------------------------------------


def browse(browser: Any, site: Path, *, through: bool = True) -> dict[str, object]:
    """Drive Chromium through the site as a reader would, in a fresh context (no shared history or
    storage); what it saw, what it logged and every URL it asked for. ``through=False`` stays on the
    index (its table, filter and sort)."""
    seen: dict[str, object] = {}
    console: list[str] = []
    requested: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: console.append(f"page error: {error}"))
        page.on("request", lambda request: requested.append(request.url))
        page.goto((site / "index.html").as_uri())
        rows = "#countries tbody tr:not([hidden])"
        seen["rows"] = page.locator(rows).count()
        page.select_option("#filter-motive", "political")
        seen["political rows"] = page.locator(rows).count()
        seen["shown"] = page.inner_text("#shown")
        page.select_option("#filter-motive", "")
        page.click("th button[data-column='0']")  # sort by country: descending on the first click
        seen["first"] = page.inner_text("#countries tbody tr:first-child td:first-child")
        seen["sorted"] = page.get_attribute("#countries th:first-child", "aria-sort")
        if not through:
            return _seen(seen, console, requested)
        page.fill("#search", "Ind")
        page.wait_for_selector("#search-results a")
        seen["first result"] = page.inner_text("#search-results li:first-child a")
        page.click("#search-results li:first-child a")
        page.wait_for_load_state()
        seen["country url"] = page.url
        seen["country h1"] = page.inner_text("h1")
        page.click("a.rule >> nth=0")  # a rule that fired on the latest snapshot
        page.wait_for_load_state()
        seen["rule url"] = page.url
        seen["firings"] = page.locator("#firings tbody tr").count()
        page.click("nav a >> text=Motives by year")
        page.wait_for_load_state()
        seen["overview rows"] = page.locator("table.counts tbody tr").count()
    finally:
        context.close()
    return _seen(seen, console, requested)


def _seen(seen: dict[str, object], console: list[str], requested: list[str]) -> dict[str, object]:
    seen["console"] = console
    seen["remote"] = [url for url in requested if not url.startswith(("file://", "data:"))]
    seen["requested"] = len(requested)
    return seen


@pytest.mark.slow
def test_the_site_works_in_headless_chromium_from_disk(browser: Any, small_site: Path) -> None:
    seen = browse(browser, small_site)
    assert seen["rows"] == 3
    assert 0 < seen["political rows"] < 3 and seen["shown"] == str(seen["political rows"])  # type: ignore[operator]
    assert seen["first"] == "United States" and seen["sorted"] == "descending"
    assert seen["first result"] == "India (IND)"
    assert seen["country url"] == (small_site / "countries" / "india.html").as_uri()
    assert seen["country h1"] == "India (IND)"
    assert str(seen["rule url"]).startswith((small_site / "rules").as_uri())
    assert seen["firings"] >= 1  # type: ignore[operator]
    assert seen["overview rows"] == 36  # 1990 to 2025
    assert seen["console"] == []
    assert seen["remote"] == [] and seen["requested"] > 0  # type: ignore[operator]


@pytest.mark.slow
def test_the_whole_panel_in_chromium(browser: Any, tmp_path: Path) -> None:
    # how long the whole panel takes is measured in benchmarks/panel.py, not here
    folder = tmp_path / "site"
    code, out, err = run("site", "-o", folder)
    assert (code, err) == (0, ""), err
    assert out.startswith(
        f"wrote {folder}: 193 countries, 6788 snapshots, {RULES} rules, {RULES + 199} files"
    )
    seen = browse(browser, folder, through=False)  # the pages past the index: the small site's test
    assert seen["rows"] == 193 and 0 < seen["political rows"] < 193  # type: ignore[operator]
    assert seen["first"] == "Zimbabwe"
    assert seen["console"] == [] and seen["remote"] == []
