"""The hostile-input corpus for the commands (issue 13): each attack an audit tried, run through the CLI,
with the exact lines the user is shown and what must stay untouched.

Attacks on a single fact or rule file live in the file corpora (``cases/bad_facts``, ``cases/bad_rules``);
the ones here need a command around them: output files that must not be replaced, CSV cells a
spreadsheet would run, text that would forge lines of output.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import FIXTURE_FACTS, run

from motives import SHIPPED_FACTS, SHIPPED_RULES
from motives.engine.render.rows import spreadsheet_text

INDIA = FIXTURE_FACTS / "india.yaml"
THESIS = "Remember to run motives report.\nIrreplaceable text.\n"
NOT_OURS = "error Y109 exists and is not a report written by motives (or was edited since); "
NOT_OURS += "choose another file, or pass --force to replace it"
ELSEWHERE = "choose a regular file in a folder you can write"


def run_apart(*args: str, cwd: Path, timeout: float = 60) -> tuple[int, str, str]:
    """The CLI in its own process, for what could hang (a FIFO blocks whoever opens it)."""
    env = {key: value for key, value in os.environ.items() if key != "MOTIVES_DEBUG"}
    command = [sys.executable, "-c", "from motives.cli import main; main()", *args]
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"motives {' '.join(args)} still running after {timeout} s: it hangs")
    return done.returncode, done.stdout, done.stderr


# --- 1. report -o replaces only its own, unedited files ----------------------------------------------


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_report_does_not_replace_a_file_that_merely_mentions_motives_report(
    tmp_path: Path, output_format: str
) -> None:
    thesis = tmp_path / "thesis.md"
    thesis.write_text(THESIS, encoding="utf-8")
    code, out, err = run("report", "india", "--format", output_format, "-o", "thesis.md", cwd=tmp_path)
    assert (code, out, err) == (1, "", f"thesis.md: {NOT_OURS}\n")
    assert thesis.read_text(encoding="utf-8") == THESIS


def test_report_replaces_its_own_file_but_not_once_edited(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    assert run("report", "usa", "--format", "markdown", "-o", "report.md", cwd=tmp_path)[0] == 0
    assert report.read_text(encoding="utf-8").startswith("<!-- motives report sha256:")
    assert run("report", "india", "--format", "html", "-o", "report.md", cwd=tmp_path)[0] == 0
    edited = report.read_text(encoding="utf-8") + "My conclusions.\n"
    report.write_text(edited, encoding="utf-8")
    code, _, err = run("report", "usa", "-o", "report.md", cwd=tmp_path)
    assert (code, err) == (1, f"report.md: {NOT_OURS}\n")
    assert report.read_text(encoding="utf-8") == edited
    # a copied marker over someone else's text is not enough either
    marker = edited.splitlines()[0]
    report.write_text(marker + "\n" + THESIS, encoding="utf-8")
    assert run("report", "usa", "-o", "report.md", cwd=tmp_path)[0] == 1
    assert run("report", "usa", "-o", "report.md", "--force", cwd=tmp_path)[0] == 0


# --- 3. batch -o and report -o refuse links, special files and their own inputs ----------------------


def _special(tmp_path: Path, kind: str) -> tuple[str, str]:
    """An output path of an odd kind under tmp_path, and the message it gets."""
    if kind == "symlink":
        (tmp_path / "thesis.md").write_text(THESIS, encoding="utf-8")
        (tmp_path / "out.csv").symlink_to("thesis.md")
        return "out.csv", (
            "out.csv: error O901 is a symbolic link (to thesis.md), and motives never writes through one; "
            "name the file it points to, or another file"
        )
    if kind == "dangling symlink":
        (tmp_path / "out.csv").symlink_to("nowhere.csv")
        return "out.csv", (
            "out.csv: error O901 is a symbolic link (to nowhere.csv), and motives never writes through one; "
            "name the file it points to, or another file"
        )
    if kind == "fifo":
        os.mkfifo(tmp_path / "out.csv")
        return "out.csv", f"out.csv: error O902 is a FIFO (named pipe), not a regular file; {ELSEWHERE}"
    if kind == "device":
        if os.geteuid() != 0:  # only root can make one; and only root could replace /dev/null
            return "/dev/null", f"/dev/null: error O902 is a device, not a regular file; {ELSEWHERE}"
        # as root, a device of our own (a copy of /dev/null): a regression must not replace the real one
        os.mknod(tmp_path / "out.csv", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return "out.csv", f"out.csv: error O902 is a device, not a regular file; {ELSEWHERE}"
    if kind == "parent is a file":
        (tmp_path / "thesis.md").write_text(THESIS, encoding="utf-8")
        return "thesis.md/out.csv", (
            f"thesis.md/out.csv: error O905 cannot be created: a folder in its path is a file; {ELSEWHERE}"
        )
    raise AssertionError(kind)


def _listing(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Each entry's kind, identity, size and modification time (not its access time: reading a link
    touches it)."""
    return {
        path.name: (status.st_mode, status.st_ino, status.st_size, status.st_mtime_ns)
        for path in folder.iterdir()
        for status in [path.lstat()]
    }


