"""The data panel's three costs, measured side by side in one run: `python benchmarks/panel.py`.

* `motives data build` of the whole panel (target: under 60 s), beside a bare read of the same source
  files (every CSV parsed with the csv module, no checks);
* loading the whole panel, every snapshot validated (target: under 3 s), beside a bare csv parse of the
  panel files;
* classifying the whole panel with `motives batch --jobs 2` (target: under 20 s on 2 cores), beside
  `python -c "import motives"` for the start-up it includes;
* writing the site of the whole panel, `motives site` (target: under 60 s), beside the same batch.

Targets are the issue's absolute seconds; the yardsticks beside them say how much of a slow figure is
the machine (a loaded machine slows both). Not a test: timing on shared machines is too noisy to fail
a build on.
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "panel.csv")
        batch = seconds(
            lambda: subprocess.run(
                [MOTIVES, "batch", str(SHIPPED_FACTS), "--jobs", "2", "-o", out],
                check=True,
                capture_output=True,
            )
        )
    start = seconds(lambda: subprocess.run([sys.executable, "-c", "import motives"], check=True))
    with tempfile.TemporaryDirectory() as folder:
        site = seconds(
            lambda: subprocess.run(
                [MOTIVES, "site", "-o", str(Path(folder) / "site")], check=True, capture_output=True
            )
        )
    rows = [
        ("data build, whole panel", build, "bare read of the sources", read_sources, "< 60 s"),
        (f"load {snapshots} snapshots, validated", load, "bare csv parse of the panel", parse, "< 3 s"),
        ("batch, whole panel, 2 jobs", batch, "python -c 'import motives'", start, "< 20 s"),
        ("site, whole panel", site, "batch, whole panel, 2 jobs", batch, "< 60 s"),
    ]
    print(f"{'work':<44}{'seconds':>9}  {'yardstick':<30}{'seconds':>9}  target")
    for work, took, yardstick, base, target in rows:
        print(f"{work:<44}{took:>9.2f}  {yardstick:<30}{base:>9.2f}  {target}")


if __name__ == "__main__":
    main()
