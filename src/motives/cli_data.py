"""``motives data`` and ``motives facts``: build the fact panel from the copied sources, and import the
UN's published CSV files into fact files (command groups of ``motives``)."""

from __future__ import annotations

import datetime as dt
import sys

import click

from .cli_common import EXIT_CODES, _run


# the defaults of --data and --out, worked out when a command runs (`--help` does not import pathlib)
def _checkout_data() -> str:
    from .engine.model.places import PACKAGE_ROOT

    return str(PACKAGE_ROOT.parents[1] / "data")  # data/ beside src/ in a checkout; not installed


def _shipped_facts() -> str:
    from .engine.model.places import SHIPPED_FACTS

    return str(SHIPPED_FACTS)


@click.group(epilog=EXIT_CODES)
def data() -> None:
    """Build the fact panel from the UN's and World Bank's own figures (data/sources)."""


@data.command(epilog=EXIT_CODES)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    default=_checkout_data,
    show_default="data/ of the checkout",
    help="The folder holding sources/, overlays/, countries.csv and names.csv.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=_shipped_facts,
    show_default="the shipped facts/",
    help="Where the panel goes: replaced as a whole, and only by a panel.",
)
@click.option(
    "--prefer",
    type=click.Choice(["data", "overlay"]),
    help="Which value wins where an overlay and the data disagree (otherwise the build stops).",
)
@click.option("--quiet", is_flag=True, help="No progress lines on stderr, even on a terminal.")
def build(data_dir: str, out_dir: str, prefer: str | None, quiet: bool) -> None:
    """Read every source, compute every country's facts at every 31 December since 1990 and at the
    latest month, merge the overlays, and write one fact file per country and date, all or nothing.
    Progress lines go to stderr when it is a terminal (never when piped or redirected)."""
    from .engine.importers.panel.build import build_panel
    from .engine.render.panel import build_summary

    shown = not quiet and sys.stderr.isatty()

    def progress(message: str) -> None:
        if shown:
            click.echo(f"motives data build: {message}", err=True)

    def body() -> str:
        from pathlib import Path

        folder = Path(data_dir)
        report = build_panel(folder / "sources", folder, Path(out_dir), prefer, progress)
        return build_summary(report)

    _run(body)


IMPORT_EXIT_CODES = """\b
Exit codes:
  0  success (skipped rows are warnings, one line each on stderr)
  1  an input file cannot be read or is of no known kind; or a conflict with a fact not
     imported by motives (without --force), a fact file that cannot be merged, or a file
     whose new text does not load (then nothing is written, or that file is left as it was)
  2  command-line usage error
  70 internal error (a bug: please report it)"""


def _iso3_codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())
    bad = [code for code in codes if not (len(code) == 3 and code.isascii() and code.isalpha())]
    if bad:
        raise click.BadParameter(f"{', '.join(bad)}: expected ISO3 codes such as IND or USA")
    return codes


@click.group(name="facts", epilog=EXIT_CODES)
def facts_group() -> None:
    """Maintain fact files: import the UN's published data."""


@facts_group.command(name="import", epilog=IMPORT_EXIT_CODES)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder of the fact files (created if missing).",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="ISO3",
    callback=_iso3_codes,
    help="Only this country (ISO3; repeat it or separate codes by commas).",
)
@click.option(
    "--from", "start", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help="First reporting date."
)
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help="Last reporting date.")
@click.option("--force", is_flag=True, help="Overwrite facts that differ even when entered by hand.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_facts(
    files: tuple[str, ...],
    out_dir: str,
    countries: tuple[str, ...],
    start: dt.datetime | None,
    end: dt.datetime | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Write or update fact files in OUT from the UN's published FILES (CSV).

    FILES are the monthly contributions file (odp_contributionsbygender.csv or DPO-UCHISTORICAL.csv),
    the monthly ranking file (odp_contributionranks.csv) and a peacekeeping scale of assessments written
    as `iso3,year,rate`, told apart by their headers. Each country and reporting date becomes
    OUT/<name>/<YYYY-MM-DD>.yaml; facts, sources, notes and comments already there are kept.

    One import at a time writes into OUT (a second waits for the first). Each fact file is written on
    its own: if an import is stopped, run the same command again to finish it.
    """
    from .engine.importers import un as importing
    from .engine.model.errors import EXIT_INPUT, EXIT_OK, shown_problems

    if start and end and start > end:
        raise click.BadParameter("--from is after --to", param_hint="--from/--to")

    def body() -> tuple[str, int]:
        from pathlib import Path

        report = importing.import_files(
            [Path(file) for file in files],
            Path(out_dir),
            countries=countries,
            start=start.date() if start else None,
            end=end.date() if end else None,
            force=force,
            dry_run=dry_run,
            waiting=lambda lock: click.echo(f"waiting for another import to let go of {lock} ...", err=True),
        )
        for line in shown_problems(report.problems):
            click.echo(line, err=True)
        return report.summary(), EXIT_INPUT if report.errors else EXIT_OK

    _run(body, resume="each fact file is written on its own: run the same import again to finish it")
