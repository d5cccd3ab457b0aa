"""``motives rules``: the rule-authoring commands (check, test, coverage, list, show, schema, docs), a command
group of ``motives``; ``cli_research`` adds ``rules diff`` to it."""

from __future__ import annotations

import click

from .cli_common import ENGINE, EXIT_CODES, MOTIVE, RULES, SCHEMA_KINDS, _run, format_option


@click.group(epilog=EXIT_CODES)
def rules() -> None:
    """Author rules: check, test, measure coverage, list, show, editor schemas and the reference."""


@rules.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@format_option("rule_check")
def check(paths: tuple[str, ...], output_format: str) -> None:
    """Check rule directories and fact files; all problems at once, one per line.

    PATHS are rule directories (holding references.yaml), rule files, fact files or folders of fact
    files; default: the shipped rule base and facts.
    """
    from .engine.api import rulebase
    from .engine.model.errors import EXIT_INPUT, EXIT_OK, EXIT_WARNINGS
    from .engine.render.formats import renderer

    def body() -> tuple[str, int]:
        report = rulebase.check(list(paths))
        render = renderer("rule_check", output_format)
        code = EXIT_INPUT if report.errors else EXIT_WARNINGS if report.warnings else EXIT_OK
        return render(report), code

    _run(body)


@rules.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1)
@RULES
@ENGINE
@format_option("rule_tests")
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
def test(
    paths: tuple[str, ...], rules_dir: str | None, engine: str, output_format: str, verbose: bool
) -> None:
    """Run rule test cases (YAML); default: the shipped tests in rules/tests/."""
    from .engine.api import rulebase
    from .engine.model.errors import EXIT_OK, EXIT_TESTS_FAILED
    from .engine.render.formats import renderer

    def body() -> tuple[str, int]:
        report = rulebase.test_rules(list(paths), rules_dir, engine)
        render = renderer("rule_tests", output_format)
        return render(report, verbose=verbose), EXIT_TESTS_FAILED if report.failed else EXIT_OK

    _run(body)


@rules.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1)
@RULES
@ENGINE
@format_option("rule_coverage")
@click.option("--min-coverage", type=click.FloatRange(0, 100), help="Fail (exit 5) below this percentage.")
def coverage(
    facts: tuple[str, ...], rules_dir: str | None, engine: str, output_format: str, min_coverage: float | None
) -> None:
    """How often each rule fires over FACTS (default: every shipped fact file), and why others never do."""
    from .engine.api import rulebase
    from .engine.model.errors import EXIT_OK, EXIT_TESTS_FAILED
    from .engine.render.formats import renderer

    def body() -> tuple[str, int]:
        report = rulebase.rule_coverage(list(facts), rules_dir, engine)
        render = renderer("rule_coverage", output_format)
        below = min_coverage is not None and report.percent < min_coverage
        return render(report), EXIT_TESTS_FAILED if below else EXIT_OK

    _run(body)


@rules.command(name="list", epilog=EXIT_CODES)
@RULES
@format_option("rule_list")
@click.option(
    "--motive",
    type=MOTIVE,
    help="Only rules for this motive.",
)
def list_rules(rules_dir: str | None, output_format: str, motive: str | None) -> None:
    """A table of the rules: id, conclusion, where defined, title."""
    from .engine.api import rulebase
    from .engine.render.formats import render

    def body() -> str:
        found = rulebase.list_rules(rules_dir, motive)
        return render("rule_list", output_format, found)

    _run(body)


@rules.command(epilog=EXIT_CODES)
@click.argument("rule_id")
@RULES
def show(rule_id: str, rules_dir: str | None) -> None:
    """One rule: conditions, rationale, citations, and the rules it feeds on or feeds."""
    from .engine.api import rulebase
    from .engine.render import authoring as render_authoring

    _run(lambda: render_authoring.show_text(*rulebase.find_rule(rule_id, rules_dir)))


@rules.command(epilog=EXIT_CODES)
@click.option("--kind", type=click.Choice(SCHEMA_KINDS), default="rules", show_default=True)
@click.option(
    "--write", "directory", type=click.Path(file_okay=False), help="Write every schema into DIRECTORY."
)
@RULES
def schema(kind: str, directory: str | None, rules_dir: str | None) -> None:
    """Print the JSON Schema editors use to validate a kind of file (or write them all); with --rules, the
    fact names include the facts that directory declares in its vocabulary.yaml."""
    from .engine.authoring.editor_schema import rulebase_schema, write_rulebase_schemas

    def body() -> str:
        from pathlib import Path

        if directory:
            written = write_rulebase_schemas(Path(directory), rules_dir)
            return "".join(f"wrote {path}\n" for path in written)
        return rulebase_schema(kind, rules_dir)

    _run(body)


@rules.command(epilog=EXIT_CODES)
@RULES
def docs(rules_dir: str | None) -> None:
    """The reference of the rule language (Markdown): keys, operators, motives, facts, and the facts the
    rules directory declares in its vocabulary.yaml, with their citations."""
    from .engine.authoring.docs import rulebase_reference

    _run(lambda: rulebase_reference(rules_dir))


# --- motives facts import ------------------------------------------------------------------------------
