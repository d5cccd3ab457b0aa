"""Where the shipped rule base and country fact files live, and finding a country by name.

``rules/``, ``facts/`` and ``schema/`` are package data of ``motives`` (``src/motives/`` in a checkout),
so they sit beside ``engine/`` both in a checkout and in site-packages: the paths below need no
working directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from .declared import BUILT_IN, Vocabulary
from .errors import InputError, Location, Problem, did_you_mean
from .facts import FactSet, load_facts
from .panel import address, is_panel, load_panel, panel_dates, split_address
from .places import PACKAGE_ROOT, SHIPPED_FACTS, SHIPPED_RULES
from .rulecache import load_rulebase_cached
from .rules import RuleBase

T = TypeVar("T")


def display_path(path: Path) -> str:
    """How a path is shown: as given when relative; when absolute and shipped, relative to the package
    (``rules/political.yaml``), so output does not depend on where the package is installed."""
    if not path.is_absolute():
        return str(path)
    if split_address(path.name):  # no file has a snapshot's name: only its folder resolves
        folder = _package_folder(str(path.parent))
        return str(path) if folder is None else f"{folder}/{path.name}"
    try:
        return path.resolve().relative_to(PACKAGE_ROOT).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the package, or a link that loops
        return str(path)


@lru_cache(maxsize=64)  # a panel's 6,788 snapshots stand in one folder: resolve it once
def _package_folder(folder: str) -> str | None:
    try:
        return Path(folder).resolve().relative_to(PACKAGE_ROOT).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None


def load_shipped_rulebase() -> RuleBase:
    """The shipped rule base, its files named ``rules/NAME.yaml`` in messages and traces."""
    return load_rulebase_cached(SHIPPED_RULES, display="rules")


def country_snapshots() -> dict[str, list[tuple[str, Path]]]:
    """Shipped snapshots by country name, oldest first: the panel's ``facts/NAME.csv#DATE``, and any
    ``facts/NAME.yaml`` and ``facts/NAME/*.yaml``.

    The date of each snapshot is read without checking the values; loading it later validates everything.
    The listing is read again only when a file is added, removed or renamed in the folder (or in one of
    its country folders): the build replaces files by renaming them.
    """
    try:
        with os.scandir(SHIPPED_FACTS) as entries:  # is_dir() from the listing: no stat per file
            folders = [SHIPPED_FACTS, *(Path(entry.path) for entry in entries if entry.is_dir())]
        version = tuple((str(folder), folder.stat().st_mtime_ns) for folder in folders)
    except OSError:
        version = ()
    return {name: list(files) for name, files in _snapshots(version).items()}


@lru_cache(maxsize=4)
def _snapshots(version: tuple[tuple[str, int], ...]) -> dict[str, tuple[tuple[str, Path], ...]]:
    return {name: tuple(_country_files(name)) for name in _shipped_names()}


def _shipped_names() -> list[str]:
    """The shipped countries' names, from the folder's listing alone (no file is read)."""
    names = {path.stem for pattern in ("*.csv", "*.yaml") for path in SHIPPED_FACTS.glob(pattern)}
    names.update(path.name for path in SHIPPED_FACTS.iterdir() if path.is_dir())
    return sorted(names)


def _country_files(name: str) -> list[tuple[str, Path]]:
    """One shipped country's snapshots, oldest first, reading only its own files: naming one country
    must not read the whole panel (``facts/NAME.csv``, ``facts/NAME.yaml``, ``facts/NAME/*.yaml``)."""
    files: list[tuple[str, Path]] = []
    panel = SHIPPED_FACTS / f"{name}.csv"
    if panel.is_file():
        files += [(date, Path(address(panel, date))) for date in panel_dates(panel)]
    single = SHIPPED_FACTS / f"{name}.yaml"
    if single.is_file():
        files.append((_as_of(single), single))
    folder = SHIPPED_FACTS / name
    if folder.is_dir():
        files += [(_as_of(path), path) for path in sorted(folder.glob("*.yaml"))]
    return sorted(files)


def _latest_header(name: str) -> dict[str, str]:
    """The country and iso3 of a shipped country's latest snapshot; a panel's come from its first row,
    so its dates need not be read."""
    panel = SHIPPED_FACTS / f"{name}.csv"
    if (
        panel.is_file()
        and not (SHIPPED_FACTS / f"{name}.yaml").exists()
        and not (SHIPPED_FACTS / name).exists()
    ):
        return snapshot_header(Path(address(panel, "0000-01-01")))
    files = _country_files(name)
    return snapshot_header(files[-1][1]) if files else {}


def shipped_panel_name(path: str) -> str | None:
    """The shipped country a snapshot address names (``facts/india.csv#2012-12-31`` -> ``india``), or
    None for anything but a snapshot of a shipped panel file."""
    parts = split_address(path)
    if parts is None:
        return None
    file = Path(parts[0])
    shipped = SHIPPED_FACTS / f"{file.stem}.csv"
    return file.stem if parts[0] == display_path(shipped) or file == shipped else None


def shipped_countries() -> dict[str, Path]:
    """The latest shipped fact file of each country, by name (e.g. ``india``)."""
    return {name: files[-1][1] for name, files in country_snapshots().items()}


def _as_of(path: Path) -> str:
    match = _AS_OF.search(path.read_text(encoding="utf-8", errors="replace"))
    return match.group(1) if match else ""


def _iso3(path: Path) -> str:
    return snapshot_header(path).get("iso3", "")


def snapshot_header(path: Path) -> dict[str, str]:
    """The country and iso3 of a fact file or panel snapshot, read without loading it (a listing must
    not fail on a file that loading would refuse)."""
    parts = split_address(str(path))
    if parts is not None:  # a panel: every row starts with the country and its code
        with Path(parts[0]).open(encoding="utf-8", errors="replace", newline="") as stream:
            rows = csv.reader(stream)
            next(rows, None)
            first = next(rows, [])
        return {"country": first[0], "iso3": first[1]} if len(first) > 1 else {}
    found = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, value = line.partition(":")
        if key in ("country", "iso3") and value.strip():
            found[key] = value.strip().strip("\"'")
    return found


_AS_OF = re.compile(r"^as_of:\s*[\"']?([0-9]{4}-[0-9]{2}-[0-9]{2})", re.MULTILINE)


def resolve_facts(argument: str, as_of: dt.date | None = None) -> tuple[Path, str]:
    """A fact file named on the command line: an existing path, else a shipped country's file name, ISO3
    code or name as its facts give it (``usa``, ``USA``, ``United States``); a shipped snapshot's address
    (``facts/usa.csv#2021-01-31``) names it from any folder.

    A country with several snapshots gives its latest, or with ``as_of`` the latest on or before that
    date. Returns the path to read and the path to show (shipped files show as ``facts/...``, the same on
    every machine).
    """
    shipped = _shipped_snapshot(str(argument))  # some callers pass a Path
    if shipped is not None:
        return shipped, display_path(shipped)
    path = Path(argument)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in argument or split_address(argument):
        return path, display_path(path) if path.is_absolute() else argument
    name = argument.lower()
    found = _country_files(name)
    if not found:
        names = _shipped_names()
        headers = {key: _latest_header(key) for key in names}
        by_code = {header.get("iso3", ""): key for key, header in headers.items()}
        by_name = {header.get("country", "").casefold(): key for key, header in headers.items()}
        name = by_code.get(argument.upper(), by_name.get(" ".join(argument.split()).casefold(), name))
        found = _country_files(name) if name in names else []
    if not found:
        hint = did_you_mean(name, _shipped_names(), "the shipped countries with `motives countries`")
        raise InputError(
            [
                Problem(
                    Location(argument), "Y107", "no such fact file, and no shipped country of that name", hint
                )
            ]
        )
    files = found
    if as_of is not None:
        files = in_force(found, as_of)
        if not files:
            dates = ", ".join(date for date, _ in found)
            raise InputError(
                [
                    Problem(
                        Location(argument),
                        "Y107",
                        f"no snapshot on or before {as_of.isoformat()}",
                        f"{name} has {dates}",
                    )
                ]
            )
    chosen = files[-1][1]
    return chosen, display_path(chosen)


def in_force(dated: Sequence[tuple[str, T]], as_of: dt.date | None) -> list[tuple[str, T]]:
    """Of ``(date, item)`` pairs, oldest first: all of them, or with ``as_of`` the one in force then, the
    latest dated on or before it (none before the first)."""
    if as_of is None:
        return list(dated)
    return [pair for pair in dated if pair[0] <= as_of.isoformat()][-1:]


def _shipped_snapshot(argument: str) -> Path | None:
    """A shipped snapshot's address as every output shows it (``facts/india.csv#2012-12-31``), where no
    such file is in the working directory: the snapshot in the package, so the address works anywhere."""
    parts = split_address(argument)
    if parts is None or Path(parts[0]).exists():
        return None
    name = shipped_panel_name(argument)
    return Path(address(SHIPPED_FACTS / f"{name}.csv", parts[1])) if name else None


def load_rules_argument(rules_dir: str | None) -> RuleBase:
    """The rule base a command names with ``--rules``, or the shipped one."""
    return load_rulebase_cached(rules_dir) if rules_dir else load_shipped_rulebase()


def fact_files(argument: str, as_of: dt.date | None = None) -> list[tuple[Path, str]]:
    """The fact files an argument names: a file, a directory (searched recursively) or a country name."""
    path = Path(argument)
    if path.is_file() and is_panel(path):
        return _panel_snapshots(path, argument, as_of)
    if path.is_dir():
        found = yaml_files(path)
        panels = sorted(path.rglob("*.csv"))
        if panels:
            shown_root = display_path(path) if path.is_absolute() else str(path)
            listed = [(p, display_path(p) if path.is_absolute() else str(p)) for p in found]
            for panel in panels:
                shown = f"{shown_root}/{panel.relative_to(path).as_posix()}"
                listed += _panel_snapshots(panel, shown, as_of)
            return listed
        if not found:
            raise InputError(
                [
                    Problem(
                        Location(argument), "Y107", "no fact files (*.yaml) in this folder", "check the path"
                    )
                ]
            )
        return [(p, display_path(p) if path.is_absolute() else str(p)) for p in found]
    return [resolve_facts(argument, as_of)]


def _panel_snapshots(path: Path, shown: str, as_of: dt.date | None) -> list[tuple[Path, str]]:
    """Every snapshot of a panel file, or with ``as_of`` the one in force then (none if it begins later)."""
    dates = panel_dates(path)
    if not dates:  # say why: a broken layout or row, or no row at all (never a silent success)
        load_panel(path, shown)
        hint = "a panel file has a row per date and fact: country,iso3,as_of,fact,value,source"
        raise InputError([Problem(Location(shown), "Y107", "holds no snapshot", hint)])
    snapshots = [(date, Path(address(path, date))) for date in dates]
    return [(found, address(shown, date)) for date, found in in_force(snapshots, as_of)]


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files below a folder, sorted; entries that cannot be read (a link in a loop, a FIFO) are
    kept, so that loading them reports why instead of skipping them silently, and a folder that cannot
    be listed is a located Y107 (a search would pass it by without a word)."""
    entries = sorted(folder.rglob("*"))
    unlisted = []
    for subfolder in [folder, *(p for p in entries if p.is_dir())]:
        try:
            os.scandir(subfolder).close()
        except OSError as error:
            shown = display_path(subfolder) if subfolder.is_absolute() else str(subfolder)
            why = f"cannot list this folder: {error.strerror}"
            unlisted.append(Problem(Location(shown), "Y107", why, "check its permissions, or name its files"))
    if unlisted:
        raise InputError(unlisted)
    return [p for p in entries if p.suffix in (".yaml", ".yml") and not p.is_dir()]


def load_fact_arguments(
    arguments: Iterable[str], as_of: dt.date | None = None, vocabulary: Vocabulary = BUILT_IN
) -> list[FactSet]:
    """Load every fact file the arguments name, reporting all problems of all files together; the YAML
    files may give the facts ``vocabulary`` declares (pass the rule base's)."""
    problems: list[Problem] = []
    loaded: list[FactSet] = []
    for argument in arguments:
        try:
            for path, shown in fact_files(argument, as_of):
                loaded.append(load_facts(path, shown, vocabulary))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return loaded
