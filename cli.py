"""The ``motives`` command: a thin shell over ``motives.engine``.

Each command parses its options, calls one library function, hands the result to a renderer and
returns an exit code. Errors the user can cause arrive as ``MotivesError`` and end as one line per
problem on stderr with a documented exit code; anything else is a bug and says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click

from .engine import RENDERERS, MotivesError, classify_paths
from .engine.errors import EXIT_INTERNAL

EXIT_CODES = """\b
Exit codes:
  0  success
  1  invalid input: a fact or rule file is missing, malformed or breaks the schema
     (one line per problem: path:line:col: error CODE message; hint)
  2  command-line usage error
  3  the engine hit its firing limit (a rule base that does not settle)
  70 internal error (a bug: please report it)"""


def _run(action: Callable[[], str]) -> None:
    """Run a command body, print its output, and turn library errors into exit codes."""
    try:
        output = action()
    except MotivesError as error:
        click.echo(str(error), err=True)
        sys.exit(error.exit_code)
    except Exception as error:  # a bug: keep the message short, the traceback on request
        if os.environ.get("MOTIVES_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(error).__name__}: {error} (set MOTIVES_DEBUG=1 for details)", err=True
        )
        sys.exit(EXIT_INTERNAL)
    click.echo(output, nl=False)


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="motives")
def main() -> None:
    """Infer why a country takes part in UN peacekeeping, and show how the system knows."""


@main.command(epilog=EXIT_CODES)
@click.argument("facts", nargs=-1, required=True)
@click.option(
    "--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True
)
@click.option("--explain/--no-explain", default=True, show_default=True, help="Show derivation trees (text).")
@click.option(
    "--rules", "rules_dir", type=click.Path(), help="Rule directory (default: the shipped rule base)."
)
def classify(facts: tuple[str, ...], output_format: str, explain: bool, rules_dir: str | None) -> None:
    """Name the dominant motives of each country in FACTS and explain them.

    FACTS are fact files (YAML) or names of shipped countries, e.g. `india` or `facts/usa.yaml`.
    """

    def body() -> str:
        return RENDERERS[output_format](classify_paths(list(facts), rules_dir), explain)

    _run(body)
