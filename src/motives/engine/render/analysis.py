"""Renderers for the analysis commands: explain, what-if, counterfactual, sensitivity, compare and trend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from motives.engine.analysis.comparison import Comparison, MotiveComparison, Side
from motives.engine.analysis.counterfactual import CounterfactualSearch, Sensitivity
from motives.engine.analysis.explain import MotiveExplanation
from motives.engine.analysis.whatif import WhatIf
from motives.engine.inference.trace import Classification
from motives.engine.model.derived import show_fact
from motives.engine.model.operators import show_value
from motives.engine.model.text import markdown_text
from motives.engine.model.vocabulary import Motive

from .classification import (
    SourceNotes,
    dump_json,
    json_document,
    legend_text,
    motive_text,
    provenance_data,
    render_text,
    to_data,
    traced_lines,
)
from .graph import render_dot, render_mermaid
from .reasons import reason_lines, reasons_data


def explain_text(explanation: MotiveExplanation, ids: bool = False) -> str:
    """HOW the motive was concluded (numbered steps in words, or with ``ids`` the tree of ids), the
    sources of the values, WHY NOT, and the legend of certainty."""
    result, classification = explanation.result, explanation.classification
    status = "DOMINANT" if result.dominant else "not dominant"
    lines = [
        f"{classification.country} ({classification.iso3}), as of {classification.as_of.isoformat()}",
        *traced_lines(classification.rulebase_version, classification.facts_hash, classification.facts_path),
        f"{result.motive}: certainty {result.certainty:.2f}, {status}"
        f" (dominant: {', '.join(map(str, classification.dominant)) or 'none'})",
        "",
        "HOW",
    ]
    sources = SourceNotes()
    lines.extend(motive_text(result, ids, sources))
    lines.append("")
    if not ids:
        lines.extend(sources.text())
    lines.append("WHY NOT: rules that could have supported it, closest first")
    if not explanation.missed:
        lines.append("  every rule that supports this motive fired")
    for missed in explanation.missed:
        judged = (
            "cannot be judged, facts unknown" if missed.unknown else f"{missed.distance} condition(s) away"
        )
        named = f"{missed.rule_id}: {missed.title}" if ids else missed.title
        lines.append(f"  {missed.certainty:+.2f} {named}   [{judged}]")
        lines.extend(f"      {line}" for line in reason_lines(missed.reasons))
    return "\n".join(lines) + "\n\n" + legend_text(classification.dominance_rule)


def explain_text_all(found: Sequence[MotiveExplanation], ids: bool = False) -> str:
    return "\n".join(explain_text(item, ids) for item in found)


def explain_json(found: Sequence[MotiveExplanation], ids: bool = False) -> str:
    return json_document([explain_data(item) for item in found])


def explain_data(explanation: MotiveExplanation) -> dict[str, Any]:
    data = {
        "country": explanation.classification.country,
        "iso3": explanation.classification.iso3,
        "as_of": explanation.classification.as_of.isoformat(),
        "motive": next(
            m
            for m in to_data(explanation.classification)["motives"]
            if m["motive"] == explanation.result.motive
        ),
        "why_not": [
            {
                "rule": missed.rule_id,
                "title": missed.title,
                "certainty": missed.certainty,
                "distance": missed.distance,
                "not_judged": missed.unknown,
                "reasons": reasons_data(missed.reasons),
            }
            for missed in explanation.missed
        ],
        **provenance_data(explanation.classification.rulebase_version, explanation.classification.facts_hash),
    }
    return data


def what_if_text(change: WhatIf) -> str:
    after = change.after
    lines = [
        f"{after.country} ({after.iso3}), as of {after.as_of.isoformat()}: what if",
        *(f"  {item}" for item in change.changes),
        "",
        "dominant before: " + (", ".join(map(str, change.before.dominant)) or "none"),
        "dominant after:  " + (", ".join(map(str, after.dominant)) or "none"),
    ]
    if change.gained:
        lines.append("gained: " + ", ".join(map(str, change.gained)))
    if change.lost:
        lines.append("lost: " + ", ".join(map(str, change.lost)))
    lines.append("")
    lines.append(f"{'motive':<14}{'before':>7}{'after':>7}")
    for motive in change.motives:
        moved = "" if abs(motive.after - motive.before) < 1e-9 else f"  ({motive.after - motive.before:+.2f})"
        lines.append(f"{motive.motive:<14}{motive.before:7.2f}{motive.after:7.2f}{moved}")
    lines.append("")
    lines.append("newly fired: " + (", ".join(change.newly_fired) or "none"))
    lines.append("silenced: " + (", ".join(change.silenced) or "none"))
    return "\n".join(lines) + "\n"


def what_if_text_all(changes: Sequence[WhatIf], explain: bool = True, ids: bool = False) -> str:
    """Each what-if's changes, then the changed classification with its trace."""
    return "\n".join(
        what_if_text(change) + "\n" + render_text([change.after], explain, ids) for change in changes
    )


