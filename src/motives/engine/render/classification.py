"""Renderers: a classification as readable text or as JSON data. Both read the same trace values.

Each renderer (named in ``render.formats``, the CLI's ``--format`` choices) takes the classifications, the
``explain`` switch and ``ids``, and returns the whole output as one string.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from motives.engine.inference.certainty import legend
from motives.engine.inference.trace import Check, Classification, MotiveResult, Step
from motives.engine.model.conditions import fact_words, value_words
from motives.engine.model.facts import Fact
from motives.engine.model.operators import show_value
from motives.engine.model.provenance import data_version, software_version


def to_data(result: Classification) -> dict[str, Any]:
    """A classification as plain JSON-ready data (the shape of ``--format json``)."""
    return {
        "country": result.country,
        "iso3": result.iso3,
        "as_of": result.as_of.isoformat(),
        "facts_file": result.facts_path,
        "facts": [fact_data(fact) for fact in result.facts],
        "dominant": [str(motive) for motive in result.dominant],
        "dominance_rule": result.dominance_rule,
        "coverage": {
            "facts_read": result.coverage.read,
            "known": result.coverage.known,
            "estimates": result.coverage.estimates,
            "lower_bounds": result.coverage.lower_bounds,
            "thin": result.coverage.thin,
        },
        "motives": [_motive_data(motive) for motive in result.motives],
        "fired": list(result.fired),
        **provenance_data(result.rulebase_version, result.facts_hash),
    }


def traced_lines(rulebase: str, facts_hash: str | None = None, facts_path: str | None = None) -> list[str]:
    """What a text output can be traced to, as every one prints it: the facts and their hash (for a result
    about one country's facts), the rule base, the software's and the data panel's versions."""
    facts = f"facts: {facts_path}   " if facts_path else ""
    hashed = f"facts hash: {facts_hash}   " if facts_hash else ""
    return [
        f"{facts}{hashed}rule base: {rulebase}",
        f"made by motives {software_version()}, with the data panel {data_version()}",
    ]


def provenance_data(rulebase: str, facts_hash: str | None = None) -> dict[str, str]:
    """What a result can be traced to, as every JSON output records it: the rule base's hash, the facts'
    hash (for a result about one country's facts), the software's version and the data panel's."""
    facts = {} if facts_hash is None else {"facts_hash": facts_hash}
    return {
        "rulebase": rulebase,
        **facts,
        "motives_version": software_version(),
        "data_version": data_version(),
    }


def fact_data(fact: Fact) -> dict[str, Any]:
    """One fact as JSON-ready data, as ``--format json`` lists it under ``facts``."""
    return {
        "name": fact.name,
        "value": fact.value,
        "source": fact.source,
        "estimate": fact.estimate,
        "lower_bound": fact.lower_bound,
    }


def _motive_data(result: MotiveResult) -> dict[str, Any]:
    return {
        "motive": str(result.motive),
        "certainty": round(result.certainty, 4),
        "dominant": result.dominant,
        "derivation": [_step_data(step) for step in result.evidence],
        "arithmetic": list(result.arithmetic),
        "not_judged": [
            {
                "rule": item.rule_id,
                "title": item.title,
                "certainty": item.certainty,
                "unknown_facts": list(item.missing),
            }
            for item in result.unjudged
        ],
    }


def _step_data(step: Step) -> dict[str, Any]:
    return {
        "rule": step.rule_id,
        "title": step.title,
        "conclusion": step.conclusion,
        "certainty": step.certainty,
        "conditions": [_check_data(check) for check in step.checks],
        "citations": list(step.citations),
        "literature": list(step.literature),
        "threshold_sources": list(step.threshold_sources),
        "defined_at": step.location,
    }


def _check_data(check: Check) -> dict[str, Any]:
    if check.indicator:
        return {
            "text": check.text,
            "indicator": check.indicator,
            "derived_by": [_step_data(s) for s in check.support],
        }
    data: dict[str, Any] = {
        "text": check.text,
        "words": check.words,
        "fact": check.fact,
        "value": check.value,
        "source": check.source,
    }
    if check.inputs:
        data["inputs"] = [_check_data(item) for item in check.inputs]
    return data


def dump_json(data: Any) -> str:
    """JSON as every command writes it: indented, UTF-8 kept as is, one final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def json_document(items: Sequence[Any]) -> str:
    """One JSON object for one input, a JSON array for several: the same rule for every command."""
    return dump_json(items[0] if len(items) == 1 else list(items))


def render_json(results: Sequence[Classification], explain: bool = True, ids: bool = False) -> str:
    """One JSON object for one input, a JSON array for several; always the full derivations."""
    return json_document([to_data(result) for result in results])


def render_text(results: Sequence[Classification], explain: bool = True, ids: bool = False) -> str:
    """A readable report per country; ``explain`` adds each motive's derivation as numbered steps in
    words (``ids``: as the tree of rule ids and fact names), and the legend of certainty once at the end."""
    text = "\n".join(_text(result, explain, ids) for result in results).rstrip("\n") + "\n"
    if explain and results:
        text += "\n" + legend_text(results[0].dominance_rule)
    return text


def legend_text(dominance_rule: str) -> str:
    """The legend of certainty (``certainty.legend``), wrapped for a terminal."""
    return textwrap.fill(legend(dominance_rule), width=_WIDTH) + "\n"


_WIDTH = 100


def _text(result: Classification, explain: bool, ids: bool) -> str:
    lines = [
        f"{result.country} ({result.iso3}), as of {result.as_of.isoformat()}",
        *traced_lines(result.rulebase_version, result.facts_hash, result.facts_path),
    ]
    if result.dominant:
        named = ", ".join(f"{motive} ({result.motive(motive).certainty:.2f})" for motive in result.dominant)
        lines.append(f"Dominant motives: {named}")
    elif result.coverage.thin:
        lines.append("Dominant motives: none (no motive reaches the threshold; the facts are thin)")
    else:
        lines.append("Dominant motives: none (no motive reaches the threshold)")
    lines.append(f"  ({result.dominance_rule})")
    lines.append(f"  {result.coverage.text()}")
    lines.append("")
    sources = SourceNotes()
    for motive in result.motives:
        marker = "  DOMINANT" if motive.dominant else ""
        lines.append(f"{motive.motive:<14}{motive.certainty:5.2f}{marker}")
        if explain:
            lines.extend(motive_text(motive, ids, sources))
            lines.append("")
    if explain:
        lines.extend(_sources_text(result) if ids else sources.text())
    lines.append("")
    return "\n".join(lines)


def motive_text(motive: MotiveResult, ids: bool = False, sources: SourceNotes | None = None) -> list[str]:
    """A motive's evidence: numbered steps in words, each value marked with its source note in
    ``sources`` (default), or the tree of rule ids and fact names (``ids``)."""
    if ids:
        return _motive_tree(motive)
    return _Steps(sources if sources is not None else SourceNotes()).motive(motive)


class SourceNotes:
    """The sources of the values a trace shows, numbered in order of first use: ``[1]``, ``[2]``..."""

    def __init__(self) -> None:
        self.notes: dict[str, tuple[int, Check]] = {}

    def mark(self, check: Check) -> str:
        if check.fact is None or check.source is None or check.value is None or check.inputs:
            return ""
        key = check.fact
        if key not in self.notes:
            self.notes[key] = (len(self.notes) + 1, check)
        return f" [{self.notes[key][0]}]"

    def text(self) -> list[str]:
        if not self.notes:
            return []
        lines = ["Sources of the values:"]
        for number, check in sorted(self.notes.values(), key=lambda item: item[0]):
            assert check.fact is not None and check.value is not None  # only facts with values are marked
            lines.append(f"  [{number}] {value_words(check.fact, check.value)}: {check.source}")
        lines.append("")
        return lines


class _Steps:
    """One motive's evidence as numbered steps: each indicator's derivation before the rule reading it."""

    def __init__(self, sources: SourceNotes) -> None:
        self.sources = sources
        self.numbers: dict[str, int] = {}
        self.lines: list[str] = []

    def motive(self, motive: MotiveResult) -> list[str]:
        if not motive.evidence:
            self.lines.append("  no rule gave evidence")
        for step in motive.evidence:
            self.step(step)
        if len(motive.evidence) > 1:
            self.lines.append("  certainty: " + "; ".join(motive.arithmetic))
        for item in motive.unjudged:
            needs = "; ".join(fact_words(name) for name in item.missing)
            self.lines.append(
                f"  not judged, facts unknown: {item.title} ({item.certainty:+.2f}) needs {needs}"
            )
        return self.lines

    def step(self, step: Step) -> int:
        if step.rule_id in self.numbers:
            return self.numbers[step.rule_id]
        for check in step.checks:
            for support in check.support:
                self.step(support)
        number = self.numbers[step.rule_id] = len(self.numbers) + 1
        lead = f"  {number}. "
        pad = " " * len(lead)
        for index, check in enumerate(step.checks):
            condition = self._condition(check)
            self.lines.append(
                lead + condition[:1].upper() + condition[1:] if index == 0 else f"{pad}and {condition}"
            )
            for item in check.inputs:
                self.lines.append(f"{pad}    from {item.words}{self.sources.mark(item)}")
        outcome = step.title if step.certainty is None else f"{step.title}, evidence {step.certainty:+.2f}"
        self.lines.append(f"{pad}so: {outcome}")
        if step.threshold_sources:
            self.lines.append(f"{pad}threshold from {'; '.join(step.threshold_sources)}")
        if step.literature:
            self.lines.append(f"{pad}cites {'; '.join(step.literature)}")
        return number

    def _condition(self, check: Check) -> str:
        if check.indicator:
            return ", and ".join(f"{s.title} (step {self.numbers[s.rule_id]})" for s in check.support)
        return check.words + self.sources.mark(check)


def _motive_tree(motive: MotiveResult) -> list[str]:
    lines: list[str] = []
    if not motive.evidence:
        lines.append("  no rule gave evidence")
    for step in motive.evidence:
        lines.extend(_step_text(step, indent="  ", lead=f"{step.certainty:+.2f} "))
    if len(motive.evidence) > 1:
        lines.append("  certainty: " + "; ".join(motive.arithmetic))
    for item in motive.unjudged:
        needs = ", ".join(item.missing)
        lines.append(f"  not judged, facts unknown: {item.rule_id} ({item.certainty:+.2f}) needs {needs}")
    return lines


def _step_text(step: Step, indent: str, lead: str) -> list[str]:
    lines = [f"{indent}{lead}{step.rule_id}: {step.title}"]
    inner = indent + " " * (len(lead) + 2)
    for check in step.checks:
        lines.extend(_check_text(check, inner))
    if step.threshold_sources:
        lines.append(f"{inner}threshold from: {'; '.join(step.threshold_sources)}")
    if step.literature:
        lines.append(f"{inner}cites: {'; '.join(step.literature)}")
    return lines


def _check_text(check: Check, indent: str) -> list[str]:
    if check.indicator:
        lines = [f"{indent}{check.text}"]
        for step in check.support:
            lines.extend(_step_text(step, indent + "  ", lead="<- "))
        return lines
    if check.inputs:
        return [f"{indent}{check.text}   ({check.source})"]
    return [f"{indent}{check.text}"]


def _sources_text(result: Classification) -> list[str]:
    """Each fact the explanations rely on, once, with its value and source."""
    used: dict[str, Check] = {}
    for motive in result.motives:
        for step in motive.evidence:
            _collect_facts(step, used)
    if not used:
        return []
    lines = ["Sources of the facts used:"]
    for name in sorted(used):
        check = used[name]
        lines.append(f"  {name} = {show_value(check.value)}: {check.source}")
    lines.append("")
    return lines


def _collect_facts(step: Step, used: dict[str, Check]) -> None:
    for check in step.checks:
        for item in (check, *check.inputs):
            if item.fact and not item.inputs and item.value is not None:
                used.setdefault(item.fact, item)
        for support in check.support:
            _collect_facts(support, used)
