"""What every ``motives`` command shares: the exit codes it documents, the one place library errors
become exit codes (``_run``), and the options several commands take. The command modules (``cli``,
``cli_rules``, ``cli_data``, ``cli_research``) import from here, never from each other's options."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TextIO, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

# The command's one setting of the garbage collector (the engine only pauses it during a run: network.py).
# After the output is written, the interpreter's shutdown runs a full collection over every object still
# alive (click, the engine's modules and classes, the rule base, the network): about 11 ms of the 90 ms
# of `motives classify india`, and it finds nothing (measured: 0 collected), as the process is about to
# give its memory back whole. Frozen objects are not walked. Registered on import, before any other exit
# handler (logging's, multiprocessing's, temporary folders'), this one runs last. All it skips is the
# finalizers of objects left in reference cycles at exit, which Python never promises to run and nothing
# here relies on (files are closed by `with`); objects freed by reference counting are freed as before.
atexit.register(gc.freeze)

EXIT_CODES = """\b
Exit codes:
  0  success
  1  invalid input: a fact, rule or test file is missing, malformed or breaks the schema
     (one line per problem: path:line:col: error CODE message; hint)
  2  command-line usage error
  3  the engine hit its firing limit (a rule base that does not settle)
  4  rules check: no errors, but warnings
  5  rules test: a case failed; rules coverage: below --min-coverage
  70 internal error (a bug: please report it)"""


def _run(action: Callable[[], str | tuple[str, int]], resume: str = "") -> None:
    """Run a command body, print its output, and turn library errors into exit codes.

    A body returns its output, or its output and an exit code (for reports that can fail, like tests).
    SIGTERM stops it as Ctrl-C does, by an exception, so that no temporary file outlives it; ``resume``
    tells the user what a stop left to do.
    """
    # the engine's errors and text are imported here, not on loading: `motives --help` never needs them
    import signal

    from .engine.model.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, MotivesError
    from .engine.model.text import encoding_problem, escape_unsafe

    signal.signal(signal.SIGTERM, _stop)
    try:
        result = action()
        output, code = result if isinstance(result, tuple) else (result, EXIT_OK)
        click.echo(escape_unsafe(output, keep="\n\t"), nl=False)  # no terminal control from any file
    except UnicodeEncodeError as error:  # stdout cannot hold a character of the output
        click.echo(escape_unsafe(str(encoding_problem(error, _stream_of(error)))), err=True)
        sys.exit(EXIT_INPUT)
    except MotivesError as error:
        click.echo(escape_unsafe(str(error)), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt as stop:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        left = "no file half-written, no temporary file left"
        click.echo(f"interrupted: {left}" + (f"; {resume}" if resume else ""), err=True)
        sys.exit(128 + (stop.args[0] if stop.args else signal.SIGINT))
    except BrokenPipeError:  # the reader went away (`motives batch ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as error:  # a bug: keep the message short, the traceback on request
        if os.environ.get("MOTIVES_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(error).__name__}: {error} (set MOTIVES_DEBUG=1 for details)", err=True
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signum)


def _stream_of(error: UnicodeEncodeError) -> str:
    """Where an output that cannot be encoded was going: the terminal, unless its encoding is not the one
    that failed (then a file, always written as UTF-8)."""
    import codecs

    try:
        same = codecs.lookup(sys.stdout.encoding).name == codecs.lookup(error.encoding).name
    except (AttributeError, LookupError, TypeError):
        same = False
    return "<stdout>" if same else "<output file>"


# The names of three registries, spelled here so that `--help` need not import them (a test keeps each
# equal to its registry): the editor schemas of `rules schema --kind` (authoring.editor_schema.SCHEMAS),
# the engines, the default first (inference.compiled.ENGINES), and the motives (model.vocabulary.Motive).
SCHEMA_KINDS = ("facts", "labels", "references", "rule-tests", "rules", "vocabulary")
ENGINE_NAMES = ("experta", "clips")
MOTIVE_NAMES = ("political", "economic", "security", "institutional", "normative")
SOURCE_KIND_NAMES = ("scholarly", "thesis", "report", "official", "news", "opinion")


def format_option(kind: str) -> Callable[[F], F]:
    """``--format``, offering the formats of one result type (render.formats: a table of names, cheap to
    import), its first the default."""
    from .engine.render.formats import format_names

    names = format_names(kind)
    return click.option(
        "--format", "output_format", type=click.Choice(names), default=names[0], show_default=True
    )


MOTIVE = click.Choice(MOTIVE_NAMES, case_sensitive=False)  # `Political` is political


class FactName(click.Choice[str]):
    """A fact of the built-in vocabulary (``model.vocabulary.FACTS``), as ``click.Choice`` over its names,
    read when the option is used or its command's help shown, not when the CLI loads."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=True)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        from .engine.model.vocabulary import FACTS

        return tuple(sorted(FACTS))

    @choices.setter
    def choices(self, _names: tuple[str, ...]) -> None:
        pass  # Choice.__init__ sets them: they are the vocabulary's, always


IDS = click.option(
    "--ids",
    is_flag=True,
    help="Name rules and facts by their ids in the text trace (as the rule files and --format json do), "
    "instead of in words.",
)
RULES = click.option(
    "--rules", "rules_dir", type=click.Path(), help="Rule directory (default: the shipped one)."
)
# every command that classifies takes it
ENGINE = click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    default=ENGINE_NAMES[0],
    show_default=True,
    help="The engine that runs the rules: experta (the engine of record) or clips (faster; needs the "
    'extra: pip install "motives[clips]"). Both give the same results.',
)
AS_OF = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="For countries named by name: their latest snapshot on or before this date (YYYY-MM-DD).",
)
SOURCE_KIND = click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(SOURCE_KIND_NAMES),
    help="Score against the rows of this kind of source only (repeatable; the `kind` of each row of the "
    "labels file).",
)
DOMINANCE_MIN = click.option(
    "--dominance-min",
    type=click.FloatRange(-1, 1),
    default=0.5,
    show_default=True,
    help="A dominant motive's certainty is at least this.",
)
DOMINANCE_MARGIN = click.option(
    "--dominance-margin",
    type=click.FloatRange(0, 2),
    default=0.2,
    show_default=True,
    help="A dominant motive's certainty is within this of the highest.",
)


def _show_version(context: click.Context, _parameter: click.Parameter, value: bool) -> None:
    if not value or context.resilient_parsing:
        return
    from .engine.model.provenance import version_text  # reads the rule base: only when asked

    click.echo(version_text())
    context.exit()


VERSION = click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the versions of the software, the shipped rule base and the data panel, and exit.",
)


def terminal_progress(
    enabled: bool | None = None, stream: TextIO | None = None
) -> Callable[[str, int], AbstractContextManager[Callable[[int], None]]]:
    """A progress bar for long work (engine.model.progress.Progress), drawn by click on ``stream``
    (default: stderr, never stdout), and by default only when that stream is a terminal: a piped or
    redirected run stays silent."""
    shown_on: TextIO = stream if stream is not None else sys.stderr
    show = shown_on.isatty() if enabled is None else enabled

    @contextmanager
    def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
        if not show or total <= 0:
            yield lambda steps: None
            return
        with click.progressbar(length=total, label=label, file=shown_on, show_pos=True) as bar:
            yield bar.update

    return progress
