"""``motives rules diff`` and ``motives robustness``: what a rule change, or a change of the certainty
weights and dominance thresholds, does to the verdicts across many countries (commands of ``motives``)."""

from __future__ import annotations

import datetime as dt

import click

from .cli import main
from .cli_common import (
    AS_OF,
    DOMINANCE_MARGIN,
    DOMINANCE_MIN,
    ENGINE,
    EXIT_CODES,
    RULES,
    _run,
    format_option,
)
from .cli_rules import rules


@rules.command(name="diff", epilog=EXIT_CODES)
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.argument("facts", nargs=-1)
@click.option(
    "--min-shift",
    type=click.FloatRange(0, 2),
    default=0.1,
    show_default=True,
    help="Report a certainty that moves by at least this, even when the dominant motives stay.",
)
@click.option("--labels", help="Labelled set to score both bases on (default: the shipped one).")
@click.option("--no-labels", is_flag=True, help="Skip the agreement with a labelled set.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@ENGINE
@AS_OF
@DOMINANCE_MIN
@DOMINANCE_MARGIN
@format_option("rule_diff")
def diff(
    old: str,
    new: str,
    facts: tuple[str, ...],
    min_shift: float,
    labels: str | None,
    no_labels: bool,
    jobs: int,
    engine: str,
    as_of: dt.datetime | None,
    dominance_min: float,
    dominance_margin: float,
    output_format: str,
) -> None:
    """The effect of changing rule base OLD into NEW on the countries in FACTS (default: every shipped
    snapshot; with --as-of, each country's snapshot in force then).

    Reports the countries and dates whose dominant motives change, and how; certainty shifts of at
    least --min-shift; the rules behind each change (firing under one base only, or edited); and
    agreement with the labelled set under both bases.
    """
    from .engine.api.rulebase import diff_rulebases
    from .engine.inference.classify import Dominance
    from .engine.render.formats import render

    def body() -> str:
        result = diff_rulebases(
            old,
            new,
            facts,
            labels_path=labels,
            use_labels=not no_labels,
            min_shift=min_shift,
            dominance=Dominance(dominance_min, dominance_margin),
            as_of=as_of.date() if as_of else None,
            jobs=jobs,
            engine=engine,
        )
        return render("rule_diff", output_format, result)

    _run(body)


def _numbers(_context: click.Context, _parameter: click.Parameter, value: str) -> tuple[float, ...]:
    try:
        numbers = tuple(float(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of numbers") from None
    if not numbers:
        raise click.BadParameter("give at least one number")
    return numbers


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1)
@click.option(
    "--percent",
    type=click.FloatRange(0, 100, min_open=True),
    default=10.0,
    show_default=True,
    help="Scale each rule's certainty by 1 + and 1 - this percentage.",
)
@click.option(
    "--minimums",
    default="0.4,0.45,0.55,0.6",
    show_default=True,
    callback=_numbers,
    help="Dominance minimums to try (comma-separated), the margin kept.",
)
@click.option(
    "--margins",
    default="0.1,0.15,0.25,0.3",
    show_default=True,
    callback=_numbers,
    help="Dominance margins to try (comma-separated), the minimum kept.",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@RULES
@ENGINE
@AS_OF
@DOMINANCE_MIN
@DOMINANCE_MARGIN
@format_option("robustness")
def robustness(
    facts: tuple[str, ...],
    percent: float,
    minimums: tuple[float, ...],
    margins: tuple[float, ...],
    jobs: int,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
    dominance_min: float,
    dominance_margin: float,
    output_format: str,
) -> None:
    """How many verdicts change, and whose, when each rule's certainty is scaled by +/- --percent (one
    rule at a time, then all together) and when each dominance threshold takes the values given.

    FACTS default to every shipped country's latest snapshot (with --as-of, the one in force then).
    Deterministic: every variation is tried once, with no sampling.
    """
    from .engine.api.rulebase import check_robustness
    from .engine.inference.classify import Dominance
    from .engine.render.formats import render

    def body() -> str:
        result = check_robustness(
            facts,
            rules_dir,
            percent=percent,
            dominance=Dominance(dominance_min, dominance_margin),
            minimums=minimums,
            margins=margins,
            as_of=as_of.date() if as_of else None,
            jobs=jobs,
            engine=engine,
        )
        return render("robustness", output_format, result)

    _run(body)
