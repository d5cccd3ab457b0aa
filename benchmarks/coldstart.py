"""Cold start of the `motives` command against bare imports: `python benchmarks/coldstart.py`.

Issue 15, part 3, as ratios measured side by side in one run:

* `motives --help`: at most 1.3x `python -c "import click"`;
* `motives classify india --no-explain`: at most 1.8x `python -c "import yaml, click, experta"`, with the
  rule-base cache warm (its first run builds it); shown beside it with the cache off (``MOTIVES_NO_CACHE``).

Each round runs every command once, in turn; a figure is the median over rounds of the per-round ratio.
The CPU time of the child processes is used (user + system, from ``getrusage``), so other processes on
the machine slow both sides alike. Bytecode is written once first (as an installed package has it),
and the cache goes to a temporary folder, not the user's. About 30 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# `import yaml, click, experta`, with the alias experta's frozendict needs on Python 3.10+ (as in
# engine/inference/experta_compat.py; a bare `import experta` fails there)
IMPORTS = (
    "import collections, collections.abc; collections.Mapping = collections.abc.Mapping; "
    "import yaml, click, experta"
)


def child_seconds(command: list[str], environment: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, env=environment)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def line(label: str, value: str, note: str = "") -> None:
    print(f"{label:<58}{value:>12}   {note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    script = str(Path(sys.executable).with_name("motives"))
    with tempfile.TemporaryDirectory() as temporary:
        cached = {**os.environ, "MOTIVES_CACHE_DIR": str(Path(temporary) / "motives")}
        cached.pop("MOTIVES_NO_CACHE", None)
        # as installed: with its bytecode written once (an editable checkout under
        # PYTHONDONTWRITEBYTECODE would compile every module on every run, unlike its dependencies)
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        uncached = {**cached, "MOTIVES_NO_CACHE": "1"}
        commands = {
            "pass": ([sys.executable, "-c", "pass"], cached),
            "click": ([sys.executable, "-c", "import click"], cached),
            "imports": ([sys.executable, "-c", IMPORTS], cached),
            "help": ([script, "--help"], cached),
            "classify": ([script, "classify", "india", "--no-explain"], cached),
            "uncached": ([script, "classify", "india", "--no-explain"], uncached),
            "explained": ([script, "classify", "india"], cached),
        }
        for warm in ("help", "classify", "explained"):  # bytecode, and the cache entry
            child_seconds(*commands[warm])
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, (command, environment) in commands.items():
                times[name].append(child_seconds(command, environment))

    def ratio(name: str, base: str) -> float:
        return statistics.median(a / b for a, b in zip(times[name], times[base], strict=True))

    def ms(name: str) -> str:
        return f"{statistics.median(times[name]) * 1000:.0f} ms"

    print(f"Python {sys.version.split()[0]}; CPU time of each process, median of {rounds} rounds")
    line('python -c "pass"', ms("pass"))
    line('python -c "import click"', ms("click"))
    line("motives --help", ms("help"), f"{ratio('help', 'click'):.2f}x import click (target <= 1.3x)")
    line('python -c "import yaml, click, experta"', ms("imports"))
    line(
        "motives classify india --no-explain (cache warm)",
        ms("classify"),
        f"{ratio('classify', 'imports'):.2f}x the imports (target <= 1.8x)",
    )
    line(
        "  the same, MOTIVES_NO_CACHE=1",
        ms("uncached"),
        f"{ratio('uncached', 'imports'):.2f}x the imports",
    )
    line(
        "motives classify india (with explanations)",
        ms("explained"),
        f"{ratio('explained', 'imports'):.2f}x the imports",
    )


if __name__ == "__main__":
    main()
