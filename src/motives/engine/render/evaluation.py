"""Renderers for `motives evaluate`: the summary against both baselines, the scores by motive and by
rule, and a row per country (verdict, label with its sources, the facts that decided the verdict), as
text, Markdown or JSON (the formats are named in ``render.formats``)."""

from __future__ import annotations

import textwrap
from typing import Any

from motives.engine.analysis.evaluation import CountryResult, Evaluation, Evidence, RuleAgreement
from motives.engine.analysis.scoring import (
    MotiveScore,
    Scores,
    hit,
    jaccard,
)
from motives.engine.model.operators import show_value
from motives.engine.model.text import escape_unsafe, markdown_text
from motives.engine.model.vocabulary import Motive

from .agreement import (
    FIGURES,
    by_kind_markdown,
    by_kind_text,
    confusion_data,
    confusion_markdown,
    confusion_text,
    differences_data,
    first_upper,
    pair_data,
    scores_summary,
    show_difference,
    sources_sentence,
    versus_title,
)
from .classification import dump_json, provenance_data

_SHORT = {"always the most common label": "most common", "most common label by income group": "by income"}


def _motives(motives: tuple[Motive, ...] | list[Motive]) -> str:
    return ", ".join(map(str, motives)) or "none"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _verdict(country: CountryResult) -> str:
    certainty = dict(country.certainties)
    if country.rules.dominant:
        return ", ".join(f"{m} {certainty[m]:.2f}" for m in country.rules.dominant)
    motive, value = country.certainties[0]
    thin = "; the facts are thin" if country.coverage.thin else ""
    return f"none dominant (strongest {motive} {value:.2f}{thin})"


def _undecided_lines(country: CountryResult) -> list[str]:
    """Where no motive is dominant: the unknown facts that alone could have made one dominant."""
    if country.rules.dominant or not country.undecided:
        return []
    lines = ["  unknown    facts that could each have made a motive dominant:"]
    lines += [
        f"    {item.motive} {item.certainty:+.2f} {item.rule_id} needs {', '.join(item.missing)}"
        for item in country.undecided
    ]
    return lines


def _label(country: CountryResult) -> str:
    votes, rows = country.label.votes, len(country.label.rows)
    top = max(votes.values())
    return f"{_motives(country.label.label)} ({top} of {rows} source{'s' if rows > 1 else ''})"


def _agreement(country: CountryResult) -> str:
    top1 = "yes" if hit(country.rules, country.label.label) else "no"
    return f"top-1 {top1}, Jaccard {jaccard(country.rules.dominant, country.label.label):.2f}"


def _decisive(country: CountryResult) -> list[Evidence]:
    """The evidence of the dominant motives, or of the strongest motive when none is dominant."""
    shown = country.rules.dominant or (country.certainties[0][0],)
    return [evidence for evidence in country.evidence if evidence.motive in shown]


def _evidence_line(evidence: Evidence) -> str:
    facts = ", ".join(f"{fact.name} = {show_value(fact.value)}" for fact in evidence.facts)
    return f"{evidence.motive} {evidence.certainty:+.2f} {evidence.rule_id}: {facts}"


def _row_motives(dominant: tuple[Motive, ...], secondary: tuple[Motive, ...]) -> str:
    return _motives(dominant) + (f" (beside: {_motives(secondary)})" if secondary else "")


