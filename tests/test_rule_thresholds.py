"""The panel distributions that rule thresholds cite, computed from the shipped panel.

A rule's rationale may justify a threshold by a quantile of the data panel (all 193 countries, every
snapshot 1990-2025), never of the labelled countries. Each test here recomputes one such figure, so a
rebuilt panel that moves it makes the test fail and the rationale can be re-read. Quantiles are the
nearest-rank order statistic (the value of a snapshot, no interpolation).
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from functools import cache
from importlib import resources


@cache
def _panel() -> dict[tuple[str, str], dict[str, str]]:
    """Every snapshot of the shipped panel: (iso3, as_of) -> {fact: value}."""
    snapshots: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    folder = resources.files("motives") / "facts"
    for entry in folder.iterdir():
        if not entry.name.endswith(".csv"):
            continue
        with entry.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                snapshots[(row["iso3"], row["as_of"])][row["fact"]] = row["value"]
    return dict(snapshots)


def _lower_quantile(values: list[float], q: float) -> float:
    """The nearest-rank quantile: the smallest value with at least a share q of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _deployed() -> list[dict[str, str]]:
    """The snapshots in which a country had uniformed personnel deployed (a known count above zero)."""
    return [
        facts
        for facts in _panel().values()
        if facts.get("uniformed_personnel") not in (None, "") and float(facts["uniformed_personnel"]) > 0
    ]


def test_the_panel_is_the_whole_panel() -> None:
    assert len(_panel()) == 6788
    assert len({iso3 for iso3, _ in _panel()}) == 193
    assert len(_deployed()) == 3541


def test_years_contributing_75th_percentile_is_23() -> None:
    """normative.good_international_citizen: 23 years of contributing."""
    years = [float(facts["years_contributing"]) for facts in _deployed() if facts.get("years_contributing")]
    assert len(years) == 3541
    assert _lower_quantile(years, 0.75) == 23
