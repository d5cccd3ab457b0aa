"""The CLI under fuzz (issue 13, "Done means"): every kind of file a user hands ``motives`` (a YAML fact
file, a panel CSV fact file, a rule file, a labels file, the UN's CSV files for ``facts import``) is
mutated (bytes flipped, cut short, lines deleted or doubled, a value swapped for one of another type, a
huge number, odd Unicode) and run through the command that reads it. Whatever the mutation, the command
must answer: exit 0, or a located problem (exit 1), a usage error (2) or another documented code, and
never exit 70 (an internal error), a traceback or an exception that escapes the command.

Deterministic: hypothesis is derandomized and keeps no example database, so every run tries the same
inputs. The modest budget here runs in the non-slow suite; ``-m slow`` tries three times as many.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURE_FACTS

from motives import SHIPPED_FACTS
from motives.cli import main

CASES = Path(__file__).parent / "cases"
FIVE = CASES / "evaluation" / "five_countries"
UN_DATA = CASES / "un_data"

# Values of other types, numbers too big for anything, and characters that trouble readers and
# terminals: what a mutation writes in place of a value or in the middle of a line.
SWAPS = [
    b"[1, 2]",
    b"{a: 1}",
    b"true",
    b"null",
    b"~",
    b"''",
    b'""',
    b"-1",
    b"0",
    b"1e309",
    b"-1e309",
    b".nan",
    b"nan",
    b"inf",
    b"2023-02-30",
    b"0x1F",
    b"9" * 5000,
    b"-" + b"9" * 400,
    b"1.5",
    b"yes",
    b"NO",
    b"!!python/object:os.system",
    b"&a",
    b"*a",
    b"<<: *a",
    b"|",
    b">",
    b"- ",
    b": ",
    b",",
    b'"',
    b"'",
    b"\t",
    b"#",
]
ODD_TEXT = [
    "\u202e",
    "\x00",
    "\x1b[31m",
    "\r",
    "\b",
    "\u2028",
    "\ufeff",
    "\x85",
    "é",
    "日本",
    "\U0001d518",
    "\uffff",
    "\\ud800",
    '"\\ud800"',
    "\U0010ffff",
    "\uff29",
    "\u0301",
]
ODD = [text.encode("utf-8") for text in ODD_TEXT] + [b"\xed\xa0\x80", b"\xff\xfe", b"\xc3", b"\x80"]

MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("delete line"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("double line"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("swap"), st.integers(0, 10**6), st.integers(0, len(SWAPS) - 1)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.integers(0, len(ODD) - 1)),
    st.tuples(st.just("huge"), st.integers(0, 10**6), st.integers(1, 6000)),
)
MUTATIONS = st.lists(MUTATION, min_size=1, max_size=4)


def _swap_value(data: bytes, at: int, new: bytes) -> bytes:
    """``new`` in place of the value (after ``: ``, after a comma, or the whole line) of a line."""
    lines = data.split(b"\n")
    index = at % len(lines)
    line = lines[index]
    for separator in (b": ", b","):
        if separator in line:
            parts = line.split(separator)
            which = 1 + (at // len(lines)) % (len(parts) - 1)
            parts[which] = new
            lines[index] = separator.join(parts)
            return b"\n".join(lines)
    lines[index] = new
    return b"\n".join(lines)


def mutate(data: bytes, mutations: list[tuple[str, int, int]]) -> bytes:
    for kind, at, value in mutations:
        if not data:
            data = b"\n"
        lines = data.split(b"\n")
        if kind == "flip":
            position = at % len(data)
            data = data[:position] + bytes([data[position] ^ value]) + data[position + 1 :]
        elif kind == "cut":
            data = data[: at % (len(data) + 1)]
        elif kind == "delete line":
            del lines[at % len(lines)]
            data = b"\n".join(lines)
        elif kind == "double line":
            index = at % len(lines)
            lines.insert(index, lines[index])
            data = b"\n".join(lines)
        elif kind == "swap":
            data = _swap_value(data, at, SWAPS[value])
        elif kind == "insert":
            position = at % (len(data) + 1)
            data = data[:position] + ODD[value] + data[position:]
        elif kind == "huge":
            data = _swap_value(data, at, b"9" * value)
    return data


def assert_answers(args: list[str], cwd: Path) -> None:
    """The command exits with a documented code and shows no traceback or internal error."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        patch.delenv("MOTIVES_DEBUG", raising=False)
        result = CliRunner().invoke(main, args)
    shown = result.stdout + result.stderr
    context = f"motives {' '.join(args)} -> exit {result.exit_code}\n{shown[-2000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{context}\n{result.exc_info}"
    )
    assert result.exit_code != 70, context
    assert "Traceback" not in shown, context
    assert "internal error" not in shown, context


