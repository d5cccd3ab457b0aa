"""Renderers for the rule-authoring commands: check, test, coverage, list and show."""

from __future__ import annotations

import json
from collections.abc import Sequence

from motives.engine.authoring.coverage import CoverageReport
from motives.engine.authoring.lint import CheckReport
from motives.engine.authoring.ruletests import CaseResult, RuleTestReport
from motives.engine.inference.trace import Classification
from motives.engine.model.catalog import country_snapshots, snapshot_header
from motives.engine.model.conditions import AllOf, AnyOf, Condition, FactTest, IndicatorTest, NotOf
from motives.engine.model.rules import Rule, RuleBase

from .reasons import reason_lines, reasons_data


def check_text(report: CheckReport) -> str:
    lines = [str(problem) for problem in report.problems]
    summary = (
        f"{report.errors} error(s), {report.warnings} warning(s) in {len(report.checked)} checked path(s)"
    )
    return "\n".join([*lines, summary]) + "\n"


def check_json(report: CheckReport) -> str:
    data = {
        "checked": list(report.checked),
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [problem.to_data() for problem in report.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_text(report: RuleTestReport, verbose: bool = False) -> str:
    lines: list[str] = []
    for result in report.results:
        if result.passed:
            if verbose:
                lines.append(f"PASS {result.case.location}  {result.case.name}")
            continue
        lines.append(f"FAIL {result.case.location}  {result.case.name}")
        lines.extend(f"  {failure}" for failure in result.failures)
        lines.extend(f"  {line}" for line in explanation_lines(result))
    lines.append(f"{report.passed} passed, {report.failed} failed")
    return "\n".join(lines) + "\n"


def test_json(report: RuleTestReport, verbose: bool = False) -> str:
    data = {
        "passed": report.passed,
        "failed": report.failed,
        "cases": [
            {
                "name": result.case.name,
                "location": str(result.case.location),
                "passed": result.passed,
                "failures": list(result.failures),
                "explanation": explanation_lines(result),
                "why": [
                    {"rule": why.rule_id, "fired": why.fired, "reasons": reasons_data(why.reasons)}
                    for why in result.why
                ],
            }
            for result in report.results
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def explanation_lines(result: CaseResult) -> list[str]:
    """Why each rule named fired or did not, then, if a motive was not as expected, what came out."""
    lines = []
    for why in result.why:
        lines.append(f"why {why.rule_id} {'fired' if why.fired else 'did not fire'}:")
        lines.extend(reason_lines(why.reasons, depth=1))
    if result.came_out is not None:
        lines.extend(_certainties(result.came_out))
    return lines


def _certainties(result: Classification) -> list[str]:
    lines = ["what came out:"]
    for motive in result.motives:
        evidence = (
            ", ".join(f"{step.rule_id} {step.certainty:+.2f}" for step in motive.evidence) or "no evidence"
        )
        lines.append(f"  {motive.motive:<13} {motive.certainty:5.2f}  {evidence}")
        for item in motive.unjudged:
            lines.append(f"  {'':<13}        not judged: {item.rule_id} needs {', '.join(item.missing)}")
    return lines


def coverage_text(report: CoverageReport) -> str:
    width = max((len(rule.rule_id) for rule in report.rules), default=10)
    lines = [f"{'rule':<{width}}  fired  (of {report.runs} fact sets)"]
    for rule in report.rules:
        lines.append(f"{rule.rule_id:<{width}}  {rule.fired:5}")
    silent = [rule for rule in report.rules if not rule.fired]
    if silent:
        lines.append("")
        lines.append("never fired:")
        lines.extend(f"  {rule.rule_id}: {rule.blocker}" for rule in silent)
    fired = len(report.rules) - len(silent)
    lines.append("")
    lines.append(
        f"coverage: {fired} of {len(report.rules)} rules fired at least once ({report.percent:.1f}%)"
    )
    return "\n".join(lines) + "\n"


def coverage_json(report: CoverageReport) -> str:
    data = {
        "runs": report.runs,
        "percent": round(report.percent, 2),
        "rules": [
            {"rule": r.rule_id, "conclusion": r.conclusion, "fired": r.fired, "blocker": r.blocker or None}
            for r in report.rules
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def list_text(rules: Sequence[Rule]) -> str:
    rows = [("id", "concludes", "defined at", "title")]
    rows += [(r.id, str(r.conclusion), str(r.location), r.title) for r in rules]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)) for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def list_json(rules: Sequence[Rule]) -> str:
    data = [
        {
            "id": rule.id,
            "concludes": str(rule.conclusion),
            "indicator": rule.indicator,
            "motive": str(rule.motive) if rule.motive else None,
            "certainty": rule.certainty,
            "defined_at": str(rule.location),
            "title": rule.title,
        }
        for rule in rules
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def show_text(rulebase: RuleBase, rule: Rule) -> str:
    lines = [
        f"{rule.id}: {rule.title}",
        f"defined at {rule.location}" + (f"   (formerly: {', '.join(rule.aliases)})" if rule.aliases else ""),
        f"concludes: {rule.conclusion}",
        "when (all of):",
    ]
    lines.extend(f"  {_condition_text(part)}" for part in rule.condition.parts)
    lines.append("rationale:")
    lines.extend(f"  {line}" for line in _wrap(rule.rationale, 96))
    lines.append("citations:")
    for citation in rule.citations:
        reference = rulebase.reference(citation.ref)
        pages = f" ({citation.pages})" if citation.pages else ""
        lines.append(f"  {reference.full}{pages}" + (f" {reference.url}" if reference.url else ""))
    feeds = [p.id for name in dict.fromkeys(rule.indicators_read()) for p in rulebase.producers(name)]
    lines.append("fed by: " + (", ".join(feeds) if feeds else "facts only"))
    if rule.indicator:
        users = [r.id for r in rulebase.rules if rule.indicator in r.indicators_read()]
        lines.append("used by: " + (", ".join(users) if users else "no rule (see `motives rules check`)"))
    return "\n".join(lines) + "\n"


def _condition_text(condition: Condition) -> str:
    if isinstance(condition, FactTest | IndicatorTest):
        return condition.requirement()
    if isinstance(condition, NotOf):
        return f"not ({_condition_text(condition.part)})"
    assert isinstance(condition, AllOf | AnyOf)
    joiner = " and " if isinstance(condition, AllOf) else " or "
    return "(" + joiner.join(_condition_text(part) for part in condition.parts) + ")"


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def countries_text() -> str:
    """The shipped countries as a table: the name to type, country, ISO3 code, snapshot dates."""
    rows = [("name", "country", "iso3", "snapshots")]
    for name, files in country_snapshots().items():
        header = snapshot_header(files[-1][1])
        dates = [date for date, _ in files]
        shown = ", ".join(dates) if len(dates) <= 3 else f"{len(dates)}: {dates[0]} to {dates[-1]}"
        rows.append((name, header.get("country", "?"), header.get("iso3", "?"), shown))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]])
        for row in rows
    ]
    return "\n".join(lines) + "\n"
