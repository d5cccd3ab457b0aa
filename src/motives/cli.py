"""The ``motives`` command: a thin shell over ``motives.engine``.

Each command parses its options, calls one library function, hands the result to a renderer and
returns an exit code. Errors the user can cause arrive as ``MotivesError`` and end as one line per
problem on stderr with a documented exit code; anything else is a bug and says so.

Commands import the engine modules they need inside their own bodies: `motives classify` is the command
people run most, and it should not pay for loading the analysis, authoring and import machinery.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import click

from .engine.authoring.editor_schema import SCHEMAS, schema_text
from .engine.model.errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_TESTS_FAILED,
    EXIT_WARNINGS,
    MotivesError,
)
from .engine.model.text import encoding_problem, escape_unsafe
from .engine.model.vocabulary import Motive
from .engine.render.classification import RENDERERS, json_document

EXIT_CODES = """\b
Exit codes:
  0  success
  1  invalid input: a fact, rule or test file is missing, malformed or breaks the schema
     (one line per problem: path:line:col: error CODE message; hint)
  2  command-line usage error
  3  the engine hit its firing limit (a rule base that does not settle)
  4  rules check: no errors, but warnings
  5  rules test: a case failed; rules coverage: below --min-coverage
  70 internal error (a bug: please report it)"""


def _run(action: Callable[[], str | tuple[str, int]], resume: str = "") -> None:
    """Run a command body, print its output, and turn library errors into exit codes.

    A body returns its output, or its output and an exit code (for reports that can fail, like tests).
    SIGTERM stops it as Ctrl-C does, by an exception, so that no temporary file outlives it; ``resume``
    tells the user what a stop left to do.
    """
    signal.signal(signal.SIGTERM, _stop)
    try:
        result = action()
        output, code = result if isinstance(result, tuple) else (result, EXIT_OK)
        click.echo(escape_unsafe(output, keep="\n\t"), nl=False)  # no terminal control from any file
    except UnicodeEncodeError as error:  # stdout cannot hold a character of the output
        click.echo(escape_unsafe(str(encoding_problem(error, _stream_of(error)))), err=True)
        sys.exit(EXIT_INPUT)
    except MotivesError as error:
        click.echo(escape_unsafe(str(error)), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt as stop:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        left = "no file half-written, no temporary file left"
        click.echo(f"interrupted: {left}" + (f"; {resume}" if resume else ""), err=True)
        sys.exit(128 + (stop.args[0] if stop.args else signal.SIGINT))
    except BrokenPipeError:  # the reader went away (`motives batch ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as error:  # a bug: keep the message short, the traceback on request
        if os.environ.get("MOTIVES_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(error).__name__}: {error} (set MOTIVES_DEBUG=1 for details)", err=True
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signum)


def _stream_of(error: UnicodeEncodeError) -> str:
    """Where an output that cannot be encoded was going: the terminal, unless its encoding is not the one
    that failed (then a file, always written as UTF-8)."""
    import codecs

    try:
        same = codecs.lookup(sys.stdout.encoding).name == codecs.lookup(error.encoding).name
    except (AttributeError, LookupError, TypeError):
        same = False
    return "<stdout>" if same else "<output file>"


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="motives")
def main() -> None:
    """Infer why a country takes part in UN peacekeeping, and show how the system knows."""


FORMAT = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)


MOTIVE = click.Choice([str(m) for m in Motive], case_sensitive=False)  # `Political` is political
RULES = click.option(
    "--rules", "rules_dir", type=click.Path(), help="Rule directory (default: the shipped one)."
)
AS_OF = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="For countries named by name: their latest snapshot on or before this date (YYYY-MM-DD).",
)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option(
    "--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True
)
@click.option("--explain/--no-explain", default=True, show_default=True, help="Show derivation trees (text).")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="What-if: rerun with this fact changed (repeatable) and show what changed.",
)
@RULES
@AS_OF
def classify(
    facts: tuple[str, ...],
    output_format: str,
    explain: bool,
    assignments: tuple[str, ...],
    rules_dir: str | None,
    as_of: dt.datetime | None,
) -> None:
    """Name the dominant motives of each country in FACTS and explain them.

    FACTS are fact files (YAML), folders of them, or shipped countries by name or ISO3 code, e.g.
    `india`, `BGD` or `facts/usa.yaml`. A shipped country's latest snapshot is used unless --as-of says.
    """
    day = as_of.date() if as_of else None

    def body() -> str:
        if not assignments:
            from .engine.api.countries import classify_paths

            return RENDERERS[output_format](classify_paths(list(facts), rules_dir, day), explain)
        from .engine.api import countries
        from .engine.render import analysis as render_analysis

        changes = countries.what_if_paths(list(facts), list(assignments), rules_dir, day)
        if output_format == "json":
            return json_document([render_analysis.what_if_data(change) for change in changes])
        if output_format != "text":
            return RENDERERS[output_format]([change.after for change in changes], explain)
        return "\n".join(
            render_analysis.what_if_text(change) + "\n" + RENDERERS["text"]([change.after], explain)
            for change in changes
        )

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.argument("motive", type=MOTIVE)
@FORMAT
@RULES
@AS_OF
def explain(
    facts: tuple[str, ...], motive: str, output_format: str, rules_dir: str | None, as_of: dt.datetime | None
) -> None:
    """How MOTIVE was concluded for each country in FACTS, and why not (more strongly).

    WHY NOT lists every rule that could have supported the motive, closest first, with the failing
    conditions, actual values, thresholds and gaps, through indicator chains.
    """
    from .engine.api import countries
    from .engine.render import analysis as render_analysis

    def body() -> str:
        found = countries.explain_paths(list(facts), motive, rules_dir, as_of.date() if as_of else None)
        if output_format == "json":
            return json_document([render_analysis.explain_data(item) for item in found])
        return "\n".join(render_analysis.explain_text(item) for item in found)

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
@FORMAT
@RULES
@AS_OF
def counterfactual(
    facts: tuple[str, ...],
    target: str | None,
    drop: str | None,
    max_changes: int,
    output_format: str,
    rules_dir: str | None,
    as_of: dt.datetime | None,
) -> None:
    """The smallest sets of fact changes that would make a motive dominant (--target) or not (--drop).

    Candidate values come from the rules' thresholds, within each fact's range; fewer and smaller changes
    come first; every answer is confirmed by a full run of the engine.
    """
    from .engine.api import countries
    from .engine.render import analysis as render_analysis

    if bool(target) == bool(drop):
        raise click.UsageError("give exactly one of --target MOTIVE or --drop MOTIVE")

    def body() -> str:
        motive = target or drop or ""
        found = countries.counterfactual_paths(
            list(facts), motive, bool(target), max_changes, rules_dir, as_of.date() if as_of else None
        )
        if output_format == "json":
            return json_document([render_analysis.counterfactual_data(search, c) for c, search, _ in found])
        return "\n".join(
            render_analysis.counterfactual_text(search, c, countries.classify_command(path, rules_dir))
            for c, search, path in found
        )

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option("--percent", type=click.FloatRange(0, 100, min_open=True), default=10.0, show_default=True)
@FORMAT
@RULES
@AS_OF
def sensitivity(
    facts: tuple[str, ...],
    percent: float,
    output_format: str,
    rules_dir: str | None,
    as_of: dt.datetime | None,
) -> None:
    """How robust each verdict is: margins to thresholds, and single changes that would flip it."""
    from .engine.api import countries
    from .engine.render import analysis as render_analysis

    if percent != percent:  # FloatRange lets nan through
        raise click.BadParameter("nan is not a number of percent", param_hint="--percent")

    def body() -> str:
        found = countries.sensitivity_paths(list(facts), percent, rules_dir, as_of.date() if as_of else None)
        if output_format == "json":
            return json_document(
                [render_analysis.sensitivity_data(result, country) for country, result in found]
            )
        return "\n".join(render_analysis.sensitivity_text(result, country) for country, result in found)

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output)."
)
@click.option(
    "--format", "output_format", type=click.Choice(["html", "markdown"]), default="html", show_default=True
)
@click.option("--force", is_flag=True, help="Replace an existing file that motives did not write.")
@RULES
@AS_OF
def report(
    facts: tuple[str, ...],
    output: str | None,
    output_format: str,
    force: bool,
    rules_dir: str | None,
    as_of: dt.datetime | None,
) -> None:
    """A report to read: verdict, certainty chart, derivations, why-not, facts with sources, citations.

    HTML is one self-contained file (no network, no script); Markdown is for pasting into a paper.
    """
    from .engine.api import countries

    target = Path(output) if output else None
    day = as_of.date() if as_of else None
    _run(lambda: countries.write_report(list(facts), target, output_format, force, rules_dir, day))


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@RULES
@AS_OF
def compare(
    facts: tuple[str, ...], output_format: str, rules_dir: str | None, as_of: dt.datetime | None
) -> None:
    """Compare two or more countries: shared motives, motives that separate them, and the facts behind.

    FACTS name countries (or one country at two dates, as files), e.g. `motives compare usa india`.
    """
    from .engine.api import countries
    from .engine.render import analysis as render_analysis

    def body() -> str:
        found = countries.compare_paths(list(facts), rules_dir, as_of.date() if as_of else None)
        if output_format == "json":
            return render_analysis.compare_json(found)
        return render_analysis.compare_text(found, markdown=output_format == "markdown")

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("labels", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@RULES
def evaluate(labels: str | None, output_format: str, rules_dir: str | None) -> None:
    """Score the rule base against a labelled set (default: the shipped rules/evaluation/labels.yaml).

    A labels file has one row per source and country; a country's label is the motives most of its rows
    name as dominant. Reports top-1 agreement (no dominant motive is a miss), the Jaccard index of the
    dominant sets, agreement with each source row, precision, recall and F1 by motive, beside two
    baselines fitted leave-one-country-out (always the most common label; the most common label by
    income group), and a row per country with its verdict, its sources and the facts that decided it.
    """
    from .engine.api import countries
    from .engine.render import evaluation as render_evaluation

    def body() -> str:
        return render_evaluation.RENDERERS[output_format](countries.evaluate_labels(labels, rules_dir))

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "jsonl", "json", "markdown"]),
    default="csv",
    show_default=True,
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output)."
)
@RULES
def batch(
    paths: tuple[str, ...], output_format: str, jobs: int, output: str | None, rules_dir: str | None
) -> None:
    """Classify every fact file in PATHS: one row per country and date, streamed as it is ready.

    Rows give the dominant motives, the certainty of each motive and the rule base's hash. Files that
    cannot be loaded are reported on stderr (and the exit code is 1); the others are still classified.
    """
    from .engine.analysis import batch as batch_module
    from .engine.model.files import output_stream

    problems: list[str] = []
    show_progress = sys.stderr.isatty()

    def note(row: batch_module.Row) -> None:
        problems.extend(row.problems)
        if show_progress:
            click.echo(f"\rclassified {note.count} file(s)", err=True, nl=False)  # type: ignore[attr-defined]
            note.count += 1  # type: ignore[attr-defined]

    note.count = 1  # type: ignore[attr-defined]

    def body() -> tuple[str, int]:
        rows = batch_module.batch_rows(paths, rules_dir, jobs, Path(output) if output else None)
        if output:
            with output_stream(Path(output)) as stream:
                done, failed = batch_module.write_rows(rows, stream, output_format, note)
        else:
            done, failed = batch_module.write_rows(rows, sys.stdout, output_format, note)
        if show_progress:
            click.echo("", err=True)
        for line in problems:
            click.echo(escape_unsafe(line), err=True)
        summary = f"wrote {output}: {done} row(s)\n" if output else ""
        return summary, EXIT_INPUT if failed else EXIT_OK

    _run(body)


@main.command(epilog=EXIT_CODES)
@click.argument("country")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "csv"]), default="text", show_default=True
)
@RULES
def trend(country: str, output_format: str, rules_dir: str | None) -> None:
    """How a shipped country's motives and certainties change across its dated snapshots, 1990 to now,
    and (in text) the rules and facts that moved them from one snapshot to the next."""
    from .engine.analysis import batch as batch_module
    from .engine.model.catalog import load_rules_argument
    from .engine.render import analysis as render_analysis

    def body() -> str:
        rows = batch_module.trend(country, rules_dir)
        if output_format != "text":
            return render_analysis.trend_csv(rows)
        return render_analysis.trend_text(rows, batch_module.moves(rows, load_rules_argument(rules_dir)))

    _run(body)


@main.command(epilog=EXIT_CODES)
def countries() -> None:
    """The shipped countries: name to use, country, ISO3 code and the dates of its snapshots."""
    from .engine.render import authoring as render_authoring

    _run(render_authoring.countries_text)


@main.group(epilog=EXIT_CODES)
def rules() -> None:
    """Author rules: check, test, measure coverage, list, show, and editor schemas."""


@rules.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@FORMAT
def check(paths: tuple[str, ...], output_format: str) -> None:
    """Check rule directories and fact files; all problems at once, one per line.

    PATHS are rule directories (holding references.yaml), rule files, fact files or folders of fact
    files; default: the shipped rule base and facts.
    """
    from .engine.api import rulebase
    from .engine.render import authoring as render_authoring

    def body() -> tuple[str, int]:
        report = rulebase.check(list(paths))
        render = render_authoring.check_json if output_format == "json" else render_authoring.check_text
        code = EXIT_INPUT if report.errors else EXIT_WARNINGS if report.warnings else EXIT_OK
        return render(report), code

    _run(body)


@rules.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@RULES
@FORMAT
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
def test(paths: tuple[str, ...], rules_dir: str | None, output_format: str, verbose: bool) -> None:
    """Run rule test cases (YAML); default: the shipped tests in rules/tests/."""
    from .engine.api import rulebase
    from .engine.render import authoring as render_authoring

    def body() -> tuple[str, int]:
        report = rulebase.test_rules(list(paths), rules_dir)
        render = render_authoring.test_json if output_format == "json" else render_authoring.test_text
        return render(report, verbose), EXIT_TESTS_FAILED if report.failed else EXIT_OK

    _run(body)


@rules.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1)
@RULES
@FORMAT
@click.option("--min-coverage", type=click.FloatRange(0, 100), help="Fail (exit 5) below this percentage.")
def coverage(
    facts: tuple[str, ...], rules_dir: str | None, output_format: str, min_coverage: float | None
) -> None:
    """How often each rule fires over FACTS (default: every shipped fact file), and why others never do."""
    from .engine.api import rulebase
    from .engine.render import authoring as render_authoring

    def body() -> tuple[str, int]:
        report = rulebase.rule_coverage(list(facts), rules_dir)
        render = render_authoring.coverage_json if output_format == "json" else render_authoring.coverage_text
        below = min_coverage is not None and report.percent < min_coverage
        return render(report), EXIT_TESTS_FAILED if below else EXIT_OK

    _run(body)


@rules.command(name="list", epilog=EXIT_CODES)
@RULES
@FORMAT
@click.option(
    "--motive",
    type=MOTIVE,
    help="Only rules for this motive.",
)
def list_rules(rules_dir: str | None, output_format: str, motive: str | None) -> None:
    """A table of the rules: id, conclusion, salience, where defined, title."""
    from .engine.api import rulebase
    from .engine.render import authoring as render_authoring

    def body() -> str:
        found = rulebase.list_rules(rules_dir, motive)
        return (render_authoring.list_json if output_format == "json" else render_authoring.list_text)(found)

    _run(body)


@rules.command(epilog=EXIT_CODES)
@click.argument("rule_id")
@RULES
def show(rule_id: str, rules_dir: str | None) -> None:
    """One rule: conditions, rationale, citations, and the rules it feeds on or feeds."""
    from .engine.api import rulebase
    from .engine.render import authoring as render_authoring

    _run(lambda: render_authoring.show_text(*rulebase.find_rule(rule_id, rules_dir)))


@rules.command(epilog=EXIT_CODES)
@click.option("--kind", type=click.Choice(sorted(SCHEMAS)), default="rules", show_default=True)
@click.option(
    "--write", "directory", type=click.Path(file_okay=False), help="Write every schema into DIRECTORY."
)
def schema(kind: str, directory: str | None) -> None:
    """Print the JSON Schema editors use to validate a kind of file (or write them all)."""
    from .engine.authoring.editor_schema import write_schemas

    def body() -> str:
        if directory:
            return "".join(f"wrote {path}\n" for path in write_schemas(Path(directory)))
        return schema_text(kind)

    _run(body)


# --- motives facts import ------------------------------------------------------------------------------


from .cli_data import data, facts_group  # noqa: E402  (the groups need _run and EXIT_CODES from above)

main.add_command(data)
main.add_command(facts_group)
