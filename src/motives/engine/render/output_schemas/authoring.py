"""The schemas of the rule-authoring outputs: rules check, test, coverage and list."""

from __future__ import annotations

from .parts import Schema, array, boolean, closed, count, document, ref, string, strings


def rule_check_schema() -> Schema:
    problem = closed(
        "one problem, located",
        {
            "path": string("the file"),
            "line": {"type": ["integer", "null"], "minimum": 1, "description": "null: the whole file"},
            "column": {"type": ["integer", "null"], "minimum": 1, "description": "null: the whole file"},
            "severity": {"enum": ["error", "warning"]},
            "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$", "description": "a stable code"},
            "message": string("what is wrong"),
            "hint": string("what to do ('' when there is nothing to add)"),
        },
    )
    check = closed(
        "Every problem found in the checked rule directories and fact files, errors and warnings.",
        {
            "checked": strings("the paths checked"),
            "errors": count("problems of severity error"),
            "warnings": count("problems of severity warning"),
            "problems": array(problem, "in path order"),
        },
    )
    return document(
        "rule_check",
        "motives rules check --format json",
        check,
    )


def rule_tests_schema() -> Schema:
    case = closed(
        "one rule test case",
        {
            "name": string("the case's name"),
            "location": string("file:line:column of the case"),
            "passed": boolean("the case passed"),
            "failures": strings("what was not as expected, one line each"),
            "explanation": strings("the lines the text shows under a failing case"),
            "why": array(
                closed(
                    "why a rule whose firing was not as expected fired or did not",
                    {
                        "rule": ref("rule_id"),
                        "fired": boolean("the rule fired"),
                        "reasons": array(ref("reason"), "its conditions"),
                    },
                ),
                "for each rule whose firing was not as expected",
            ),
        },
    )
    report = closed(
        "The results of rule test cases (the case files themselves follow schema/rule-tests.schema.json).",
        {
            "passed": count("cases passed"),
            "failed": count("cases failed"),
            "cases": array(case, "every case, in file order"),
        },
    )
    return document(
        "rule_tests",
        "motives rules test --format json",
        report,
    )


def rule_coverage_schema() -> Schema:
    coverage = closed(
        "How often each rule fires over a set of fact files, and why the others never do.",
        {
            "runs": count("fact sets classified"),
            "percent": {
                "type": "number",
                "minimum": 0,
                "maximum": 100,
                "description": "the rules that fired at least once, in percent (2 decimals)",
            },
            "rules": array(
                closed(
                    "one rule",
                    {
                        "rule": ref("rule_id"),
                        "conclusion": string("'indicator NAME' or 'MOTIVE +0.40'"),
                        "fired": count("fact sets it fired on"),
                        "blocker": {
                            "type": ["string", "null"],
                            "description": "for a rule that never fired, the condition that kept it silent",
                        },
                    },
                ),
                "every rule",
            ),
        },
    )
    return document(
        "rule_coverage",
        "motives rules coverage --format json",
        coverage,
    )


def rule_list_schema() -> Schema:
    common: dict[str, Schema] = {
        "id": ref("rule_id"),
        "concludes": string("'indicator NAME' or 'MOTIVE +0.40'"),
        "indicator": {"type": "null"},
        "motive": {"type": "null"},
        "certainty": {"type": "null"},
        "defined_at": string("file:line:column of the rule"),
        "title": string("the rule's title"),
    }
    indicator_rule = closed(
        "a rule that derives an indicator", {**common, "indicator": ref("name", "the indicator")}
    )
    motive_rule = closed(
        "a rule that gives evidence for a motive",
        {
            **common,
            "motive": ref("motive"),
            "certainty": {"type": "number", "minimum": -1, "maximum": 1, "not": {"const": 0}},
        },
    )
    return document(
        "rule_list",
        "motives rules list --format json",
        {
            "description": "The rules, in rule-base order.",
            "type": "array",
            "items": {"oneOf": [ref("indicator_rule"), ref("motive_rule")]},
        },
        {"indicator_rule": indicator_rule, "motive_rule": motive_rule},
    )
