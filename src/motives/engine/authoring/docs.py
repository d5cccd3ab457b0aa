"""The reference part of the authoring guide, written from the schema and the registries.

``docs/authoring-rules.md`` holds this text between two markers; a test fails when it differs from what
this module writes (`python tests/regenerate_golden.py` renews it), so the guide can never describe a
field, operator or fact that the loader does not know.
"""

from __future__ import annotations

from collections.abc import Mapping

from motives.engine.model.catalog import load_rules_argument
from motives.engine.model.derived import DERIVED
from motives.engine.model.operators import OPERATORS, Shape
from motives.engine.model.rules import RuleBase
from motives.engine.model.schema import (
    CITATION,
    CONCLUSION,
    DECLARED_FACT,
    EXPECTATION,
    REFERENCE,
    RULE,
    RULE_TEST,
    Key,
)
from motives.engine.model.text import markdown_text
from motives.engine.model.vocabulary import FACTS, MOTIVE_MEANINGS

START = "<!-- reference:start (generated from engine/schema.py and the registries; do not edit) -->"
END = "<!-- reference:end -->"

_SHAPES = {
    Shape.NONE: "no `value`",
    Shape.SCALAR: "`value: V`",
    Shape.LIST: "`value: [a, b, ...]`",
    Shape.RANGE: "`value: [min, max]`",
}


def _keys(table: Mapping[str, Key]) -> list[str]:
    lines = ["| key | type | required | meaning |", "|---|---|---|---|"]
    for key in table.values():
        lines.append(f"| `{key.name}` | {key.kind} | {'yes' if key.required else 'no'} | {key.description} |")
    return lines


def reference_markdown(rulebase: RuleBase | None = None) -> str:
    """The generated reference: every key, operator, motive, fact and derived quantity, and the facts
    ``rulebase`` declares in its ``vocabulary.yaml`` (none: the reference of the guide)."""
    lines = [START, "", "### Rule keys", "", *_keys(RULE), "", "### Conditions", ""]
    lines += [
        "Each item of `when` is one of:",
        "",
        "* `{fact: NAME, op: OP, value: V}`: a test of a fact or derived quantity;",
        "* `{indicator: NAME}`: an indicator some rule derives (it cannot be negated);",
        "* `{all: [...]}`, `{any: [...]}`, `{not: CONDITION}`.",
        "",
        "| operator | or the word | meaning | value | numeric facts only |",
        "|---|---|---|---|---|",
    ]
    for operator in OPERATORS.values():
        numeric = "yes" if operator.numeric_only else "no"
        words = ", ".join(f"`{alias}`" for alias in operator.aliases)
        shape = _SHAPES[operator.shape]
        lines.append(f"| `{operator.name}` | {words} | {operator.description} | {shape} | {numeric} |")
    lines += [
        "",
        "### Conclusions (`then`)",
        "",
        *_keys(CONCLUSION),
        "",
        "### Citations",
        "",
        *_keys(CITATION),
    ]
    lines += ["", "Bibliography entries (`rules/references.yaml`):", "", *_keys(REFERENCE)]
    lines += ["", "### Motives", "", "| motive | meaning |", "|---|---|"]
    lines += [f"| `{motive}` | {meaning} |" for motive, meaning in MOTIVE_MEANINGS.items()]
    lines += ["", "### Facts", "", "| fact | values | meaning |", "|---|---|---|"]
    lines += [f"| `{spec.name}` | {spec.allowed()} | {spec.description} |" for spec in FACTS.values()]
    lines += ["", "Derived quantities (computed, never given in a fact file):", ""]
    lines += [f"* `{d.name}` = {d.formula}: {d.spec.description}" for d in DERIVED.values()]
    lines += ["", "Declared facts (a rules directory's `vocabulary.yaml`, under `facts:`):", ""]
    lines += [*_keys(DECLARED_FACT), *(_declared(rulebase) if rulebase else [])]
    if rulebase is not None:
        lines += ["", "### Indicators", "", *_indicators(rulebase)]
    lines += ["", "### Rule test cases", "", *_keys(RULE_TEST), "", "`expect`:", "", *_keys(EXPECTATION)]
    lines += ["", END]
    return "\n".join(lines) + "\n"


def _declared(rulebase: RuleBase) -> list[str]:
    declared = rulebase.vocabulary.declared
    if not declared:
        return ["", f"`{rulebase.directory}` declares no facts."]
    lines = ["", f"Facts `{rulebase.directory}` declares:", ""]
    lines += ["| fact | values | meaning | cites |", "|---|---|---|---|"]
    for fact in declared:
        spec, cites = fact.spec, "; ".join(rulebase.cite(citation) for citation in fact.citations)
        values = markdown_text(spec.allowed() + (f" ({spec.unit})" if spec.unit else ""))
        lines.append(
            f"| `{spec.name}` | {values} | {markdown_text(spec.description)} | {markdown_text(cites)} |"
        )
    return lines


def _indicators(rulebase: RuleBase) -> list[str]:
    """The indicators the rule base derives, what each says of a country (a rule file's
    ``indicators:``), and the rules that derive and read it."""
    names = rulebase.indicators()
    if not names:
        return [f"`{rulebase.directory}` derives no indicators."]
    lines = ["| indicator | what it says of a country | derived by | read by |", "|---|---|---|---|"]
    for name in names:
        described = markdown_text(rulebase.indicator_descriptions.get(name, "(not described)"))
        derived = ", ".join(f"`{rule.id}`" for rule in rulebase.producers(name))
        read = ", ".join(f"`{rule.id}`" for rule in rulebase.rules if name in rule.indicators_read())
        lines.append(f"| `{name}` | {described} | {derived} | {read} |")
    return lines


def rulebase_reference(rules_dir: str | None = None) -> str:
    """The reference for a rule base (default: the shipped one), with the facts its directory declares."""
    return reference_markdown(load_rules_argument(rules_dir))


def with_reference(document: str) -> str:
    """``document`` with the text between the markers replaced by the current reference."""
    before, start, rest = document.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError("the document lacks the reference markers")
    return before + reference_markdown().rstrip("\n") + after
