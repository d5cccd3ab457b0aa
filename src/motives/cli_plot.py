"""``motives plot trend|compare|panel``: figures for papers (the extra ``motives[plot]``), each of an
analysis another command runs. matplotlib is imported by the command that draws, never by ``--help``."""

from __future__ import annotations

import datetime as dt

import click

from .cli import main
from .cli_common import AS_OF, DOMINANCE_MARGIN, DOMINANCE_MIN, ENGINE, EXIT_CODES, RULES, _run

FIGURE_FORMATS = ("svg", "png", "pdf")  # render.figures.FORMATS (a test keeps them equal)

OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="The figure's file; its suffix (.svg, .png, .pdf) names the format unless --format does.",
)
FIGURE_FORMAT = click.option(
    "--format", "output_format", type=click.Choice(FIGURE_FORMATS), help="SVG, PNG (300 dpi) or PDF."
)
WIDTH = click.option(
    "--width",
    type=click.FloatRange(1.5, 12),
    default=3.5,
    show_default=True,
    help="Width in inches (3.5: one column; about 7.2: a whole page).",
)
TITLE = click.option("--title/--no-title", default=True, show_default=True, help="Draw a title above it.")


@main.group(epilog=EXIT_CODES)
def plot() -> None:
    """Figures for papers: SVG, PNG or PDF at a column's width, in a colour-blind-safe palette.

    Needs the extra: pip install "motives[plot]" (matplotlib).
    """


def _format(output: str, output_format: str | None) -> str:
    from pathlib import Path

    suffix = Path(output).suffix.lower().lstrip(".")
    if output_format:
        return output_format
    if suffix in FIGURE_FORMATS:
        return suffix
    raise click.UsageError(f"{output}: name the format with a suffix .svg, .png or .pdf, or with --format")


@plot.command(epilog=EXIT_CODES)
@click.argument("country")
@OUTPUT
@FIGURE_FORMAT
@WIDTH
@TITLE
@RULES
@ENGINE
def trend(
    country: str,
    output: str,
    output_format: str | None,
    width: float,
    title: bool,
    rules_dir: str | None,
    engine: str,
) -> None:
    """Each motive's certainty across a shipped COUNTRY's snapshots, 1990 to now (`motives trend`);
    filled markers where the motive is dominant."""
    chosen = _format(output, output_format)

    def body() -> str:
        from pathlib import Path

        from .engine.api.figures import plot_trend

        return plot_trend(country, Path(output), chosen, rules_dir, engine, width, title)

    _run(body)


@plot.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@OUTPUT
@FIGURE_FORMAT
@WIDTH
@TITLE
@RULES
@ENGINE
@AS_OF
def compare(
    facts: tuple[str, ...],
    output: str,
    output_format: str | None,
    width: float,
    title: bool,
    rules_dir: str | None,
    engine: str,
    as_of: dt.datetime | None,
) -> None:
    """Each motive's certainty for two or more countries (`motives compare`): filled bars where it is
    dominant, hatched where not; * marks a motive dominant for some of them, not all."""
    chosen = _format(output, output_format)

    def body() -> str:
        from pathlib import Path

        from .engine.api.figures import plot_compare

        day = as_of.date() if as_of else None
        return plot_compare(list(facts), Path(output), chosen, rules_dir, day, engine, width, title)

    _run(body)


@plot.command(epilog=EXIT_CODES)
@OUTPUT
@FIGURE_FORMAT
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="NAME",
    help="A shipped country by name or ISO3 code (repeatable; default: all 193, by name).",
)
@click.option("--since", type=click.IntRange(1900, 2100), help="First year shown.")
@click.option("--until", type=click.IntRange(1900, 2100), help="Last year shown.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@WIDTH
@TITLE
@RULES
@ENGINE
@DOMINANCE_MIN
@DOMINANCE_MARGIN
def panel(
    output: str,
    output_format: str | None,
    countries: tuple[str, ...],
    since: int | None,
    until: int | None,
    jobs: int,
    width: float,
    title: bool,
    rules_dir: str | None,
    engine: str,
    dominance_min: float,
    dominance_margin: float,
) -> None:
    """A heatmap of the shipped panel: the dominant motive of each country in each year (its last
    snapshot of the year, classified as `motives batch` does); a dot where several motives are dominant,
    grey where none is, white where the country has no snapshot."""
    chosen = _format(output, output_format)
    if since is not None and until is not None and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")

    def body() -> str:
        from pathlib import Path

        from .engine.api.figures import plot_panel
        from .engine.inference.classify import Dominance

        dominance = Dominance(dominance_min, dominance_margin)
        return plot_panel(
            Path(output), chosen, countries, since, until, rules_dir, jobs, dominance, engine, width, title
        )

    _run(body)
