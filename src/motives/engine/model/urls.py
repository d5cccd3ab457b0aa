"""Which addresses may become links: a reference's ``url`` is refused when loaded, and never linked when
rendered, unless it is an http, https or doi address."""

from __future__ import annotations

import functools
import re

from .errors import Location, Problem

# The only addresses a reference may give: a web page (http, https) or a DOI. Anything else (a
# `javascript:` or `data:` URL) would become a live link in the HTML report, so it is refused here and
# never linked there. No whitespace, quotes, angle brackets, backslashes or control characters.
_UNSAFE = r"\s<>\"'`\\\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069"  # spaces, quotes, controls, bidi


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A web address and a DOI, compiled on first use (a run that checks no reference never needs them)."""
    return re.compile(rf"https?://[A-Za-z0-9][^{_UNSAFE}]*"), re.compile(
        rf"doi:(10\.[0-9]{{4,9}}/[^{_UNSAFE}]+)"
    )


def url_problem(url: str, where: Location) -> Problem | None:
    """The located problem of a reference ``url`` that is not an http, https or doi address."""
    if url_link(url) is not None:
        return None
    return Problem(
        where,
        "R419",
        f"url {url[:60]!r} is not an http, https or doi address",
        "write https://... or doi:10.NNNN/...",
    )


def url_link(url: str) -> str | None:
    """The address to link a reference's ``url`` to (a DOI becomes its https://doi.org/ page), or None
    for anything but an http, https or doi address."""
    web_url, doi_url = _patterns()
    if web_url.fullmatch(url):
        return url
    doi = doi_url.fullmatch(url)
    return f"https://doi.org/{doi[1]}" if doi else None
