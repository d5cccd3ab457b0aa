"""Speed of motives on this machine: `python benchmarks/bench.py` (after `pip install .`; ~20 s).

Reports medians over repeats, beside two yardsticks: the interpreter's own start-up (`python -c pass`)
and the plain-Python three-valued reading of the same rules (``evaluate_rules``), which fires the same
rules without experta. Targets (see issue 6) are printed next to each figure; they are goals to watch,
not tests: timing on shared machines is too noisy to fail a build on.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from motives.engine import classify, compile_rules, evaluate_rules, load_shipped_rulebase
from motives.engine.derived import derive
from motives.engine.errors import Location
from motives.engine.facts import Fact, FactSet
from motives.engine.vocabulary import FACTS, Kind


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def synthetic_country(seed: int) -> FactSet:
    """A plausible member state: every fact given with probability 0.7, values within their ranges."""
    generator = random.Random(seed)
    values: dict[str, object] = {}
    for name, spec in FACTS.items():
        if generator.random() < 0.3:
            continue
        if spec.kind is Kind.BOOL:
            values[name] = generator.random() < 0.3
        elif spec.kind is Kind.CHOICE:
            values[name] = generator.choice(spec.choices)
        elif spec.kind is Kind.INT:
            values[name] = generator.randint(int(spec.minimum or 0), 8000)
        else:
            values[name] = round(generator.uniform(0, min(spec.maximum or 100_000, 100_000)), 2)
    if "uniformed_personnel" in values:
        for part in ("female_personnel", "troops", "police"):
            values.pop(part, None)
    values.pop("force_commanders_count", None)
    values.pop("cumulative_personnel_deployed", None)
    facts = tuple(
        Fact(name, value, "synthetic", Location("synthetic")) for name, value in sorted(values.items())
    )
    return FactSet(f"Country {seed}", "SYN", dt.date(2024, 1, 1), facts)


def line(label: str, value: str, target: str = "") -> None:
    print(f"{label:<58}{value:>14}   {target}")


def main() -> None:
    print(f"Python {sys.version.split()[0]} on {sys.platform}")
    python_pass = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 7)
    line("python -c pass (process start-up)", f"{python_pass * 1000:.1f} ms")

    build = median_seconds(lambda: compile_rules(load_shipped_rulebase()), 5)
    rulebase = load_shipped_rulebase()
    compiled = compile_rules(rulebase)
    line(
        f"load + compile the rule base ({len(rulebase.rules)} rules, {compiled.branch_count} branches)",
        f"{build * 1000:.1f} ms",
    )

    countries = [synthetic_country(seed) for seed in range(193)]
    value_sets = [{**c.values(), **derive(c.values())} for c in countries]

    def engine_only() -> None:
        for values in value_sets:
            compiled.run(values)

    def reference_only() -> None:
        for values in value_sets:
            evaluate_rules(rulebase, values)

    engine = median_seconds(engine_only, 7) / len(value_sets)
    reference = median_seconds(reference_only, 7) / len(value_sets)
    line("engine per fact set (reset + declare + run)", f"{engine * 1000:.3f} ms", "target <= 1 ms")
    line(
        "plain-Python reference per fact set",
        f"{reference * 1000:.3f} ms",
        f"engine/reference = {engine / reference:.1f}x (target <= 8x)",
    )

    everything = median_seconds(lambda: [classify(c, compiled) for c in countries], 5)
    line("193 member states, classified with explanations", f"{everything * 1000:.0f} ms", "target <= 500 ms")

    script = Path(sys.executable).with_name("motives")
    command = [str(script), "classify", "india", "--no-explain"]
    cold = median_seconds(lambda: subprocess.run(command, check=True, capture_output=True), 7)
    line("`motives classify india` cold start, whole process", f"{cold * 1000:.0f} ms", "target <= 200 ms")


if __name__ == "__main__":
    main()
