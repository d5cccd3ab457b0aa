"""The ``motives`` command: a thin shell over ``motives.engine``.

Each command parses its options, calls one library function, hands the result to a renderer and
returns an exit code. Errors the user can cause arrive as ``MotivesError`` and end as one line per
problem on stderr with a documented exit code; anything else is a bug and says so.

Commands import the engine modules they need inside their own bodies: `motives classify` is the command
people run most, and it should not pay for loading the analysis, authoring and import machinery.
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from .cli_common import (
    AS_OF,
    DOMINANCE_MARGIN,
    DOMINANCE_MIN,
    ENGINE,
    EXIT_CODES,
    IDS,
    MOTIVE,
    RULES,
    SOURCE_KIND,
    VERSION,
    FactName,
    _run,
    format_option,
)
from .cli_data import data, facts_group
from .cli_rules import rules
from .engine.render.formats import format_names  # a table of names: cheap at start


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@VERSION
def main() -> None:
    """Infer why a country takes part in UN peacekeeping, and show how the system knows."""


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@format_option("classification")
@click.option("--explain/--no-explain", default=True, show_default=True, help="Show derivation trees (text).")
@IDS
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="What-if: rerun with this fact changed (repeatable) and show what changed.",
)
@RULES
@ENGINE
@AS_OF
def classify(
    facts: tuple[str, ...],
    output_format: str,
    explain: bool,
    ids: bool,
    assignments: tuple[str, ...],
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """Name the dominant motives of each country in FACTS and explain them.

    FACTS are fact files (YAML), folders of them, or shipped countries by name or ISO3 code, e.g.
    `india`, `BGD` or `facts/usa.yaml`. A shipped country's latest snapshot is used unless --as-of says.
    """
    day = as_of.date() if as_of else None

    def body() -> str:
        from .engine.api import countries
        from .engine.render.formats import render

        if not assignments:
            found = countries.classify_paths(list(facts), rules_dir, day, engine)
            return render("classification", output_format, found, explain=explain, ids=ids)
        changes = countries.what_if_paths(list(facts), list(assignments), rules_dir, day, engine)
        return render("what_if", output_format, changes, explain=explain, ids=ids)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.argument("motive", type=MOTIVE)
@format_option("explanation")
@IDS
@RULES
@ENGINE
@AS_OF
def explain(
    facts: tuple[str, ...],
    motive: str,
    output_format: str,
    ids: bool,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """How MOTIVE was concluded for each country in FACTS, and why not (more strongly).

    WHY NOT lists every rule that could have supported the motive, closest first, with the failing
    conditions, actual values, thresholds and gaps, through indicator chains.
    """
    from .engine.api import countries
    from .engine.render.formats import render

    def body() -> str:
        found = countries.explain_paths(
            list(facts), motive, rules_dir, as_of.date() if as_of else None, engine
        )
        return render("explanation", output_format, found, ids=ids)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option(
    "--target",
    type=MOTIVE,
    help="Make this motive dominant.",
)
@click.option(
    "--drop",
    type=MOTIVE,
    help="Make this motive no longer dominant.",
)
@click.option("--max-changes", type=click.IntRange(1, 4), default=3, show_default=True)
@click.option(
    "--fix",
    "fixed",
    multiple=True,
    type=FactName(),
    metavar="FACT",
    help="Never change this fact (repeatable); facts no country can change are always held.",
)
@format_option("counterfactual")
@RULES
@ENGINE
@AS_OF
def counterfactual(
    facts: tuple[str, ...],
    target: str | None,
    drop: str | None,
    max_changes: int,
    fixed: tuple[str, ...],
    output_format: str,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """The smallest sets of fact changes that would make a motive dominant (--target) or not (--drop).

    Candidate values come from the rules' thresholds, within each fact's range; fewer and smaller changes
    come first; every answer is confirmed by a full run of the engine.
    """
    from .engine.api import countries
    from .engine.render.formats import render

    if bool(target) == bool(drop):
        raise click.UsageError("give exactly one of --target MOTIVE or --drop MOTIVE")

    def body() -> str:
        motive = target or drop or ""
        found = countries.counterfactual_paths(
            list(facts),
            motive,
            bool(target),
            max_changes,
            rules_dir,
            as_of.date() if as_of else None,
            fixed,
            engine,
        )
        checked = [(c, search, countries.classify_command(path, rules_dir)) for c, search, path in found]
        return render("counterfactual", output_format, checked)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option("--percent", type=click.FloatRange(0, 100, min_open=True), default=10.0, show_default=True)
@format_option("sensitivity")
@RULES
@ENGINE
@AS_OF
def sensitivity(
    facts: tuple[str, ...],
    percent: float,
    output_format: str,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """How robust each verdict is: margins to thresholds, and single changes that would flip it."""
    from .engine.api import countries
    from .engine.render.formats import render

    if percent != percent:  # FloatRange lets nan through
        raise click.BadParameter("nan is not a number of percent", param_hint="--percent")

    def body() -> str:
        found = countries.sensitivity_paths(
            list(facts), percent, rules_dir, as_of.date() if as_of else None, engine
        )
        return render("sensitivity", output_format, found)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output)."
)
@format_option("report")
@click.option("--force", is_flag=True, help="Replace an existing file that motives did not write.")
@RULES
@ENGINE
@AS_OF
def report(
    facts: tuple[str, ...],
    output: str | None,
    output_format: str,
    force: bool,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """A report to read: verdict, certainty chart, derivations, why-not, facts with sources, citations.

    HTML is one self-contained file (no network, no script); Markdown is for pasting into a paper.
    """
    from pathlib import Path

    from .engine.api import countries

    target = Path(output) if output else None
    day = as_of.date() if as_of else None
    _run(lambda: countries.write_report(list(facts), target, output_format, force, rules_dir, day, engine))


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    required=True,
    help="The site's folder: written whole, through a temporary folder renamed into place.",
)
@click.option("--force", is_flag=True, help="Replace a non-empty folder that is not a site motives wrote.")
@RULES
@ENGINE
@DOMINANCE_MIN
@DOMINANCE_MARGIN
def site(
    facts: tuple[str, ...],
    output: str,
    force: bool,
    rules_dir: str | None,
    engine: str,
    dominance_min: float,
    dominance_margin: float,
) -> None:
    """A static site of FACTS (default: the whole shipped panel, every snapshot) that opens from disk:
    an index of the countries (sortable; filtered by dominant motive, region, income group), the
    dominant motives by year, a page per country (trend, derivations, why-not, facts with sources,
    references) and per rule (where it fires), and a search box. No server, no network.
    """
    from .cli_common import terminal_progress

    def body() -> str:
        from pathlib import Path

        from .engine.api.site import write_site
        from .engine.inference.classify import Dominance

        dominance = Dominance(dominance_min, dominance_margin)
        return write_site(list(facts), Path(output), force, rules_dir, engine, dominance, terminal_progress())

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@format_option("comparison")
@RULES
@ENGINE
@AS_OF
def compare(
    facts: tuple[str, ...],
    output_format: str,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """Compare two or more countries: shared motives, motives that separate them, and the facts behind.

    FACTS name countries (or one country at two dates, as files), e.g. `motives compare usa india`.
    """
    from .engine.api import countries
    from .engine.render.formats import render

    def body() -> str:
        found = countries.compare_paths(list(facts), rules_dir, as_of.date() if as_of else None, engine)
        return render("comparison", output_format, found)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("labels", required=False)
@format_option("evaluation")
@RULES
@ENGINE
@DOMINANCE_MIN
@DOMINANCE_MARGIN
@SOURCE_KIND
def evaluate(
    labels: str | None,
    output_format: str,
    rules_dir: str | None,
    engine: str,
    dominance_min: float,
    dominance_margin: float,
    kinds: tuple[str, ...],
) -> None:
    """Score the rule base against a labelled set (default: the shipped rules/evaluation/labels.yaml).

    A labels file has one row per source and country; a country's label is the motives most of its rows
    name as dominant. Reports top-1 agreement (no dominant motive is a miss), the Jaccard index of the
    dominant sets, agreement with each source row, precision, recall and F1 by motive, beside two
    baselines fitted leave-one-country-out (always the most common label; the most common label by
    income group), and a row per country with its verdict, its sources and the facts that decided it.
    """
    from .engine.api import countries
    from .engine.inference.classify import Dominance
    from .engine.render.formats import render

    def body() -> str:
        dominance = Dominance(dominance_min, dominance_margin)
        evaluation = countries.evaluate_labels(labels, rules_dir, dominance, engine, kinds)
        return render("evaluation", output_format, evaluation)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*format_names("batch"), "parquet"]),
    default="csv",
    show_default=True,
    help='parquet: the wide table, in -o FILE (needs the extra: pip install "motives[pandas]").',
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output)."
)
@click.option(
    "--tidy",
    type=click.Path(dir_okay=False),
    help="With --format parquet: also write the tidy long table (one row per country, date, motive, fired "
    "rule and fact read) to this file.",
)
@RULES
@ENGINE
@DOMINANCE_MIN
@DOMINANCE_MARGIN
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Of each panel file (or shipped country), only the snapshot in force on this date (YYYY-MM-DD): "
    "a cross-section of the panel.",
)
def batch(
    paths: tuple[str, ...],
    output_format: str,
    jobs: int,
    output: str | None,
    tidy: str | None,
    rules_dir: str | None,
    engine: str,
    dominance_min: float,
    dominance_margin: float,
    as_of: dt.datetime | None,
) -> None:
    """Classify every fact file in PATHS: one row per country and date, streamed as it is ready.

    Rows give the dominant motives, the certainty of each motive and the rule base's hash. Files that
    cannot be loaded are reported on stderr (and the exit code is 1); the others are still classified.
    With --format parquet, -o FILE gets the wide table (per motive: certainty, dominant, unknown; the
    facts' coverage) and --tidy FILE the long one (each fired rule with the facts it read).
    """
    from .engine.analysis import batch as batch_module
    from .engine.inference.classify import Dominance
    from .engine.model.files import output_stream
    from .engine.render.formats import stream_writer

    if output_format == "parquet" and not output:
        raise click.UsageError("--format parquet writes a file: name it with -o FILE.parquet")
    if tidy and output_format != "parquet":
        raise click.UsageError("--tidy writes a Parquet table: use it with --format parquet")
    from .cli_common import terminal_progress

    problems: list[str] = []
    # a bar on stderr when it is a terminal and the rows do not go to that terminal too
    shown = sys.stderr.isatty() and (bool(output) or not sys.stdout.isatty())

    def body() -> tuple[str, int]:
        from pathlib import Path

        from .engine.model.errors import EXIT_INPUT, EXIT_OK
        from .engine.model.text import escape_unsafe

        target = Path(output) if output else None
        dominance = Dominance(dominance_min, dominance_margin)
        day = as_of.date() if as_of else None
        rows = batch_module.batch_rows(paths, rules_dir, jobs, target, dominance, day, engine=engine)
        total = batch_module.count_files(paths, day) if shown else 0  # the walk again: only to show a bar
        with terminal_progress(shown)("classifying", total) as advance:

            def note(row: batch_module.Row) -> None:
                problems.extend(row.problems)
                advance(1)

            if output_format == "parquet" and target is not None:
                from .engine.api.tables import write_parquet

                tidy_target = Path(tidy) if tidy else None
                done, failed = write_parquet(
                    paths, target, tidy_target, rules_dir, jobs, dominance, engine, note, day
                )
            elif output:
                with output_stream(Path(output)) as stream:
                    done, failed = stream_writer("batch", output_format)(rows, stream, note)
            else:
                done, failed = stream_writer("batch", output_format)(rows, sys.stdout, note)
        for line in problems:
            click.echo(escape_unsafe(line), err=True)
        if day is not None and done == 0 and failed == 0:  # a cross-section before every record begins
            click.echo(f"note: no fact file named has a snapshot on or before {day.isoformat()}", err=True)
        summary = f"wrote {output}: {done} row(s)\n" if output else ""
        if tidy:
            summary += f"wrote {tidy}: the tidy table of the same rows\n"
        return summary, EXIT_INPUT if failed else EXIT_OK

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("country")
@format_option("trend")
@RULES
@ENGINE
def trend(country: str, output_format: str, rules_dir: str | None, engine: str) -> None:
    """How a shipped country's motives and certainties change across its dated snapshots, 1990 to now,
    and (in text) the rules and facts that moved them from one snapshot to the next."""
    from .engine.analysis import batch as batch_module
    from .engine.model.catalog import load_rules_argument
    from .engine.render.formats import render

    def body() -> str:
        rows = batch_module.trend(country, rules_dir, engine)
        moved = batch_module.moves(rows, load_rules_argument(rules_dir)) if output_format == "text" else None
        return render("trend", output_format, rows, moved=moved)

    _run(body)


@main.command(epilog=EXIT_CODES)
def countries() -> None:
    """The shipped countries: name to use, country, ISO3 code and the dates of its snapshots."""
    from .engine.render import authoring as render_authoring

    _run(render_authoring.countries_text)


main.add_command(rules)
main.add_command(data)
main.add_command(facts_group)

# register `plot trend|compare|panel`, and `rules diff` and `robustness`
from . import cli_plot, cli_research  # noqa: E402, F401
