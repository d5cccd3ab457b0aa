"""A country's page and a rule's page.

A country's page is its trend across its snapshots (the report's chart, and the table of ``motives
trend``), then its latest snapshot as the report shows a country (the verdict, the derivation of each
motive, why not the others, the facts with their sources), the rules that fired, and the references
they cite. A rule's page is the rule as ``motives rules show`` prints it, and where it fires.
"""

from __future__ import annotations

from collections.abc import Sequence

from motives.engine.analysis.panel_site import CountryPanel, Firing, PanelSite, year_spans
from motives.engine.model.rules import Rule
from motives.engine.model.vocabulary import Motive
from motives.engine.render.authoring import show_text
from motives.engine.render.report import (
    DOMINANT_COLOUR,
    TrendPoint,
    country_html,
    country_report,
    reference_html,
    trend_svg,
)

from .layout import country_href, e, rule_href
from .listing import concludes


def country_page(country: CountryPanel) -> str:
    run = country.latest
    rulebase = run.rulebase
    first, last = country.snapshots[0].as_of, country.snapshots[-1].as_of
    parts = [
        f"<h1>{e(country.country)} ({e(country.iso3)})</h1>",
        f'<p class="meta">Region {e(country.region)} (UN M49); World Bank income group '
        f"{e(country.income_group)}{_as_of(country.income_as_of)}; {len(country.snapshots)} snapshot(s), "
        f"{e(first)} to {e(last)}.</p>",
        "<h2>Motives over time</h2>",
    ]
    if len(country.snapshots) > 1:
        points = [TrendPoint(s.as_of, s.certainty, s.dominant) for s in country.snapshots]
        parts.append(trend_svg(country.country, points))
    parts.append(
        "<details><summary>Every snapshot</summary><table><thead><tr><th>as of</th>"
        + "".join(f'<th class="num">{e(motive)}</th>' for motive in Motive)
        + "<th>dominant</th></tr></thead><tbody>"
    )
    for snapshot in country.snapshots:
        cells = "".join(f'<td class="num">{value:.2f}</td>' for value in snapshot.certainty)
        dominant = ", ".join(snapshot.dominant) or "none"
        parts.append(f"<tr><td>{e(snapshot.as_of)}</td>{cells}<td>{e(dominant)}</td></tr>")
    parts.append("</tbody></table></details>")
    parts.extend(country_html(country_report(run)))
    fired = [rule for rule in rulebase.rules if rule.id in run.fired]
    parts.append("<h3>Rules that fired on the latest snapshot</h3>")
    parts.append(
        "<ul>"
        + "".join(
            f'<li><a class="rule" href="{rule_href(rule.id, 1)}">{e(rule.id)}</a>: {e(rule.title)}</li>'
            for rule in fired
        )
        + "</ul>"
        if fired
        else "<p>None.</p>"
    )
    cited = {citation.ref for rule in fired for citation in rule.citations}
    parts.append("<h3>References</h3>")
    references = [reference for reference in rulebase.references if reference.key in cited]
    if references:
        parts.append("<ol>" + "".join(reference_html(reference) for reference in references) + "</ol>")
    else:
        parts.append("<p>No rule fired, so none is cited.</p>")
    return "\n".join(parts)


def _as_of(date: str) -> str:
    return f" (as of {e(date)})" if date else ""


def rule_page(
    site: PanelSite, rule: Rule, fired: Sequence[Firing], by_year: Sequence[tuple[int, int, int]] = ()
) -> str:
    """``by_year``: (year, countries where the rule fires, countries with a snapshot that year)."""
    rulebase = site.compiled.rulebase
    now = [firing for firing in fired if firing.latest]
    snapshots = sum(len(firing.dates) for firing in fired)
    parts = [
        f'<h1><span class="rule">{e(rule.id)}</span>: {e(rule.title)}</h1>',
        f'<p class="verdict">{e(concludes(rule.motive, rule.certainty, rule.indicator))}</p>',
        f"<pre>{e(show_text(rulebase, rule))}</pre>",
    ]
    feeds = [p for name in dict.fromkeys(rule.indicators_read()) for p in rulebase.producers(name)]
    users = [r for r in rulebase.rules if rule.indicator and rule.indicator in r.indicators_read()]
    for label, linked in (("Fed by", feeds), ("Used by", users)):
        if linked:
            links = ", ".join(f'<a class="rule" href="{rule_href(r.id, 1)}">{e(r.id)}</a>' for r in linked)
            parts.append(f"<p>{label}: {links}</p>")
    parts.append("<h2>Where it fires</h2>")
    if not fired:
        parts.append(f"<p>On none of the {site.snapshot_count} snapshots.</p>")
        return "\n".join(parts)
    parts.append(
        f'<p id="fires">On {snapshots} of {site.snapshot_count} snapshots, in {len(fired)} of '
        f"{len(site.countries)} countries; on the latest snapshot of {len(now)}.</p>"
    )
    if by_year:
        parts.append(_years_svg(rule.id, by_year))
    parts.append(
        '<table id="firings"><thead><tr><th>country</th><th class="num">snapshots</th><th>years</th>'
        "<th>latest snapshot</th></tr></thead><tbody>"
    )
    for firing in fired:
        country = firing.country
        parts.append(
            f'<tr><td><a href="{country_href(country.slug, 1)}">{e(country.country)}</a></td>'
            f'<td class="num">{len(firing.dates)}</td><td>{e(year_spans(firing.dates))}</td>'
            f"<td>{'fires' if firing.latest else ''}</td></tr>"
        )
    parts.append("</tbody></table>")
    return "\n".join(parts)


def _years_svg(rule_id: str, by_year: Sequence[tuple[int, int, int]]) -> str:
    """A bar per year: the countries where the rule fires on their last snapshot of the year."""
    bar, gap, height, top, left = 12, 3, 80, 14, 16
    most = max((fires for _, fires, _ in by_year), default=0) or 1
    width = len(by_year) * (bar + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 24}" height="{height + top + 22}" '
        f'role="img" aria-label="Countries where {e(rule_id)} fires, by year">',
        f'<text x="0" y="10" font-size="10" fill="#6b7280">countries where it fires (most: {most})</text>',
    ]
    for index, (year, fires, countries) in enumerate(by_year):
        length = height * fires / most
        x = left + index * (bar + gap)
        parts.append(
            f'<rect x="{x}" y="{top + height - length:.1f}" width="{bar}" height="{length:.1f}" '
            f'fill="{DOMINANT_COLOUR}"><title>{year}: {fires} of {countries} countries</title></rect>'
        )
        if index in (0, len(by_year) - 1) or year % 10 == 0:
            parts.append(
                f'<text x="{x + bar / 2}" y="{top + height + 14}" font-size="10" '
                f'text-anchor="middle">{year}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
