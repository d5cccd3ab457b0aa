"""What each indicator says of a country: the ``indicators:`` mappings of a rule base's rule files."""

from __future__ import annotations

from collections.abc import Iterable

from .constraints import NAME_RE
from .errors import Location, Problem, did_you_mean
from .loading import LocatedMap, YamlDocument
from .schema import expect_map, expect_text, kind_of


def indicator_descriptions(
    documents: Iterable[YamlDocument], derived: set[str], problems: list[Problem]
) -> dict[str, str]:
    """What each indicator says of a country, from the rule files' ``indicators:`` mappings; each must
    be one some rule derives (``derived``)."""
    found: dict[str, str] = {}
    where_found: dict[str, Location] = {}
    for document in documents:
        data = document.data
        if not isinstance(data, LocatedMap) or "indicators" not in data:
            continue
        entries = expect_map(data["indicators"], data.value_at("indicators"), "indicators", problems)
        if entries is None:
            continue
        for name, text in entries.items():
            where = entries.key_at(name)
            if not isinstance(name, str) or not NAME_RE.fullmatch(name):
                problems.append(
                    Problem(
                        where,
                        "R426",
                        f"indicator name must be a snake_case word, not {kind_of(name)}",
                        "write it as the rules derive it: lower case and underscores, e.g. big_contributor",
                    )
                )
                continue
            if name not in derived:
                problems.append(
                    Problem(
                        where,
                        "R428",
                        f"indicator {name!r} is described but no rule derives it",
                        did_you_mean(name, derived),
                    )
                )
                continue
            if name in found:
                first = where_found[name]
                twice = f"indicator {name!r} is described twice (first at {first})"
                problems.append(Problem(where, "R427", twice, "keep one description"))
                continue
            what = f"description of indicator {name}"
            description = expect_text(text, entries.value_at(name), what, problems)
            if description is not None:
                found[name] = description
                where_found[name] = where
    return found
