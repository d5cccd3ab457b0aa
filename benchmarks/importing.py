"""Peak memory of `motives facts import` on a large UN CSV: `python benchmarks/importing.py`.

Issue 13, item 11: a 100 MB contributions file (about 1.4 million rows) must import in at most 200 MB of
resident memory. A synthetic file in the shape of the UN's ``DPO-UCHISTORICAL.csv`` is written to a
temporary folder (150 countries, 60 missions, the five personnel types, monthly reporting dates over 34
years; every country, date, mission and type once) and imported, in a child process, into an empty
folder, as `--dry-run` by default (``--write`` also writes the fact files, which takes minutes). Beside it,
each measured the same way: `python -c "import motives"` and the import of a 1 MB file of the same shape.
Peak RSS is the child's ``ru_maxrss``. About 8 minutes on a loaded 2-core machine (the dry run checks
each of the 61,000 planned files); ``--megabytes`` sets the size of the large file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "contribution_id,isocode3,contributing_country,mission_acronym,personnel_type,"
    "female_personnel,male_personnel,last_reporting_date\n"
)
TYPES = ("Troops", "Staff Officer", "Experts on Mission", "Formed Police Units", "Individual Police")
COUNTRIES = 150
MISSIONS = 60

# the peak RSS of one command, from a parent that runs nothing else
_PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def month_ends(start: dt.date) -> list[dt.date]:
    ends = []
    year, month = start.year, start.month
    for _ in range(12 * 34):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        ends.append(following - dt.timedelta(days=1))
        year, month = following.year, following.month
    return ends


def write_un_csv(path: Path, megabytes: float, seed: int = 13) -> int:
    """A contributions file of about ``megabytes`` MB; returns its number of rows."""
    generator = random.Random(seed)
    countries = [
        (f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}{chr(88 + i // 676)}", f"Country number {i}")
        for i in range(COUNTRIES)
    ]
    missions = [f"MISSION{i:02d}" for i in range(MISSIONS)]
    limit = int(megabytes * 1_000_000)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        size = len(HEADER)
        for date in month_ends(dt.date(1990, 1, 1)):
            day = date.isoformat()
            for iso3, name in countries:
                for mission in generator.sample(missions, generator.randint(1, 14)):
                    for kind in generator.sample(TYPES, generator.randint(1, 5)):
                        line = (
                            f"{rows},{iso3},{name},{mission},{kind},"
                            f"{generator.randint(0, 40)},{generator.randint(0, 900)},{day}\n"
                        )
                        out.write(line)
                        size += len(line)
                        rows += 1
                        if size >= limit:
                            return rows
    return rows


def peak_mb(command: list[str]) -> float:
    """The peak resident memory of ``command`` in MB (ru_maxrss is in KiB on Linux)."""
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], check=True, capture_output=True, text=True
    )
    return int(result.stdout) / 1024


def line(label: str, value: str, target: str = "") -> None:
    print(f"{label:<62}{value:>14}   {target}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=100, help="size of the large file (default 100)")
    parser.add_argument("--write", action="store_true", help="write the fact files, not a dry run")
    arguments = parser.parse_args()
    script = str(Path(sys.executable).with_name("motives"))
    mode = [] if arguments.write else ["--dry-run"]
    print(f"Python {sys.version.split()[0]} on {sys.platform}; target from issue 13, item 11")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        small, large = root / "small" / "DPO-UCHISTORICAL.csv", root / "large" / "DPO-UCHISTORICAL.csv"
        small.parent.mkdir()
        large.parent.mkdir()
        small_rows = write_un_csv(small, 1)
        large_rows = write_un_csv(large, arguments.megabytes)
        large_mb = large.stat().st_size / 1e6

        bare = peak_mb([sys.executable, "-c", "import motives"])
        line('python -c "import motives"', f"{bare:.0f} MB")
        one = peak_mb([script, "facts", "import", str(small), "--out", str(root / "out_small"), *mode])
        line(
            f"import of a 1 MB file ({small_rows:,} rows)",
            f"{one:.0f} MB",
            f"{one / bare:.2f}x import motives",
        )
        start = time.perf_counter()
        big = peak_mb([script, "facts", "import", str(large), "--out", str(root / "out_large"), *mode])
        elapsed = time.perf_counter() - start
        line(
            f"import of a {large_mb:.0f} MB file ({large_rows:,} rows)",
            f"{big:.0f} MB",
            f"target <= 200 MB; {big / one:.2f}x the 1 MB import",
        )
        line("  its time, whole process", f"{elapsed:.1f} s")
        line("  peak over input size", f"{big / large_mb:.2f}")


if __name__ == "__main__":
    main()
