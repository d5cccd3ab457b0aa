"""A cache of validated rule bases, so that a run does not parse and check unchanged rule files again.

An entry is keyed on the rule files' names and bytes, the directory and how it is shown, the software's
version (with the size and time of the model's own source files, so an edited checkout misses too) and
the Python version. Only a rule base that loaded without a problem is stored: a rule file with an error
is read, and reported, exactly as without a cache.

Entries are pickles: the validated model is a tree of some fifteen frozen types (rules, conditions,
citations, references, the declared vocabulary, locations), and a JSON form would be a second schema to
keep in step with them. Unpickling runs whatever the file says, so an entry is read only when this user
owns both the cache folder, with mode 0700, and the file, writable by no one else (checked on the open
file); anything else is ignored. Where ownership cannot be checked (no ``os.getuid``) the cache is off.

The folder is ``$MOTIVES_CACHE_DIR``, else ``$XDG_CACHE_HOME/motives``, else ``~/.cache/motives``;
``MOTIVES_NO_CACHE=1`` turns the cache off. A missing, unreadable, corrupt or stale entry is rebuilt
silently, and a cache that cannot be written never fails a run.

A process also keeps the last few rule bases it loaded, by the same key, so that a program classifying
country after country (the Python API, a notebook, the tests) reads the entry once: the key is still
computed on every call (a quarter of a millisecond), so an edited rule file is still seen.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from .rules import RuleBase, load_rulebase, rule_files

_FORMAT = b"motives rule-base cache 1"
_IN_PROCESS: dict[bytes, RuleBase] = {}  # by key, the most recent last
_IN_PROCESS_KEPT = 8


def cache_directory() -> Path | None:
    """Where entries live, or None when the cache is off."""
    if os.environ.get("MOTIVES_NO_CACHE", "") not in ("", "0") or not hasattr(os, "getuid"):
        return None
    chosen = os.environ.get("MOTIVES_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache") / "motives"


def load_rulebase_cached(directory: Path | str, display: str | None = None) -> RuleBase:
    """``load_rulebase(directory, display)``, from the cache when an entry for the same files exists."""
    folder = cache_directory()
    if folder is None:
        return load_rulebase(directory, display)
    try:
        key = _key(Path(directory), display)
    except (OSError, ValueError):  # let the loader say what is wrong with the files
        return load_rulebase(directory, display)
    kept = _IN_PROCESS.pop(key, None)
    if kept is None:
        entry = folder / f"rulebase-{hashlib.sha256(key[:64]).hexdigest()[:16]}.pickle"
        kept = _read(folder, entry, key)
        if kept is None:
            kept = load_rulebase(directory, display)
            _write(folder, entry, key, dataclasses.replace(kept))  # a copy, without the lookups made on it
    _IN_PROCESS[key] = kept
    while len(_IN_PROCESS) > _IN_PROCESS_KEPT:
        del _IN_PROCESS[next(iter(_IN_PROCESS))]
    return kept


def forget_loaded() -> None:
    """Forget the rule bases this process keeps, so that the next load reads the cache folder."""
    _IN_PROCESS.clear()


def _key(directory: Path, display: str | None) -> bytes:
    """The entry's key: its first 64 bytes name the rule directory (one entry each), the rest its state."""
    from motives import __version__

    where = hashlib.sha256(f"{directory.resolve()}\0{display}".encode()).hexdigest()
    state = hashlib.sha256()
    state.update(f"{__version__}\0{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        status = source.stat()
        state.update(f"{source.name}\0{status.st_mtime_ns}\0{status.st_size}\0".encode())
    rule_paths = rule_files(directory)
    for path in rule_paths:
        state.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return where.encode() + state.hexdigest().encode()


def _read(folder: Path, entry: Path, key: bytes) -> RuleBase | None:
    try:
        if not _private_folder(folder):
            return None
        descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            if (
                not stat.S_ISREG(status.st_mode)
                or status.st_uid != os.getuid()
                or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            ):
                return None
            if stream.read(len(_FORMAT) + len(key)) != _FORMAT + key:
                return None  # another version, other files, or not an entry at all
            found = pickle.load(stream)
    except Exception:  # a corrupt entry can raise nearly anything while unpickling: rebuild it
        return None
    return found if isinstance(found, RuleBase) else None


def _write(folder: Path, entry: Path, key: bytes, rulebase: RuleBase) -> None:
    """Write the entry atomically (a private temporary file renamed over it); never fail the run."""
    import tempfile  # only on a miss: it loads random, shutil and the compressors

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(folder):
            return
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".rulebase-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(_FORMAT + key)
            pickle.dump(rulebase, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except Exception:  # a full disk, a read-only folder, a rule base that will not pickle
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _private_folder(folder: Path) -> bool:
    """The folder is a real directory (not a link) owned by this user, closed to everyone else."""
    status = os.lstat(folder)
    return (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.getuid()
        and not status.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )
