"""`motives data build`: the shipped panel is what the build makes from the copied sources, and bad
sources give one located line each while the panel is left as it was.

These tests read every source (a few seconds each) and are marked slow; CI runs them.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, run

from motives.engine.importers.panel.build import build_panel
from motives.engine.model.catalog import SHIPPED_FACTS
from motives.engine.model.errors import InputError

pytestmark = pytest.mark.slow
DATA = ROOT / "data"


def _copy_data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _rewrite(data: Path, relative: str, change, *, record: bool = True) -> None:
    """Change one source file (text in, text out) and, when ``record``, its checksum in the manifest,
    as someone updating a source would."""
    path = data / "sources" / relative
    gz = relative.endswith(".gz")
    text = gzip.decompress(path.read_bytes()).decode() if gz else path.read_text(encoding="utf-8")
    new = change(text).encode()
    path.write_bytes(gzip.compress(new, mtime=0) if gz else new)
    if record:
        manifest = data / "sources" / "manifest.csv"
        old_sum = hashlib.sha256((DATA / "sources" / relative).read_bytes()).hexdigest()
        new_sum = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(old_sum, new_sum), encoding="utf-8")


def _problems(data: Path, out: Path) -> list[str]:
    with pytest.raises(InputError) as error:
        build_panel(data / "sources", data, out)
    return [str(problem) for problem in error.value.problems]


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    """A copy of the shipped panel to build into: a failed build must leave it byte for byte."""
    out = tmp_path / "facts"
    shutil.copytree(SHIPPED_FACTS, out)
    return out


def _unchanged(out: Path) -> bool:
    return all((out / p.name).read_bytes() == p.read_bytes() for p in SHIPPED_FACTS.glob("*.csv")) and len(
        list(out.iterdir())
    ) == len(list(SHIPPED_FACTS.iterdir()))


def test_a_rebuild_gives_the_shipped_panel_byte_for_byte_and_the_cli_prints_its_coverage(
    panel: Path,
) -> None:
    # one build of the whole panel, over a copy of the shipped one: the bytes, the accounting of what
    # changed (nothing) and the command's coverage table
    out = panel
    code, shown, err = run("data", "build", "--out", out)
    assert code == 0, err
    first = shown.splitlines()[0]
    assert first.startswith("built ") and first.endswith(": 0 new or changed, 0 removed"), first
    countries, snapshots = int(first.split()[4]), int(first.split()[1])
    assert countries >= 190 and snapshots > 6000
    assert any(line.startswith("uniformed_personnel") for line in shown.splitlines())
    assert err == ""  # progress lines only on a terminal: none when piped
    built = sorted(p.name for p in out.iterdir())
    assert built == sorted(p.name for p in SHIPPED_FACTS.iterdir())
    for name in built:
        assert (out / name).read_bytes() == (SHIPPED_FACTS / name).read_bytes(), (
            f"{name} differs: run `motives data build` and commit the panel"
        )


# Every defect below is in one copy of the data, built once: the build reads every source and reports
# every problem together before it computes a fact, so each test reads the line it expects from the same
# list (and that list also shows the defects do not hide one another).
HEAD = "2015-01-31,Albania,3,0,0,0,3,0,3,1,yes\n2015-01-31,Algeria,5,0,0,5,0,0,5,1,yes\n"
BAD_HEAD = (
    "2015-01-31,Albanja,3,0,0,0,3,0,3,1,yes\n"  # line 2: a name no table knows
    "2015-01-31,Algeria,5,0,0,5,0,0,5,1,yes\n"
    "2015-01-31,Algeria,5,0,0,5,0,0,5,1,yes\n"  # line 4: the same row again
    "2015-01-31,Algeria,6,0,0,6,0,0,6,1,yes\n"  # line 5: another total for the same month
)
CHANGES = {
    "world-bank/gdp_current_usd.csv": lambda t: t.replace("Country Code", "ISO code", 1),
    "security-council/DPPA-SCMEMBERSHIP.csv": lambda t: t.replace("1,1957,Iraq,2021-01-17", "1,1957", 1),
    "un-contributions/un-monthly-2015-2025/by_country_month.csv.gz": lambda t: t.replace(
        HEAD.replace("\n", "\r\n"), BAD_HEAD.replace("\n", "\r\n"), 1
    ),
    "un-contributions/ipi-ppp-1990-2014/India.csv": lambda t: t.replace(
        "1990-12-31,40,", "1990-12-31,-40,", 1
    ),
}
EXPECTED = [
    "data/sources/world-bank/gdp_current_usd.csv:1:1: error P905 missing column(s) Country Code",
    "data/sources/security-council/DPPA-SCMEMBERSHIP.csv:2:1: error P906 2 cells where the header has 4",
    "by_country_month.csv.gz:2:1: error P910 no ISO3 code for the country name 'Albanja'",
    "by_country_month.csv.gz:4:1: error P912 duplicate row: DZA 2015-01 is also at",
    "by_country_month.csv.gz:5:1: error P911 DZA 2015-01 has a second total, 6, besides 5",
    "ipi-ppp-1990-2014/India.csv:3:1: error P913 Troops is -40: counts are whole numbers >= 0",
]


@dataclass(frozen=True)
class Broken:
    problems: list[str]
    unchanged: bool  # the panel built into is byte for byte as it was


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Broken:
    tmp_path = tmp_path_factory.mktemp("broken")
    data = _copy_data(tmp_path)
    out = tmp_path / "facts"
    shutil.copytree(SHIPPED_FACTS, out)
    for relative, change in CHANGES.items():
        _rewrite(data, relative, change)
    # a source changed without its checksum, and one removed
    _rewrite(data, "fatalities/DPPADPOSS-FATALITIES.csv", lambda t: t[: len(t) // 2], record=False)
    (data / "sources" / "world-bank" / "population.csv").unlink()
    # an overlay period that does not start at its as_of
    overlay = data / "overlays" / "usa" / "2005-12-31..2025-07-31.yaml"
    overlay.rename(overlay.with_name("2004-12-31..2025-07-31.yaml"))
    # a mission with no host, and a host row with no source
    hosts = data / "mission_hosts.csv"
    lines = hosts.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("UNVMC,")]
    kept[1] = kept[1].split(",", 2)[0] + ",HTI,"  # BINUH's row loses its source
    hosts.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return Broken(_problems(data, out), _unchanged(out))


def test_a_changed_source_is_refused_by_its_checksum(broken: Broken) -> None:
    assert any("DPPADPOSS-FATALITIES.csv: error P902 checksum" in p for p in broken.problems), broken
    assert broken.unchanged


def test_a_missing_source_is_named(broken: Broken) -> None:
    missing = "data/sources/world-bank/population.csv: error P901 source file missing"
    assert any(missing in problem for problem in broken.problems), broken
    assert broken.unchanged


def test_bad_source_rows_each_get_one_located_line_and_nothing_is_written(broken: Broken) -> None:
    for expected in EXPECTED:
        assert sum(expected in problem for problem in broken.problems) == 1, (expected, broken)
    assert broken.unchanged


def test_an_overlay_period_must_start_at_its_as_of(broken: Broken) -> None:
    assert any(
        "overlays/usa/2004-12-31..2025-07-31.yaml: error P923 the period 2004-12-31..2025-07-31 does not start "
        "at as_of; name it 2005-12-31..END.yaml" in problem
        for problem in broken.problems
    ), broken
    assert broken.unchanged


def test_a_mission_without_a_host_and_a_host_row_without_a_source_are_located(broken: Broken) -> None:
    assert any(
        "mission_hosts.csv:2:1: error P925 mission 'BINUH': host 'HTI' is no M49 country, or the row has no "
        "source" in p
        for p in broken.problems
    ), broken
    assert any(
        "by_mission_country_type.csv.gz:" in p and "P926 no host country for the mission 'UNVMC'" in p
        for p in broken.problems
    ), broken
    assert broken.unchanged


def test_an_overlay_that_disagrees_with_the_data_stops_the_build_unless_told(
    tmp_path: Path, panel: Path
) -> None:
    data = _copy_data(tmp_path)
    overlay = data / "overlays" / "usa" / "2021-01-31.yaml"
    text = overlay.read_text(encoding="utf-8")
    text = text.replace("facts:\n", "facts:\n  uniformed_personnel: 31\n", 1)
    text = text.replace("sources:\n", 'sources:\n  uniformed_personnel: "a hand count (test)"\n', 1)
    overlay.write_text(text, encoding="utf-8")
    problems = _problems(data, panel)
    assert any(
        "usa/2021-01-31.yaml:9:24: error P920 uniformed_personnel is 31 here but 30 in the data" in p
        for p in problems
    ), problems
    assert _unchanged(panel)
    report = build_panel(data / "sources", data, panel, prefer="overlay")
    assert report.conflicts_resolved
    assert "uniformed_personnel,31,a hand count (test)" in (panel / "usa.csv").read_text(encoding="utf-8")


def test_the_build_refuses_to_replace_a_folder_holding_other_files(tmp_path: Path) -> None:
    out = tmp_path / "facts"
    out.mkdir()
    (out / "thesis.md").write_text("my notes", encoding="utf-8")
    code, _, err = run("data", "build", "--out", out, "--quiet")
    assert code == 1
    assert "thesis.md: error P922 not a panel file" in err
    assert (out / "thesis.md").read_text(encoding="utf-8") == "my notes"
