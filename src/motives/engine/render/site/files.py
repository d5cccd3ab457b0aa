"""Every file of the site, by its path inside the site's folder: ``index.html`` (the countries),
``overview.html`` (dominant motives by year), ``countries/NAME.html``, ``rules/index.html`` and
``rules/ID.html``, and ``assets/`` (the stylesheet, the script, the search index as data)."""

from __future__ import annotations

from motives.engine.analysis.panel_site import PanelSite, firing_years, firings, yearly_counts
from motives.engine.model.progress import SILENT, Progress
from motives.engine.model.provenance import provenance

from .assets import SITE_CSS, SITE_JS, search_data
from .layout import GENERATOR, e, page
from .listing import index_page, overview_page, rules_index_page
from .pages import country_page, rule_page


def site_files(site: PanelSite, progress: Progress = SILENT) -> dict[str, str]:
    """The site's files: relative POSIX path -> text."""
    rulebase = site.compiled.rulebase
    recorded = provenance(rulebase.version)
    footer = e(
        f"Written by {GENERATOR}: motives {recorded['motives_version']}, rule base {recorded['rulebase']}, "
        f"data panel {recorded['data_version']}. Certainty runs from -1 (evidence against) to 1; "
        f"{site.dominance.rule}."
    )
    fired = firings(site)
    counts = yearly_counts(site)
    years = firing_years(site)
    files = {
        "assets/site.css": SITE_CSS,
        "assets/site.js": SITE_JS,
        "assets/search-data.js": search_data(site),
        "index.html": page("motives: countries", index_page(site), 0, footer),
        "overview.html": page("motives: dominant motives by year", overview_page(counts), 0, footer),
        "rules/index.html": page("motives: rules", rules_index_page(site, fired), 1, footer),
    }
    with progress("writing pages", len(site.countries) + len(rulebase.rules)) as advance:
        for country in site.countries:
            title = f"{country.country}: why it takes part in UN peacekeeping"
            files[f"countries/{country.slug}.html"] = page(title, country_page(country), 1, footer)
            advance(1)
        for rule in rulebase.rules:
            by_year = [(c.year, years[rule.id].get(c.year, 0), c.countries) for c in counts]
            body = rule_page(site, rule, fired.get(rule.id, ()), by_year)
            files[f"rules/{rule.id}.html"] = page(f"rule {rule.id}", body, 1, footer)
            advance(1)
    return files
