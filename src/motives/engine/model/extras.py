"""The optional extras (``motives[pandas]``, ``motives[plot]``): a module imported only where it is
used, and one line naming the extra to install when it is missing.

``import motives`` and ``motives --help`` never import pandas, pyarrow or matplotlib; a command or
function that needs one calls :func:`require` first, before any slow work, so a missing package is
reported at once, as one line on stderr and exit 1 (never a traceback)."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MotivesError

# extra -> the packages it installs, as ``pip install "motives[EXTRA]"`` brings them (pyproject.toml)
EXTRAS = {"pandas": ("pandas", "pyarrow"), "plot": ("matplotlib",)}


class ExtraMissingError(MotivesError):
    """A feature of an optional extra was used, but the extra is not installed; the message names it."""


def require(extra: str, what: str, modules: tuple[str, ...] | None = None) -> tuple[ModuleType, ...]:
    """Import the modules of ``extra`` (all of them, or ``modules``), or raise ExtraMissingError saying
    that ``what`` (``--format parquet``, ``motives plot``) needs them and how to install them."""
    names = modules if modules is not None else EXTRAS[extra]
    found: list[ModuleType] = []
    missing: list[str] = []
    for name in names:
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            missing.append(name)
    if missing:
        packages = " and ".join(missing)
        verb = "is" if len(missing) == 1 else "are"
        raise ExtraMissingError(
            f"error: {what} needs {packages}, which {verb} not installed; "
            f'install the extra: pip install "motives[{extra}]"'
        )
    return tuple(found)
