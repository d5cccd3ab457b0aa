"""Loading fact files, against libyaml alone: `python benchmarks/loading.py`.

Issue 15, part 4: a panel of about 7,000 fact files must load (read, parse, validate into FactSets) in
under 3 s. Beside it, side by side in the same run, the bare parse of the same files by libyaml
(``yaml.CSafeLoader``, no validation and YAML 1.1 rules): the floor for any loader built on PyYAML. CPU
time of this process is used. About 20 s.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import yaml
from bench import write_fact_files

from motives import load_facts

COUNT = 7000


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        write_fact_files(directory, COUNT)
        paths = sorted(directory.iterdir())
        ours, bare = [], []
        for _ in range(3):
            start = time.process_time()
            for path in paths:
                load_facts(path)
            ours.append(time.process_time() - start)
            start = time.process_time()
            for path in paths:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            bare.append(time.process_time() - start)
    ratio = statistics.median(o / b for o, b in zip(ours, bare, strict=True))
    each, bare_each = statistics.median(ours) / COUNT * 1000, statistics.median(bare) / COUNT * 1000
    print(f"{COUNT:,} fact files through load_facts: {statistics.median(ours):.2f} s (target < 3 s)")
    print(f"  per file: {each:.3f} ms; through bare yaml.CSafeLoader: {bare_each:.3f} ms")
    print(f"  load_facts / bare libyaml: {ratio:.2f}x (issue 15 measured 0.47 ms / 0.20 ms, 2.35x)")


if __name__ == "__main__":
    main()
