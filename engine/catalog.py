"""Where the shipped rule base and country fact files live, and finding a country by name.

The repository root is the installed ``motives`` package, so ``rules/`` and ``facts/`` sit beside
``engine/`` both in a checkout and in site-packages: the paths below need no working directory.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, Location, Problem, did_you_mean
from .rules import RuleBase, load_rulebase

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_RULES = PACKAGE_ROOT / "rules"
SHIPPED_FACTS = PACKAGE_ROOT / "facts"


def load_shipped_rulebase() -> RuleBase:
    """The shipped rule base, its files named ``rules/NAME.yaml`` in messages and traces."""
    return load_rulebase(SHIPPED_RULES, display="rules")


def shipped_countries() -> dict[str, Path]:
    """Shipped fact files by name (the file's stem, e.g. ``india``)."""
    return {path.stem: path for path in sorted(SHIPPED_FACTS.glob("*.yaml"))}


def resolve_facts(argument: str) -> tuple[Path, str]:
    """A fact file named on the command line: an existing path, else a shipped country's name.

    Returns the path to read and the path to show in output (shipped files show as ``facts/NAME.yaml``,
    the same on every machine).
    """
    path = Path(argument)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in argument:
        return path, argument
    shipped = shipped_countries()
    key = argument.lower()
    if key in shipped:
        return shipped[key], f"facts/{shipped[key].name}"
    raise InputError(
        [
            Problem(
                Location(argument),
                "Y107",
                "no such fact file, and no shipped country of that name",
                did_you_mean(key, shipped),
            )
        ]
    )
