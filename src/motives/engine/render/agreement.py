"""The agreement figures as text, Markdown and JSON, shared by `motives evaluate` and `motives rules
diff`: the five figures, a difference between two predictors with its interval, the sources' agreement
with one another, the figures by kind of source, and the confusion table."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from motives.engine.analysis.scoring import (
    RESAMPLES,
    SEED,
    Difference,
    KindAgreement,
    Scores,
    SourceAgreement,
)
from motives.engine.model.text import markdown_text
from motives.engine.model.vocabulary import Motive

# the five agreement figures, in the order every view shows them (evaluate and rules diff)
FIGURES: tuple[tuple[str, Callable[[Scores], float]], ...] = (
    ("top-1 agreement (no dominant motive is a miss)", lambda s: s.top1),
    ("Jaccard of dominant sets", lambda s: s.jaccard),
    ("top-1 agreement with each source row", lambda s: s.row_top1),
    ("Jaccard with each source row", lambda s: s.row_jaccard),
    ("macro F1 over motives", lambda s: s.macro_f1),
)


def with_intervals(countries: int) -> str:
    """How a difference's interval was found, as every view says it (evaluate and rules diff)."""
    return (
        f"with 95% intervals (a paired bootstrap over the {countries} countries, {RESAMPLES:,} resamples, "
        f"seed {SEED})"
    )


def versus_title(countries: int) -> str:
    return f"the rule base minus each baseline, {with_intervals(countries)}:"


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def show_difference(found: Difference) -> str:
    return f"{found.difference:+.2f} [{found.low:+.2f}, {found.high:+.2f}]"


def differences_data(top1: Difference, jaccard: Difference) -> dict[str, dict[str, float]]:
    """Top-1 agreement's and Jaccard's differences with their intervals as JSON data (``evaluate`` and
    ``rules diff`` both show them)."""
    return {
        name: {
            "difference": round(found.difference, 4),
            "low": round(found.low, 4),
            "high": round(found.high, 4),
        }
        for name, found in (("top1", top1), ("jaccard", jaccard))
    }


def pair_data(top1: float, jaccard: float) -> dict[str, float]:
    """A top-1 agreement and a Jaccard index as JSON data, rounded as every figure is."""
    return {"top1": round(top1, 4), "jaccard": round(jaccard, 4)}


def sources_sentence(sources: SourceAgreement) -> str:
    """How well the sources agree with one another: the agreement any reading of the facts can hope for."""
    if not sources.rows:
        return "the sources against one another: no country has two or more source rows"
    return (
        f"the sources against one another: each of the {sources.rows} source rows of the {sources.countries} "
        f"countries with two or more, against the label of the country's other rows: top-1 "
        f"{sources.top1:.2f}, Jaccard {sources.jaccard:.2f} (the rule base against the same rows: "
        f"{sources.rules_top1:.2f}, {sources.rules_jaccard:.2f})"
    )


BY_KIND_TITLE = (
    "by kind of source: the rule base and always the most common label against each source row of the kind"
)


def _named_kinds(by_kind: tuple[KindAgreement, ...]) -> bool:
    """Whether the labels name kinds of source at all (else the section is left out of text and Markdown)."""
    return any(group.kind for group in by_kind)


def by_kind_text(by_kind: tuple[KindAgreement, ...]) -> list[str]:
    if not _named_kinds(by_kind):
        return []
    lines = [
        "",
        BY_KIND_TITLE,
        f"  {'kind':<12}{'rows':>5}   rule base: top-1  Jaccard   most common: top-1  Jaccard",
    ]
    for group in by_kind:
        (top1, jac), (their_top1, their_jac) = group.ours, group.theirs
        figures = f"{top1:>19.2f}{jac:>9.2f}{their_top1:>21.2f}{their_jac:>9.2f}"
        lines.append(f"  {group.kind or '(none)':<12}{group.rows:>5}{figures}")
    return lines


def by_kind_markdown(by_kind: tuple[KindAgreement, ...]) -> list[str]:
    if not _named_kinds(by_kind):
        return []
    lines = [
        "",
        markdown_text(first_upper(BY_KIND_TITLE)) + ":",
        "",
        "| kind | rows | rule base top-1 | rule base Jaccard | most common top-1 | most common Jaccard |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for group in by_kind:
        figures = " | ".join(f"{value:.2f}" for value in (*group.ours, *group.theirs))
        lines.append(f"| {group.kind or '(none)'} | {group.rows} | {figures} |")
    return lines


def scores_summary(scores: Scores) -> dict[str, float]:
    """The five agreement figures as JSON data (``evaluate`` and ``rules diff`` both show them)."""
    return {
        "top1": round(scores.top1, 4),
        "jaccard": round(scores.jaccard, 4),
        "row_top1": round(scores.row_top1, 4),
        "row_jaccard": round(scores.row_jaccard, 4),
        "macro_f1": round(scores.macro_f1, 4),
    }


CONFUSION_TITLE = (
    "confusion (rule base): countries by labelled motive (rows; a country counts under each motive of its "
    "label) and strongest dominant motive (columns)"
)
_COLUMNS = [*(str(motive) for motive in Motive), "none"]


def confusion_text(scores: Scores) -> list[str]:
    lines = [
        *textwrap.wrap(CONFUSION_TITLE, width=100),
        f"  {'labelled':<15}" + "".join(f"{c:>15}" for c in _COLUMNS),
    ]
    for motive, row in zip(Motive, scores.confusion, strict=True):
        lines.append(f"  {motive!s:<15}" + "".join(f"{count:>15}" for count in row))
    return lines


def confusion_markdown(scores: Scores) -> list[str]:
    lines = [
        markdown_text(first_upper(CONFUSION_TITLE)) + ".",
        "",
        "| labelled | " + " | ".join(_COLUMNS) + " |",
        "|---|" + "---:|" * len(_COLUMNS),
    ]
    for motive, row in zip(Motive, scores.confusion, strict=True):
        lines.append(f"| {motive} | " + " | ".join(str(count) for count in row) + " |")
    return lines


def confusion_data(scores: Scores) -> dict[str, dict[str, int]]:
    return {
        str(motive): dict(zip(_COLUMNS, row, strict=True))
        for motive, row in zip(Motive, scores.confusion, strict=True)
    }
