"""A report to read: one self-contained HTML file (or Markdown for a paper) per set of countries.

For each country: the verdict, a certainty chart, each motive's derivation tree, why-not for the motives
that are not dominant, the facts with their sources; then the references cited. The HTML has no script
and no external asset (inline CSS and SVG), so it opens anywhere, offline, and prints well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from motives.engine.analysis.explain import MotiveExplanation, explain_motive
from motives.engine.analysis.whynot import first_blocking
from motives.engine.inference.classify import Run, verdict_of
from motives.engine.inference.compiled import CompiledRules
from motives.engine.inference.trace import Check, Classification, Step
from motives.engine.model.catalog import country_snapshots, display_path, shipped_panel_name
from motives.engine.model.citations import Reference
from motives.engine.model.facts import FactSet, load_facts
from motives.engine.model.operators import show_value
from motives.engine.model.provenance import data_version, software_version
from motives.engine.model.text import escape_unsafe
from motives.engine.model.text import markdown_text as _m
from motives.engine.model.urls import url_link
from motives.engine.model.vocabulary import Motive

from .reasons import Row, reason_rows, status_mark

GENERATOR = "motives report"


def _made() -> str:
    """Which motives wrote a report, and when: ``motives report (motives 0.3.0) on 2026-12-02``."""
    return f"{GENERATOR} (motives {software_version()}) on {dt.date.today().isoformat()}"


# The first line of every report: the SHA-256 of the rest, so a file is recognised as one this command
# wrote, and left unedited since, only when both match exactly; anything else needs --force to replace.
# An HTML comment, so it is invisible in HTML (allowed before the doctype) and in rendered Markdown.
_MARKER = re.compile(rb"<!-- motives report sha256:([0-9a-f]{64}) -->")


def signed(text: str) -> str:
    """The report text under its first-line marker."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"<!-- {GENERATOR} sha256:{digest} -->\n{text}"


def written_by_report(data: bytes) -> bool:
    """Whether ``data`` is a report this command wrote, unchanged since: its marker matches its text."""
    first, newline, rest = data.partition(b"\n")
    match = _MARKER.fullmatch(first)
    return match is not None and bool(newline) and hashlib.sha256(rest).hexdigest().encode() == match[1]


@dataclass(frozen=True, slots=True)
class CountryReport:
    facts: FactSet
    result: Classification
    why_not: tuple[MotiveExplanation, ...]  # for every motive that is not dominant


@dataclass(frozen=True, slots=True)
class TrendPoint:
    as_of: str
    certainty: tuple[float, ...]  # in the order of Motive
    dominant: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    countries: tuple[CountryReport, ...]
    references: tuple[Reference, ...]  # every reference the rules cite, as the bibliography
    rulebase_version: str
    # name -> its motives across every shipped snapshot, for a shipped country given by name or snapshot
    panels: tuple[tuple[str, tuple[TrendPoint, ...]], ...] = ()


def build_report(runs: Sequence[Run]) -> Report:
    """The report of each run: its classification, and why not each motive that is not dominant."""
    countries = [country_report(run) for run in runs]
    if not runs:
        raise ValueError("a report needs at least one country")
    compiled = runs[0].compiled
    fact_sets = [run.facts for run in runs]
    cited = {citation.ref for rule in compiled.rulebase.rules for citation in rule.citations}
    references = tuple(ref for ref in compiled.rulebase.references if ref.key in cited)
    return Report(tuple(countries), references, compiled.rulebase.version, _panels(fact_sets, compiled))


def country_report(run: Run) -> CountryReport:
    """One country's part of a report: its classification, and why not each motive not dominant."""
    result = run.classification
    why_not = tuple(explain_motive(run, motive) for motive in Motive if motive not in result.dominant)
    return CountryReport(run.facts, result, why_not)


