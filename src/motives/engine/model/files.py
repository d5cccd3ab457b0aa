"""Writing files without ever leaving one half-written: a temporary file beside it, then a rename; and
which output paths a command may replace at all."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import InputError, Location, Problem


def write_atomic(path: Path, text: str, check: Callable[[Path], object] | None = None) -> None:
    """Replace ``path`` with ``text`` in one step; on any failure the old file is left as it was.

    ``check``, when given, is called with the written temporary file before the rename; if it raises,
    nothing is replaced and the exception propagates.
    """
    with atomic_stream(path, check) as stream:
        stream.write(text)


@contextmanager
def stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while a temporary file is made and its name kept: a stop in between would
    leave a file that no clean-up knows of (seen on a loaded machine, where the stop came just then).

    The stops are held by Python handlers that note them, then raised again once the block is done: a
    signal mask would hold them from the main thread only, and a process with other threads (numpy's,
    once pandas or matplotlib is loaded) takes the signal on one of those."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {stop: signal.signal(stop, lambda number, _frame: held.append(number)) for stop in stops}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler if handler is not None else signal.SIG_DFL)
        for number in held:
            signal.raise_signal(number)


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, named ``.NAME.motives-PID-XXXX.tmp`` so that a later run can
    tell the ones a stopped run left (``kill -9``, a power cut) and remove them first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    prefix = f".{path.name}{_TEMPORARY}{os.getpid()}-"
    return tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")


_TEMPORARY = ".motives-"


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` that a motives process which is no longer running left
    (``.NAME.motives-PID-XXXX.tmp``), and return them; anything else is left alone."""
    prefix = f".{path.name}{_TEMPORARY}"
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(path.parent) if name.startswith(prefix)]
    except OSError:
        return removed
    for name in names:
        pid, dash, _ = name[len(prefix) :].partition("-")
        if not (dash and name.endswith(".tmp")):
            continue
        stale = path.parent / name
        if pid.isdigit() and not still_running(int(pid), stale):
            try:
                stale.unlink()
            except OSError:
                continue
            removed.append(stale)
    return removed


