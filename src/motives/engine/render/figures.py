"""Figures for papers (the optional extra ``motives[plot]``, matplotlib): a country's trend, a comparison
of countries, and the panel's dominant motives by country and year.

Each figure is drawn from what an analysis already concluded (``batch.trend`` rows, a ``Comparison``, a
``panel_grid.Grid``): nothing here classifies. The style is for print at one column's width (3.5 in):
7-point DejaVu Sans (shipped with matplotlib, so every machine draws the same glyphs), thin axes, the
Okabe-Ito palette (told apart with colour blindness) with a second cue beside each colour (a marker
shape, a hatch, a dot) so a figure printed in grey still reads. matplotlib is imported on use, through
its object API (no pyplot, no GUI backend: Agg draws PNG); SVG and PDF output is byte-for-byte the same
on every run (a fixed ``svg.hashsalt``, no creation date).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from motives.engine.analysis.batch import Row
from motives.engine.analysis.comparison import Comparison
from motives.engine.analysis.panel_grid import Grid
from motives.engine.inference.classify import DEFAULT_DOMINANCE
from motives.engine.model.extras import require
from motives.engine.model.vocabulary import Motive

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("svg", "png", "pdf")
COLUMN_WIDTH = 3.5  # inches: one column of a two-column journal page

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour blindness
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
MOTIVES = tuple(str(motive) for motive in Motive)
MOTIVE_COLOURS = dict(zip(MOTIVES, ("#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7"), strict=True))
MOTIVE_MARKERS = dict(zip(MOTIVES, ("o", "s", "^", "D", "v"), strict=True))
NO_SNAPSHOT, NONE_DOMINANT = "#FFFFFF", "#DDDDDD"
# the heatmap's codes: 0 no snapshot, 1 no dominant motive, then each motive in the order of Motive
PANEL_CODES = ("no snapshot", "none dominant", *MOTIVES)

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.titlesize": 7.5,
    "axes.labelsize": 7,
    "xtick.labelsize": 6.5,
    "ytick.labelsize": 6.5,
    "legend.fontsize": 6.5,
    "legend.frameon": False,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "lines.linewidth": 1.1,
    "lines.markersize": 3,
    "hatch.linewidth": 0.6,
    "figure.dpi": 100,
    "savefig.dpi": 300,  # PNG at print resolution
    "svg.hashsalt": "motives",  # the same element ids on every run
    "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font
    "pdf.fonttype": 42,  # TrueType in the PDF: text stays text
}


@contextmanager
def style() -> Iterator[None]:
    """The publication style, for drawing and saving a figure (the caller's own settings are left as
    they were)."""
    (matplotlib,) = require("plot", "motives plot", ("matplotlib",))
    with matplotlib.rc_context(STYLE):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def save(figure: Figure, fmt: str, description: str) -> bytes:
    """The figure as SVG, PNG or PDF; ``description`` (the versions it was made with) goes in the file's
    metadata. Call inside :func:`style`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; the formats are: {', '.join(FORMATS)}")
    metadata: dict[str, Any] = {"Description": description}
    if fmt == "svg":
        metadata = {"Date": None, "Description": description}
    elif fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None, "Subject": description}
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def _reference_lines(axes: Any, vertical: bool = False) -> Any:
    """Zero (no evidence) and, dashed, the dominance minimum; returns the latter, for a legend."""
    draw = axes.axvline if vertical else axes.axhline
    draw(0, color="#999999", linewidth=0.5, zorder=1)
    minimum = DEFAULT_DOMINANCE.minimum
    return draw(
        minimum,
        color="#666666",
        linewidth=0.6,
        linestyle=(0, (3, 2)),
        zorder=1,
        label=f"dominance minimum ({minimum:g})",
    )


def trend_figure(rows: Sequence[Row], width: float = COLUMN_WIDTH, title: bool = True) -> Figure:
    """Each motive's certainty across a country's snapshots (``batch.trend``): a line per motive, its
    dominant snapshots filled; a gap where the motive has no evidence because facts are unknown."""
    shown = [row for row in rows if not row.problems]
    figure = _figure(width, width * 0.72)
    axes = figure.add_subplot()
    dates: list[Any] = [dt.date.fromisoformat(row.as_of) for row in shown]
    for index, motive in enumerate(MOTIVES):
        values = [float("nan") if motive in row.unknown else row.certainty[index] for row in shown]
        colour, marker = MOTIVE_COLOURS[motive], MOTIVE_MARKERS[motive]
        axes.plot(
            dates,
            values,
            color=colour,
            marker=marker,
            markersize=2.2,
            markerfacecolor="white",
            markeredgewidth=0.6,
            label=motive,
            zorder=3,
        )
        dominant = [
            (day, value)
            for day, value, row in zip(dates, values, shown, strict=True)
            if motive in row.dominant
        ]
        if dominant:
            axes.plot(
                *zip(*dominant, strict=True),
                linestyle="none",
                color=colour,
                marker=marker,
                markersize=3.2,
                zorder=4,
            )
    _reference_lines(axes)
    axes.set_ylim(-1.05, 1.05)
    axes.set_ylabel("certainty")
    if title and shown:
        axes.set_title(f"{shown[-1].country}, {dates[0].year}-{dates[-1].year}", loc="left")
    handles = axes.get_legend_handles_labels()[0]
    handles.append(_marker_handle("o", 3.2, "filled: dominant"))
    figure.legend(handles=handles, loc="outside lower center", ncols=3, handlelength=1.8, columnspacing=1.0)
    return figure


