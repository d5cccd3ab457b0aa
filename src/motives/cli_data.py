"""``motives data``: build the fact panel from the copied sources (a command group of ``motives``)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import EXIT_CODES, _run
from .engine.model.catalog import PACKAGE_ROOT, SHIPPED_FACTS

CHECKOUT_DATA = PACKAGE_ROOT.parents[1] / "data"  # data/ beside src/ in a checkout; not installed


@click.group(epilog=EXIT_CODES)
def data() -> None:
    """Build the fact panel from the UN's and World Bank's own figures (data/sources)."""


@data.command(epilog=EXIT_CODES)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    default=str(CHECKOUT_DATA),
    show_default="data/ of the checkout",
    help="The folder holding sources/, overlays/, countries.csv and names.csv.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=str(SHIPPED_FACTS),
    show_default="the shipped facts/",
    help="Where the panel goes: replaced as a whole, and only by a panel.",
)
@click.option(
    "--prefer",
    type=click.Choice(["data", "overlay"]),
    help="Which value wins where an overlay and the data disagree (otherwise the build stops).",
)
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
def build(data_dir: str, out_dir: str, prefer: str | None, quiet: bool) -> None:
    """Read every source, compute every country's facts at every 31 December since 1990 and at the
    latest month, merge the overlays, and write one fact file per country and date, all or nothing."""
    from .engine.importers.panel.build import build_panel
    from .engine.render.panel import build_summary

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"motives data build: {message}", err=True)

    def body() -> str:
        folder = Path(data_dir)
        report = build_panel(folder / "sources", folder, Path(out_dir), prefer, progress)
        return build_summary(report)

    _run(body)
