"""Writing a whole folder of files (``motives site -o DIR``) without ever leaving it half-written: every
file is written into a temporary folder beside it, which is then renamed into place; and which folders a
command may replace at all.

A folder this module wrote holds a manifest (``.motives-manifest``): the command that wrote it, then the
SHA-256 of every file. A folder is recognised as one the command wrote, unedited since, only when the
manifest lists exactly the files present, each with its hash; anything else non-empty needs ``force``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from .errors import InputError, Location, Problem
from .files import (
    cannot_write,
    default_mode,
    file_kind,
    link_problem,
    parent_problem,
    still_running,
    stops_held,
)

MANIFEST = ".motives-manifest"
_TEMPORARY = ".motives-"


def check_folder(path: Path, generator: str, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse, with one located problem, a folder ``generator`` must not replace: a symbolic link, a path
    that is not a folder, the current folder or one holding it, the home folder, a folder holding one of
    the command's ``inputs`` (all of them even with ``force``), or a non-empty folder that is not one
    ``generator`` wrote, unedited (unless ``force``)."""
    problem = _folder_problem(path, generator, force, inputs)
    if problem is not None:
        raise InputError([problem])


def _folder_problem(path: Path, generator: str, force: bool, inputs: Iterable[Path]) -> Problem | None:
    where = Location(str(path))
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return parent_problem(path, _ELSEWHERE)
    except OSError as error:
        return cannot_write(path, error)
    if stat.S_ISLNK(status.st_mode):
        return link_problem(path, "folder")
    if not stat.S_ISDIR(status.st_mode):
        return Problem(where, "O902", f"is {_kind(status.st_mode)}, not a folder", _ELSEWHERE)
    inside = path.resolve()
    here = Path.cwd().resolve()
    if inside == here or inside in here.parents or inside == Path.home().resolve():
        return Problem(
            where,
            "O907",
            "is the current folder, a folder holding it, or the home folder: never replaced",
            "name a new folder for it, such as ./site",
        )
    for source in inputs:
        read = Path(source).resolve()
        if read == inside or inside in read.parents:
            return Problem(
                where,
                "O903",
                f"holds an input of this command ({source})",
                "write the site to another folder",
            )
    if force or not any(path.iterdir()) or written_by(path, generator):
        return None
    return Problem(
        where,
        "Y109",
        f"is not empty and is not a folder written by {generator} (or was edited since)",
        "choose another folder, or pass --force to replace it as a whole",
    )


def _kind(mode: int) -> str:
    return "a regular file" if stat.S_ISREG(mode) else file_kind(mode)


_ELSEWHERE = "choose a folder you can write, or a new one"


def written_by(path: Path, generator: str) -> bool:
    """Whether ``path`` is a folder ``generator`` wrote, unchanged since: its manifest lists exactly the
    files in it, each with its SHA-256."""
    try:
        lines = (path / MANIFEST).read_text(encoding="utf-8").splitlines()
        present = {
            file.relative_to(path).as_posix()
            for file in path.rglob("*")
            if not file.is_dir() and file.name != MANIFEST
        }
    except (OSError, UnicodeDecodeError):
        return False
    if not lines or lines[0] != _header(generator):
        return False
    listed = dict(line.split("  ", 1)[::-1] for line in lines[1:] if "  " in line)
    if set(listed) != present:
        return False
    try:
        return all(_digest((path / name).read_bytes()) == digest for name, digest in listed.items())
    except OSError:
        return False


def _header(generator: str) -> str:
    return f"# written by {generator}: every file below with its SHA-256; an edited folder is not replaced"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_folder(path: Path, files: Mapping[str, str], generator: str) -> None:
    """Replace the folder ``path`` with ``files`` (relative POSIX path -> text) and their manifest, in
    one rename: on any failure the old folder is left as it was and no temporary folder is left."""
    try:
        _write_folder(path, files, generator)
    except OSError as error:
        raise InputError([cannot_write(path, error)]) from error


def _write_folder(path: Path, files: Mapping[str, str], generator: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(path)
    temporary: Path | None = None
    try:
        with stops_held():
            temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=_prefix(path), suffix=".tmp"))
        manifest = [_header(generator)]
        for name, text in sorted(files.items()):
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts or name == MANIFEST:
                raise ValueError(f"{name!r} is not a file name inside the folder")
            data = text.encode("utf-8")
            target = temporary.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            manifest.append(f"{_digest(data)}  {name}")
        (temporary / MANIFEST).write_text("\n".join(manifest) + "\n", encoding="utf-8")
        mode = default_mode(0o777)
        for folder in [temporary, *(p for p in temporary.rglob("*") if p.is_dir())]:
            os.chmod(folder, mode)
        _swap(temporary, path)
    except BaseException:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise


def _prefix(path: Path) -> str:
    return f".{path.name}{_TEMPORARY}{os.getpid()}-"


def _swap(built: Path, path: Path) -> None:
    """Put ``built`` where ``path`` is: the old folder moves aside, the new one in, the old is removed."""
    if not os.path.lexists(path):
        os.rename(built, path)
        return
    old = Path(tempfile.mkdtemp(dir=path.parent, prefix=_prefix(path), suffix=".tmp"))
    os.rmdir(old)  # only its unique name is wanted
    with stops_held():
        os.rename(path, old)
        try:
            os.rename(built, path)
        except BaseException:
            os.rename(old, path)
            raise
    shutil.rmtree(old, ignore_errors=True)


def remove_stale_folders(path: Path) -> list[Path]:
    """Remove the temporary folders of ``path`` that a motives process no longer running left
    (``.NAME.motives-PID-XXXX.tmp``), and return them."""
    prefix = f".{path.name}{_TEMPORARY}"
    removed: list[Path] = []
    try:
        entries = [entry for entry in path.parent.iterdir() if entry.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        pid, dash, _ = entry.name[len(prefix) :].partition("-")
        ours = dash and entry.name.endswith(".tmp") and entry.is_dir() and not entry.is_symlink()
        if ours and pid.isdigit() and not still_running(int(pid), entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
