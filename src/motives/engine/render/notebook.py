"""Results as HTML in a Jupyter notebook (the ``_repr_html_`` of the Python API's results).

A classification shows as the HTML report shows a country (``report.verdict_html``): the verdict, the
certainty bars and each motive's derivation in a ``<details>`` block, open for a dominant motive; an
explanation adds the report's why-not. Every text that comes from a file (names, sources, titles) is
escaped, and the whole passes ``escape_unsafe``; there is no script and no style sheet (a notebook's page
is shared), so the few styles needed are inline.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from motives.engine.analysis.batch import Row
from motives.engine.analysis.comparison import Comparison
from motives.engine.analysis.evaluation import Evaluation
from motives.engine.analysis.explain import MotiveExplanation
from motives.engine.analysis.whatif import WhatIf
from motives.engine.inference.trace import Classification
from motives.engine.model.facts import FactSet
from motives.engine.model.operators import show_value
from motives.engine.model.text import escape_unsafe
from motives.engine.model.vocabulary import Motive

from .agreement import FIGURES, show_difference, sources_sentence
from .report import bar_colour, step_html, verdict_html, why_not_html

_CELL = 'style="text-align:right;padding:0 0.6em"'


def classification_html(result: Classification) -> str:
    return _block(verdict_html(result))


def explanation_html(explanation: MotiveExplanation) -> str:
    """How a motive was reached (its derivation) and why not more strongly (the report's why-not)."""
    result, classification = explanation.result, explanation.classification
    status = "dominant" if result.dominant else "not dominant"
    parts = [
        f"<h3>{_e(classification.country)} ({_e(classification.iso3)}), as of "
        f"{classification.as_of.isoformat()}: {result.motive}</h3>",
        f"<p>certainty <strong>{result.certainty:.2f}</strong>, {status}</p>",
        "<h4>How</h4>",
        "<ul>" + "".join(step_html(step) for step in result.evidence) + "</ul>"
        if result.evidence
        else "<p>No rule gave evidence.</p>",
    ]
    if len(result.evidence) > 1:
        parts.append(f"<p>certainty: {_e('; '.join(result.arithmetic))}</p>")
    parts += ["<h4>Why not (more strongly)</h4>", *why_not_html(explanation)]
    return _block(parts)


def comparison_html(comparison: Comparison) -> str:
    """The certainties side by side with bars, then what the countries share and what separates them."""
    results = comparison.results
    head = "".join(f"<th {_CELL}>{_e(r.country)} ({r.as_of.isoformat()})</th>" for r in results)
    parts = [f"<table><tr><th>motive</th>{head}</tr>"]
    for motive in Motive:
        cells = "".join(f"<td {_CELL}>{_certainty(r, motive)}</td>" for r in results)
        parts.append(f"<tr><td>{motive}</td>{cells}</tr>")
    parts.append("</table>")
    groups = (
        ("dominant for all", comparison.similarities),
        ("present for all, dominant for none", comparison.also_shared),
        ("dominant for some", comparison.differences),
        ("present for some", comparison.contrasts),
    )
    for title, items in groups:
        if not items:
            continue
        parts.append(f"<h4>{title}</h4><ul>")
        for item in items:
            sides = "; ".join(
                f"{_e(side.country)} {side.certainty:.2f}"
                + (f" ({_e(', '.join(step.rule_id for step in side.evidence))})" if side.evidence else "")
                for side in item.sides
            )
            parts.append(f"<li><strong>{item.motive}</strong>: {sides}</li>")
        parts.append("</ul>")
    return _block(parts)


def evaluation_html(evaluation: Evaluation) -> str:
    """The five agreement figures of the rule base beside the baselines, and the rule base minus each."""
    names = [name for name, _ in evaluation.baselines]
    head = "".join(f"<th {_CELL}>{_e(name)}</th>" for name in names)
    parts = [
        f"<p>{len(evaluation.countries)} labelled countries; {_e(evaluation.dominance.rule)}</p>",
        f"<table><tr><th></th><th {_CELL}>rule base</th>{head}</tr>",
    ]
    for title, figure in FIGURES:
        cells = "".join(f"<td {_CELL}>{figure(scores):.2f}</td>" for _, scores in evaluation.baselines)
        parts.append(f"<tr><td>{_e(title)}</td><td {_CELL}>{figure(evaluation.rules):.2f}</td>{cells}</tr>")
    parts.append("</table><ul>")
    for name, top1, jac in evaluation.versus:
        parts.append(
            f"<li>rule base minus {_e(name)}: top-1 {show_difference(top1)}, Jaccard {show_difference(jac)} "
            "(95% intervals)</li>"
        )
    parts.append(f"<li>{_e(sources_sentence(evaluation.sources))}</li></ul>")
    return _block(parts)


def what_if_html(change: WhatIf) -> str:
    """The facts changed, each certainty before and after, the rules newly fired or silenced, then the
    changed classification."""
    parts = [
        "<p>what if " + "; ".join(_e(str(item)) for item in change.changes) + "</p>",
        f"<table><tr><th>motive</th><th {_CELL}>before</th><th {_CELL}>after</th></tr>",
    ]
    for motive in change.motives:
        parts.append(
            f"<tr><td>{motive.motive}</td><td {_CELL}>{_bar(motive.before, motive.dominant_before)}</td>"
            f"<td {_CELL}>{_bar(motive.after, motive.dominant_after)}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<p>gained: {_motives(change.gained)}; lost: {_motives(change.lost)}</p>")
    parts.append(
        f"<p>newly fired: {_e(', '.join(change.newly_fired) or 'none')}; "
        f"silenced: {_e(', '.join(change.silenced) or 'none')}</p>"
    )
    return _block(
        [*parts, "<details><summary>after the change</summary>", *verdict_html(change.after), "</details>"]
    )


def facts_html(facts: FactSet) -> str:
    """A snapshot's facts, each with its value and its source."""
    parts = [
        f"<h3>{_e(facts.country)} ({_e(facts.iso3)}), as of {facts.as_of.isoformat()}</h3>",
        f"<p>{_e(facts.path)}, facts hash {facts.fingerprint}</p>",
        "<table><tr><th>fact</th><th>value</th><th>source</th></tr>",
        *(
            f"<tr><td>{_e(fact.name)}</td><td>{_e(show_value(fact.value))}</td><td>{_e(fact.source)}</td></tr>"
            for fact in facts.facts
        ),
        "</table>",
    ]
    return _block(parts)


def panel_html(snapshots: Sequence[FactSet]) -> str:
    """Snapshots of many countries: each country with its first and last date and how many it has."""
    spans: dict[tuple[str, str], list[FactSet]] = {}
    for facts in snapshots:
        spans.setdefault((facts.country, facts.iso3), []).append(facts)
    parts = [
        f"<p>{len(snapshots)} snapshot(s) of {len(spans)} country(ies)</p>",
        "<table><tr><th>country</th><th>ISO3</th><th>from</th><th>to</th><th>snapshots</th></tr>",
        *(
            f"<tr><td>{_e(country)}</td><td>{_e(iso3)}</td><td>{min(f.as_of for f in found).isoformat()}</td>"
            f"<td>{max(f.as_of for f in found).isoformat()}</td><td>{len(found)}</td></tr>"
            for (country, iso3), found in spans.items()
        ),
        "</table>",
    ]
    return _block(parts)


def rows_html(rows: Sequence[Row], title: str, limit: int = 60) -> str:
    """Batch or trend rows as a table, one row per country and date with a bar per motive; after
    ``limit`` rows, a line says how many more there are."""
    head = "".join(f"<th {_CELL}>{motive}</th>" for motive in Motive)
    parts = [f"<p>{_e(title)}</p>", f"<table><tr><th>country</th><th>as of</th>{head}<th>dominant</th></tr>"]
    for row in rows[:limit]:
        cells = "".join(
            f"<td {_CELL}>{_row_cell(row, str(motive), certainty)}</td>"
            for motive, certainty in zip(Motive, row.certainty, strict=True)
        )
        parts.append(
            f"<tr><td>{_e(row.country)}</td><td>{_e(row.as_of)}</td>{cells}"
            f"<td>{_e(' '.join(row.dominant) or 'none')}</td></tr>"
        )
    parts.append("</table>")
    if len(rows) > limit:
        parts.append(f"<p>... and {len(rows) - limit} more rows (to_frame() gives them all)</p>")
    return _block(parts)


def _row_cell(row: Row, motive: str, certainty: float) -> str:
    return "unknown" if motive in row.unknown else _bar(certainty, motive in row.dominant)


def _certainty(result: Classification, motive: Motive) -> str:
    found = result.motive(motive)
    return _bar(found.certainty, found.dominant)


def _bar(certainty: float, dominant: bool) -> str:
    """A certainty as its number and a bar of 40 px per unit, darker for a dominant motive."""
    colour = bar_colour(certainty, dominant)
    number = f"<strong>{certainty:.2f}</strong>" if dominant else f"{certainty:.2f}"
    width = round(abs(certainty) * 40)
    return (
        f'{number} <span style="display:inline-block;width:{width}px;height:0.7em;background:{colour}" '
        f'title="{certainty:.2f}{" dominant" if dominant else ""}"></span>'
    )


def _motives(motives: Sequence[Motive]) -> str:
    return ", ".join(str(motive) for motive in motives) or "none"


def _block(parts: Sequence[str]) -> str:
    return '<div class="motives">' + escape_unsafe("\n".join(parts)) + "</div>"


def _e(text: str) -> str:
    return html.escape(text, quote=True)