def compare_figure(comparison: Comparison, width: float = COLUMN_WIDTH, title: bool = True) -> Figure:
    """Each motive's certainty for every country compared (``compare``): filled bars where the motive is
    dominant, hatched where it is not; ``*`` marks a motive dominant for some of them, not all."""
    from matplotlib.patches import Patch

    results = comparison.results
    separating = {str(item.motive) for item in comparison.differences}
    count = len(results)
    figure = _figure(width, 1.0 + 0.22 * len(MOTIVES) * max(count, 2) / 2)
    axes = figure.add_subplot()
    band = 0.8 / count
    minimum = _reference_lines(axes, vertical=True)
    handles = []
    for index, result in enumerate(results):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        for position, motive in enumerate(MOTIVES):
            found = result.motive(motive)
            y = position - 0.4 + band * (index + 0.5)
            axes.barh(
                y,
                found.certainty,
                height=band * 0.9,
                color=colour if found.dominant else "white",
                edgecolor=colour,
                linewidth=0.6,
                hatch=None if found.dominant else "//////",
                zorder=2,
            )
        handles.append(Patch(facecolor=colour, edgecolor=colour, label=f"{result.country} ({result.as_of})"))
    handles.append(Patch(facecolor="white", edgecolor="#444444", hatch="//////", label="not dominant"))
    handles.append(minimum)
    axes.set_yticks(range(len(MOTIVES)), [m + (" *" if m in separating else "") for m in MOTIVES])
    axes.invert_yaxis()
    axes.set_xlim(-1.05, 1.05)
    axes.set_xlabel("certainty" + ("   (* dominant for some, not all)" if separating else ""))
    if title:
        axes.set_title(" vs ".join(result.country for result in results), loc="left")
    figure.legend(handles=handles, loc="outside lower center", ncols=2, handlelength=1.4)
    return figure


def panel_codes(grid: Grid) -> list[list[int]]:
    """The heatmap's cells as codes (``PANEL_CODES``): the strongest dominant motive of each cell."""
    return [
        [0 if cell is None else (MOTIVES.index(cell.dominant[0]) + 2 if cell.dominant else 1) for cell in row]
        for row in grid.cells
    ]


def panel_figure(grid: Grid, width: float = COLUMN_WIDTH, title: bool = True) -> Figure:
    """The dominant motive of each country (rows) in each year (columns), from ``panel_grid``: a cell
    takes the colour of its strongest dominant motive, with a dot where several are dominant; grey where
    none is, white where the country has no snapshot that year. Rows name countries by their ISO3 code
    when there are more than 60 of them."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    rows, columns = len(grid.countries), len(grid.years)
    figure = _figure(width, 1.0 + 0.1 * rows if rows > 12 else 2.2)
    axes = figure.add_subplot()
    colours = [NO_SNAPSHOT, NONE_DOMINANT, *(MOTIVE_COLOURS[m] for m in MOTIVES)]
    norm = BoundaryNorm([index - 0.5 for index in range(len(colours) + 1)], len(colours))
    axes.pcolormesh(
        panel_codes(grid), cmap=ListedColormap(colours), norm=norm, edgecolors="white", linewidth=0.15
    )
    several = [
        (x + 0.5, y + 0.5)
        for y, row in enumerate(grid.cells)
        for x, cell in enumerate(row)
        if cell is not None and len(cell.dominant) > 1
    ]
    if several:
        axes.plot(*zip(*several, strict=True), linestyle="none", marker="o", markersize=1.0, color="black")
    labels = grid.iso3 if rows > 60 else grid.countries
    axes.set_yticks([index + 0.5 for index in range(rows)], labels)
    step = 1 if columns <= 8 else 5
    ticks = [index for index, year in enumerate(grid.years) if year % step == 0 or columns <= 8]
    axes.set_xticks([index + 0.5 for index in ticks], [str(grid.years[index]) for index in ticks])
    axes.set_xlim(0, columns)
    axes.set_ylim(rows, 0)
    axes.tick_params(length=0)
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(f"Dominant motive by year, {grid.years[0]}-{grid.years[-1]}", loc="left")
    handles = [Patch(facecolor=MOTIVE_COLOURS[m], label=m) for m in MOTIVES]
    handles.append(Patch(facecolor=NONE_DOMINANT, label="none dominant"))
    if several:
        handles.append(_marker_handle("o", 1.6, "several dominant"))
    figure.legend(handles=handles, loc="outside lower center", ncols=4, handlelength=1.0, columnspacing=0.8)
    return figure


def _marker_handle(marker: str, size: float, label: str) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", marker=marker, markersize=size, color="black", label=label)