def what_if_json(changes: Sequence[WhatIf], explain: bool = True, ids: bool = False) -> str:
    return json_document([what_if_data(change) for change in changes])


def what_if_dot(changes: Sequence[WhatIf], explain: bool = True, ids: bool = False) -> str:
    """The derivations after the change."""
    return render_dot([change.after for change in changes], explain, ids)


def what_if_mermaid(changes: Sequence[WhatIf], explain: bool = True, ids: bool = False) -> str:
    return render_mermaid([change.after for change in changes], explain, ids)


def what_if_data(change: WhatIf) -> dict[str, Any]:
    return {
        "changes": [item.to_dict() for item in change.changes],
        "dominant_before": [str(m) for m in change.before.dominant],
        "dominant_after": [str(m) for m in change.after.dominant],
        "gained": [str(m) for m in change.gained],
        "lost": [str(m) for m in change.lost],
        "motives": [
            {"motive": str(m.motive), "before": round(m.before, 4), "after": round(m.after, 4)}
            for m in change.motives
        ],
        "newly_fired": list(change.newly_fired),
        "silenced": list(change.silenced),
        "result": to_data(change.after),
    }


def counterfactual_text(
    search: CounterfactualSearch, country: str, command: str = "motives classify FACTS"
) -> str:
    """The answers in words, each with the ``command`` (and its ``--set`` arguments) that checks it."""
    goal = "dominant" if search.make_dominant else "no longer dominant"
    lines = [
        f"{country}: what would make {search.target} {goal}?",
        *traced_lines(search.rulebase, search.facts_hash),
        "dominant now: " + (", ".join(map(str, search.dominant)) or "none"),
    ]
    if search.already:
        lines.append(f"nothing to change: {search.target} is already {goal}")
    elif not search.answers:
        bound = "the search bound was reached" if search.exhausted else "every combination was tried"
        lines.append(
            f"no change of up to the allowed number of facts does it ({search.evaluations} candidate "
            f"verdicts evaluated; {bound}); see `motives explain` for what stands in the way"
        )
    for number, answer in enumerate(search.answers, 1):
        lines.append("")
        lines.append(f"{number}. if " + " and ".join(str(change) for change in answer.changes) + ":")
        lines.append(
            f"   {search.target} becomes {goal} ({answer.certainty:.2f}); dominant: "
            + (", ".join(map(str, answer.dominant)) or "none")
        )
        lines.append("   via rules: " + " -> ".join(answer.via))
        sets = " ".join(f"--set {change.fact}={show_value(change.after)}" for change in answer.changes)
        lines.append(f"   check it: {command} {sets}")
    return "\n".join(lines) + "\n"


def counterfactual_text_all(found: Sequence[tuple[str, CounterfactualSearch, str]]) -> str:
    """Each (country, search, the command that checks an answer)."""
    return "\n".join(counterfactual_text(search, country, command) for country, search, command in found)


def counterfactual_json(found: Sequence[tuple[str, CounterfactualSearch, str]]) -> str:
    return json_document([counterfactual_data(search, country) for country, search, _ in found])


def counterfactual_data(search: CounterfactualSearch, country: str) -> dict[str, Any]:
    data = {
        "country": country,
        "target": str(search.target),
        "make_dominant": search.make_dominant,
        "already": search.already,
        "dominant": [str(m) for m in search.dominant],
        "evaluations": search.evaluations,
        "exhausted": search.exhausted,
        "answers": [
            {
                "changes": [change.to_dict() for change in answer.changes],
                "dominant": [str(m) for m in answer.dominant],
                "certainty": round(answer.certainty, 4),
                "via": list(answer.via),
            }
            for answer in search.answers
        ],
        **provenance_data(search.rulebase, search.facts_hash),
    }
    return data


