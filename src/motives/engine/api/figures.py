"""``motives plot trend|compare|panel``: a figure of an analysis the other commands run (``trend``,
``compare``, ``batch``), written atomically as SVG, PNG or PDF (see ``render.figures``).

matplotlib (the extra ``motives[plot]``) is checked for before any work: without it, one line names
the extra. Each figure's metadata records the software, rule-base and data-panel versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.catalog import SHIPPED_RULES, fact_files
from motives.engine.model.errors import InputError, MotivesError
from motives.engine.model.extras import require
from motives.engine.model.files import write_output_bytes
from motives.engine.model.provenance import provenance
from motives.engine.model.rules import rule_files
from motives.engine.render.figures import FORMATS


def figure_format(output: Path, fmt: str | None = None) -> str | None:
    """The format asked for, else the one the file's suffix names (None: neither names one)."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def plot_trend(
    country: str,
    output: Path,
    fmt: str | None = None,
    rules_dir: str | None = None,
    engine: str = DEFAULT_ENGINE,
    width: float | None = None,
    title: bool = True,
) -> str:
    """A country's motives across its snapshots (the rows of ``motives trend``)."""
    _require()
    from motives.engine.analysis.batch import trend
    from motives.engine.render import figures

    rows = trend(country, rules_dir, engine)
    _stop_on([problem for row in rows for problem in row.problems])
    rulebase = rows[0].rulebase if rows else ""
    return _write(
        output, fmt, rulebase, _inputs(rules_dir, [country]), figures.trend_figure, rows, width, title
    )


def plot_compare(
    facts: Sequence[str],
    output: Path,
    fmt: str | None = None,
    rules_dir: str | None = None,
    as_of: dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
    width: float | None = None,
    title: bool = True,
) -> str:
    """The certainty of each motive for each country compared (the comparison of ``motives compare``)."""
    _require()
    from motives.engine.api.countries import compare_paths
    from motives.engine.render import figures

    comparison = compare_paths(facts, rules_dir, as_of, engine)
    rulebase = comparison.results[0].rulebase_version
    inputs = _inputs(rules_dir, facts, as_of)
    return _write(output, fmt, rulebase, inputs, figures.compare_figure, comparison, width, title)


def plot_panel(
    output: Path,
    fmt: str | None = None,
    countries: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    rules_dir: str | None = None,
    jobs: int = 1,
    dominance: Dominance = DEFAULT_DOMINANCE,
    engine: str = DEFAULT_ENGINE,
    width: float | None = None,
    title: bool = True,
) -> str:
    """The dominant motive of each shipped country (or those named) in each year (the verdicts of
    ``motives batch`` on each country's last snapshot of the year)."""
    _require()
    from motives.engine.analysis.panel_grid import dominant_grid, yearly_snapshots
    from motives.engine.render import figures

    grid = dominant_grid(countries, since, until, rules_dir, jobs, dominance, engine)
    _stop_on(grid.problems)
    snapshots = [
        Path(address) for _, years in yearly_snapshots(countries, since, until) for _, address in years
    ]
    inputs = [*rule_files(Path(rules_dir) if rules_dir else SHIPPED_RULES), *snapshots]
    return _write(output, fmt, grid.rulebase, inputs, figures.panel_figure, grid, width, title)


def _require() -> None:
    require("plot", "motives plot", ("matplotlib",))


def _stop_on(problems: Sequence[str]) -> None:
    """A snapshot that could not be classified (each line located): no figure with a hole in it."""
    if problems:
        raise MotivesError("\n".join(problems))


def _inputs(rules_dir: str | None, facts: Iterable[str], as_of: dt.date | None = None) -> list[Path]:
    """The files a figure is drawn from, which its output must not replace."""
    found = list(rule_files(Path(rules_dir) if rules_dir else SHIPPED_RULES))
    for argument in facts:
        try:
            found += [path for path, _ in fact_files(argument, as_of)]
        except InputError:
            continue  # the analysis has reported it already
    return found


def _write(
    output: Path,
    fmt: str | None,
    rulebase: str,
    inputs: list[Path],
    draw: Callable[..., Any],
    data: object,
    width: float | None,
    title: bool,
) -> str:
    from motives.engine.render import figures

    chosen = figure_format(output, fmt)
    if chosen is None:
        raise ValueError(f"{output}: name the format: a suffix .svg, .png or .pdf, or --format")
    recorded = provenance(rulebase)
    description = ", ".join(f"{key} {value}" for key, value in recorded.items())
    with figures.style():
        figure = draw(data, width or figures.COLUMN_WIDTH, title)
        written = figures.save(figure, chosen, description)
    write_output_bytes(output, written, inputs)
    inches = figure.get_size_inches()
    return f"wrote {output} ({chosen}, {inches[0]:.2f} x {inches[1]:.2f} in)\n"
