"""The JSON of every command follows its published JSON Schema (``schema/output/``, draft 2020-12).

Each case runs a command through the CLI and validates what it prints against the shipped schema of its
result type; ``shows`` names parts of the output the case is there to reach (a why-not reason through an
indicator chain, a problem of a rule check...), so that a case that stops reaching them fails. The
schemas are not vacuous: a mutated output (a motive misspelt, a required key removed, a key added...)
fails validation. The schemas are generated (``render/output_schemas/``) and must be fresh, and every
result type with a JSON format has one.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support import FIXTURE_FACTS, fixture_countries, run

from motives import SHIPPED_RULES
from motives.engine.render.formats import FORMATS
from motives.engine.render.output_schemas import (
    DRAFT,
    OUTPUT_SCHEMAS,
    SCHEMAS,
    schema_file,
    schema_path,
    schema_text,
)

FIX = fixture_countries()
CASES = Path(__file__).parent / "cases"
DIFF = CASES / "rulediff" / "raise_a_weight"
THREE_RULES = CASES / "robustness" / "three_rules" / "rules"
FIVE_COUNTRIES = CASES / "evaluation" / "five_countries"
DEEP_CHAIN = CASES / "output_schemas" / "deep_chain"  # an indicator chain deeper than why-not follows
MISSING = CASES / "countries" / "no_such_country.yaml"

OK, INPUT, WARNINGS, TESTS_FAILED = {0}, {1}, {4}, {5}


def case(name: str, kind: str, *args: object, codes: set[int] = OK, shows: tuple[str, ...] = ()) -> Any:
    """A command line: each text argument is split into words, a path is one argument."""
    words = tuple(word for arg in args for word in (arg.split() if isinstance(arg, str) else [str(arg)]))
    return pytest.param(kind, words, frozenset(codes), shows, id=name)


JSON = "--format json"

COMMANDS = [
    # classify: a shipped country, fixture files, several inputs (an array), a folder, an old snapshot
    case(
        "classify-india",
        "classification",
        "classify india",
        JSON,
        shows=('"derived_by"', '"unknown_facts"', '"lower_bound": true'),
    ),
    case("classify-ghana-fixture", "classification", "classify", FIX["ghana"], JSON, shows=('"inputs"',)),
    case("classify-two", "classification", "classify usa", FIX["usa"], JSON),
    case("classify-folder", "classification", "classify", FIXTURE_FACTS, JSON, shows=('"thin": true',)),
    case("classify-1991", "classification", "classify brazil --as-of 1991-06-30", JSON),
    case("classify-other-rules", "classification", "classify", FIX["china"], "--rules", THREE_RULES, JSON),
    # classify --set: what-if, a fact made unknown, several inputs
    case("what-if-india", "what_if", "classify india --set female_personnel=800", JSON),
    case(
        "what-if-unknown",
        "what_if",
        "classify",
        FIX["usa"],
        "--set unsc_permanent=unknown --set training_provider=false",
        JSON,
        shows=('"after": null',),
    ),
    case("what-if-two", "what_if", "classify", FIX["india"], FIX["norway"], "--set missions_count=12", JSON),
    # explain: every motive of one country, several countries at once, a chain deeper than followed
    *(
        case(f"explain-india-{motive}", "explanation", f"explain india {motive}", JSON)
        for motive in ("political", "economic", "security", "institutional", "normative")
    ),
    case(
        "explain-fixtures-political",
        "explanation",
        "explain",
        FIX["usa"],
        FIX["bangladesh"],
        FIX["fiji"],
        "political",
        JSON,
        shows=('"kind": "one_of"', '"kind": "indicator"', '"status": "holds"', '"status": "unknown"'),
    ),
    case(
        "explain-deep-chain",
        "explanation",
        "explain",
        FIX["usa"],
        "political --rules",
        DEEP_CHAIN,
        JSON,
        shows=('"omitted": true',),
    ),
    # counterfactual: no answer, answers (one with a fact unknown before), already so
    case("counterfactual-none", "counterfactual", "counterfactual india --target economic", JSON),
    case(
        "counterfactual-drop",
        "counterfactual",
        "counterfactual india --drop political",
        JSON,
        shows=('"via"',),
    ),
    case(
        "counterfactual-target",
        "counterfactual",
        "counterfactual",
        FIX["ghana"],
        FIX["india"],
        "--target security",
        JSON,
        shows=('"before": null',),
    ),
    case(
        "counterfactual-already",
        "counterfactual",
        "counterfactual",
        FIX["india"],
        "--target normative --fix missions_count",
        JSON,
        shows=('"already": true',),
    ),
    # sensitivity: robust, fragile
    case("sensitivity-india", "sensitivity", "sensitivity india", JSON, shows=('"margin_pct": null',)),
    case(
        "sensitivity-wide",
        "sensitivity",
        "sensitivity",
        FIX["usa"],
        "ghana --percent 30",  # Ghana's three motives lie within 0.08 of each other: fragile
        JSON,
        shows=('"label": "fragile', '"label": "robust'),
    ),
    # compare
    case(
        "compare-three",
        "comparison",
        "compare usa india brazil",
        JSON,
        shows=('"fired": true', '"kind": "fact"', '"differences": [\n    {', '"contrasts": [\n    {'),
    ),
    case(
        "compare-fixtures",
        "comparison",
        "compare",
        FIX["usa"],
        FIX["china"],
        JSON,
        shows=('"similarities": [\n    {', '"also_shared": [\n    {'),
    ),
    # evaluate: the shipped labels, and a labelled set with its own rules
    case(
        "evaluate-shipped", "evaluation", "evaluate", JSON, shows=('"precision": null', '"strongest": null')
    ),
    case(
        "evaluate-five",
        "evaluation",
        "evaluate",
        FIVE_COUNTRIES / "labels.yaml",
        "--rules",
        FIVE_COUNTRIES / "rules",
        JSON,
    ),
    # robustness: the shipped rules on fixtures (one unreadable), a small rule base that flips verdicts
    case(
        "robustness-shipped",
        "robustness",
        "robustness",
        FIX["usa"],
        FIX["ghana"],
        MISSING,
        JSON,
        shows=('"problems": [\n    "',),
    ),
    case(
        "robustness-three-rules",
        "robustness",
        "robustness",
        FIX["usa"],
        FIX["china"],
        FIX["norway"],
        "--rules",
        THREE_RULES,
        "--minimums 0.45 --margins 0.01",
        JSON,
        shows=('"changed_by"', '"varied": "all motive rules"'),
    ),
    # rules diff: without labels, with labels and an unreadable file
    case(
        "rules-diff",
        "rule_diff",
        "rules diff",
        DIFF / "old",
        DIFF / "new",
        FIX["china"],
        FIX["norway"],
        "--no-labels",
        JSON,
        shows=('"agreement": null', '"rules_lost": [\n        "'),
    ),
    case(
        "rules-diff-labels",
        "rule_diff",
        "rules diff",
        DIFF / "old",
        DIFF / "new",
        FIX["usa"],
        MISSING,
        "--labels",
        FIVE_COUNTRIES / "labels.yaml",
        JSON,
        shows=('"macro_f1"',),
    ),
    # rules check: the shipped rules, broken rule directories and fact files, warnings only
    case("rules-check-shipped", "rule_check", "rules check", SHIPPED_RULES, JSON),
    case(
        "rules-check-bad",
        "rule_check",
        "rules check",
        CASES / "bad_rules" / "duplicate_rule_id",
        CASES / "bad_facts" / "several_problems.yaml",
        CASES / "lint" / "redundant",
        JSON,
        codes=INPUT,
        shows=('"severity": "error"', '"severity": "warning"'),
    ),
    case(
        "rules-check-warnings",
        "rule_check",
        "rules check",
        DEEP_CHAIN,
        CASES / "lint" / "unused_reference",
        JSON,
        codes=WARNINGS,
        shows=('"line": null',),
    ),
    # rules test: a failing case file (why reasons), the shipped tests
    case(
        "rules-test-failing",
        "rule_tests",
        "rules test",
        CASES / "ruletests" / "failing.yaml",
        JSON,
        codes=TESTS_FAILED,
        shows=('"fired": false', '"fired": true', '"kind": "indicator"'),
    ),
    case("rules-test-shipped", "rule_tests", "rules test -v", JSON, shows=('"passed": true',)),
    # rules coverage and list
    case(
        "rules-coverage",
        "rule_coverage",
        "rules coverage",
        FIX["usa"],
        FIX["india"],
        FIX["ghana"],
        JSON,
        shows=('"blocker": "', '"blocker": null'),
    ),
    case(
        "rules-coverage-other-rules",
        "rule_coverage",
        "rules coverage",
        FIX["usa"],
        "--rules",
        THREE_RULES,
        JSON,
    ),
    case("rules-list", "rule_list", "rules list", JSON, shows=('"indicator": null', '"motive": null')),
    case("rules-list-motive", "rule_list", "rules list --motive economic", JSON),
    # batch: json and jsonl, a folder, an unreadable file (no row, exit 1), nothing readable at all
    case("batch-json", "batch_row", "batch usa india brazil", JSON),
    case(
        "batch-jsonl", "batch_row", "batch", FIXTURE_FACTS, "--format jsonl", shows=('"facts_unknown": ["',)
    ),
    case("batch-json-problem", "batch_row", "batch", FIX["usa"], MISSING, JSON, codes=INPUT),
    case("batch-json-empty", "batch_row", "batch", MISSING, JSON, codes=INPUT),
    case(
        "batch-jsonl-other-rules",
        "batch_row",
        "batch",
        FIX["usa"],
        FIX["china"],
        "--rules",
        THREE_RULES,
        "--format jsonl",
    ),
]


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    """The validator of the shipped schema (what users read), with format checking off."""
    return jsonschema.Draft202012Validator(json.loads(schema_path(kind).read_text(encoding="utf-8")))


@cache
def output(args: tuple[str, ...]) -> tuple[int, str, str]:
    return run(*args)


def documents(kind: str, args: tuple[str, ...], text: str) -> list[Any]:
    """What the schema describes: the whole output, or for batch each row (a line of jsonl, an item of
    the array json writes)."""
    if kind != "batch_row":
        return [json.loads(text)]
    if "jsonl" in args:
        return [json.loads(line) for line in text.splitlines()]
    rows = json.loads(text)
    assert isinstance(rows, list)
    return rows


def problems(kind: str, document: Any) -> list[str]:
    """Each error with where it is in the document; for an object that fits no branch of a oneOf, the
    deepest error under it that is not a wrong ``kind`` (why it fails the branch it comes closest to)."""
    found = []
    for error in validator(kind).iter_errors(document):
        while error.context:
            error = max(
                error.context, key=lambda inner: (inner.validator != "const", len(inner.absolute_path))
            )
        message = (
            error.message if len(error.message) < 300 else f"{error.message[:140]} ... {error.message[-140:]}"
        )
        found.append(f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {message}")
    return sorted(found)


@pytest.mark.parametrize(("kind", "args", "codes", "shows"), COMMANDS)
def test_the_json_of_every_command_follows_its_schema(
    kind: str, args: tuple[str, ...], codes: frozenset[int], shows: tuple[str, ...]
) -> None:
    code, out, err = output(args)
    assert code in codes, (code, err[-2000:])
    found = documents(kind, args, out)
    for document in found:
        assert problems(kind, document) == []
    for part in shows:
        assert part in out, f"the case no longer reaches {part!r}"


def test_every_schema_is_reached_by_a_command() -> None:
    assert {param.values[0] for param in COMMANDS} == set(SCHEMAS)


# --- the schemas are not vacuous --------------------------------------------------------------------------


def _dicts(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in ``data``, depth first."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _dicts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _dicts(value)


def _first(data: Any, key: str, value: Any = ...) -> dict[str, Any]:
    """The first object holding ``key`` (with ``value``, when given)."""
    return next(d for d in _dicts(data) if key in d and (value is ... or d[key] == value))


def _set(key: str, value: Any, where: tuple[str, Any] | None = None) -> Callable[[Any], None]:
    def mutate(data: Any) -> None:
        _first(data, *(where or (key,)))[key] = value

    return mutate


def _drop(key: str, where: tuple[str, Any] | None = None) -> Callable[[Any], None]:
    def mutate(data: Any) -> None:
        del _first(data, *(where or (key,)))[key]

    return mutate


def _twice(data: Any) -> None:
    """A classification lists one motive twice (and another not at all)."""
    motives = data["motives"]
    motives[1] = copy.deepcopy(motives[0])


# (case, what is wrong, how to make it wrong, a part of the error it must give)
MUTATIONS = [
    (
        "classify-india",
        "a dominant motive misspelt",
        _set("dominant", ["normativ"]),
        "dominant/0: 'normativ'",
    ),
    ("classify-india", "the facts hash removed", _drop("facts_hash"), "'facts_hash' is a required"),
    (
        "classify-india",
        "a key added",
        _set("verdict", "x", where=("facts_hash",)),
        "'verdict' was unexpected",
    ),
    ("classify-india", "a motive twice, another left out", _twice, "does not contain items"),
    (
        "classify-india",
        "a condition without its source",
        _drop("source", where=("words",)),
        "'source' is a required",
    ),
    ("classify-india", "a count as text", _set("known", "14"), "coverage/known: '14' is not of type"),
    (
        "classify-ghana-fixture",
        "an input of a derived value without its value",
        lambda data: _first(data, "inputs")["inputs"][0].pop("value"),
        "/inputs/0: 'value' is a required",
    ),
    ("what-if-india", "the result's rule base not a hash", _set("rulebase", "v1"), "result/rulebase: 'v1'"),
    ("what-if-india", "a motive gained that is none", _set("gained", ["trade"]), "gained/0: 'trade'"),
    (
        "explain-fixtures-political",
        "a reason of an unknown kind",
        _set("kind", "fact_test", where=("kind", "fact")),
        "/alternatives/0/0:",
    ),
    (
        "explain-fixtures-political",
        "a status misspelt",
        _set("status", "failed", where=("kind", "indicator")),
        "status: 'failed' is not one of",
    ),
    (
        "explain-fixtures-political",
        "a reason of an alternative without its text",
        lambda data: _first(data, "alternatives")["alternatives"][0][0].pop("text"),
        "'text' is a required",
    ),
    (
        "explain-deep-chain",
        "omitted as words",
        _set("omitted", "yes", where=("omitted", True)),
        "'yes' is not of type",
    ),
    ("counterfactual-drop", "a certainty above 1", _set("certainty", 1.5, where=("via",)), "1.5 is greater"),
    (
        "sensitivity-india",
        "a margin on an equality",
        _set("op", "==", where=("margin_pct",)),
        "'==' is not one of",
    ),
    (
        "compare-three",
        "one country compared",
        lambda data: data.update(countries=data["countries"][:1]),
        "too short",
    ),
    (
        "compare-three",
        "a side without its certainty",
        _drop("certainty", where=("evidence",)),
        "'certainty' is a required",
    ),
    (
        "evaluate-five",
        "a baseline missing",
        lambda data: data["summary"]["baselines"].popitem(),
        "is a required",
    ),
    (
        "evaluate-five",
        "a vote of none",
        lambda data: data["countries"][0]["votes"].update(security=0),
        "votes/security",
    ),
    ("robustness-three-rules", "another method", _set("method", "sampled"), "method:"),
    (
        "robustness-three-rules",
        "a threshold varied that is none",
        lambda data: data["threshold_variations"][0].update(varied="gap"),
        "'gap' is not one of",
    ),
    (
        "rules-diff-labels",
        "an agreement figure missing",
        _drop("top1", where=("macro_f1",)),
        "'top1' is a required",
    ),
    (
        "rules-diff",
        "a shift of no motive",
        lambda data: _first(data, "shifts")["shifts"].update(trade={"before": 0, "after": 1}),
        "'trade' was unexpected",
    ),
    ("rules-check-bad", "a severity unknown", _set("severity", "fatal"), "'fatal' is not one of"),
    ("rules-check-bad", "a code misshapen", _set("code", "duplicate"), "'duplicate' does not match"),
    (
        "rules-test-failing",
        "a rule id misshapen",
        _set("rule", "Not An Id", where=("fired",)),
        "'Not An Id' does not match",
    ),
    ("rules-coverage", "a percentage above 100", _set("percent", 101), "101 is greater"),
    (
        "rules-list",
        "an indicator rule naming a motive",
        _set("motive", "political", where=("indicator", "council_ambition")),
        "0/motive: 'political' is not of type 'null'",
    ),
    (
        "batch-json",
        "a row without a motive's certainty",
        lambda rows: rows[0]["certainty"].pop("normative"),
        "'normative' is a required",
    ),
    (
        "batch-jsonl",
        "a row with the problems of its file",
        lambda rows: rows[0].update(problems=[]),
        "'problems' was unexpected",
    ),
]


@pytest.mark.parametrize(
    ("name", "mutate", "expected"), [pytest.param(n, m, e, id=f"{n}: {why}") for n, why, m, e in MUTATIONS]
)
def test_a_mutated_output_fails_its_schema(name: str, mutate: Callable[[Any], None], expected: str) -> None:
    (kind, args, _, _) = next(param.values for param in COMMANDS if param.id == name)
    parsed = documents(kind, args, output(args)[1])  # a batch's rows, or the one output
    changed = copy.deepcopy(parsed)
    mutate(changed if kind == "batch_row" else changed[0])
    assert changed != parsed
    found = [problem for document in changed for problem in problems(kind, document)]
    assert found != [], "the schema accepts the mutated output"
    assert any(expected in problem for problem in found), found


# --- the schema files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_each_published_schema_is_fresh_and_a_valid_2020_12_schema(kind: str) -> None:
    shipped = schema_path(kind).read_text(encoding="utf-8")
    assert shipped == schema_text(kind), (
        f"schema/output/{schema_file(kind)} is stale: run `python tests/regenerate_output_schemas.py`"
    )
    schema = json.loads(shipped)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT
    assert schema["$id"] == f"https://motives.invalid/schema/output/{schema_file(kind)}"
    assert schema["title"] and schema["description"]


def test_the_folder_holds_the_schemas_and_nothing_else() -> None:
    assert sorted(p.name for p in OUTPUT_SCHEMAS.iterdir()) == sorted(schema_file(kind) for kind in SCHEMAS)


def test_every_json_format_has_a_schema() -> None:
    """A new result type with a JSON format fails here until it has a schema (batch streams its rows, an
    array in json and a line each in jsonl: its schema is that of one row, batch_row)."""
    with_json = {kind for kind, formats in FORMATS.items() if "json" in formats}
    assert with_json - {"batch"} | {"batch_row"} == set(SCHEMAS)