def sensitivity_text(result: Sensitivity, country: str) -> str:
    lines = [
        f"{country}: dominant " + (", ".join(map(str, result.dominant)) or "none"),
        result.label,
        *traced_lines(result.rulebase, result.facts_hash),
        "",
        "margins to the nearest threshold on each numeric fact:",
    ]
    lines += [
        f"  {m.fact} = {show_fact(m.fact, m.value)}: "
        + ("no percentage of 0" if m.margin_pct is None else f"{m.margin_pct:+.1f}%")
        + f" to {m.requirement} ({m.rule_id})"
        for m in result.margins
    ]
    lines.append("")
    lines.append(f"single numeric changes within +/-{result.percent:g}% that change the verdict:")
    lines += [
        f"  {change} -> {', '.join(map(str, after)) or 'none'}" for change, after in result.numeric_flips
    ] or ["  none"]
    lines.append("flips of a yes/no fact or a category that change the verdict:")
    lines += [
        f"  {change} -> {', '.join(map(str, after)) or 'none'}" for change, after in result.other_flips
    ] or ["  none"]
    return "\n".join(lines) + "\n"


def sensitivity_text_all(found: Sequence[tuple[str, Sensitivity]]) -> str:
    return "\n".join(sensitivity_text(result, country) for country, result in found)


def sensitivity_json(found: Sequence[tuple[str, Sensitivity]]) -> str:
    return json_document([sensitivity_data(result, country) for country, result in found])


def sensitivity_data(result: Sensitivity, country: str) -> dict[str, Any]:
    def flips(items: tuple) -> list[dict[str, Any]]:
        return [
            {"fact": c.fact, "before": c.before, "after": c.after, "dominant": [str(m) for m in after]}
            for c, after in items
        ]

    data = {
        "country": country,
        "dominant": [str(m) for m in result.dominant],
        "percent": result.percent,
        "label": result.label,
        "margins": [
            {
                "fact": m.fact,
                "value": m.value,
                "op": m.op,
                "threshold": m.threshold,
                "requirement": m.requirement,
                "rule": m.rule_id,
                "margin_pct": None if m.margin_pct is None else round(m.margin_pct, 2),
            }
            for m in result.margins
        ],
        "numeric_flips": flips(result.numeric_flips),
        "other_flips": flips(result.other_flips),
        **provenance_data(result.rulebase, result.facts_hash),
    }
    return data


def _label(result: Classification) -> str:
    return f"{result.country} ({result.as_of.isoformat()})"


def compare_text(comparison: Comparison) -> str:
    return _comparison(comparison, markdown=False)


