"""Writing a planned fact file, or (in a dry run) checking that it would load."""

from __future__ import annotations

import tempfile
from pathlib import Path

from motives.engine.model.errors import InputError, Location, Problem
from motives.engine.model.facts import load_facts
from motives.engine.model.files import write_atomic

from .plan import Plan
from .report import FAILED, UPDATED


def write(plan: Plan, problems: list[Problem]) -> str:
    """Write one file atomically, after checking that the written text loads; FAILED leaves it as it was."""
    try:
        write_atomic(plan.path, plan.text, check=lambda written: load_facts(written, plan.shown))
    except InputError as error:
        problems.extend(error.problems)
        problems.append(_not_written(plan, _WOULD_NOT_LOAD, "see the problems above"))
        return FAILED
    except OSError as error:
        problems.append(_not_written(plan, f"cannot write: {error.strerror or error}", "check the folder"))
        return FAILED
    return plan.action


def would_load(plan: Plan, problems: list[Problem]) -> bool:
    """For a dry run: whether the planned text would load, checked in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        written = Path(scratch) / plan.path.name
        written.write_bytes(plan.text.encode("utf-8"))
        try:
            load_facts(written, plan.shown)
        except InputError as error:
            problems.extend(error.problems)
            problems.append(_not_written(plan, _WOULD_NOT_LOAD, "see the problems above"))
            return False
    return True


_WOULD_NOT_LOAD = "with the import merged in, it would not load (the lines above are the merged text's)"


def _not_written(plan: Plan, why: str, hint: str) -> Problem:
    what = "the file is left as it was" if plan.action == UPDATED else "no file is created"
    return Problem(Location(plan.shown), "I713", f"not written: {why}; {what}", hint)
