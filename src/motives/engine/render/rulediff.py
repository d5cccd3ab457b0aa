"""Renderers for `motives rules diff`: the rule changes, the countries and dates whose verdicts moved
with the rules behind each move, and agreement with the labelled set before and after, as text,
Markdown or JSON (the formats are named in ``render.formats``)."""

from __future__ import annotations

import textwrap
from typing import Any

from motives.engine.analysis.rulediff import Agreement, Change, RuleDiff
from motives.engine.model.provenance import data_version, software_version
from motives.engine.model.text import escape_unsafe, markdown_text

from .agreement import (
    FIGURES,
    differences_data,
    first_upper,
    scores_summary,
    show_difference,
    with_intervals,
)
from .classification import dump_json


def _motives(motives: tuple[str, ...]) -> str:
    return ", ".join(motives) or "none"


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) or "-"


def _rules_behind(change: Change) -> str:
    parts = [f"+{rule}" for rule in change.gained] + [f"-{rule}" for rule in change.lost]
    parts += [f"~{rule}" for rule in change.edited]
    return " ".join(parts) or "-"


def _shifts(change: Change) -> str:
    return "; ".join(f"{s.motive} {s.before:.2f} -> {s.after:.2f} ({s.change:+.2f})" for s in change.shifts)


def _head(diff: RuleDiff) -> list[str]:
    rules = diff.rules
    shifts_only = len(diff.changes) - diff.dominant_changes
    return [
        f"rules diff: {diff.old} -> {diff.new}",
        f"({diff.dominance.rule}; certainty shifts of at least {diff.min_shift:g})",
        f"rules added: {_ids(rules.added)}",
        f"rules removed: {_ids(rules.removed)}",
        f"rules edited: {_ids(rules.edited)}",
        f"{diff.compared} fact file(s) compared: dominant motives change in {diff.dominant_changes}, "
        f"certainty shifts alone in {shifts_only}",
    ]


def diff_text(diff: RuleDiff) -> str:
    lines = _head(diff)
    for title, dominant in (("dominant motives change", True), ("certainty shifts alone", False)):
        chosen = [change for change in diff.changes if change.dominant_changed is dominant]
        if not chosen:
            continue
        lines += ["", f"{title} ({len(chosen)})"]
        for change in chosen:
            lines.append(f"  {change.country} {change.as_of} ({change.path})")
            if dominant:
                lines.append(f"    dominant: {_motives(change.before)} -> {_motives(change.after)}")
            if change.shifts:
                lines.append(f"    certainty: {_shifts(change)}")
            lines.append(f"    rules: {_rules_behind(change)}")
    if diff.changes:
        lines += ["  (rules: + fires under NEW only, - under OLD only, ~ fires under both but was edited)"]
    if diff.agreement is not None:
        agreement = diff.agreement
        lines += [
            "",
            f"agreement with {agreement.labels} ({agreement.countries} countries)",
            f"{'':<50}{'OLD':>8}{'NEW':>8}{'change':>9}",
        ]
        for title, figure in FIGURES:
            old, new = figure(agreement.before), figure(agreement.after)
            lines.append(f"{title:<50}{old:8.2f}{new:8.2f}{new - old:+9.2f}")
        lines += textwrap.wrap(_change_sentence(agreement), width=100)
    if diff.problems:
        lines += ["", f"not classified ({len(diff.problems)})", *(f"  {line}" for line in diff.problems)]
    return escape_unsafe("\n".join(lines)) + "\n"


def _change_sentence(agreement: Agreement) -> str:
    top1, jaccard = agreement.change
    return (
        f"NEW minus OLD country by country, {with_intervals(agreement.countries)}: top-1 "
        f"{show_difference(top1)}, Jaccard {show_difference(jaccard)}"
    )


def diff_markdown(diff: RuleDiff) -> str:
    head = _head(diff)
    lines = [f"# {markdown_text(head[0])}", "", *(f"{markdown_text(line)}  " for line in head[1:])]
    if diff.changes:
        lines += [
            "",
            "| country | as of | dominant before | dominant after | certainty shifts | rules behind |",
            "|---|---|---|---|---|---|",
        ]
        for c in diff.changes:
            cells = (c.country, c.as_of, _motives(c.before), _motives(c.after), _shifts(c), _rules_behind(c))
            lines.append("| " + " | ".join(markdown_text(cell) for cell in cells) + " |")
        lines += [
            "",
            "Rules behind: `+` fires under NEW only, `-` under OLD only, `~` under both but edited.",
        ]
    if diff.agreement is not None:
        agreement = diff.agreement
        lines += [
            "",
            f"## Agreement with {markdown_text(agreement.labels)} ({agreement.countries} countries)",
            "",
            "| | OLD | NEW | change |",
            "|---|---:|---:|---:|",
        ]
        for title, figure in FIGURES:
            old, new = figure(agreement.before), figure(agreement.after)
            lines.append(f"| {title} | {old:.2f} | {new:.2f} | {new - old:+.2f} |")
        lines += ["", markdown_text(first_upper(_change_sentence(agreement))) + "."]
    if diff.problems:
        lines += ["", "## Not classified", "", *(f"* {markdown_text(line)}" for line in diff.problems)]
    return "\n".join(lines) + "\n"


def diff_json(diff: RuleDiff) -> str:
    data: dict[str, Any] = {
        "old": diff.old,
        "new": diff.new,
        "motives_version": software_version(),
        "data_version": data_version(),
        "min_shift": diff.min_shift,
        "dominance": {"minimum": diff.dominance.minimum, "margin": diff.dominance.margin},
        "rules": {"added": diff.rules.added, "removed": diff.rules.removed, "edited": diff.rules.edited},
        "compared": diff.compared,
        "dominant_changes": diff.dominant_changes,
        "changes": [
            {
                "country": c.country,
                "iso3": c.iso3,
                "as_of": c.as_of,
                "file": c.path,
                "dominant_before": c.before,
                "dominant_after": c.after,
                "dominant_changed": c.dominant_changed,
                "shifts": {str(s.motive): {"before": s.before, "after": s.after} for s in c.shifts},
                "rules_gained": c.gained,
                "rules_lost": c.lost,
                "rules_edited": c.edited,
            }
            for c in diff.changes
        ],
        "agreement": None
        if diff.agreement is None
        else {
            "labels": diff.agreement.labels,
            "countries": diff.agreement.countries,
            "before": scores_summary(diff.agreement.before),
            "after": scores_summary(diff.agreement.after),
            "change": differences_data(*diff.agreement.change),
        },
        "problems": diff.problems,
    }
    return dump_json(data)