KINDS = ["symlink", "dangling symlink", "fifo", "device", "parent is a file"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "command", [["batch", "india"], ["report", "india"], ["report", "india", "--force"]], ids=" ".join
)
def test_an_output_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    target, message = _special(tmp_path, kind)
    before = _listing(tmp_path)
    # only a FIFO could hang whoever opens it: the other kinds run in-process, through the same main()
    code, out, err = (run_apart if kind == "fifo" else run)(*command, "-o", target, cwd=tmp_path)
    assert (code, out, err) == (1, "", message + "\n")
    assert _listing(tmp_path) == before  # nothing replaced, no temporary file left
    if kind == "symlink":
        assert (tmp_path / "thesis.md").read_text(encoding="utf-8") == THESIS


@pytest.mark.parametrize("command", [["batch", "india"], ["report", "india", "--force"]], ids=" ".join)
def test_an_output_that_is_a_folder_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "out.csv").mkdir()
    code, out, err = run(*command, "-o", "out.csv", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert "Invalid value for '-o' / '--output': File 'out.csv' is a directory" in err


@pytest.mark.parametrize("command", [["batch"], ["report", "--force"]], ids=" ".join)
def test_an_output_that_is_an_input_is_refused(tmp_path: Path, command: list[str]) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(INDIA, mine)
    original = mine.read_bytes()
    message = "error O903 is also an input of this command; write to another file\n"
    assert run(*command, "mine.yaml", "-o", "mine.yaml", cwd=tmp_path) == (1, "", f"mine.yaml: {message}")
    # the same file under another name: a hard link, or found by walking a folder
    os.link(mine, tmp_path / "other.csv")
    assert run(*command, "mine.yaml", "-o", "other.csv", cwd=tmp_path) == (1, "", f"other.csv: {message}")
    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(INDIA, folder / "india.yaml")
    code, out, err = run(*command, "usa", "facts", "-o", "facts/india.yaml", cwd=tmp_path)
    assert (code, out, err) == (1, "", f"facts/india.yaml: {message}")
    assert mine.read_bytes() == original and (folder / "india.yaml").read_bytes() == INDIA.read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["facts", "mine.yaml", "other.csv"]


@pytest.mark.parametrize("command", [["batch", "india"], ["report", "india", "--force"]], ids=" ".join)
def test_an_output_that_is_a_rule_file_is_refused(tmp_path: Path, command: list[str]) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES, rules)
    before = (rules / "political.yaml").read_bytes()
    code, out, err = run(*command, "--rules", "rules", "-o", "rules/political.yaml", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == "rules/political.yaml: error O903 is also an input of this command; write to another file\n"
    assert (rules / "political.yaml").read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize("command", [["batch", "india"], ["report", "india"]], ids=" ".join)
def test_an_output_in_a_read_only_folder_is_a_located_problem(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, out, err = run(*command, "-o", "locked/out.txt", cwd=tmp_path)
    finally:
        folder.chmod(0o755)
    assert (code, out) == (1, "")
    assert err == f"locked/out.txt: error O904 cannot write: Permission denied; {ELSEWHERE}\n"


# --- 5. reference URLs: only http, https and doi, at loading and again at rendering -------------------


def test_rules_check_refuses_a_script_url_in_the_bibliography() -> None:
    """The located lines themselves are in the bad-rules corpus (cases/bad_rules/reference_url_not_web)."""
    cases = Path(__file__).parent / "cases" / "bad_rules"
    code, out, err = run("rules", "check", "reference_url_not_web", cwd=cases)
    assert code == 1
    assert (out + err).count(" error R419 url ") == 3


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        'https://example.org/" onmouseover="alert(1)',
        "https://example.org/\u202etxt.exe",
    ],
)
def test_a_url_that_slipped_past_loading_is_never_a_link_in_a_report(url: str) -> None:
    from motives.engine.model.citations import Reference
    from motives.engine.render.report import Report, render_html, render_markdown

    report = Report((), (Reference("bad", "Bad (2024)", "A bad reference.", url),), "0" * 12)
    html_text, markdown = render_html(report), render_markdown(report)
    assert "<a " not in html_text and "href" not in html_text
    assert "<li>A bad reference.</li>" in html_text
    assert "- A bad reference.\n" in markdown and "<javascript" not in markdown.lower()


def test_http_https_and_doi_urls_are_links() -> None:
    from motives.engine.model.citations import Reference
    from motives.engine.render.report import Report, render_html, render_markdown

    references = (
        Reference("a", "A", "Web.", "https://example.org/a?b=1&c=2"),
        Reference("b", "B", "Doi.", "doi:10.1177/0022343318785419"),
    )
    report = Report((), references, "0" * 12)
    html_text = render_html(report)
    assert '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>' in html_text
    assert '<a href="https://doi.org/10.1177/0022343318785419">doi:10.1177/0022343318785419</a>' in html_text
    assert "- Doi. <https://doi.org/10.1177/0022343318785419>" in render_markdown(report)


