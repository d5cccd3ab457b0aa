"""The experta engine against the plain-Python reading of the same rules: `python benchmarks/engine.py`.

Issue 15's targets, as ratios measured side by side in one run (absolute times swing 2x with the load
of a shared machine, ratios much less):

* engine time per fact set (reset + declare + run), on the shipped rules: at most 8x ``evaluate_rules``;
  stock experta (its own matcher and strategy, on the same compiled rules) is shown for comparison;
* ``classify`` with its explanations: at most 2x the engine alone, on the 193 synthetic sets (repeated
  every round) and on every snapshot of the shipped panel once a round (``classify`` against
  ``run_rules``, so the derived values and three-valued truths are on both sides);
* growth: doubling the generated rules from 640 to 1,280 to 2,560 costs at most 2.5x per step, and
  2,560 rules at most 40 ms per set.

Each round times the engine over every fact set, then the reference over the same sets; the figure is
the median over rounds of the per-round ratio. For growth, every size is compiled first and each round
times every size in turn, so a step (the median of its per-round ratios) compares two sizes measured
under the same load; the reference's step beside it is how a plain pass over the same rules grows on
this machine. CPU time of this process is used, so other processes on the machine slow both sides alike
instead of whichever ran during a burst. About 25 s (`--quick`: 12 s).
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import generated_rulebase, synthetic_country

import motives
from motives import classify, compile_rules, evaluate_rules, load_rulebase, load_shipped_rulebase
from motives.engine.inference.classify import run_rules
from motives.engine.inference.compiled import CompiledRules
from motives.engine.inference.experta_compat import KnowledgeEngine, Rule
from motives.engine.inference.network import Country, ExpertaRules, Unknown
from motives.engine.model.derived import derive
from motives.engine.model.facts import FactSet
from motives.engine.model.rules import RuleBase
from motives.engine.model.vocabulary import FactValue

Values = dict[str, FactValue]


def cpu_seconds(action: Callable[[], object]) -> float:
    """CPU seconds of ``action``, started with nothing owed to the cycle collector: a full collection
    that earlier passes made due (over every live object, the 6,788 loaded snapshots among them: 0.15 s)
    would otherwise land on whichever side runs next."""
    gc.collect()
    start = time.process_time()
    action()
    return time.process_time() - start


def side_by_side(
    engine: Callable[[Values], object], rulebase: RuleBase, value_sets: Sequence[Values], rounds: int
) -> tuple[float, float, float]:
    """Median seconds per fact set of the engine and of the reference, and the median of their ratios."""
    engine_times, reference_times = [], []
    for _ in range(rounds):
        engine_times.append(cpu_seconds(lambda: [engine(values) for values in value_sets]))
        reference_times.append(
            cpu_seconds(lambda: [evaluate_rules(rulebase, values) for values in value_sets])
        )
    ratios = [e / r for e, r in zip(engine_times, reference_times, strict=True)]
    count = len(value_sets)
    return (
        statistics.median(engine_times) / count,
        statistics.median(reference_times) / count,
        statistics.median(ratios),
    )


@dataclass(frozen=True)
class Growth:
    """One size of generated rule base: medians per fact set of the engine and of ``evaluate_rules``, the
    median of their per-round ratio, and the median of the per-round ratios of each to the size before
    (None for the first size)."""

    size: int
    engine: float
    reference: float
    ratio: float
    step: float | None
    reference_step: float | None


def growth(
    sizes: Sequence[int],
    compile_engine: Callable[[RuleBase], Callable[[Values], object]],
    value_sets: Sequence[Values],
    rounds: int,
) -> list[Growth]:
    """Growth with the number of generated rules, each size compiled once, then timed in turn in every
    round (engine, then reference), so that a step's two sizes are measured seconds apart, under the same
    load, and the step is the median of its per-round ratios. Raises ``InputError`` if the generated rules
    of a size do not load."""
    with tempfile.TemporaryDirectory() as temporary:
        runs = []
        for size in sizes:
            rulebase = load_rulebase(generated_rulebase(Path(temporary) / f"rules_{size}", size))
            runs.append((size, compile_engine(rulebase), rulebase))
    engine_times: dict[int, list[float]] = {size: [] for size, _, _ in runs}
    reference_times: dict[int, list[float]] = {size: [] for size, _, _ in runs}

    def over_sets(run: Callable[[Values], object]) -> float:
        return cpu_seconds(lambda: [run(values) for values in value_sets])

    for _ in range(rounds):
        for size, engine, rulebase in runs:
            engine_times[size].append(over_sets(engine))
            reference_times[size].append(over_sets(functools.partial(evaluate_rules, rulebase)))

    def step(times: dict[int, list[float]], size: int, previous: int | None) -> float | None:
        if previous is None:
            return None
        return statistics.median(a / b for a, b in zip(times[size], times[previous], strict=True))

    found, previous = [], None
    for size, _, _ in runs:
        engines, references = engine_times[size], reference_times[size]
        found.append(
            Growth(
                size,
                statistics.median(engines) / len(value_sets),
                statistics.median(references) / len(value_sets),
                statistics.median(e / r for e, r in zip(engines, references, strict=True)),
                step(engine_times, size, previous),
                step(reference_times, size, previous),
            )
        )
        previous = size
    return found


def stock_engine(compiled: ExpertaRules) -> Callable[[Values], object]:
    """Stock experta (ReteMatcher, DepthStrategy, its own reset and run) on the same compiled rules."""
    rules = {
        name: member for name, member in vars(type(compiled._engine)).items() if isinstance(member, Rule)
    }
    engine = type("Stock", (KnowledgeEngine,), rules)()
    readable = tuple(compiled.rulebase.vocabulary.readable)

    def run(values: Values) -> object:
        engine.reset()
        engine.firings = []
        engine.declare(Country(**values), Unknown(**{name: True for name in readable if name not in values}))
        engine.run()
        return engine.firings

    return run


def panel_explained(fact_sets: Sequence[FactSet], compiled: CompiledRules, rounds: int) -> float:
    """The median over rounds of ``classify`` over every fact set once against ``run_rules`` over the
    same: what explaining costs when the sets do not repeat, as in a panel run."""
    ratios = []
    for _ in range(rounds):
        with_trace = cpu_seconds(lambda: [classify(facts, compiled) for facts in fact_sets])
        ratios.append(with_trace / cpu_seconds(lambda: [run_rules(facts, compiled) for facts in fact_sets]))
    return statistics.median(ratios)


def line(label: str, value: str, note: str = "") -> None:
    print(f"{label:<58}{value:>12}   {note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 2,560-rule base")
    quick = parser.parse_args().quick
    rounds = 5 if quick else 11

    countries = [synthetic_country(seed) for seed in range(193)]
    value_sets: list[Values] = [{**c.values(), **derive(c.values())} for c in countries]

    rulebase = load_shipped_rulebase()
    compiled = compile_rules(rulebase)
    engine, reference, ratio = side_by_side(compiled.run, rulebase, value_sets, rounds)
    line(f"shipped rules ({len(rulebase.rules)}), engine per fact set", f"{engine * 1000:.3f} ms")
    line("  evaluate_rules per fact set", f"{reference * 1000:.4f} ms")
    line("  engine / evaluate_rules", f"{ratio:.1f}x", "target <= 8x")
    explained = []
    for _ in range(rounds):
        with_trace = cpu_seconds(lambda: [classify(country, compiled) for country in countries])
        explained.append(with_trace / cpu_seconds(lambda: [compiled.run(values) for values in value_sets]))
    line(
        "  classify with explanations / engine alone", f"{statistics.median(explained):.2f}x", "target <= 2x"
    )
    panel = [snapshot.facts for snapshot in motives.load_panel()]
    line(
        f"  the same over the panel ({len(panel):,} snapshots, once a round)",
        f"{panel_explained(panel, compiled, 3):.2f}x",
        "target <= 2x",
    )
    stock, _, stock_ratio = side_by_side(stock_engine(compiled), rulebase, value_sets, max(3, rounds // 3))
    line(
        "  stock experta on the same rules / evaluate_rules", f"{stock_ratio:.1f}x", f"{stock * 1000:.2f} ms"
    )

    sizes = (640, 1280) if quick else (640, 1280, 2560)
    for found in growth(sizes, lambda rules: compile_rules(rules).run, value_sets[:40], rounds):
        show_growth(found, "engine", "40 ms")


def show_growth(found: Growth, name: str, limit: str) -> None:
    """Two lines for one size of ``growth``: its time per set and step, and its ratio to the reference
    with the reference's own step (the growth of a plain pass over the rules on this machine)."""
    note = f"x{found.step:.2f} on {found.size // 2} rules (target <= 2.5)" if found.step else ""
    if found.size == 2560:
        note += f"; target <= {limit}"
    line(f"{found.size:>5} generated rules, {name} per fact set", f"{found.engine * 1000:.2f} ms", note)
    reference = f"reference {found.reference * 1000:.3f} ms"
    if found.reference_step:
        reference += f" (x{found.reference_step:.2f})"
    line(f"  {name} / evaluate_rules", f"{found.ratio:.1f}x", reference)


if __name__ == "__main__":
    main()