def still_running(pid: int, temporary: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no harmless way to ask Windows (os.kill ends the process): an hour's grace
        try:
            return time.time() - temporary.stat().st_mtime < 3600
        except OSError:
            return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's process
    return True


def default_mode(base: int = 0o666) -> int:
    """What a newly created file (``base`` 0o666) or folder (0o777) would get: mkstemp and mkdtemp make
    theirs private to the owner."""
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask


@contextmanager
def atomic_stream(path: Path, check: Callable[[Path], object] | None = None) -> Iterator[TextIO]:
    """A text stream written to a temporary file beside ``path``, renamed over it when the block ends
    without error (and removed otherwise): long outputs stream to disk without ever truncating ``path``.
    ``check`` as for :func:`write_atomic`."""
    with _atomic(path, check, binary=False) as stream:
        yield stream


@contextmanager
def _atomic(path: Path, check: Callable[[Path], object] | None, binary: bool) -> Iterator[Any]:
    temporary = ""
    try:
        with stops_held():
            handle, temporary = _temporary(path)
        with (
            os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        ) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else default_mode())
        if check is not None:
            check(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise


# --- outputs the user names (-o, --write): what may be replaced ---------------------------------------


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse, with one located problem, an output path that must not be replaced: a symbolic link
    (never written through), anything but a regular file (a FIFO, a device, a folder), a path whose
    folder is a file, or one of the command's own ``inputs``."""
    problem = _target_problem(path, inputs)
    if problem is not None:
        raise InputError([problem])


def _target_problem(path: Path, inputs: Iterable[Path]) -> Problem | None:
    where = Location(str(path))
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return parent_problem(path, _ELSEWHERE)
    except NotADirectoryError:
        return Problem(where, "O905", "cannot be created: a folder in its path is a file", _ELSEWHERE)
    except OSError as error:
        return cannot_write(path, error)
    if stat.S_ISLNK(status.st_mode):
        return link_problem(path, "file")
    if not stat.S_ISREG(status.st_mode):
        return Problem(where, "O902", f"is {file_kind(status.st_mode)}, not a regular file", _ELSEWHERE)
    for source in inputs:
        try:
            read = os.stat(_file_of(source))
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (status.st_dev, status.st_ino):
            return Problem(where, "O903", "is also an input of this command", "write to another file")
    return None


def _file_of(source: Path) -> str:
    """The file an input is read from: a panel snapshot's address (``facts/india.csv#2023-12-31``) is
    its panel file, which an output must not replace either."""
    from .panel import split_address

    parts = split_address(str(source))
    return parts[0] if parts else str(source)


def parent_problem(path: Path, hint: str) -> Problem | None:
    """For an output that does not exist yet: the problem when the nearest existing folder above it is a
    file, so that it cannot be created (None when it can)."""
    for folder in path.parents:
        if folder.exists():
            if not folder.is_dir():
                return Problem(Location(str(path)), "O905", f"cannot be created: {folder} is a file", hint)
            return None
    return None


def link_problem(path: Path, kind: str) -> Problem:
    """An output that is a symbolic link: refused, since motives never writes through one."""
    return Problem(
        Location(str(path)),
        "O901",
        f"is a symbolic link (to {os.readlink(path)}), and motives never writes through one",
        f"name the {kind} it points to, or another {kind}",
    )


def file_kind(mode: int) -> str:
    """A file that is not a regular file, as messages name it: a folder, a FIFO, a device, ..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


_ELSEWHERE = "choose a regular file in a folder you can write"


def cannot_write(path: Path, error: OSError) -> Problem:
    """The located problem for an output that the system refused to write."""
    return Problem(Location(str(path)), "O904", f"cannot write: {error.strerror or error}", _ELSEWHERE)


def write_output(path: Path, text: str, inputs: Iterable[Path] = ()) -> None:
    """Write a command's output file: checked by :func:`check_target`, then atomically; a refusal by the
    system (read-only folder, full disk) is a located problem, never a traceback."""
    check_target(path, inputs)
    try:
        write_atomic(path, text)
    except OSError as error:
        raise InputError([cannot_write(path, error)]) from error


def write_output_bytes(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """:func:`write_output` for a binary file (a Parquet table, a PNG or PDF figure): checked, then
    written atomically, a refusal by the system a located problem."""
    check_target(path, inputs)
    try:
        with _atomic(path, None, binary=True) as stream:
            stream.write(data)
    except OSError as error:
        raise InputError([cannot_write(path, error)]) from error


@contextmanager
def output_stream(path: Path, inputs: Iterable[Path] = ()) -> Iterator[TextIO]:
    """:func:`atomic_stream` for a command's output file, with the checks and messages of
    :func:`write_output`."""
    check_target(path, inputs)
    try:
        with atomic_stream(path) as stream:
            yield stream
    except OSError as error:
        raise InputError([cannot_write(path, error)]) from error


# --- one writer per folder --------------------------------------------------------------------------

LOCK_NAME = ".motives-import.lock"


@contextmanager
def lock_folder(folder: Path, wait: float, waiting: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Hold ``folder``'s lock file (created with the folder if missing) for the block: another holder
    makes this wait up to ``wait`` seconds (``waiting`` is told first), then a located I714.

    The lock is the operating system's (``filelock``: fcntl on POSIX, msvcrt on Windows), so it is let go
    when its process ends, however it ends; the empty lock file stays (removing it would let a third
    process lock a new file while a second still waits on the old one)."""
    from filelock import FileLock, Timeout

    lock_path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_path)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if waiting is not None:
                waiting(lock_path)
            lock.acquire(timeout=wait)
    except Timeout:
        raise InputError(
            [
                Problem(
                    Location(str(folder)),
                    "I714",
                    f"another motives facts import is still writing here (it holds {lock_path})",
                    "wait for it to finish, then run this import again",
                )
            ]
        ) from None
    except OSError as error:
        raise InputError([cannot_write(lock_path, error)]) from error
    try:
        yield
    finally:
        lock.release()