# --- 6. CSV cells a spreadsheet would run --------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_batch_csv_neutralises_formulas_in_text_cells_and_keeps_numbers(tmp_path: Path) -> None:
    usa = (FIXTURE_FACTS / "usa.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "facts"
    folder.mkdir()
    for index, name in enumerate(FORMULAS):
        quoted = "'" + name.replace("'", "''") + "'"
        text = usa.replace("country: United States", f"country: {quoted}")
        (folder / f"{index}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "=1+1.yaml").write_text(usa, encoding="utf-8")  # a file name is a cell too
    code, out, err = run("batch", "facts", "=1+1.yaml", cwd=tmp_path)
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert [row[0] for row in rows[1:]] == ["'" + name for name in FORMULAS] + ["United States"]
    assert rows[-1][-1] == "'=1+1.yaml"
    economic = rows[0].index("economic")
    assert {row[economic] for row in rows[1:]} == {"-0.5800"}  # a negative number stays a number


@pytest.mark.parametrize("text", ["=1", "+1", "-x", "@x", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(text: str) -> None:
    assert spreadsheet_text(text) == "'" + text
    assert spreadsheet_text("x" + text) == "x" + text


# --- 7. Markdown outputs escape every cell and inline text ---------------------------------------------

PIPE_LAND = "Pipe | land <img src=x onerror=alert(1)> *x* [a](javascript:b)"


def _cells_of(line: str) -> int:
    """The cells of a Markdown table row: pipes that are not backslash-escaped, less the outer two."""
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def _fact_file(folder: Path, name: str, country: str, iso3: str) -> None:
    text = (FIXTURE_FACTS / "india.yaml").read_text(encoding="utf-8")
    text = text.replace("country: India", f"country: '{country}'").replace("iso3: IND", f"iso3: {iso3}")
    (folder / name).write_text(text, encoding="utf-8")


def _assert_no_markup(markdown: str) -> None:
    tables = [line for line in markdown.splitlines() if line.startswith("|")]
    header_cells = {_cells_of(line) for line in tables if line.startswith("|--") or line.startswith("|---")}
    for line in tables:
        assert _cells_of(line) in header_cells or not header_cells, line
    for markup in (r"<img", r"\]\(javascript", r"\*x"):  # each only with a backslash before it
        assert not re.search(r"(?<!\\)" + markup, markdown), markup


@pytest.mark.parametrize(
    "command",
    [
        ["batch", "--format", "markdown"],
        ["compare", "--format", "markdown"],
        ["report", "--format", "markdown"],
    ],
    ids=" ".join,
)
def test_markdown_escapes_a_country_name_with_pipes_and_html(tmp_path: Path, command: list[str]) -> None:
    _fact_file(tmp_path, "a.yaml", PIPE_LAND, "PPL")
    _fact_file(tmp_path, "b.yaml", "Second | land", "SCL")
    code, out, err = run(*command, "a.yaml", "b.yaml", cwd=tmp_path)
    assert (code, err) == (0, "")
    _assert_no_markup(out)
    assert r"Pipe \| land \<img src=x onerror=alert(1)\> \*x\* \[a\](javascript:b)" in out


def test_report_markdown_escapes_a_source_that_forges_rows_and_headings() -> None:
    """The loader refuses line breaks in sources (cases/bad_facts/source_terminal_controls); a fact set
    built another way (from Python) is still escaped when rendered."""
    import datetime as dt

    from motives import compile_rules, load_shipped_rulebase, run_rules
    from motives.engine.model.errors import Location
    from motives.engine.model.facts import Fact, FactSet
    from motives.engine.render.report import build_report, render_markdown

    forged = "a source\n| forged | row |\n\n# Forged heading <img src=x onerror=alert(1)>"
    facts = FactSet(
        "Testland", "TST", dt.date(2024, 1, 1), (Fact("uniformed_personnel", 3000, forged, Location("t")),)
    )
    markdown = render_markdown(build_report([run_rules(facts, compile_rules(load_shipped_rulebase()))]))
    assert "\n# Forged" not in markdown and "\n| forged" not in markdown
    assert r"| uniformed_personnel | 3000 | a source \| forged \| row \| \# Forged heading \<img" in markdown
    _assert_no_markup(markdown)


# --- 8. no terminal control characters reach the output ------------------------------------------------

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "command",
    [["classify"], ["classify", "--format", "json"], ["batch"], ["batch", "--format", "jsonl"], ["report"]],
    ids=" ".join,
)
def test_a_file_name_with_terminal_controls_is_shown_escaped(tmp_path: Path, command: list[str]) -> None:
    name = "in\x1b]0;pwned\x07dia\r\b\u202e.yaml"
    shutil.copy(INDIA, tmp_path / name)
    code, out, err = run(*command, name, cwd=tmp_path)
    assert code == 0, err
    assert not CONTROL.search(out + err), repr((out + err)[:300])
    if command in (["classify"], ["batch"]):
        assert r"in\u001b]0;pwned\u0007dia\u000d\u0008\u202e.yaml" in out
    if "json" in command[-1]:
        import json

        data = json.loads(out)
        shown = data["file"] if "batch" in command else data["facts_file"]
        assert shown == name  # JSON reads the escape back as the same characters


# --- crashes: a located message with exit 1, or a usage error with exit 2; never exit 70 ---------------

NOT_SHIPPED = (
    "error Y107 is not a shipped country; name a shipped country (see `motives countries`), e.g. india"
)


def test_trend_of_a_fact_file_or_of_nothing_is_a_located_problem(tmp_path: Path) -> None:
    shutil.copy(INDIA, tmp_path / "mine.yaml")
    assert run("trend", "mine.yaml", cwd=tmp_path) == (1, "", f"mine.yaml: {NOT_SHIPPED}\n")
    assert run("trend", "", cwd=tmp_path) == (1, "", f"'': {NOT_SHIPPED}\n")
    code, out, _ = run("trend", str(SHIPPED_FACTS / "usa.csv"))  # a shipped file is its country
    assert code == 0 and out.startswith("United States: motives over time")


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan"])
def test_sensitivity_percent_nan_is_a_usage_error(value: str) -> None:
    code, out, err = run("sensitivity", "india", "--percent", value, "--format", "json")
    assert (code, out) == (2, "")
    assert "Invalid value for --percent: nan is not a number of percent" in err


def test_rules_schema_write_under_a_file_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "thesis.md").write_text(THESIS, encoding="utf-8")
    code, out, err = run("rules", "schema", "--write", "thesis.md/schemas", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        "thesis.md/schemas/facts.schema.json: error O905 cannot be created: a folder in its path is a file; "
        f"{ELSEWHERE}\n"
    )


SURROGATE = (
    "error Y105 text holds an escape of a lone surrogate (\\ud800 to \\udfff), which is no character; "
    "write the character itself, or remove the escape"
)


@pytest.mark.parametrize("command", [["classify"], ["batch"], ["report"], ["compare", "india"]], ids=" ".join)
def test_a_lone_surrogate_escape_is_a_located_problem(tmp_path: Path, command: list[str]) -> None:
    """Every text field: the bad-facts, bad-rules and bad-labels corpora hold the other fields."""
    text = INDIA.read_text(encoding="utf-8").replace("country: India", 'country: "In\\ud800dia"')
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(*command, "mine.yaml", cwd=tmp_path)
    assert (code, err) == (1, f"mine.yaml:3:10: {SURROGATE}\n")
    assert out.count("\n") <= 1  # batch streams its CSV header first


@pytest.mark.parametrize("command", [["classify"], ["batch"], ["report"]], ids=" ".join)
def test_a_name_the_terminal_cannot_encode_is_a_located_problem(tmp_path: Path, command: list[str]) -> None:
    text = INDIA.read_text(encoding="utf-8").replace("country: India", "country: Côte d\u2019Ivoire")
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "MOTIVES_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-c", "from motives.cli import main; main()", *command, "mine.yaml"],
        cwd=tmp_path,
        env={**env, "PYTHONIOENCODING": "latin-1"},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.decode("latin-1") == (
        "<stdout>: error O906 cannot be written in the latin-1 encoding: it has no U+2019; "
        "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale), or write to a file with -o\n"
    )


TOO_LONG = "error Y111 this number is too long to read; write a realistic figure"


def test_a_5000_digit_set_value_is_a_short_located_problem() -> None:
    code, out, err = run("classify", "india", "--set", "uniformed_personnel=" + "9" * 5000)
    assert (code, out) == (1, "")
    assert err == f"--set uniformed_personnel={'9' * 40}... (4,960 more characters): {TOO_LONG}\n"


def test_a_5000_digit_cell_of_a_csv_fact_file_is_a_located_problem(tmp_path: Path) -> None:
    rows = "country,iso3,as_of,fact,value,source\n"
    rows += f"India,IND,2023-11-30,uniformed_personnel,{'9' * 5000},UN DPO\n"
    (tmp_path / "mine.csv").write_text(rows, encoding="utf-8")
    assert run("classify", "mine.csv", cwd=tmp_path) == (1, "", f"mine.csv:2:1: {TOO_LONG}\n")


# --- 2. one facts import at a time writes into a folder ------------------------------------------------

UN_DATA = Path(__file__).parent / "cases" / "un_data"


def _motives(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {key: value for key, value in os.environ.items() if key != "MOTIVES_DEBUG"}
    command = [sys.executable, "-c", "from motives.cli import main; main()", *args]
    return subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_a_second_import_into_a_folder_waits_for_the_first(tmp_path: Path) -> None:
    from filelock import FileLock

    (tmp_path / "facts").mkdir()
    with FileLock(tmp_path / "facts" / ".motives-import.lock"):  # as a first import holds it
        second = _motives(
            "facts", "import", str(UN_DATA / "odp_contributionranks.csv"), "--out", "facts", cwd=tmp_path
        )
        assert second.stderr is not None
        assert (
            second.stderr.readline()
            == "waiting for another import to let go of facts/.motives-import.lock ...\n"
        )
        assert list((tmp_path / "facts").rglob("*.yaml")) == []
    out, err = second.communicate(timeout=120)
    assert (second.returncode, err) == (0, "")
    assert out.splitlines()[-1].startswith("fact files: ") and list((tmp_path / "facts").rglob("*.yaml"))


def test_an_import_that_cannot_get_the_lock_in_time_is_a_located_problem(tmp_path: Path) -> None:
    from filelock import FileLock

    from motives import InputError
    from motives.engine.importers.un import import_files

    (tmp_path / "facts").mkdir()
    with FileLock(tmp_path / "facts" / ".motives-import.lock"), pytest.raises(InputError) as raised:
        import_files([UN_DATA / "scale.csv"], tmp_path / "facts", wait=0.1)
    assert str(raised.value) == (
        f"{tmp_path / 'facts'}: error I714 another motives facts import is still writing here (it holds "
        f"{tmp_path / 'facts' / '.motives-import.lock'}); wait for it to finish, then run this import again"
    )


@pytest.mark.slow
def test_two_imports_at_once_into_one_folder_lose_no_fact(tmp_path: Path) -> None:
    """Seen in 9 of 30 runs without a lock: one run's facts lost, both exiting 0."""
    for attempt in range(3):
        out = f"facts{attempt}"
        runs = [
            _motives("facts", "import", str(UN_DATA / name), "--out", out, "--country", "IND", cwd=tmp_path)
            for name in ("odp_contributionsbygender.csv", "odp_contributionranks.csv")
        ]
        assert [(process.communicate(timeout=120) and process.returncode) for process in runs] == [0, 0]
        text = (tmp_path / out / "india" / "2021-01-31.yaml").read_text(encoding="utf-8")
        assert "troops:" in text and "contributor_rank:" in text


# --- 4. no temporary file outlives a run ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("signal_number", [15, 2], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_write_leaves_no_temporary_file(tmp_path: Path, signal_number: int) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(3000):  # seconds of work after the temporary file appears, even on a fast machine
        shutil.copy(INDIA, folder / f"india{number:04}.yaml")
    writing = _motives("batch", "many", "-o", "out.csv", cwd=tmp_path)
    for _ in range(4800):  # up to four minutes on a loaded machine; it stops as soon as the file appears
        if list(tmp_path.glob(".out.csv.*.tmp")) or writing.poll() is not None:
            break
        time.sleep(0.05)
    assert list(tmp_path.glob(".out.csv.*.tmp")), "the batch ended before it could be stopped"
    writing.send_signal(signal_number)
    _, err = writing.communicate(timeout=120)
    assert (writing.returncode, err) == (
        128 + signal_number,
        "interrupted: no file half-written, no temporary file left\n",
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["many"]


@pytest.mark.parametrize("threads", [False, True])
@pytest.mark.parametrize("write", ["write_atomic", "atomic_stream"])
def test_a_stop_just_after_the_temporary_file_is_made_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: str, threads: bool
) -> None:
    """The race CI met on a loaded machine: SIGTERM between making the temporary file and keeping its
    name. The stop now waits until the name is kept, and the clean-up removes the file; also in a process
    with other threads, where a signal mask of the main thread held nothing (numpy's, under pandas)."""
    import signal

    if threads:  # OpenBLAS's threads, which take signals (the race came back once pandas was loaded)
        pytest.importorskip("numpy", reason="numpy comes with the extras (test installs them)")

    from motives.engine.model import files

    made = files._temporary

    def made_then_stopped(path: Path) -> tuple[int, str]:
        result = made(path)
        os.kill(os.getpid(), signal.SIGTERM)
        return result

    def stop(number: int, frame: object) -> None:
        raise KeyboardInterrupt(number)

    monkeypatch.setattr(files, "_temporary", made_then_stopped)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(KeyboardInterrupt):
            if write == "write_atomic":
                files.write_atomic(tmp_path / "out.csv", "text")
            else:
                with files.atomic_stream(tmp_path / "out.csv") as stream:
                    stream.write("text")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert list(tmp_path.iterdir()) == []


def test_the_next_run_removes_the_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left = tmp_path / f".out.csv.motives-{int(dead.stdout)}-k9x2.tmp"  # as after kill -9
    running = tmp_path / f".out.csv.motives-{os.getpid()}-a1b2.tmp"  # a run still writing
    others = [tmp_path / ".out.csv.b7q1.tmp", tmp_path / ".other.csv.motives-1-c3.tmp"]
    for path in [left, running, *others]:
        path.write_text("partial", encoding="utf-8")
    code, _, err = run("batch", "india", "-o", "out.csv", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert not left.exists() and running.exists() and all(path.exists() for path in others)


# --- 9. messages quote a short excerpt, and at most five problems of one kind in one file --------------


def test_a_file_that_is_one_long_text_is_quoted_short(tmp_path: Path) -> None:
    lines = [f"user{number}:x:{number}:{number}::/home/user{number}:/bin/sh" for number in range(40)]
    (tmp_path / "passwd").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("classify", "passwd", cwd=tmp_path) == (
        1,
        "",
        "passwd:1:1: error S203 a fact file must be a mapping, not the text 'user0:x:0:0::/home/user0:/bin/sh "
        "user1:x'... (1,399 more characters); write it as 'key: value' lines\n",
    )


def test_many_problems_of_one_kind_stop_after_five(tmp_path: Path) -> None:
    lines = [f"user{number}:$6$salt$hash:19000:0:99999:7:::" for number in range(40)]
    (tmp_path / "shadow").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("classify", "shadow", cwd=tmp_path)
    expected = "in the fact file; expected one of: as_of, country, facts, iso3, notes, sources"
    assert (code, out) == (1, "")
    assert err.splitlines()[:6] == [
        *(
            f"shadow:{n + 1}:1: error S201 unknown key 'user{n}:$6$salt$hash:19000:0:99999:7::' {expected}"
            for n in range(5)
        ),
        "shadow: error S201 and 35 more like these",
    ]
    assert len(err.splitlines()) == 11  # and the five missing keys, each an S202 of its own


def test_a_long_unknown_key_is_quoted_short(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("k" * 1000 + ": 1\n", encoding="utf-8")
    _, _, err = run("classify", "mine.yaml", cwd=tmp_path)
    assert err.splitlines()[0].startswith(f"mine.yaml:1:1: error S201 unknown key '{'k' * 40}'... (960 more")
    assert max(len(line) for line in err.splitlines()) < 300


# --- 10, 11, 13. facts import: only regular files in, nothing outside --out, every existing file seen ----

GENDER = UN_DATA / "odp_contributionsbygender.csv"


def test_an_existing_file_named_dot_dot_is_no_country_folder(tmp_path: Path) -> None:
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "...yaml").write_text(INDIA.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("facts", "import", str(GENDER), "--out", "facts", "--country", "IND", cwd=tmp_path)
    assert code == 0 and "created facts/india/2021-01-31.yaml" in out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["facts"]


def test_a_link_under_out_that_leads_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "india").symlink_to(tmp_path / "elsewhere")
    code, out, err = run("facts", "import", str(GENDER), "--out", "facts", "--country", "IND", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"facts/india/2021-01-31.yaml: error I715 would be written outside facts, at "
        f"{tmp_path / 'elsewhere' / '2021-01-31.yaml'}; remove the link on the way, or choose another --out"
    )
    assert out.splitlines()[-1].startswith("nothing written: 1 error")
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_facts_import_refuses_a_device(tmp_path: Path) -> None:
    code, out, err = run_apart("facts", "import", "/dev/zero", "--out", "facts", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == "/dev/zero: error I701 is a device, not a regular file; name the CSV files\n"


def test_facts_import_refuses_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "in.csv")
    code, out, err = run_apart("facts", "import", "in.csv", "--out", "facts", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err == "in.csv: error I701 is a FIFO (named pipe), not a regular file; name the CSV files\n"


def test_an_existing_flow_style_fact_file_is_recognised(tmp_path: Path) -> None:
    from motives import load_facts

    (tmp_path / "facts").mkdir()
    flow = (
        "{country: India, iso3: IND, as_of: 2021-01-31, facts: {troops: 4950}, sources: {troops: by hand}}\n"
    )
    (tmp_path / "facts" / "mine.yaml").write_text(flow, encoding="utf-8")
    code, out, _ = run("facts", "import", str(GENDER), "--out", "facts", "--country", "IND", cwd=tmp_path)
    assert code == 0 and "updated facts/mine.yaml: uniformed_personnel, police" in out
    assert sorted(path.name for path in (tmp_path / "facts").iterdir()) == [
        ".motives-import.lock",
        "mine.yaml",
    ]
    facts = load_facts(tmp_path / "facts" / "mine.yaml")
    assert (facts.get("troops").value, facts.get("uniformed_personnel").value) == (4950, 5110)


# --- 12. a folder that cannot be listed is reported, never skipped ----------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists every folder")
@pytest.mark.parametrize("command", [["classify"], ["batch"]], ids=" ".join)
def test_an_unlistable_subfolder_is_a_located_problem(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "facts" / "locked").mkdir(parents=True)
    shutil.copy(INDIA, tmp_path / "facts" / "india.yaml")
    (tmp_path / "facts" / "locked").chmod(0o000)
    try:
        code, _, err = run(*command, "facts", cwd=tmp_path)
    finally:
        (tmp_path / "facts" / "locked").chmod(0o755)
    assert (code, err) == (
        1,
        "facts/locked: error Y107 cannot list this folder: Permission denied; check its permissions, or name its files\n",
    )


# --- 14. a tab gets the same answer with or without libyaml (cases/bad_facts/tab_*), and in an import ----


def test_facts_import_into_a_file_with_a_tab_is_a_located_problem(tmp_path: Path) -> None:
    target = tmp_path / "facts" / "india" / "2021-01-31.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(
        "country:\tIndia\niso3: IND\nas_of: 2021-01-31\nfacts: {}\nsources: {}\n", encoding="utf-8"
    )
    code, _, err = run("facts", "import", str(GENDER), "--out", "facts", "--country", "IND", cwd=tmp_path)
    assert code == 1 and "internal error" not in err
    assert err.splitlines()[-2:] == [
        "facts/india/2021-01-31.yaml:1:9: error Y101 YAML syntax: while scanning for the next token found "
        "character '\\t' that cannot start any token; write spaces, not tabs, outside quotes",
        "facts/india/2021-01-31.yaml: error I712 cannot merge the import into this file: it does not load as a "
        "fact file; fix the problems above",
    ]


# --- 18. small errors in the output -----------------------------------------------------------------------


def test_a_motive_may_be_named_with_capitals() -> None:
    assert run("explain", "india", "Political") == run("explain", "india", "political")
    assert run("counterfactual", "india", "--drop", "NORMATIVE")[0] == 0


def test_a_shipped_country_is_found_by_the_name_its_facts_give() -> None:
    usa = run("classify", "usa", "--no-explain")
    assert usa[0] == 0
    assert run("classify", "United States", "--no-explain") == usa
    assert run("classify", "united  STATES", "--no-explain") == usa


def test_compare_says_when_the_dates_differ_and_says_both_of_two() -> None:
    code, out, _ = run("compare", "usa", "india", "--as-of", "2023-11-30")
    # the title, the two lines that trace the result, a blank line, then the note
    assert code == 0 and out.splitlines()[5].startswith("Note: these snapshots are not of one date")
    code, out, _ = run("compare", "usa", "ghana", "--as-of", "2022-12-31")
    assert code == 0 and "Note:" not in out
    assert "for all" not in out and ("for both" in out or "dominant for" in out)


def test_set_a_fact_to_unknown_is_a_what_if() -> None:
    code, out, err = run(
        "classify", "india", "--as-of", "2023-11-30", "--set", "uniformed_personnel=unknown", "--no-explain"
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[:6] == [
        "India (IND), as of 2023-11-30: what if",
        "  uniformed_personnel: 6073 -> unknown",
        "",
        "dominant before: political, normative",
        "dominant after:  normative",
        "lost: political",
    ]
    code, _, err = run("classify", "india", "--set", "nonsense=unknown")
    assert code == 1 and err.startswith("--set nonsense=unknown: error F301 unknown fact 'nonsense'")


# --- 17. every output carries a hash of the facts beside the rule base's ------------------------------------


def test_outputs_fingerprint_the_facts(tmp_path: Path) -> None:
    changed = INDIA.read_text(encoding="utf-8").replace(
        "uniformed_personnel: 6073", "uniformed_personnel: 6074"
    )
    (tmp_path / "changed.yaml").write_text(changed, encoding="utf-8")
    shutil.copy(INDIA, tmp_path / "same.yaml")
    hashes = {}
    for name in ("same.yaml", "changed.yaml"):
        code, out, _ = run("classify", name, "--no-explain", cwd=tmp_path)
        assert code == 0
        hashes[name] = re.fullmatch(
            r"facts: \S+   facts hash: ([0-9a-f]{12})   rule base: \w+", out.splitlines()[1]
        )[1]
    assert hashes["same.yaml"] != hashes["changed.yaml"]
    assert run("classify", str(INDIA), "--no-explain")[1].splitlines()[1].count(hashes["same.yaml"]) == 1
    _, out, _ = run("batch", "same.yaml", "--format", "jsonl", cwd=tmp_path)
    assert '"facts_hash": "' + hashes["same.yaml"] + '"' in out
    _, out, _ = run("report", "same.yaml", "--format", "markdown", cwd=tmp_path)
    assert f"Facts hash {hashes['same.yaml']}, rule base " in out


# --- 16 (part). the counterfactual's "check it" line is the real command --------------------------------


def test_the_check_it_line_is_a_command_that_confirms_the_answer(tmp_path: Path) -> None:
    import shlex

    shutil.copy(INDIA, tmp_path / "my india.yaml")
    for facts, motive in (("brazil", "political"), ("my india.yaml", "institutional")):
        code, out, _ = run("counterfactual", facts, "--target", motive, cwd=tmp_path)
        assert code == 0
        checks = [line.split("check it: ", 1)[1] for line in out.splitlines() if "check it: " in line]
        assert checks, out
        words = shlex.split(checks[0])
        assert words[:2] == ["motives", "classify"] and "..." not in words
        code, out, _ = run(*words[1:], "--no-explain", cwd=tmp_path)
        assert code == 0 and motive in out.split("dominant after:")[1].splitlines()[0]


def test_a_report_says_which_motives_wrote_it_and_when() -> None:
    import datetime as dt
    from importlib.metadata import version

    code, out, _ = run("report", "india", "--format", "markdown")
    assert code == 0
    made = (
        f"_Generated by motives report (motives {version('motives')}) on {dt.date.today().isoformat()} with "
    )
    assert out.splitlines()[3].startswith(made)


# --- crashes the CLI fuzz test found (tests/test_fuzz_cli.py) ---------------------------------------

PANEL_HEAD = "country,iso3,as_of,fact,value,source\n"
PANEL_ROW = "Brazil,BRA,2020-01-31,troops,{value},UN DPO\n"
BAD_PANELS = {
    "not UTF-8 in its first byte": (
        b"\xe3" + PANEL_HEAD.encode()[1:] + PANEL_ROW.format(value=5).encode(),
        "x.csv:1:1: error Y105 is not valid UTF-8 text; save the file as UTF-8",
    ),
    "a header and no row": (
        PANEL_HEAD.encode(),
        "x.csv: error Y107 holds no snapshot; a panel file has a row per date and fact: "
        "country,iso3,as_of,fact,value,source",
    ),
    "a cell over the CSV reader's limit": (
        (PANEL_HEAD + PANEL_ROW.format(value='"' + "9" * 200_000 + '"')).encode(),
        "x.csv:2:1: error F311 not a CSV row: field larger than field limit (131072); rebuild the panel",
    ),
    "a quote left open": (
        (PANEL_HEAD + PANEL_ROW.format(value=5) + 'Brazil,BRA,2020-01-31,police,"5,x\n').encode(),
        "x.csv:3:1: error F311 5 cells, not 6; rebuild the panel",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PANELS))
def test_a_broken_panel_file_named_whole_is_a_located_problem(tmp_path: Path, case: str) -> None:
    data, expected = BAD_PANELS[case]
    (tmp_path / "x.csv").write_bytes(data)
    assert run("classify", "x.csv", cwd=tmp_path) == (1, "", expected + "\n")


def test_a_un_csv_count_too_big_for_any_fact_skips_its_row(tmp_path: Path) -> None:
    ranks = (UN_DATA / "odp_contributionranks.csv").read_text(encoding="utf-8").splitlines()
    ranks[1] = ranks[1].replace(",22,", "," + "9" * 400 + ",")  # float() of it overflows
    ranks[2] = ranks[2].replace(",960,", "," + "9" * 5000 + ",")  # int() of it refuses
    (tmp_path / "ranks.csv").write_text("\n".join(ranks) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    code, _, err = run("facts", "import", "ranks.csv", "--out", "out", cwd=tmp_path)
    nines = "'" + "9" * 40 + "'..."
    most = "not a whole number of at most 1,000,000,000,000; an empty cell counts as 0"
    assert code == 0
    assert err.splitlines()[:2] == [
        f"ranks.csv:2: warning I706 row skipped: female_personnel is {nines} (360 more characters), {most}",
        f"ranks.csv:3: warning I706 row skipped: male_personnel is {nines} (4,960 more characters), {most}",
    ]


# --- 18. derived percentages are rounded, in one place -------------------------------------------------


def test_a_derived_share_is_shown_rounded() -> None:
    code, out, _ = run("classify", FIXTURE_FACTS / "norway.yaml", "--ids")
    assert code == 0
    assert "female_share_pct = 15.7 >= 15   (derived:" in out
    assert "15.6716" not in out


def test_rounding_never_moves_a_value_across_the_threshold_beside_it() -> None:
    from motives.engine.model.derived import show_fact

    assert show_fact("female_share_pct", 15.6716) == "15.7"
    assert show_fact("female_share_pct", 14.96, 15) == "14.96"  # never "15.0 >= 15" for a false test
    assert show_fact("female_share_pct", 15.04, 15) == "15.04"  # nor "15.0" for more than 15
    assert show_fact("personnel_per_budget_pct", 28919.05) == "28919"
    assert show_fact("budget_share_pct", 0.001) == "0.001"  # an observed value is shown as given


def test_batch_csv_tells_facts_unknown_from_no_evidence() -> None:
    code, out, _ = run("batch", FIXTURE_FACTS / "brazil.yaml", "--format", "csv")
    assert code == 0
    header, row = (line.split(",") for line in out.splitlines())
    cells = dict(zip(header, row, strict=True))
    # economic: every rule judged, none fired; security: no rule fired, some not judged for lack of facts
    assert (cells["economic"], cells["security"]) == ("0.0000", "")
    code, out, _ = run("batch", FIXTURE_FACTS / "brazil.yaml", "--format", "json")
    assert '"facts_unknown": ["security", "institutional", "normative"]' in out


# --- 16. counterfactual answers are minimal and possible ------------------------------------------------


def _answers(*args: object) -> list[str]:
    code, out, err = run("counterfactual", *args)
    assert code == 0, err
    return [line for line in out.splitlines() if line[:1].isdigit()]


def test_a_numeric_answer_is_the_threshold_itself() -> None:
    # 500 makes political dominant for Brazil; 1000 did too, and won a tie of capped costs by its spelling
    # (its income group held: a rich Brazil would be a "good state" paying 2%, a cheaper answer)
    assert "3. if uniformed_personnel: 68 -> 500:" in _answers(
        FIXTURE_FACTS / "brazil.yaml", "--target", "political", "--fix", "income_group"
    )


def test_a_fact_no_country_can_change_is_never_proposed() -> None:
    from motives.engine.model.vocabulary import FACTS

    fixed = {name for name, spec in FACTS.items() if spec.fixed}
    assert {"unsc_permanent", "years_contributing", "personnel_years", "missions_cumulative"} <= fixed
    assert {"first_contribution_year", "peak_personnel", "hosted_un_pko"} <= fixed
    for country in ("brazil", "ghana", "norway"):
        for answer in _answers(
            FIXTURE_FACTS / f"{country}.yaml", "--target", "political", "--max-changes", "1"
        ):
            assert not any(f" {name}:" in answer for name in fixed), (country, answer)


def test_fix_holds_a_fact_the_user_names() -> None:
    brazil = FIXTURE_FACTS / "brazil.yaml"
    held = ("--fix", "regular_budget_share_pct", "--fix", "budget_share_pct", "--fix", "income_group")
    assert _answers(brazil, "--target", "political", *held) == ["1. if uniformed_personnel: 68 -> 500:"]
    code, _, err = run("counterfactual", brazil, "--target", "political", "--fix", "nope")
    assert code == 2 and "Invalid value for '--fix': 'nope' is not one of" in err


def test_the_fast_scan_for_unsafe_characters_finds_exactly_the_unsafe_code_points() -> None:
    """Every output is scanned with one regular expression; it must agree with the Unicode categories the
    module names (Cc, Cs, Zl, Zp and the bidirectional controls) on every code point, and honour keep."""
    from motives.engine.model.text import _unsafe, escape_unsafe, has_unsafe

    # all of the Basic Multilingual Plane, where every unsafe character is, and a sample of the rest
    points = [*range(0x10000), *range(0x10000, sys.maxunicode + 1, 97)]
    disagree = [point for point in points if has_unsafe(chr(point)) != _unsafe(chr(point))]
    assert disagree == []
    assert has_unsafe("a\nb") and not has_unsafe("a\nb", keep="\n")
    assert has_unsafe("a\tb\u202e", keep="\n\t") and not has_unsafe("]-\\^", keep="]-\\^")
    assert escape_unsafe("tab\there\x1b[2J\n", keep="\n") == "tab\\u0009here\\u001b[2J\n"