def compare_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown, for a paper."""
    return _comparison(comparison, markdown=True)


def _comparison(comparison: Comparison, markdown: bool) -> str:
    results = comparison.results
    show = markdown_text if markdown else str
    names = [show(_label(result)) for result in results]
    heading = (lambda text: f"## {text}") if markdown else (lambda text: text.upper())
    lines = [("# " if markdown else "") + "Comparing " + " and ".join(names), ""]
    traced = traced_lines(results[0].rulebase_version)  # one rule base for every country
    hashes = ", ".join(f"{show(result.country)} {result.facts_hash}" for result in results)
    traced[0] += f"   facts hashes: {hashes}"
    lines += [f"_{line}_" for line in traced] + [""] if markdown else [*traced, ""]
    if len({result.as_of for result in results}) > 1:
        lines += [
            f"{'_' if markdown else ''}Note: these snapshots are not of one date, so a difference may be a "
            "change over time (--as-of DATE takes each shipped country's latest snapshot on or before DATE)."
            f"{'_' if markdown else ''}",
            "",
        ]
    everyone = "both" if len(results) == 2 else "all"
    if markdown:
        lines += ["| motive | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
        for motive in Motive:
            cells = [
                f"{r.motive(motive).certainty:.2f}{' **dominant**' if r.motive(motive).dominant else ''}"
                for r in results
            ]
            lines.append(f"| {motive} | " + " | ".join(cells) + " |")
    else:
        width = max(len(name) for name in names) + 2
        lines.append(" " * 14 + "".join(name.rjust(width) for name in names))
        for motive in Motive:
            cells = [
                f"{r.motive(motive).certainty:.2f}{' *' if r.motive(motive).dominant else '  '}"
                for r in results
            ]
            lines.append(f"{motive:<14}" + "".join(cell.rjust(width) for cell in cells))
        lines.append("(* dominant)")
    bullet = "- " if markdown else "  "
    lines += ["", heading("Similarities")]
    if not comparison.similarities and not comparison.also_shared:
        lines.append(f"{bullet}no motive is dominant (or present) for {everyone} of them")
    for item in comparison.similarities:
        lines.append(f"{bullet}{item.motive}: dominant for {everyone}")
        lines += _sides(item, bullet, show)
    for item in comparison.also_shared:
        lines.append(f"{bullet}{item.motive}: present for {everyone} (certainty above 0), dominant for none")
        lines += _sides(item, bullet, show)
    lines += ["", heading("Differences")]
    if not comparison.differences and not comparison.contrasts:
        lines.append(f"{bullet}the same motives are dominant, and present, for {everyone}")
    for item in comparison.differences:
        lines.append(
            f"{bullet}{item.motive}: dominant for {_who(item, lambda s: s.dominant, show)}; "
            f"not for {_who(item, lambda s: not s.dominant, show)}"
        )
        lines += _sides(item, bullet, show)
    for item in comparison.contrasts:
        present = _who(item, lambda s: s.certainty > 0, show)
        lines.append(
            f"{bullet}{item.motive}: present for {present}; "
            f"not for {_who(item, lambda s: s.certainty <= 0, show)}"
        )
        lines += _sides(item, bullet, show)
    lines += ["", heading("Evidence that separates them")]
    if not comparison.rules:
        lines.append(f"{bullet}every motive rule fired for {everyone} of them or for none")
    for rule in comparison.rules:
        lines.append(f"{bullet}{rule.rule_id} ({rule.concludes}): {show(rule.title)}")
        for side in rule.sides:
            if side.fired:
                lines.append(
                    f"    {bullet}{show(side.country)}: fired on " + "; ".join(c.text for c in side.facts)
                )
            else:
                lines.append(
                    f"    {bullet}{show(side.country)}: not fired, "
                    + ("; ".join(r.text for r in side.missing) or "conditions failed")
                )
    return "\n".join(lines) + "\n"


def _who(item: MotiveComparison, chosen: Callable[[Side], bool], show: Callable[[str], str]) -> str:
    return ", ".join(f"{show(side.country)} ({side.certainty:.2f})" for side in item.sides if chosen(side))


def _sides(item: MotiveComparison, bullet: str, show: Callable[[str], str]) -> list[str]:
    lines = []
    for side in item.sides:
        evidence = (
            ", ".join(f"{step.rule_id} ({step.certainty:+.2f})" for step in side.evidence) or "no evidence"
        )
        lines.append(f"    {bullet}{show(side.country)} ({side.certainty:.2f}): {evidence}")
    return lines


def compare_json(comparison: Comparison) -> str:
    return dump_json(compare_data(comparison))


def compare_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data (the shape of ``compare --format json``)."""

    def sides(items: tuple) -> list[dict[str, Any]]:
        return [
            {
                "country": s.country,
                "certainty": s.certainty,
                "dominant": s.dominant,
                "evidence": [{"rule": step.rule_id, "certainty": step.certainty} for step in s.evidence],
                "not_judged": [{"rule": item.rule_id, "needs": list(item.missing)} for item in s.missing],
            }
            for s in items
        ]

    return {
        "countries": [
            {
                "country": r.country,
                "iso3": r.iso3,
                "as_of": r.as_of.isoformat(),
                "dominant": [str(m) for m in r.dominant],
                "facts_hash": r.facts_hash,
            }
            for r in comparison.results
        ],
        "similarities": [{"motive": str(m.motive), "sides": sides(m.sides)} for m in comparison.similarities],
        "also_shared": [{"motive": str(m.motive), "sides": sides(m.sides)} for m in comparison.also_shared],
        "differences": [{"motive": str(m.motive), "sides": sides(m.sides)} for m in comparison.differences],
        "contrasts": [{"motive": str(m.motive), "sides": sides(m.sides)} for m in comparison.contrasts],
        "separating_rules": [
            {
                "rule": r.rule_id,
                "title": r.title,
                "concludes": r.concludes,
                "sides": [
                    {
                        "country": s.country,
                        "fired": s.fired,
                        "facts": [{"fact": c.fact, "value": c.value, "text": c.text} for c in s.facts],
                        "missing": reasons_data(s.missing),
                    }
                    for s in r.sides
                ],
            }
            for r in comparison.rules
        ],
        **provenance_data(comparison.results[0].rulebase_version),  # one rule base for every country
    }