def _panel_seed() -> bytes:
    """A panel CSV fact file of one country and three dates, cut from the shipped panel."""
    lines = (SHIPPED_FACTS / "brazil.csv").read_bytes().split(b"\n")
    header, rows = lines[0], [line for line in lines[1:] if line]
    dates = sorted({row.split(b",")[2] for row in rows})[-3:]
    return b"\n".join([header, *[row for row in rows if row.split(b",")[2] in dates]]) + b"\n"


def _rules_folder(scratch: Path, name: str, data: bytes) -> Path:
    folder = scratch / "rules"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIVE / "rules", folder)
    (folder / name).write_bytes(data)
    return folder


# What each kind of file is, the seed it starts from, and the commands that read it: a function of the
# scratch folder and the path of the mutated file, returning each command's arguments.
Commands = Callable[[Path, Path], list[list[str]]]


def _facts_commands(_: Path, path: Path) -> list[list[str]]:
    return [
        ["classify", path.name, "--format", "json"],
        ["batch", path.name, "--format", "csv"],
        ["sensitivity", path.name],
    ]


def _rules_commands(scratch: Path, path: Path) -> list[list[str]]:
    folder = _rules_folder(scratch, path.name, path.read_bytes())
    return [
        ["rules", "check", str(folder)],
        ["classify", str(FIXTURE_FACTS / "usa.yaml"), "--rules", str(folder)],
    ]


def _labels_commands(_: Path, path: Path) -> list[list[str]]:
    return [["evaluate", path.name, "--rules", str(FIVE / "rules")]]


def _import_commands(scratch: Path, path: Path) -> list[list[str]]:
    out = scratch / "out"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(FIXTURE_FACTS, out, ignore=shutil.ignore_patterns("india"))
    return [["facts", "import", path.name, "--out", "out"]]


KINDS: dict[str, tuple[str, Callable[[], bytes], Commands]] = {
    "yaml fact file": ("mine.yaml", (FIXTURE_FACTS / "india.yaml").read_bytes, _facts_commands),
    "panel csv fact file": ("mine.csv", _panel_seed, _facts_commands),
    "rule file": ("rules.yaml", (FIVE / "rules" / "rules.yaml").read_bytes, _rules_commands),
    "references file": ("references.yaml", (FIVE / "rules" / "references.yaml").read_bytes, _rules_commands),
    "labels file": ("labels.yaml", (FIVE / "labels.yaml").read_bytes, _labels_commands),
    **{
        f"UN csv {path.stem}": (path.name, path.read_bytes, _import_commands)
        for path in sorted(UN_DATA.glob("*.csv"))
        if path.name != "scale.csv"
    },
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz_cli")


def _check(kind: str, mutations: list[tuple[str, int, int]], scratch: Path) -> None:
    name, seed, commands = KINDS[kind]
    path = scratch / name
    path.write_bytes(mutate(seed(), mutations))
    for args in commands(scratch, path):
        assert_answers(args, scratch)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow],
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
@fuzz(20)
@given(mutations=MUTATIONS)
def test_a_mutated_input_never_crashes_the_cli(kind: str, mutations: list, scratch: Path) -> None:
    _check(kind, mutations, scratch)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(KINDS))
@fuzz(60)
@given(mutations=MUTATIONS)
def test_many_mutated_inputs_never_crash_the_cli(kind: str, mutations: list, scratch: Path) -> None:
    _check(kind, mutations, scratch)


def test_the_mutations_change_their_seeds() -> None:
    seed = (FIXTURE_FACTS / "india.yaml").read_bytes()
    assert mutate(seed, [("cut", 10, 0)]) == seed[:10]
    assert mutate(b"a: 1\nb: 2", [("swap", 1, SWAPS.index(b"true"))]) == b"a: 1\nb: true"
    assert mutate(b"a,b\n1,2", [("delete line", 0, 0)]) == b"1,2"
    assert mutate(b"a,b\n1,2", [("double line", 1, 0)]) == b"a,b\n1,2\n1,2"
    assert mutate(b"x: 1", [("huge", 0, 3)]) == b"x: 999"
