"""Speed and memory of motives on this machine: `python benchmarks/bench.py` (after `pip install .`).

Reports medians over repeats beside two yardsticks: the interpreter's own start-up (`python -c pass`)
and the plain-Python three-valued reading of the same compiled rules (``evaluate_rules``), which fires
the same rules without experta (a test keeps the two identical). Each figure is printed with its
target; targets are goals to watch, not tests, since timing on shared machines is too noisy to fail a
build on. `--quick` skips the 10,000-file batch and the largest rule base (about 20 s instead of ~90 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from motives import (
    SHIPPED_FACTS,
    classify,
    compile_rules,
    evaluate_rules,
    load_facts,
    load_rulebase,
    load_shipped_rulebase,
)
from motives.engine.analysis.counterfactual import counterfactuals, sensitivity
from motives.engine.inference.classify import run_rules
from motives.engine.model.derived import derive
from motives.engine.model.errors import Location
from motives.engine.model.facts import Fact, FactSet
from motives.engine.model.vocabulary import CONSISTENCY, FACTS, Kind, Motive


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def synthetic_values(seed: int) -> dict[str, object]:
    """A plausible member state: each fact given with probability 0.7, values within their ranges."""
    generator = random.Random(seed)
    values: dict[str, object] = {}
    for name, spec in FACTS.items():
        if generator.random() < 0.3:
            continue
        if spec.kind is Kind.BOOL:
            values[name] = generator.random() < 0.3
        elif spec.kind is Kind.CHOICE:
            values[name] = generator.choice(spec.choices)
        elif spec.kind is Kind.INT:  # within the fact's range (a year is at most 2100), so files load
            values[name] = generator.randint(int(spec.minimum or 0), min(int(spec.maximum or 8000), 8000))
        else:
            values[name] = round(generator.uniform(0, min(spec.maximum or 100_000, 100_000)), 2)
    for part in (
        "female_personnel",
        "troops",
        "police",
        "force_commanders_count",
        "cumulative_personnel_deployed",
    ):
        values.pop(part, None)  # keep the consistency rules between facts trivially true
    return values


def synthetic_country(seed: int) -> FactSet:
    values = synthetic_values(seed)
    facts = tuple(
        Fact(name, value, "synthetic", Location("synthetic")) for name, value in sorted(values.items())
    )
    return FactSet(f"Country {seed}", "SYN", dt.date(2024, 1, 1), facts)


def write_fact_files(directory: Path, count: int) -> None:
    for seed in range(count):
        values = synthetic_values(seed)
        for rule in CONSISTENCY:  # a file must load: drop a fact of each rule between facts it breaks
            if all(name in values for name in rule.facts) and not rule.holds(values):
                del values[rule.facts[0]]
        document = {
            "country": f"Country {seed}",
            "iso3": "SYN",
            "as_of": "2024-01-01",
            "facts": values,
            "sources": {name: "synthetic benchmark data, 2024" for name in values},
        }
        (directory / f"country_{seed:05d}.yaml").write_text(
            yaml.safe_dump(document, sort_keys=True), encoding="utf-8"
        )


def generated_rulebase(directory: Path, count: int) -> Path:
    """A rule base of ``count`` rules: a quarter indicator rules over random thresholds, the rest motive
    rules reading one indicator and one fact, like the shipped rules' shape."""
    generator = random.Random(count)
    numeric = [name for name, spec in FACTS.items() if spec.kind in (Kind.INT, Kind.FLOAT)]
    rules = []
    indicators = max(1, count // 4)
    for index in range(indicators):
        fact = generator.choice(numeric)
        rules.append(
            _rule(
                f"indicator.generated_{index}",
                [{"fact": fact, "op": ">=", "value": _threshold(fact, generator.randint(1, 60))}],
                {"indicator": f"generated_{index}"},
            )
        )
    for index in range(count - indicators):
        fact = generator.choice(numeric)
        rules.append(
            _rule(
                f"motive.generated_{index}",
                [
                    {"indicator": f"generated_{generator.randrange(indicators)}"},
                    {"fact": fact, "op": "<", "value": _threshold(fact, generator.randint(50, 5000))},
                ],
                {
                    "motive": generator.choice([str(m) for m in Motive]),
                    "certainty": round(generator.uniform(0.1, 0.5), 2),
                },
            )
        )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "references.yaml").write_text(
        yaml.safe_dump(
            {"references": {"bench": {"short": "Benchmark", "full": "Generated for the benchmark."}}}
        ),
        encoding="utf-8",
    )
    (directory / "rules.yaml").write_text(yaml.safe_dump({"rules": rules}, sort_keys=False), encoding="utf-8")
    return directory


