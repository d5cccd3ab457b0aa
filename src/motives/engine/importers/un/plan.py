"""Planning each fact file of an import: its path, what is done to it and its new text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from motives.engine.importers.factfile import Existing, fact_file_text, header, modeline, slug
from motives.engine.model.errors import Location, Problem

from .merge import merge
from .report import CREATED, UNCHANGED, UPDATED
from .snapshots import Snapshot

MAX_NAME = 80  # characters of a file name taken from a country's name; the longest state name has 56


@dataclass(frozen=True, slots=True)
class Plan:
    """One fact file of the import: where it goes, what is done to it, its text and the facts changed."""

    path: Path
    shown: str
    iso3: str
    as_of: dt.date
    action: str
    text: str
    changed: tuple[str, ...]


def file_names(
    snapshots: list[Snapshot], existing: dict[str, Existing], un_names: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """ISO3 -> (file or folder name, country): an existing file's, else from the UN's country name."""
    taken = {entry.name: iso3 for iso3, entry in existing.items()}
    chosen: dict[str, tuple[str, str]] = {}
    for snapshot in snapshots:
        iso3 = snapshot.iso3
        if iso3 in chosen:
            continue
        entry = existing.get(iso3)
        un_name = un_names.get(iso3, iso3)
        if entry is not None:
            chosen[iso3] = (entry.name, entry.country or un_name)
            continue
        # a file name fits every file system (255 bytes) however long the UN's spelling of the country
        name = slug(un_name)[:MAX_NAME].rstrip("_") or iso3.lower()
        if taken.get(name, iso3) != iso3:
            name = f"{name}_{iso3.lower()}"
        taken[name] = iso3
        chosen[iso3] = (name, un_name)
    return chosen


def plan_file(
    snapshot: Snapshot, out: Path, name: str, country: str, force: bool, problems: list[Problem]
) -> Plan | None:
    day = snapshot.as_of.isoformat()
    flat = out / f"{name}.yaml"
    flat_day = header(flat)[2] if flat.is_file() else None
    path = flat if flat_day == day else out / name / f"{day}.yaml"
    shown = str(path)
    inside = out.resolve()
    if not path.resolve().is_relative_to(inside):
        where = f"would be written outside {out}, at {path.resolve()}"
        problems.append(
            Problem(Location(shown), "I715", where, "remove the link on the way, or choose another --out")
        )
        return None
    if not path.exists():
        text = _new_file(snapshot, country, modeline(out, path))
        changed = tuple(fact[0] for fact in snapshot.facts)
        return Plan(path, shown, snapshot.iso3, snapshot.as_of, CREATED, text, changed)
    merged = merge(path, shown, snapshot, force, problems)
    if merged is None:
        return None
    text, changed = merged
    action = UPDATED if changed else UNCHANGED
    return Plan(path, shown, snapshot.iso3, snapshot.as_of, action, text, changed)


def _new_file(snapshot: Snapshot, country: str, modeline: str | None) -> str:
    header = [modeline] if modeline else []
    header.append(
        "# Written by `motives facts import`; facts, sources and notes added by hand are kept on re-import."
    )
    return fact_file_text(header, country, snapshot.iso3, snapshot.as_of.isoformat(), snapshot.facts)
