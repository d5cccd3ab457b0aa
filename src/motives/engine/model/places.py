"""Where the package's own data lives: the folder of the ``motives`` package, its shipped ``rules/`` and
``facts/``, and the table of each state's UN M49 region. Nothing else, so that the CLI can name these
folders (as option defaults) without loading the catalog that reads them."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
SHIPPED_RULES = PACKAGE_ROOT / "rules"
SHIPPED_FACTS = PACKAGE_ROOT / "facts"
SHIPPED_REGIONS = PACKAGE_ROOT / "regions.csv"
