"""The frame every page of the site shares: head, navigation, the search box, the footer, and the two
local scripts (the search index as data, then the page script). Links are relative, so the site opens
from disk (``file://``) wherever it is copied; nothing is fetched from anywhere else."""

from __future__ import annotations

import html

from motives.engine.model.text import escape_unsafe

GENERATOR = "motives site"


def e(text: object) -> str:
    """Text as HTML, quotes included: everything the site shows from a fact, a rule or a file passes here."""
    return html.escape(str(text), quote=True)


def country_href(slug: str, depth: int) -> str:
    return f"{'../' * depth}countries/{slug}.html"


def rule_href(rule_id: str, depth: int) -> str:
    return f"{'../' * depth}rules/{rule_id}.html"


def page(title: str, body: str, depth: int, footer: str) -> str:
    """A whole page; ``depth`` is how many folders below the site's root it sits (0 or 1)."""
    root = "../" * depth
    nav = (
        f'<a href="{root}index.html">Countries</a> '
        f'<a href="{root}overview.html">Motives by year</a> '
        f'<a href="{root}rules/index.html">Rules</a>'
    )
    search = (
        '<div class="search" role="search"><input id="search" type="search" autocomplete="off" '
        'placeholder="Search countries and rules" aria-label="Search countries and rules">'
        '<ul id="search-results"></ul></div>'
    )
    text = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n"
        f'<link rel="stylesheet" href="{root}assets/site.css">\n</head>\n'
        f'<body data-root="{root}">\n<header class="top"><nav>{nav}</nav>{search}</header>\n'
        f"<main>\n{body}\n</main>\n<footer>{footer}</footer>\n"
        f'<script src="{root}assets/search-data.js"></script>\n'
        f'<script src="{root}assets/site.js"></script>\n</body>\n</html>\n'
    )
    return escape_unsafe(text, keep="\n")
