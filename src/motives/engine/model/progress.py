"""Progress on long work (``site``, ``batch``, ``robustness``): the engine says how far it is, the
command decides whether and where it is shown (a bar on stderr, only on a terminal: ``cli_common``).

A ``Progress`` is called with a label and the number of steps; it gives back, for the block of work,
the function that advances it by a number of steps. ``SILENT`` shows nothing: the default everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

Advance = Callable[[int], None]
Progress = Callable[[str, int], AbstractContextManager[Advance]]  # (label, total) -> the work's Advance


def _ignore(steps: int) -> None:
    return None


@contextmanager
def _silent(label: str, total: int) -> Iterator[Advance]:
    yield _ignore


SILENT: Progress = _silent
