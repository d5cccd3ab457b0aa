"""The data panel's three costs, measured side by side in one run: `python benchmarks/panel.py`.

* `motives data build` of the whole panel (target: under 60 s), beside a bare read of the same source
  files (every CSV parsed with the csv module, no checks);
* loading the whole panel, every snapshot validated (target: under 3 s), beside a bare csv parse of the
  panel files;
* classifying the whole panel with `motives batch --jobs 2` (targets: under 10 s with experta, under
  5 s with CLIPS, under 30 s with explanations, which the tidy table needs), beside
  `python -c "import motives"` for the start-up it includes;
* a robustness sweep of 100 variations (44 rule certainties, 28 dominance minimums and 28 margins)
  over all 6,788 snapshots with CLIPS and 4 jobs (target: under 120 s), beside the batch;
* writing the site of the whole panel, `motives site` (target: under 60 s), beside the same batch.

The CLIPS rows need the extra (`pip install "motives[clips]"`); without it they say so.

Targets are the issue's absolute seconds; the yardsticks beside them say how much of a slow figure is
the machine (a loaded machine slows both). Not a test: timing on shared machines is too noisy to fail
a build on.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import motives
from motives.engine.model.catalog import SHIPPED_FACTS
from motives.engine.model.panel import clear_cache, load_panel

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
MOTIVES = str(Path(sys.executable).with_name("motives"))


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bare_read(paths: list[Path]) -> int:
    rows = 0
    for path in paths:
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")
        rows += sum(1 for _ in csv.reader(io.StringIO(text)))
    return rows


def load_all() -> int:
    clear_cache()
    return sum(len(load_panel(path)) for path in sorted(SHIPPED_FACTS.glob("*.csv")))


def command(*args: str) -> float:
    """Seconds to run ``motives ARGS`` to its end, its output thrown away."""
    return seconds(lambda: subprocess.run([MOTIVES, *args], check=True, capture_output=True))


def values(first: float, count: int, skip: float) -> str:
    """``count`` thresholds from ``first`` upwards by 0.01, the default ``skip`` left out."""
    steps = (round(first + 0.01 * step, 2) for step in range(count + 1))
    return ",".join(f"{value:.2f}" for value in [v for v in steps if v != skip][:count])


def main() -> None:
    sources = sorted(p for p in SOURCES.rglob("*") if p.suffix in (".csv", ".gz"))
    panel = sorted(SHIPPED_FACTS.glob("*.csv"))
    with tempfile.TemporaryDirectory() as folder:
        build = seconds(
            lambda: subprocess.run(
                [MOTIVES, "data", "build", "--quiet", "--out", str(Path(folder) / "facts")],
                check=True,
                capture_output=True,
            )
        )
    read_sources = seconds(lambda: bare_read(sources))
    snapshots = load_all()
    load = seconds(load_all)
    parse = seconds(lambda: bare_read(panel))
    clips = importlib.util.find_spec("clips") is not None
    addresses = [str(snapshot.path) for snapshot in motives.load_panel()]
    with tempfile.TemporaryDirectory() as folder:
        out, wide, tidy = (str(Path(folder) / name) for name in ("panel.csv", "wide.parquet", "tidy.parquet"))
        batch = command("batch", str(SHIPPED_FACTS), "--jobs", "2", "-o", out)
        batch_clips = (
            command("batch", str(SHIPPED_FACTS), "--jobs", "2", "--engine", "clips", "-o", out)
            if clips
            else None
        )
        explained = command(
            "batch", str(SHIPPED_FACTS), "--jobs", "2", "--format", "parquet", "-o", wide, "--tidy", tidy
        )
        site = command("site", "-o", str(Path(folder) / "site"))
    sweep = (
        command(
            "robustness",
            *addresses,
            "--engine",
            "clips",
            "--jobs",
            "4",
            "--minimums",
            values(0.36, 28, 0.5),
            "--margins",
            values(0.06, 28, 0.2),
        )
        if clips
        else None
    )
    start = seconds(lambda: subprocess.run([sys.executable, "-c", "import motives"], check=True))
    rows = [
        ("data build, whole panel", build, "bare read of the sources", read_sources, "< 60 s"),
        (f"load {snapshots} snapshots, validated", load, "bare csv parse of the panel", parse, "< 3 s"),
        ("batch, whole panel, 2 jobs", batch, "python -c 'import motives'", start, "< 10 s"),
        ("batch, whole panel, 2 jobs, clips", batch_clips, "batch, whole panel, 2 jobs", batch, "< 5 s"),
        ("batch with explanations (tidy), 2 jobs", explained, "batch, whole panel, 2 jobs", batch, "< 30 s"),
        (
            "robustness, 100 variations, all, clips, 4 jobs",
            sweep,
            "batch, whole panel, 2 jobs",
            batch,
            "< 120 s",
        ),
        ("site, whole panel", site, "batch, whole panel, 2 jobs", batch, "< 60 s"),
    ]
    print(f"{'work':<48}{'seconds':>9}  {'yardstick':<28}{'seconds':>9}  target")
    for work, took, yardstick, base, target in rows:
        shown = f"{took:>9.2f}" if took is not None else f"{'no clips':>9}"
        print(f"{work:<48}{shown}  {yardstick:<28}{base:>9.2f}  {target}")


if __name__ == "__main__":
    main()
