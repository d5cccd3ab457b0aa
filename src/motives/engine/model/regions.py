"""Each state's UN M49 region (Africa, Americas, Asia, Europe, Oceania), for grouping countries (the
site's index filters by it).

The shipped ``regions.csv`` (``iso3,region``) is the "Region Name" column of the UN Statistics
Division's M49 table copied into ``data/sources/un-scale/unsd_m49_names.csv``; a test checks that the
two agree. Regions are not facts: no rule reads them, and a fact set does not carry one.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from .places import SHIPPED_REGIONS

UNKNOWN_REGION = "unknown"


@lru_cache(maxsize=1)
def regions() -> Mapping[str, str]:
    """The M49 region of every state by ISO3 code."""
    with SHIPPED_REGIONS.open(encoding="utf-8", newline="") as stream:
        return MappingProxyType({row["iso3"]: row["region"] for row in csv.DictReader(stream)})


def region_of(iso3: str) -> str:
    """The M49 region of a state, or ``unknown`` for a code the table does not hold."""
    return regions().get(iso3, UNKNOWN_REGION)
