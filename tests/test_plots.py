"""Figures for papers (issue 14, item 4): every plot writes a valid SVG, PNG and PDF, the SVG is the same
on every run, the heatmap's cells are batch's dominant motives, and without matplotlib one line names
the extra to install."""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from support import fixture_countries, run

from motives.engine.model.provenance import data_version

HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None
if HAVE_MATPLOTLIB:  # a fresh machine builds matplotlib's font cache here, not in a command's stderr
    import matplotlib.font_manager  # noqa: F401
needs_matplotlib = pytest.mark.skipif(
    not HAVE_MATPLOTLIB, reason='matplotlib is not installed (pip install -e ".[plot]"); CI installs it'
)
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
PLOTS = {
    "trend": ["trend", "india"],
    "compare": ["compare", "usa", "india"],
    "panel": ["panel", "--country", "india", "--country", "USA", "--since", "2019", "--until", "2021"],
}
SAMPLE = ["india", "USA", "brazil", "bangladesh"]


def _valid(path: Path, fmt: str) -> None:
    data = path.read_bytes()
    if fmt == "svg":
        root = ElementTree.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert data_version() in data.decode()  # the metadata names the versions it was made with
    else:
        assert data.startswith(MAGIC[fmt])
        assert len(data) > 1000


@needs_matplotlib
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
@pytest.mark.parametrize("plot", sorted(PLOTS))
def test_each_plot_writes_a_valid_file_of_each_format(plot: str, fmt: str, tmp_path: Path) -> None:
    figure = tmp_path / f"{plot}.{fmt}"
    code, out, err = run("plot", *PLOTS[plot], "-o", figure, cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {figure} ({fmt}, 3.50 x ")
    _valid(figure, fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [figure.name]  # no temporary file left


@needs_matplotlib
def test_svg_is_the_same_on_every_run_and_format_overrides_the_suffix(tmp_path: Path) -> None:
    first, second, named = tmp_path / "a.svg", tmp_path / "b.svg", tmp_path / "figure.out"
    for target in (first, second):
        assert run("plot", *PLOTS["compare"], "-o", target)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert run("plot", *PLOTS["compare"], "-o", named, "--format", "svg")[0] == 0
    assert named.read_bytes() == first.read_bytes()
    code, _, err = run("plot", *PLOTS["compare"], "-o", tmp_path / "figure.txt")
    assert code == 2 and "name the format" in err
    wide = tmp_path / "wide.svg"
    assert run("plot", *PLOTS["compare"], "-o", wide, "--width", "7.2", "--no-title")[2] == ""
    assert b'width="518.4pt"' in wide.read_bytes()  # 7.2 in at 72 points an inch


@needs_matplotlib
def test_the_heatmap_cells_are_the_dominant_motives_batch_gives(tmp_path: Path) -> None:
    from motives.engine.analysis.panel_grid import dominant_grid, yearly_snapshots
    from motives.engine.render import figures

    # Ireland 2009-13 has no dominant motive (Bangladesh 2011-13, the sample's 'none' before, is economic)
    sample = [*SAMPLE, "ireland"]
    snapshots = yearly_snapshots(sample, 2009, 2013)
    addresses = [address for _, years in snapshots for _, address in years]
    code, out, _ = run("batch", *addresses)
    assert code == 0
    batch = [row["dominant"].split() for row in csv.DictReader(io.StringIO(out))]
    assert len(batch) == len(sample) * 5 and any(len(d) > 1 for d in batch) and [] in batch
    grid = dominant_grid(sample, 2009, 2013)
    assert grid.years == (2009, 2010, 2011, 2012, 2013)
    assert grid.iso3 == ("IND", "USA", "BRA", "BGD", "IRL")
    cells = [cell for row in grid.cells for cell in row]
    assert [list(cell.dominant) for cell in cells] == batch
    assert all(cell.as_of.endswith("-12-31") for cell in cells)  # each year's last snapshot
    with figures.style():
        drawn = figures.panel_figure(grid).axes[0].collections[0].get_array()
    expected = [figures.PANEL_CODES.index(dominant[0] if dominant else "none dominant") for dominant in batch]
    assert [int(code) for code in drawn.ravel()] == expected


@needs_matplotlib
def test_a_figure_never_replaces_one_of_its_inputs(tmp_path: Path) -> None:
    fix = fixture_countries()
    usa = tmp_path / "usa.yaml"
    shutil.copy(fix["usa"], usa)
    before = usa.read_bytes()
    code, _, err = run("plot", "compare", usa, fix["india"], "-o", usa, "--format", "svg")
    assert code == 1 and "O903 is also an input of this command" in err
    assert usa.read_bytes() == before
    code, _, err = run("plot", "panel", "--country", "atlantis", "-o", tmp_path / "p.svg")
    assert code == 1 and "Y107" in err


def test_without_matplotlib_plot_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    for plot in PLOTS.values():
        figure = tmp_path / "figure.svg"
        code, out, err = run("plot", *plot, "-o", figure)
        assert (code, out) == (1, "")
        assert err.splitlines() == [
            "error: motives plot needs matplotlib, which is not installed; "
            'install the extra: pip install "motives[plot]"'
        ]
        assert not figure.exists()


def test_help_imports_neither_matplotlib_nor_pandas() -> None:
    code = (
        "import sys; from motives.cli import main\n"
        "for args in (['--help'], ['plot', '--help'], ['plot', 'panel', '--help'], ['batch', '--help']):\n"
        "    try:\n"
        "        main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('matplotlib', 'pandas', 'pyarrow')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@needs_matplotlib
def test_the_cli_spells_the_figure_formats_of_the_renderer() -> None:
    from motives.cli_plot import FIGURE_FORMATS
    from motives.engine.render.figures import FORMATS

    assert FIGURE_FORMATS == FORMATS
