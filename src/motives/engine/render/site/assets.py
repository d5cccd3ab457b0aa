"""The site's three shared files: its stylesheet (the report's, and a few rules of its own), its one
script (search; sorting and filtering the index), and the search index as JavaScript data.

The index is a script that sets a global, not a JSON file to fetch: ``fetch()`` of a local file is
refused under ``file://``. The script builds every element it shows with ``textContent``, never HTML.
"""

from __future__ import annotations

import json

from motives.engine.analysis.panel_site import PanelSite
from motives.engine.render.report import CSS as REPORT_CSS

SITE_CSS = (
    REPORT_CSS
    + """
body{max-width:72rem}header.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;
justify-content:space-between;border-bottom:1px solid #d1d5db;padding-bottom:.5rem}
nav a{margin-right:1rem}.search{position:relative}.search input{width:18rem;padding:.3rem}
#search-results{position:absolute;right:0;z-index:2;background:#fff;list-style:none;margin:0;padding:0;
min-width:18rem;box-shadow:0 2px 6px rgba(0,0,0,.2)}#search-results li{padding:.25rem .5rem}
#search-results .kind{color:#6b7280;font-size:.8rem}.filters{margin:1rem 0}.filters label{margin-right:1rem}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer}
td.num,th.num{text-align:right}footer{margin-top:3rem;color:#6b7280;font-size:.85rem}
.counts td{text-align:right}.counts td:first-child{text-align:left}
"""
)

SITE_JS = """\
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var entries = window.MOTIVES_SEARCH || [];

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "");
  }

  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  function search() {
    var query = fold(input.value.trim());
    results.textContent = "";
    if (!query) { return; }
    var found = entries.filter(function (entry) { return entry.s.indexOf(query) >= 0; });
    found.sort(function (a, b) { return a.s.indexOf(query) - b.s.indexOf(query); });  // stable
    found = found.slice(0, 15);
    found.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.u;
      link.textContent = entry.t;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " " + entry.k;
      item.appendChild(link);
      item.appendChild(kind);
      results.appendChild(item);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "no match";
      results.appendChild(none);
    }
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    var first = results.querySelector("a");
    if (event.key === "Enter" && first) { window.location.href = first.href; }
  });

  var table = document.getElementById("countries");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filters = ["motive", "region", "income"].map(function (name) {
    return document.getElementById("filter-" + name);
  });
  var shown = document.getElementById("shown");

  function keep(row) {
    return filters.every(function (select) {
      var wanted = select.value;
      if (!wanted) { return true; }
      var have = row.getAttribute("data-" + select.id.slice(7)) || "";
      // a row names each of its dominant motives; its region and income group are one value each
      return select.id === "filter-motive" ? have.split(" ").indexOf(wanted) >= 0 : have === wanted;
    });
  }
  function filter() {
    var count = 0;
    rows.forEach(function (row) {
      var visible = keep(row);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = String(count);
  }
  filters.forEach(function (select) { select.addEventListener("change", filter); });

  var order = {};
  var buttons = table.tHead.querySelectorAll("button[data-column]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var column = Number(button.getAttribute("data-column"));
      var numeric = button.getAttribute("data-type") === "number";
      var descending = order[column] = !order[column];
      Array.prototype.forEach.call(buttons, function (other) {
        other.parentNode.removeAttribute("aria-sort");
      });
      button.parentNode.setAttribute("aria-sort", descending ? "descending" : "ascending");
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-value") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-value") || b.cells[column].textContent;
        var compared = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return descending ? -compared : compared;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
})();
"""


def search_data(site: PanelSite) -> str:
    """Every country and rule as a search entry: its title, its kind, its page and the folded text
    matched (lower case, no accents: as the script folds the query)."""
    entries = [
        {
            "t": f"{country.country} ({country.iso3})",
            "k": "country",
            "u": f"countries/{country.slug}.html",
            "s": _fold(f"{country.country} {country.iso3} {country.slug}"),
        }
        for country in site.countries
    ]
    entries += [
        {
            "t": f"{rule.id}: {rule.title}",
            "k": "rule",
            "u": f"rules/{rule.id}.html",
            "s": _fold(f"{rule.id} {rule.title}"),
        }
        for rule in site.compiled.rulebase.rules
    ]
    # ensure_ascii: every character beyond ASCII, U+2028 among them, is written as an escape
    return "window.MOTIVES_SEARCH = " + json.dumps(entries, ensure_ascii=True, indent=0) + ";\n"


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))
