"""Renderers for ``motives trend``: a country's motives across its snapshots, as a table or CSV."""

from __future__ import annotations

import csv
import io

from motives.engine.analysis.batch import Move, Row
from motives.engine.model.operators import show_value
from motives.engine.model.vocabulary import Motive
from motives.engine.render.rows import spreadsheet_text


def trend_text(rows: list[Row], moved: list[Move | None] | None = None) -> str:
    """A country's snapshots as a table, with a bar per motive so change is visible at a glance; with
    ``moved``, each row is followed by the rules that began (+) or stopped (-) firing and the facts they
    read that changed."""
    if not rows:
        return "no snapshots\n"
    name = next((row.country for row in rows if row.country), rows[0].path)
    lines = [
        f"{name}: motives over time",
        "",
        f"{'as of':<12}" + "".join(f"{m!s:>14}" for m in Motive) + "   dominant",
    ]
    for index, row in enumerate(rows):
        if row.problems:
            lines.append(f"{row.path}: " + "; ".join(row.problems))
            continue
        cells = "".join(f"{value:>8.2f} {_bar(value)}" for value in row.certainty)
        lines.append(f"{row.as_of:<12}{cells}   {', '.join(row.dominant) or 'none'}")
        move = moved[index] if moved else None
        if move and (move.gained or move.lost):
            rules = [f"+{rule}" for rule in move.gained] + [f"-{rule}" for rule in move.lost]
            facts = [f"{n} {_shown(old)} -> {_shown(new)}" for n, old, new in move.facts]
            lines.append(f"{'':<12}moved: {', '.join(rules)}" + (f"; {', '.join(facts)}" if facts else ""))
    return "\n".join(lines) + "\n"


def _shown(value: object) -> str:
    return "unknown" if value is None else show_value(value)  # type: ignore[arg-type]


def _bar(value: float) -> str:
    filled = round(max(value, 0.0) * 5)
    return "#" * filled + "." * (5 - filled)


def trend_csv(rows: list[Row], moved: list[Move | None] | None = None) -> str:
    """The snapshots as a spreadsheet (what moved is shown in text only). As in ``batch``, an empty
    certainty means the facts were unknown; 0.0000 means no evidence on known facts."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["as_of", *(str(m) for m in Motive), "dominant", "file"])
    for row in rows:
        if not row.problems:
            writer.writerow(
                [
                    row.as_of,
                    *(
                        "" if str(m) in row.unknown else f"{v:.4f}"
                        for m, v in zip(Motive, row.certainty, strict=True)
                    ),
                    " ".join(row.dominant),
                    spreadsheet_text(row.path),
                ]
            )
    return stream.getvalue()
