"""The constraints a rule or fact file must meet, written once: the loaders compile them, and the editor
schemas (``authoring.editor_schema``) publish the same patterns and bounds."""

from __future__ import annotations

import re

ID = r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*"  # a rule id: dotted snake_case words, political.council_ambition
NAME = r"[a-z][a-z0-9_]*"  # an indicator or a declared fact: one snake_case word
ISO3 = r"[A-Z]{3}"  # a country code, ISO 3166-1 alpha-3
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # a day, YYYY-MM-DD
CERTAINTY_BOUND = 1  # a certainty factor is within +/- this, and not 0 (MYCIN)

ID_RE, NAME_RE, ISO3_RE, DATE_RE = (re.compile(pattern) for pattern in (ID, NAME, ISO3, DATE))


def anchored(pattern: str) -> str:
    """The pattern as JSON Schema writes it: matched against the whole string."""
    return f"^{pattern}$"
