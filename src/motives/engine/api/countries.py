"""The library behind the analysis commands (explain, what-if, counterfactual, sensitivity): each
function loads what a command names and runs one analysis, so a notebook can do the same.

Each function imports its analysis inside its body: `motives classify`, the command run most, loads
none of them (see benchmarks/coldstart.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from motives.engine.inference.classify import (
    DEFAULT_DOMINANCE,
    Dominance,
    Run,
    classify_all,
    compile_rules,
    load_inputs,
    run_rules,
)
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.inference.trace import Classification
from motives.engine.model.catalog import (
    SHIPPED_FACTS,
    SHIPPED_RULES,
    display_path,
    fact_files,
    load_rules_argument,
)
from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.text import counted
from motives.engine.model.vocabulary import Motive

if TYPE_CHECKING:
    from motives.engine.analysis.comparison import Comparison
    from motives.engine.analysis.counterfactual import CounterfactualSearch, Sensitivity
    from motives.engine.analysis.evaluation import Evaluation
    from motives.engine.analysis.explain import MotiveExplanation
    from motives.engine.analysis.whatif import WhatIf


def classify_paths(
    arguments: Sequence[str],
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[Classification]:
    """Classify fact files (paths, folders, or shipped country names) with a rule base (default: shipped).

    ``as_of`` picks, for a country named by name, its latest snapshot on or before that date. Every
    problem in the rules and in all the fact files is reported together in one InputError. ``engine``
    (experta or clips) runs the rules; every command here takes it, and both give the same results.
    """
    return classify_all(*load_inputs(arguments, rules_dir, as_of, engine))


def load_runs(
    arguments: Sequence[str],
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[Run]:
    """One run of the rules per fact set the arguments name: what every analysis below reads."""
    fact_sets, compiled = load_inputs(arguments, rules_dir, as_of, engine)
    return [run_rules(facts, compiled) for facts in fact_sets]


def explain_paths(
    arguments: Sequence[str],
    motive: Motive | str,
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[MotiveExplanation]:
    from motives.engine.analysis.explain import explain_motive

    return [explain_motive(run, motive) for run in load_runs(arguments, rules_dir, as_of, engine)]


def what_if_paths(
    arguments: Sequence[str],
    assignments: Sequence[str],
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[WhatIf]:
    from motives.engine.analysis.whatif import what_if

    return [what_if(run, assignments) for run in load_runs(arguments, rules_dir, as_of, engine)]


def counterfactual_paths(
    arguments: Sequence[str],
    target: Motive | str,
    make_dominant: bool = True,
    max_changes: int = 3,
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    fixed: Sequence[str] = (),
    engine: str = DEFAULT_ENGINE,
) -> list[tuple[str, CounterfactualSearch, str]]:
    """Each fact set's country, the search's answers and the path the facts were read from; the facts
    in ``fixed`` are held as they are, beside those the vocabulary marks fixed."""
    from motives.engine.analysis.counterfactual import counterfactuals

    return [
        (
            run.facts.country,
            counterfactuals(run, target, make_dominant, max_changes, fixed=fixed),
            run.facts.path,
        )
        for run in load_runs(arguments, rules_dir, as_of, engine)
    ]


def classify_command(facts_path: str, rules_dir: str | None = None) -> str:
    """The ``motives classify`` command that reads the same facts: a shipped snapshot by its country and
    date (``brazil --as-of 2025-07-31``, which works from any folder), anything else by its path."""
    import shlex

    shipped = _SHIPPED_SNAPSHOT.fullmatch(facts_path)
    if shipped and (SHIPPED_FACTS / f"{shipped[1]}.csv").is_file():
        named = f"{shipped[1]} --as-of {shipped[2]}"
    else:
        named = shlex.quote(facts_path)
    return f"motives classify {named}" + (f" --rules {shlex.quote(rules_dir)}" if rules_dir else "")


_SHIPPED_SNAPSHOT = re.compile(r"facts/([a-z0-9_]+)\.csv#([0-9]{4}-[0-9]{2}-[0-9]{2})")


def sensitivity_paths(
    arguments: Sequence[str],
    percent: float = 10.0,
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> list[tuple[str, Sensitivity]]:
    from motives.engine.analysis.counterfactual import sensitivity

    return [
        (run.facts.country, sensitivity(run, percent))
        for run in load_runs(arguments, rules_dir, as_of, engine)
    ]


def write_report(
    arguments: Sequence[str],
    output: Path | None,
    output_format: str = "html",
    force: bool = False,
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> str:
    """Build the report; write it to ``output`` (atomically) and return a one-line summary, or return the
    report itself when ``output`` is None.

    The report's first line marks it as this command's (with a hash of the rest). An existing file is
    replaced only if it carries that marker, unedited, or with ``force``; even with ``force``, never a
    link, a FIFO, a device or one of the command's own inputs (see ``files.check_target``)."""
    from motives.engine.model.files import check_target, write_output
    from motives.engine.model.rules import rule_files
    from motives.engine.render.formats import render
    from motives.engine.render.report import build_report, signed, written_by_report

    fact_sets, compiled = load_inputs(arguments, rules_dir, as_of, engine)
    if output is not None:
        inputs = [path for argument in arguments for path, _ in fact_files(argument, as_of)]
        check_target(output, [*inputs, *rule_files(Path(rules_dir) if rules_dir else SHIPPED_RULES)])
        if output.exists() and not force and not written_by_report(output.read_bytes()):
            problem = Problem(
                Location(str(output)),
                "Y109",
                "exists and is not a report written by motives (or was edited since)",
                "choose another file, or pass --force to replace it",
            )
            raise InputError([problem])
    report = build_report([run_rules(facts, compiled) for facts in fact_sets])
    text = signed(render("report", output_format, report))
    if output is None:
        return text
    write_output(output, text)
    return f"wrote {output} ({counted(len(report.countries), 'country', 'countries')}, {output_format})\n"


def compare_paths(
    arguments: Sequence[str],
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
) -> Comparison:
    """Compare the countries named (two or more fact sets: files, folders or names)."""
    from motives.engine.analysis.comparison import compare_runs

    runs = load_runs(arguments, rules_dir, as_of, engine)
    if len(runs) < 2:
        where = Location(" ".join(arguments) or "(no input)")
        raise InputError(
            [Problem(where, "Y110", "a comparison needs at least two fact sets", "name two countries")]
        )
    return compare_runs(runs)


SHIPPED_LABELS = SHIPPED_RULES / "evaluation" / "labels.yaml"


def evaluate_labels(
    labels_path: str | None = None,
    rules_dir: str | None = None,
    dominance: Dominance = DEFAULT_DOMINANCE,
    engine: str = DEFAULT_ENGINE,
    kinds: Sequence[str] = (),
) -> Evaluation:
    """Score the rule base against a labelled set (default: the shipped one), beside the baselines; with
    ``kinds``, against the rows of those kinds of source only."""
    from motives.engine.analysis.evaluation import evaluate
    from motives.engine.analysis.labels import group_labels, load_labels, of_kinds

    path = Path(labels_path) if labels_path else SHIPPED_LABELS
    display = display_path(path)
    rows = of_kinds(load_labels(path, display), kinds, display)
    return evaluate(group_labels(rows), compile_rules(load_rules_argument(rules_dir), engine), dominance)