def _threshold(fact: str, value: int) -> int:
    """``value`` moved into the fact's range (a year is at least 1945)."""
    minimum, maximum = FACTS[fact].minimum, FACTS[fact].maximum
    value = value if minimum is None else max(value, int(minimum))
    return value if maximum is None else min(value, int(maximum))


def _rule(rule_id: str, when: list, then: dict) -> dict:
    return {
        "id": rule_id,
        "title": rule_id,
        "when": when,
        "then": then,
        "rationale": "generated",
        "citations": [{"ref": "bench"}],
    }


def line(label: str, value: str, target: str = "") -> None:
    print(f"{label:<62}{value:>14}   {target}", flush=True)


def per_fact_set(rulebase, value_sets) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    compiled = compile_rules(rulebase)
    engine = median_seconds(lambda: [compiled.run(values) for values in value_sets], 5) / len(value_sets)
    reference = median_seconds(lambda: [evaluate_rules(rulebase, values) for values in value_sets], 5) / len(
        value_sets
    )
    return engine, reference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="skip the 10,000-file batch and the 640-rule base"
    )
    quick = parser.parse_args().quick
    script = Path(sys.executable).with_name("motives")
    print(f"Python {sys.version.split()[0]} on {sys.platform}; targets from issue 6 and issue 5")

    python_pass = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 7)
    line("python -c pass (interpreter start-up)", f"{python_pass * 1000:.0f} ms")
    command = [str(script), "classify", "india", "--no-explain"]
    cold = median_seconds(lambda: subprocess.run(command, check=True, capture_output=True), 7)
    line("`motives classify india` cold start, whole process", f"{cold * 1000:.0f} ms", "target <= 200 ms")

    rulebase = load_shipped_rulebase()
    build = median_seconds(lambda: compile_rules(load_shipped_rulebase()), 5)
    line(f"load + compile the shipped rule base ({len(rulebase.rules)} rules)", f"{build * 1000:.1f} ms")

    countries = [synthetic_country(seed) for seed in range(193)]
    value_sets = [{**c.values(), **derive(c.values())} for c in countries]
    engine, reference = per_fact_set(rulebase, value_sets)
    line(
        "engine per fact set (reset + declare + run), network reused",
        f"{engine * 1000:.3f} ms",
        "target <= 1 ms",
    )
    line(
        "plain-Python reference per fact set",
        f"{reference * 1000:.3f} ms",
        f"ratio {engine / reference:.1f}x (target <= 8x)",
    )

    compiled = compile_rules(rulebase)
    everything = median_seconds(lambda: [classify(c, compiled) for c in countries], 5)
    line(
        "193 member states (synthetic), classified with explanations",
        f"{everything * 1000:.0f} ms",
        "target <= 500 ms",
    )

    india = load_facts(SHIPPED_FACTS / "india.csv#2023-11-30")
    worst_counterfactual = max(
        median_seconds(
            lambda m=m: counterfactuals(run_rules(india, compiled), m, m not in ("political", "normative")), 3
        )
        for m in Motive
    )
    line(
        "counterfactual search for India, slowest motive",
        f"{worst_counterfactual * 1000:.0f} ms",
        "target ~1 s",
    )
    line(
        "sensitivity for India",
        f"{median_seconds(lambda: sensitivity(run_rules(india, compiled)), 3) * 1000:.0f} ms",
        "target ~1 s",
    )

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        sizes = (10, 40, 160) if quick else (10, 40, 160, 640)
        for size in sizes:
            generated = load_rulebase(generated_rulebase(root / f"rules_{size}", size))
            engine, reference = per_fact_set(generated, value_sets[:50])
            line(
                f"growth: {size:>4} generated rules, engine / reference per fact set",
                f"{engine * 1000:.2f} ms",
                f"reference {reference * 1000:.3f} ms",
            )
        if not quick:
            facts_dir = root / "facts"
            facts_dir.mkdir()
            write_fact_files(facts_dir, 10_000)
            out = root / "out.csv"
            start = time.perf_counter()
            subprocess.run(
                [str(script), "batch", str(facts_dir), "--jobs", "2", "-o", str(out)],
                check=True,
                capture_output=True,
            )
            elapsed = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            rows = out.read_text(encoding="utf-8").count("\n") - 1
            line(f"`motives batch` of {rows:,} fact files, --jobs 2", f"{elapsed:.1f} s", "target <= 10 s")
            line("  peak memory of the largest process", f"{peak:.0f} MB", "target <= 150 MB")


if __name__ == "__main__":
    main()
