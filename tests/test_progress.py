"""Progress on long work (``site``, ``batch``, ``data build``): a bar on stderr when stderr is a
terminal, nothing when it is piped or redirected, and never a byte of it on stdout."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from motives import load_shipped_rulebase
from motives.cli_common import terminal_progress
from motives.engine.api.site import write_site
from motives.engine.model.places import SHIPPED_FACTS

INDIA = SHIPPED_FACTS / "india.csv"
MOTIVES = [str(Path(sys.executable).with_name("motives"))]  # the console script, as a user runs it


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr does in an interactive shell."""

    def isatty(self) -> bool:
        return True


def test_a_bar_is_drawn_on_the_terminal_stream_given_and_nothing_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal()
    summary = write_site([str(INDIA)], tmp_path / "site", progress=terminal_progress(stream=terminal))
    drawn = terminal.getvalue()
    assert "classifying" in drawn and "38/38" in drawn  # India's 38 snapshots
    pages = 1 + len(load_shipped_rulebase().rules)  # its page and one per rule
    assert "writing pages" in drawn and f"{pages}/{pages}" in drawn
    assert summary.startswith(f"wrote {tmp_path / 'site'}: 1 country, 38 snapshots")
    assert capsys.readouterr() == ("", "")


def test_a_stream_that_is_no_terminal_gets_no_bar_unless_forced(tmp_path: Path) -> None:
    piped = io.StringIO()
    with terminal_progress(stream=piped)("classifying", 10) as advance:
        advance(10)
    assert piped.getvalue() == ""
    with terminal_progress(enabled=False, stream=Terminal())("classifying", 10) as advance:
        advance(10)
    forced = Terminal()
    with terminal_progress(enabled=True, stream=forced)("classifying", 10) as advance:
        advance(10)
    assert "classifying" in forced.getvalue() and "10/10" in forced.getvalue()


def _run(args: list[str], stderr_terminal: bool) -> tuple[int, str, str]:
    """Run ``motives`` with stdout piped, and stderr piped too or on a pseudo-terminal."""
    if not stderr_terminal:
        done = subprocess.run([*MOTIVES, *args], capture_output=True, text=True, check=False, timeout=300)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen([*MOTIVES, *args], stdout=subprocess.PIPE, stderr=follower, text=True) as process:
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            drawn += chunk
        out = process.stdout.read() if process.stdout else ""
        code = process.wait()
    os.close(leader)
    return code, out, drawn.decode("utf-8", errors="replace")


@pytest.mark.parametrize("command", ["site", "batch"])
def test_piped_runs_show_no_progress_and_a_terminal_gets_it_on_stderr(tmp_path: Path, command: str) -> None:
    args = ["site", str(INDIA), "-o", str(tmp_path / "site")]
    if command == "batch":
        args = ["batch", str(INDIA), "-o", str(tmp_path / "rows.csv")]
    code, out, err = _run(args, stderr_terminal=False)
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {tmp_path}") and out.count("\n") == 1  # the summary alone
    code, out, drawn = _run(args, stderr_terminal=True)
    assert code == 0
    assert "classifying" in drawn and "38/38" in drawn
    assert out.startswith(f"wrote {tmp_path}") and out.count("\n") == 1 and "classifying" not in out