def _panels(
    fact_sets: Sequence[FactSet], compiled: CompiledRules
) -> tuple[tuple[str, tuple[TrendPoint, ...]], ...]:
    """Each shipped country's motives over its whole panel (a country given as a snapshot of its
    shipped panel file), classified without explanations."""
    snapshots = country_snapshots()
    panels: dict[str, tuple[TrendPoint, ...]] = {}
    for facts in fact_sets:
        name = shipped_panel_name(facts.path)
        if name is None or name in panels or len(snapshots.get(name, ())) < 2:
            continue
        points = []
        for date, path in snapshots[name]:
            facts_then = load_facts(path, display_path(path), compiled.rulebase.vocabulary)
            verdict = verdict_of(facts_then, compiled)
            points.append(TrendPoint(date, verdict.certainty, tuple(map(str, verdict.dominant))))
        panels[name] = tuple(points)
    return tuple(panels.items())


# --- HTML ----------------------------------------------------------------------------------------------

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1f2937;line-height:1.45}
h1{font-size:1.6rem}h2{border-bottom:2px solid #d1d5db;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin-bottom:.3rem}.verdict{font-size:1.25rem;background:#fef3c7;padding:.6rem .9rem;border-radius:.4rem}
.meta{color:#6b7280;font-size:.9rem}table{border-collapse:collapse;width:100%;font-size:.92rem}
td,th{border-bottom:1px solid #e5e7eb;padding:.3rem .4rem;text-align:left;vertical-align:top}
ul.tree{list-style:none;padding-left:1.1rem;border-left:1px dotted #9ca3af}ul.tree li{margin:.15rem 0}
.rule{font-family:Menlo,Consolas,monospace;font-size:.85rem;color:#374151}.cf{font-weight:bold}
.holds{color:#065f46}.fails{color:#991b1b}.unknown{color:#92400e}details{margin:.3rem 0}
summary{cursor:pointer}.cites{color:#6b7280;font-size:.85rem}pre{white-space:pre-wrap;font-size:.85rem}
@media print{details{display:block}summary{display:none}}
"""


def _title(report: Report) -> str:
    if len(report.countries) == 1:
        return f"Why {report.countries[0].facts.country} takes part in UN peacekeeping"
    return f"Why these {len(report.countries)} countries take part in UN peacekeeping"


def render_html(report: Report) -> str:
    body = [
        f"<h1>{_e(_title(report))}</h1>",
        f'<p class="meta">Generated by {_made()} with rule base {report.rulebase_version} and the data '
        f"panel {data_version()}. "
        "Certainty factors run from -1 (evidence against) to 1; a motive is dominant when its certainty "
        "is at least 0.5 and within 0.2 of the highest.</p>",
    ]
    for country in report.countries:
        body.extend(country_html(country))
    for name, points in report.panels:
        title = next(c.facts.country for c in report.countries if _name_of(c, name))
        body.append(f"<h2>{_e(title)} across its panel</h2>")
        body.append(trend_svg(title, points))
    for snapshots in _series(report).values():
        body.append(f"<h2>{_e(snapshots[0].country)} over time</h2>")
        body.append(trend_svg(snapshots[0].country, [_point(r) for r in snapshots]))
    body.append("<h2>References</h2><ol>")
    body.extend(reference_html(reference) for reference in report.references)
    body.append("</ol>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>motives report</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n" + escape_unsafe("\n".join(body)) + "\n</body>\n</html>\n"
    )


def reference_html(reference: Reference) -> str:
    """A reference as a list item, linked when it has a URL."""
    href = url_link(reference.url)  # checked when loaded; checked again: only http, https, doi
    link = f' <a href="{_e(href)}">{_e(reference.url)}</a>' if href else ""
    return f"<li>{_e(reference.full)}{link}</li>"


def country_html(country: CountryReport) -> list[str]:
    parts = verdict_html(country.result)
    if country.why_not:
        parts.append("<h3>Why not the other motives</h3>")
    for explanation in country.why_not:
        parts.extend(why_not_html(explanation))
    parts.append("<h3>Facts and sources</h3><table><tr><th>fact</th><th>value</th><th>source</th></tr>")
    for fact in country.facts.facts:
        parts.append(
            f"<tr><td>{_e(fact.name)}</td><td>{_e(show_value(fact.value))}</td><td>{_e(fact.source)}</td></tr>"
        )
    parts.append("</table>")
    if country.facts.notes:
        parts.append(f'<p class="meta">Notes: {_e(country.facts.notes)}</p>')
    return parts


def verdict_html(result: Classification) -> list[str]:
    """A classification's heading, verdict, certainty chart and each motive's derivation, collapsible
    (``<details>``, open for a dominant motive): the head of a report's country, and a notebook's view."""
    dominant = ", ".join(str(m) for m in result.dominant) or "no dominant motive"
    parts = [
        f'<h2 id="{_e(result.iso3)}-{result.as_of.isoformat()}">{_e(result.country)} ({_e(result.iso3)}), '
        f"as of {result.as_of.isoformat()}</h2>",
        f'<p class="verdict">Dominant motives: <strong>{_e(dominant)}</strong></p>',
        f"<p>Facts hash {result.facts_hash}, rule base {_e(result.rulebase_version)}.</p>",
        _chart_svg(result),
        "<h3>How each motive was reached</h3>",
    ]
    for motive in result.motives:
        marker = " (dominant)" if motive.dominant else ""
        parts.append(
            f"<details{' open' if motive.dominant else ''}><summary><strong>{motive.motive}</strong> "
            f"{motive.certainty:.2f}{marker}</summary>"
        )
        if not motive.evidence:
            parts.append("<p>No rule gave evidence.</p>")
        parts.append('<ul class="tree">' + "".join(step_html(step) for step in motive.evidence) + "</ul>")
        if len(motive.evidence) > 1:
            parts.append(f'<p class="cites">certainty: {_e("; ".join(motive.arithmetic))}</p>')
        for item in motive.unjudged:
            parts.append(
                f'<p class="unknown">Not judged, facts unknown: {_e(item.rule_id)} needs '
                f"{_e(', '.join(item.missing))}</p>"
            )
        parts.append("</details>")
    return parts


def why_not_html(explanation: MotiveExplanation) -> list[str]:
    """Why a motive is not dominant (or not more strongly), collapsible: each supporting rule that did
    not fire, closest first, with the conditions that failed."""
    parts = [
        f"<details><summary><strong>{explanation.result.motive}</strong> "
        f"{explanation.result.certainty:.2f}</summary>"
    ]
    if not explanation.missed:
        parts.append("<p>Every rule supporting it fired; the evidence is not strong enough.</p>")
    for missed in explanation.missed:
        state = (
            "cannot be judged, facts unknown" if missed.unknown else f"{missed.distance} condition(s) away"
        )
        lines = "\n".join(_reason_html(row) for row in reason_rows(missed.reasons))
        parts.append(
            f'<p><span class="rule">{_e(missed.rule_id)}</span> ({missed.certainty:+.2f}): '
            f"{_e(missed.title)}, {state}</p><pre>{lines}</pre>"
        )
    parts.append("</details>")
    return parts


def step_html(step: Step) -> str:
    certainty = "" if step.certainty is None else f'<span class="cf">{step.certainty:+.2f}</span> '
    inner = "".join(_check_html(check) for check in step.checks)
    cites = f'<li class="cites">cites: {_e("; ".join(step.literature))}</li>' if step.literature else ""
    if step.threshold_sources:
        cites = f'<li class="cites">threshold from: {_e("; ".join(step.threshold_sources))}</li>' + cites
    return (
        f'<li>{certainty}<span class="rule">{_e(step.rule_id)}</span>: {_e(step.title)}'
        f'<ul class="tree">{inner}{cites}</ul></li>'
    )


def _check_html(check: Check) -> str:
    if check.indicator:
        support = "".join(step_html(step) for step in check.support)
        return f'<li class="holds">indicator {_e(check.indicator)}<ul class="tree">{support}</ul></li>'
    return f'<li class="holds">{_e(check.text)}</li>'


def _chart_svg(result: Classification) -> str:
    """Horizontal bars from -1 to 1 around a zero line; dominant motives in a darker colour."""
    width, row, left, half = 560, 26, 120, 200
    height = row * len(result.motives) + 24
    zero = left + half
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Certainty per motive for {_e(result.country)}">',
        f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height - 20}" stroke="#6b7280"/>',
    ]
    for tick in (-1, -0.5, 0.5, 1):
        x = zero + tick * half
        parts.append(
            f'<text x="{x}" y="{height - 6}" font-size="10" text-anchor="middle" fill="#6b7280">'
            f"{tick:g}</text>"
        )
    for index, motive in enumerate(result.motives):
        y = index * row + 4
        length = abs(motive.certainty) * half
        x = zero if motive.certainty >= 0 else zero - length
        colour = bar_colour(motive.certainty, motive.dominant)
        parts.append(
            f'<text x="{left - 8}" y="{y + 14}" font-size="13" text-anchor="end">{motive.motive}</text>'
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="18" fill="{colour}">'
            f"<title>{motive.motive} {motive.certainty:.2f}</title></rect>"
        )
        label_x = zero + (length + 6 if motive.certainty >= 0 else -length - 6)
        anchor = "start" if motive.certainty >= 0 else "end"
        parts.append(
            f'<text x="{label_x:.1f}" y="{y + 14}" font-size="12" text-anchor="{anchor}">'
            f"{motive.certainty:.2f}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _series(report: Report) -> dict[str, list[Classification]]:
    """Countries given at two or more dates, each with its snapshots in date order."""
    by_country: dict[str, list[Classification]] = {}
    for country in report.countries:
        by_country.setdefault(country.result.iso3, []).append(country.result)
    return {
        iso3: sorted(results, key=lambda r: r.as_of)
        for iso3, results in by_country.items()
        if len({r.as_of for r in results}) > 1
    }


MOTIVE_COLOURS = {  # the trend chart's line for each motive (and the site's overview)
    Motive.POLITICAL: "#b45309",
    Motive.ECONOMIC: "#047857",
    Motive.SECURITY: "#1d4ed8",
    Motive.INSTITUTIONAL: "#7c3aed",
    Motive.NORMATIVE: "#be123c",
}


def _name_of(country: CountryReport, name: str) -> bool:
    return shipped_panel_name(country.facts.path) == name


def _point(result: Classification) -> TrendPoint:
    certainty = tuple(result.motive(m).certainty for m in Motive)
    return TrendPoint(result.as_of.isoformat(), certainty, tuple(map(str, result.dominant)))


def trend_svg(country: str, points: Sequence[TrendPoint]) -> str:
    """One line per motive across the snapshot dates, certainty from -1 to 1; with many dates only every
    fifth (and the last) is labelled."""
    width, height, left, top, plot_w, plot_h = 620, 240, 50, 14, 420, 180
    step = plot_w / max(len(points) - 1, 1)
    every = 1 if len(points) <= 8 else 5

    def y(value: float) -> float:
        return top + (1 - value) / 2 * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Certainty per motive over time for {_e(country)}">',
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{left + plot_w}" y2="{y(0):.1f}" stroke="#9ca3af"/>',
    ]
    for tick in (-1, 0, 1):
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="10" text-anchor="end">{tick}</text>'
        )
    last = len(points) - 1
    for index, point in enumerate(points):
        # the last date always; a fifth-date label too close before it would overlap it
        if index == last or (index % every == 0 and not 0 < last - index < every / 2):
            x = left + index * step
            parts.append(
                f'<text x="{x:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{point.as_of}</text>'
            )
    for row, motive in enumerate(Motive):
        points_text = " ".join(
            f"{left + index * step:.1f},{y(point.certainty[row]):.1f}" for index, point in enumerate(points)
        )
        colour = MOTIVE_COLOURS[motive]
        parts.append(f'<polyline points="{points_text}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(
            f'<text x="{left + plot_w + 12}" y="{top + 14 + row * 16}" font-size="12" fill="{colour}">'
            f"{motive}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _reason_html(row: Row) -> str:
    """A why-not line with its status coloured: ``<span class="fails">fails:</span>   ...``."""
    indent, status, text = row
    if status is None:
        return indent + _e(text)
    mark = status_mark(status)
    return f'{indent}<span class="{status}">{status}:</span>{mark[len(status) + 1 :]}{_e(text)}'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


DOMINANT_COLOUR = "#b45309"


def bar_colour(certainty: float, dominant: bool) -> str:
    """A certainty bar's colour wherever one is drawn (report, notebook, site): dark for a dominant motive,
    light for evidence for, grey for evidence against."""
    return DOMINANT_COLOUR if dominant else ("#fbbf24" if certainty >= 0 else "#9ca3af")


# --- Markdown ------------------------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    lines = [
        f"# {_m(_title(report))}",
        "",
        f"_Generated by {_made()} with rule base {report.rulebase_version} and the data panel "
        f"{data_version()}. A motive is dominant when its "
        "certainty is at least 0.5 and within 0.2 of the highest._",
        "",
    ]
    for country in report.countries:
        result = country.result
        lines += [
            f"## {_m(result.country)} ({result.iso3}), as of {result.as_of.isoformat()}",
            "",
            f"**Dominant motives:** {', '.join(map(str, result.dominant)) or 'none'}",
            "",
            f"Facts hash {result.facts_hash}, rule base {_m(result.rulebase_version)}.",
            "",
            "| motive | certainty | dominant | evidence |",
            "|---|---:|---|---|",
        ]
        for motive in result.motives:
            evidence = "; ".join(f"{s.rule_id} ({s.certainty:+.2f})" for s in motive.evidence) or "none"
            lines.append(
                f"| {motive.motive} | {motive.certainty:.2f} | {'yes' if motive.dominant else ''} | "
                f"{evidence} |"
            )
        lines.append("")
        for motive in result.motives:
            if not motive.evidence:
                continue
            lines.append(f"**{motive.motive}**")
            lines.append("")
            for step in motive.evidence:
                lines.extend(_step_markdown(step, 0))
            lines.append("")
        for explanation in country.why_not:
            nearest = explanation.missed[0] if explanation.missed else None
            if nearest is not None:
                blocking = first_blocking(nearest.reasons)
                reason = "" if blocking is None else status_mark(blocking.status) + blocking.text
                lines.append(
                    f"- Why not **{explanation.result.motive}**: closest rule {nearest.rule_id}: {reason}"
                )
        lines += ["", "| fact | value | source |", "|---|---|---|"]
        lines += [f"| {f.name} | {show_value(f.value)} | {_m(f.source)} |" for f in country.facts.facts]
        lines.append("")
    for name, points in report.panels:
        title = next(c.facts.country for c in report.countries if _name_of(c, name))
        lines += [f"## {_m(title)} across its panel", ""]
        lines += ["| as of | " + " | ".join(str(m) for m in Motive) + " | dominant |"]
        lines += ["|---" * (len(Motive) + 2) + "|"]
        for point in points:
            cells = " | ".join(f"{value:.2f}" for value in point.certainty)
            lines.append(f"| {point.as_of} | {cells} | {', '.join(point.dominant) or 'none'} |")
        lines.append("")
    lines += ["## References", ""]
    for reference in report.references:
        href = url_link(reference.url)
        lines.append(f"- {_m(reference.full)}" + (f" <{href}>" if href else ""))
    return escape_unsafe("\n".join(lines)) + "\n"


def _step_markdown(step: Step, depth: int) -> list[str]:
    pad = "  " * depth
    cf = "" if step.certainty is None else f" ({step.certainty:+.2f})"
    threshold = f" (threshold from {_m('; '.join(step.threshold_sources))})" if step.threshold_sources else ""
    lines = [f"{pad}- `{step.rule_id}`{cf}: {_m(step.title)} [{_m('; '.join(step.literature))}]{threshold}"]
    for check in step.checks:
        if check.indicator:
            lines.append(f"{pad}  - indicator `{check.indicator}`")
            for support in check.support:
                lines.extend(_step_markdown(support, depth + 2))
        else:
            lines.append(f"{pad}  - {check.text}")
    return lines
