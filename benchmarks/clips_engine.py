"""The CLIPS engine beside experta and the plain-Python reading: `python benchmarks/clips_engine.py`.

Needs the extra: `pip install -e ".[clips]"`. Issue 15's targets for CLIPS, as ratios measured side by
side (absolute times swing 2x with the load of a shared machine, ratios much less):

* engine time per fact set (reset + assert + run + firings read back), on the shipped rules: at most 3x
  ``evaluate_rules`` (experta's own target: 8x, shown beside it);
* growth: doubling the generated rules from 640 to 1,280 to 2,560 costs at most 2.5x per step, and
  2,560 rules at most 4 ms per set;
* memory: flat over 100,000 sets (resident set growth under 5 MB; `--sets N` to change the count),
  which clipspy 1.0.6's unreleased facts broke before the workaround in ``inference.clips_network``.

Each round times each engine over every fact set, then ``evaluate_rules`` over the same sets, in CPU
time of this process; the figure is the median over rounds of the per-round ratio. Growth is measured
as in ``engine.py`` (every size timed in turn in each round, a step the median of its per-round ratios),
over 33 rounds: a set takes about a millisecond at 2,560 rules, and a step near the target needs many.
The work per set is linear in the rules: CLIPS's instructions per set (counted under valgrind) grow x1.9
to x2.1 per doubling, as the generated bases' firings do (x1.93, x2.09), and the reference's Python calls
per set double exactly. The time grows faster on the step to 2,560 rules, for both alike (x2.6 on the
machine of 3 Dec 2026): the larger network and rule base outgrow the processor's caches.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from bench import synthetic_country
from engine import Values, cpu_seconds, growth, line, show_growth, side_by_side

from motives import InputError, compile_rules, load_shipped_rulebase
from motives.engine.model.derived import derive


def resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 2,560-rule base")
    parser.add_argument("--sets", type=int, default=100_000, help="fact sets for the memory check")
    arguments = parser.parse_args()
    rounds = 5 if arguments.quick else 11

    countries = [synthetic_country(seed) for seed in range(193)]
    value_sets: list[Values] = [{**c.values(), **derive(c.values())} for c in countries]

    rulebase = load_shipped_rulebase()
    for name, target in (("experta", "target <= 8x"), ("clips", "target <= 3x")):
        compiled = compile_rules(rulebase, name)
        engine, reference, ratio = side_by_side(compiled.run, rulebase, value_sets, rounds)
        line(f"shipped rules ({len(rulebase.rules)}), {name} per fact set", f"{engine * 1000:.3f} ms")
        line(f"  {name} / evaluate_rules", f"{ratio:.2f}x", f"{target}; reference {reference * 1000:.4f} ms")
    experta, clips = compile_rules(rulebase), compile_rules(rulebase, "clips")
    ratios = [
        cpu_seconds(lambda: [experta.run(v) for v in value_sets])
        / cpu_seconds(lambda: [clips.run(v) for v in value_sets])
        for _ in range(rounds)
    ]
    line("  experta / clips", f"{statistics.median(ratios):.2f}x")

    sizes = (640, 1280) if arguments.quick else (640, 1280, 2560)
    try:
        grown = growth(sizes, lambda rules: compile_rules(rules, "clips").run, value_sets[:40], 3 * rounds)
    except InputError as error:  # bench.generated_rulebase predates the ranges of some facts
        line("generated rules", "skipped", f"the generator's rules do not load: {error.problems[0]}")
        grown = []
    for found in grown:
        show_growth(found, "clips", "4 ms")

    for _ in range(2):
        for values in value_sets:
            clips.run(values)
    before, start = resident_mb(), time.perf_counter()
    first = None
    for number in range(arguments.sets):
        clips.run(value_sets[number % len(value_sets)])
        if number + 1 == min(10_000, arguments.sets):
            first = (time.perf_counter() - start) / (number + 1)
            start_last, last_from = time.perf_counter(), number + 1
    last = (time.perf_counter() - start_last) / max(1, arguments.sets - last_from)
    line(
        f"clips over {arguments.sets:,} sets, resident memory growth",
        f"{resident_mb() - before:.2f} MB",
        f"target < 5 MB; ms per set, first 10,000 {first * 1000:.3f}, rest {last * 1000:.3f}",
    )


if __name__ == "__main__":
    main()
