"""Why-not reasons as text lines: the view ``explain``, ``rules test`` and the report share.

Each test is one line, ``holds:``/``fails:``/``unknown:`` then the test; alternatives under ``one of:``
one step further in; the rules behind an indicator that was not derived two steps further in, each
under its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from motives.engine.analysis.whynot import IndicatorReason, OneOf, Reason

OMITTED = "(deeper reasons omitted)"


Row = tuple[str, str | None, str]  # indent, status (None for a heading line), text


def reason_lines(reasons: Sequence[Reason], depth: int = 0) -> list[str]:
    """The reasons as lines, indented two spaces per ``depth``."""
    return [f"{indent}{status_mark(status)}{text}" for indent, status, text in reason_rows(reasons, depth)]


def reason_rows(reasons: Sequence[Reason], depth: int = 0) -> list[Row]:
    """The reasons as rows, for a renderer that marks the status its own way (the HTML report)."""
    rows: list[Row] = []
    for reason in reasons:
        rows.extend(_rows(reason, depth))
    return rows


def _rows(reason: Reason, depth: int) -> list[Row]:
    pad = "  " * depth
    if isinstance(reason, OneOf):
        rows: list[Row] = [(pad, None, "one of:")]
        for branch in reason.alternatives:
            rows.extend(reason_rows(branch, depth + 1))
        return rows
    rows = [(pad, str(reason.status), reason.text)]
    if isinstance(reason, IndicatorReason):
        if reason.omitted:
            rows.append((pad + "  ", None, OMITTED))
        for producer in reason.producers:
            rows.append((pad + "  ", None, f"{producer.rule_id}:"))
            rows.extend(reason_rows(producer.reasons, depth + 2))
    return rows


def status_mark(status: str | None) -> str:
    """``holds:   ``, ``fails:   ``, ``unknown: ``: the tests after them line up."""
    return "" if status is None else f"{status}:".ljust(9)


def reasons_data(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    return [reason.to_dict() for reason in reasons]