def evaluation_text(evaluation: Evaluation) -> str:
    rows = sum(len(c.label.rows) for c in evaluation.countries)
    names = [_SHORT.get(name, name) for name, _ in evaluation.baselines]
    lines = [
        f"Agreement with {len(evaluation.countries)} labelled countries ({rows} source rows)",
        f"({evaluation.dominance.rule})",
        "",
        f"{'':<50}{'rule base':>11}" + "".join(f"{name:>13}" for name in names),
    ]
    for title, figure in FIGURES:
        cells = "".join(f"{figure(scores):13.2f}" for _, scores in evaluation.baselines)
        lines.append(f"{title:<50}{figure(evaluation.rules):11.2f}{cells}")
    lines += [
        "baselines fitted leave-one-country-out: most common = always the most common label; by income =",
        "the most common label among countries of the same income group (the rule base is not fitted)",
        "",
        *textwrap.wrap(versus_title(len(evaluation.countries)), width=100),
        *(
            f"  {_SHORT.get(name, name):<13}top-1 {show_difference(top1)}   Jaccard {show_difference(jac)}"
            for name, top1, jac in evaluation.versus
        ),
        "",
        *textwrap.wrap(sources_sentence(evaluation.sources), width=100),
        *by_kind_text(evaluation.by_kind),
        "",
        "by motive (rule base, dominant against labelled): precision, recall, F1; true pos, false pos, "
        "false neg, true neg",
    ]
    lines += [_motive_line(score) for score in evaluation.rules.motives]
    lines += ["", *confusion_text(evaluation.rules)]
    lines += ["", *_by_rule_text(evaluation.by_rule), "", "countries"]
    for country in evaluation.countries:
        lines += _country_text(country)
    return escape_unsafe("\n".join(lines)) + "\n"


BY_RULE_TITLE = (
    "by rule: of the labelled countries each motive rule fired for, those whose label bears it out",
    "(evidence for a motive: the label names it; against: the label leaves it out), top-1 and Jaccard of",
    "the rule base without the rule, and the countries that do not bear it out (* a source row agrees)",
)


def _by_rule_text(by_rule: tuple[RuleAgreement, ...]) -> list[str]:
    fired = [rule for rule in by_rule if rule.fired]
    width = max((len(rule.rule_id) for rule in fired), default=0) + 2
    lines = list(BY_RULE_TITLE)
    for rule in fired:
        against = ", ".join(_against(rule)) or "-"
        lines.append(
            f"  {rule.rule_id:<{width}}{rule.certainty:+.2f}  {len(rule.borne_out):>3} of {rule.fired:<3}"
            f"{_number(rule.share):>6}   without {_without(rule)}   not: {against}"
        )
    idle = [rule.rule_id for rule in by_rule if not rule.fired]
    if idle:
        lines.append(f"  fired for no labelled country: {', '.join(idle)}")
    return lines


def _without(rule: RuleAgreement) -> str:
    top1, jaccard = rule.without
    return f"{top1:.2f}/{jaccard:.2f}"


def _against(rule: RuleAgreement) -> list[str]:
    return [f"{iso3}*" if iso3 in rule.a_source_agrees else iso3 for iso3 in rule.against]


def _motive_line(score: MotiveScore) -> str:
    figures = "".join(f"{_number(value):>7}" for value in (score.precision, score.recall, score.f1))
    counts = "".join(
        f"{count:5}"
        for count in (score.true_positive, score.false_positive, score.false_negative, score.true_negative)
    )
    return f"  {score.motive!s:<15}{figures}  {counts}"


def _country_text(country: CountryResult) -> list[str]:
    baselines = "; ".join(f"{_SHORT.get(name, name)}: {motive}" for name, motive in country.baselines)
    lines = [
        "",
        f"{country.country} ({country.iso3}), as of {country.as_of}, income group "
        f"{country.income_group or 'unknown'}  [{country.facts_path}]",
        f"  verdict    {_verdict(country)}",
        f"  facts      {country.coverage.text()}",
        *_undecided_lines(country),
        f"  label      {_label(country)}: {_agreement(country)}",
        f"  baselines  {baselines}",
        "  sources",
    ]
    for row in country.label.rows:
        lines.append(f"    {_row_motives(row.dominant, row.secondary)}: {row.source} <{row.url}>")
    decisive = _decisive(country)
    lines.append("  decided by" if decisive else "  decided by no fired rule (no evidence for any motive)")
    lines += [f"    {_evidence_line(evidence)}" for evidence in decisive]
    return lines


