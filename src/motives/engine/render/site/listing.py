"""The site's listings: the index of every country (sortable, filterable by dominant motive, region and
income group), the count of dominant motives by year, and the index of the rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from motives.engine.analysis.panel_site import Firing, PanelSite, YearCount
from motives.engine.model.regions import UNKNOWN_REGION
from motives.engine.model.vocabulary import FACTS, Motive
from motives.engine.render.report import MOTIVE_COLOURS

from .layout import country_href, e, rule_href

NO_DOMINANT = "none"  # the motive filter's value for a country with no dominant motive


def index_page(site: PanelSite) -> str:
    countries = site.countries
    motive_options = [*(str(m) for m in Motive), NO_DOMINANT]
    present_regions = sorted(
        {country.region for country in countries}, key=lambda r: (r == UNKNOWN_REGION, r)
    )
    income_groups = [*FACTS["income_group"].choices]
    income_groups += sorted({c.income_group for c in countries} - set(income_groups))
    parts = [
        "<h1>Why countries take part in UN peacekeeping</h1>",
        f'<p class="meta">{len(countries)} countries, {site.snapshot_count} snapshots classified by the '
        "rule base. Each row is a country's latest snapshot; follow its name for its trend, its "
        "derivations, why not the other motives, its facts with their sources and the references.</p>",
        '<div class="filters">',
        _select("motive", "dominant motive", motive_options),
        _select("region", "region", present_regions),
        _select("income", "income group", income_groups),
        f'<span><span id="shown">{len(countries)}</span> of {len(countries)} countries shown</span>',
        "</div>",
        '<table id="countries"><thead><tr>',
    ]
    headers = [
        ("country", "text"),
        ("ISO3", "text"),
        ("region", "text"),
        ("income group", "text"),
        ("as of", "text"),
        ("dominant", "text"),
        *((str(motive), "number") for motive in Motive),
    ]
    for column, (title, kind) in enumerate(headers):
        numeric = ' class="num"' if kind == "number" else ""
        parts.append(
            f'<th{numeric}><button type="button" data-column="{column}" data-type="{kind}">'
            f"{e(title)}</button></th>"
        )
    parts.append("</tr></thead><tbody>")
    for country in countries:
        latest = country.snapshots[-1]
        motives = " ".join(latest.dominant) or NO_DOMINANT
        cells = "".join(
            f'<td class="num" data-value="{value:.4f}">{value:.2f}</td>' for value in latest.certainty
        )
        parts.append(
            f'<tr data-motive="{e(motives)}" data-region="{e(country.region)}" '
            f'data-income="{e(country.income_group)}">'
            f'<td><a href="{country_href(country.slug, 0)}">{e(country.country)}</a></td>'
            f"<td>{e(country.iso3)}</td><td>{e(country.region)}</td><td>{e(country.income_group)}</td>"
            f"<td>{e(latest.as_of)}</td><td>{e(', '.join(latest.dominant) or 'none')}</td>{cells}</tr>"
        )
    parts.append("</tbody></table>")
    return "\n".join(parts)


def _select(name: str, label: str, options: Sequence[str]) -> str:
    choices = "".join(f'<option value="{e(option)}">{e(option)}</option>' for option in options)
    return (
        f'<label>{e(label)} <select id="filter-{name}"><option value="">any</option>{choices}'
        "</select></label>"
    )


def overview_page(counts: Sequence[YearCount]) -> str:
    """Dominant motives by year, as a table whose cells are shaded by the share of countries."""
    parts = [
        "<h1>Dominant motives by year</h1>",
        '<p class="meta">For each year, each country\'s last snapshot of the year: how many countries '
        "have each motive dominant (a country with two dominant motives counts for both), and how many "
        "have none. The more countries, the darker the cell.</p>",
        '<table class="counts"><thead><tr><th>year</th><th>countries</th>',
        *(f"<th>{e(motive)}</th>" for motive in Motive),
        "<th>none</th></tr></thead><tbody>",
    ]
    most = max((number for count in counts for number in count.dominant), default=0) or 1
    for count in counts:
        cells = []
        for motive, number in zip(Motive, count.dominant, strict=True):
            red, green, blue = (int(MOTIVE_COLOURS[motive][at : at + 2], 16) for at in (1, 3, 5))
            share = 0.85 * number / most
            cells.append(
                f'<td style="background:rgba({red},{green},{blue},{share:.2f})" '
                f'title="{e(motive)} {count.year}: {number} of {count.countries}">{number}</td>'
            )
        parts.append(
            f"<tr><td>{count.year}</td><td>{count.countries}</td>{''.join(cells)}<td>{count.none}</td></tr>"
        )
    parts.append("</tbody></table>")
    return "\n".join(parts)


def rules_index_page(site: PanelSite, fired: Mapping[str, Sequence[Firing]]) -> str:
    parts = [
        "<h1>Rules</h1>",
        '<p class="meta">Every rule of the rule base, with the countries where it fires on their latest '
        "snapshot and the snapshots of the whole panel on which it fires.</p>",
        "<table><thead><tr><th>rule</th><th>title</th><th>concludes</th>"
        '<th class="num">countries now</th><th class="num">snapshots</th></tr></thead><tbody>',
    ]
    for rule in site.compiled.rulebase.rules:
        found = fired.get(rule.id, ())
        now = sum(firing.latest for firing in found)
        snapshots = sum(len(firing.dates) for firing in found)
        parts.append(
            f'<tr><td class="rule"><a href="{rule_href(rule.id, 1)}">{e(rule.id)}</a></td>'
            f"<td>{e(rule.title)}</td><td>{e(concludes(rule.motive, rule.certainty, rule.indicator))}</td>"
            f'<td class="num">{now}</td><td class="num">{snapshots}</td></tr>'
        )
    parts.append("</tbody></table>")
    return "\n".join(parts)


def concludes(motive: Motive | None, certainty: float | None, indicator: str | None) -> str:
    """What a rule concludes, in words: ``evidence for political, +0.40`` or ``indicator long_record``."""
    if motive is not None and certainty is not None:
        return f"evidence {'for' if certainty > 0 else 'against'} {motive}, {certainty:+.2f}"
    return f"indicator {indicator}"
