"""Renderers for `motives robustness`: per variation, how many verdicts change and whose; per country,
which variations change it; as text, Markdown or JSON (the formats are named in ``render.formats``)."""

from __future__ import annotations

from typing import Any

from motives.engine.analysis.robustness import Flip, Robustness, Scenario
from motives.engine.model.text import escape_unsafe, markdown_text

from .classification import dump_json, provenance_data


def _motives(motives: tuple[Any, ...]) -> str:
    return ", ".join(map(str, motives)) or "none"


def _flip(flip: Flip) -> str:
    return f"{flip.country} {flip.as_of} ({_motives(flip.before)} -> {_motives(flip.after)})"


def _head(result: Robustness) -> list[str]:
    silent = sum(not scenario.flips for scenario in result.rules)
    return [
        f"robustness of rule base {result.rulebase} over {result.compared} fact file(s)",
        f"base: {result.dominance.rule}",
        f"deterministic, no sampling: each motive rule's certainty scaled by 1 +/- {result.percent:g}% alone "
        f"and all together; each dominance threshold varied alone",
        f"{len(result.rules)} certainty variations: {len(result.rules) - silent} change a verdict; "
        f"{len(result.thresholds)} threshold variations: "
        f"{sum(bool(s.flips) for s in result.thresholds)} change a verdict",
    ]


def _shown(result: Robustness) -> list[Scenario]:
    """The variations worth a line: every threshold variation, and the certainty variations that change
    a verdict."""
    return [scenario for scenario in result.rules if scenario.flips] + list(result.thresholds)


def robustness_text(result: Robustness) -> str:
    lines = [*_head(result), "", f"{'variation':<52}{'changed':>8}  countries"]
    for scenario in _shown(result):
        countries = "; ".join(_flip(flip) for flip in scenario.flips) or "-"
        lines.append(f"{scenario.name:<52}{len(scenario.flips):>8}  {countries}")
    fragile = result.fragile()
    lines += ["", f"countries some variation changes ({len(fragile)} of {result.compared})"]
    for country, as_of, names in fragile:
        lines.append(f"  {country} {as_of}: {len(names)} of {len(result.scenarios)}: {', '.join(names)}")
    if result.problems:
        lines += ["", f"not classified ({len(result.problems)})", *(f"  {line}" for line in result.problems)]
    return escape_unsafe("\n".join(lines)) + "\n"


def robustness_markdown(result: Robustness) -> str:
    head = _head(result)
    lines = [f"# {markdown_text(head[0])}", "", *(f"{markdown_text(line)}  " for line in head[1:])]
    lines += ["", "| variation | verdicts changed | countries |", "|---|---:|---|"]
    for scenario in _shown(result):
        countries = "; ".join(_flip(flip) for flip in scenario.flips) or "-"
        lines.append(
            f"| {markdown_text(scenario.name)} | {len(scenario.flips)} | {markdown_text(countries)} |"
        )
    lines += ["", "| country | as of | variations that change it |", "|---|---|---|"]
    for country, as_of, names in result.fragile():
        lines.append(f"| {markdown_text(country)} | {as_of} | {markdown_text(', '.join(names))} |")
    if result.problems:
        lines += ["", "## Not classified", "", *(f"* {markdown_text(line)}" for line in result.problems)]
    return "\n".join(lines) + "\n"


def _scenario_data(scenario: Scenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "varied": scenario.varied,
        "value": scenario.value,
        "changed": len(scenario.flips),
        "flips": [
            {
                "country": flip.country,
                "as_of": flip.as_of,
                "file": flip.path,
                "before": [str(m) for m in flip.before],
                "after": [str(m) for m in flip.after],
            }
            for flip in scenario.flips
        ],
    }


def robustness_json(result: Robustness) -> str:
    return dump_json(
        {
            **provenance_data(result.rulebase),
            "percent": result.percent,
            "dominance": {"minimum": result.dominance.minimum, "margin": result.dominance.margin},
            "method": "deterministic: one variation at a time, no sampling",
            "compared": result.compared,
            "certainty_variations": [_scenario_data(s) for s in result.rules],
            "threshold_variations": [_scenario_data(s) for s in result.thresholds],
            "countries": [
                {"country": country, "as_of": as_of, "changed_by": list(names)}
                for country, as_of, names in result.fragile()
            ],
            "problems": list(result.problems),
        }
    )