def evaluation_markdown(evaluation: Evaluation) -> str:
    rows = sum(len(c.label.rows) for c in evaluation.countries)
    names = [name for name, _ in evaluation.baselines]
    lines = [
        f"# Agreement with {len(evaluation.countries)} labelled countries ({rows} source rows)",
        "",
        f"{markdown_text(evaluation.dominance.rule)}.",
        "",
        "| | rule base | " + " | ".join(f"{name} (leave-one-country-out)" for name in names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    for title, figure in FIGURES:
        cells = " | ".join(f"{figure(scores):.2f}" for _, scores in evaluation.baselines)
        lines.append(f"| {title} | {figure(evaluation.rules):.2f} | {cells} |")
    lines += [
        "",
        markdown_text(first_upper(versus_title(len(evaluation.countries)))),
        "",
        "| baseline | top-1, rule base minus baseline | Jaccard, rule base minus baseline |",
        "|---|---:|---:|",
        *(
            f"| {name} | {show_difference(top1)} | {show_difference(jac)} |"
            for name, top1, jac in evaluation.versus
        ),
        "",
        markdown_text(first_upper(sources_sentence(evaluation.sources))) + ".",
        *by_kind_markdown(evaluation.by_kind),
        "",
        "## By motive (rule base)",
        "",
        "| motive | precision | recall | F1 | true pos | false pos | false neg | true neg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in evaluation.rules.motives:
        lines.append(
            f"| {s.motive} | {_number(s.precision)} | {_number(s.recall)} | {_number(s.f1)} | "
            f"{s.true_positive} | {s.false_positive} | {s.false_negative} | {s.true_negative} |"
        )
    lines += ["", *confusion_markdown(evaluation.rules)]
    lines += [
        "",
        "## By rule",
        "",
        markdown_text(" ".join(BY_RULE_TITLE)[len("by rule: ") :].capitalize()) + ".",
        "",
        "| rule | motive | certainty | fired for | borne out | share | top-1 / Jaccard without it "
        "| not borne out |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for rule in evaluation.by_rule:
        lines.append(
            f"| {rule.rule_id} | {rule.motive} | {rule.certainty:+.2f} | {rule.fired} | "
            f"{len(rule.borne_out)} | {_number(rule.share)} | {_without(rule)} | "
            f"{', '.join(_against(rule)) or '-'} |"
        )
    lines += [
        "",
        "## Countries",
        "",
        "| country | as of | income group | verdict | facts known | label | agreement | "
        + " | ".join(names)
        + " | decided by |",
        "|---|---|---|---|---|---|---|" + "---|" * len(names) + "---|",
    ]
    for c in evaluation.countries:
        decided = "; ".join(markdown_text(_evidence_line(e)) for e in _decisive(c)) or "no fired rule"
        baselines = " | ".join(str(motive) for _, motive in c.baselines)
        lines.append(
            f"| {markdown_text(c.country)} | {c.as_of} | {markdown_text(c.income_group or 'unknown')} | "
            f"{_verdict(c)} | {markdown_text(c.coverage.text())} | {_label(c)} | {_agreement(c)} | "
            f"{baselines} | {decided} |"
        )
    lines += ["", "## Sources", ""]
    for c in evaluation.countries:
        for row in c.label.rows:
            lines.append(
                f"* **{markdown_text(c.country)}**: {_row_motives(row.dominant, row.secondary)}. "
                f"{markdown_text(row.source)}, [{markdown_text(row.url)}]({markdown_text(row.url)}): "
                f"\u201c{markdown_text(row.excerpt)}\u201d"
            )
    return "\n".join(lines) + "\n"


def _scores_data(scores: Scores) -> dict[str, Any]:
    return {
        **scores_summary(scores),
        "motives": {
            str(s.motive): {
                "precision": None if s.precision is None else round(s.precision, 4),
                "recall": None if s.recall is None else round(s.recall, 4),
                "f1": None if s.f1 is None else round(s.f1, 4),
                "tp": s.true_positive,
                "fp": s.false_positive,
                "fn": s.false_negative,
                "tn": s.true_negative,
            }
            for s in scores.motives
        },
        "confusion": confusion_data(scores),
    }


def _country_data(c: CountryResult) -> dict[str, Any]:
    return {
        "country": c.country,
        "iso3": c.iso3,
        "as_of": c.as_of,
        "facts_file": c.facts_path,
        "facts_hash": c.facts_hash,
        "income_group": c.income_group,
        "coverage": {
            "facts_read": c.coverage.read,
            "known": c.coverage.known,
            "estimates": c.coverage.estimates,
            "lower_bounds": c.coverage.lower_bounds,
            "thin": c.coverage.thin,
        },
        "undecided": [
            {
                "motive": str(item.motive),
                "rule": item.rule_id,
                "certainty": item.certainty,
                "unknown_facts": list(item.missing),
            }
            for item in c.undecided
        ],
        "predicted": [str(m) for m in c.rules.dominant],
        "strongest": str(c.rules.strongest) if c.rules.strongest else None,
        "certainty": {str(m): round(value, 4) for m, value in c.certainties},
        "label": [str(m) for m in c.label.label],
        "votes": {str(m): n for m, n in c.label.votes.items()},
        "top1": hit(c.rules, c.label.label),
        "jaccard": round(jaccard(c.rules.dominant, c.label.label), 4),
        "baselines": {name: str(motive) for name, motive in c.baselines},
        "sources": [
            {
                "dominant": [str(m) for m in row.dominant],
                "secondary": [str(m) for m in row.secondary],
                "source": row.source,
                "published": row.published,
                "url": row.url,
                "excerpt": row.excerpt,
                "note": row.note or None,
            }
            for row in c.label.rows
        ],
        "evidence": [
            {
                "motive": str(e.motive),
                "rule": e.rule_id,
                "certainty": e.certainty,
                "facts": [{"name": f.name, "value": f.value, "source": f.source} for f in e.facts],
            }
            for e in c.evidence
        ],
    }


def evaluation_json(evaluation: Evaluation) -> str:
    return dump_json(evaluation_data(evaluation))


def evaluation_data(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON data: ``--format json`` and the Python API's ``to_dict()``."""
    versus = {name: (top1, jac) for name, top1, jac in evaluation.versus}
    return {
        "summary": {
            **provenance_data(evaluation.rulebase),
            "countries": len(evaluation.countries),
            "source_rows": sum(len(c.label.rows) for c in evaluation.countries),
            "dominance": {
                "minimum": evaluation.dominance.minimum,
                "margin": evaluation.dominance.margin,
                "rule": evaluation.dominance.rule,
            },
            "rule_base": _scores_data(evaluation.rules),
            "baselines": {
                name: {
                    "leave_one_country_out": True,
                    **_scores_data(scores),
                    "rule_base_minus_baseline": differences_data(*versus[name]),
                }
                for name, scores in evaluation.baselines
            },
            "by_kind": [
                {
                    "kind": group.kind or None,
                    "rows": group.rows,
                    "rule_base": pair_data(*group.ours),
                    "most_common": pair_data(*group.theirs),
                }
                for group in evaluation.by_kind
            ],
            "sources": {
                "countries": evaluation.sources.countries,
                "rows": evaluation.sources.rows,
                **pair_data(evaluation.sources.top1, evaluation.sources.jaccard),
                "rule_base": pair_data(evaluation.sources.rules_top1, evaluation.sources.rules_jaccard),
            },
        },
        "by_rule": [
            {
                "rule": rule.rule_id,
                "motive": str(rule.motive),
                "certainty": rule.certainty,
                "fired": rule.fired,
                "borne_out": list(rule.borne_out),
                "against": list(rule.against),
                "against_but_a_source_agrees": list(rule.a_source_agrees),
                "without": pair_data(*rule.without),
            }
            for rule in evaluation.by_rule
        ],
        "countries": [_country_data(c) for c in evaluation.countries],
    }
