"""YAML traps that must load as the author meant: plain scalars resolve by the YAML 1.2 core schema."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from motives import load_facts
from motives.engine.model.loading import MAX_DEPTH, load_yaml

GOOD_FACTS = """\
country: Norway
iso3: NOR
as_of: 2023-11-30
facts:
  uniformed_personnel: 1000
  unsc_permanent: false
sources:
  uniformed_personnel: UN DPO ranking, 30 Nov 2023
  unsc_permanent: UN Charter, Art. 23
notes: NO
"""


def _load(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "trap.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path).data


def test_norway_stays_norway(tmp_path: Path) -> None:
    data = _load(tmp_path, "iso3: NOR\nalpha2: NO\nanswers: [NO, No, no, N, n]\n")
    assert data == {"iso3": "NOR", "alpha2": "NO", "answers": ["NO", "No", "no", "N", "n"]}


def test_norway_fact_file_keeps_its_notes_as_text(tmp_path: Path) -> None:
    path = tmp_path / "norway.yaml"
    path.write_text(GOOD_FACTS, encoding="utf-8")
    facts = load_facts(path)
    assert (facts.iso3, facts.notes) == ("NOR", "NO")
    assert facts.values() == {"uniformed_personnel": 1000, "unsc_permanent": False}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        ("-2.5", -2.5),
        (".5", 0.5),
        ("010", 10),
        ("+7", 7),
        ("-0", 0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
    ],
)
def test_numbers_follow_yaml_1_2(tmp_path: Path, text: str, value: object) -> None:
    loaded = _load(tmp_path, f"x: {text}\n")["x"]
    assert loaded == value
    assert type(loaded) is type(value)


def test_nan_is_a_float(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "x: .nan\n")["x"]
    assert isinstance(loaded, float)
    assert math.isnan(loaded)


@pytest.mark.parametrize("text", ["2023-11-30", "2023-11-30T10:00:00", "12:30:00", "1_000", "0x1F", "0o17"])
def test_yaml_1_1_forms_stay_text(tmp_path: Path, text: str) -> None:
    assert _load(tmp_path, f"x: {text}\n") == {"x": text}


def test_booleans_are_true_and_false_only(tmp_path: Path) -> None:
    data = _load(tmp_path, "a: [true, True, TRUE]\nb: [false, False, FALSE]\n")
    assert data == {"a": [True, True, True], "b": [False, False, False]}
    assert all(type(value) is bool for value in data["a"] + data["b"])


def test_yes_no_on_off_stay_text(tmp_path: Path) -> None:
    words = ["yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "Y", "n"]
    assert _load(tmp_path, f"x: [{', '.join(words)}]\n") == {"x": words}


@pytest.mark.parametrize("text", ["", "~", "null", "Null", "NULL"])
def test_nulls(tmp_path: Path, text: str) -> None:
    assert _load(tmp_path, f"x: {text}\n") == {"x": None}


def test_quoted_scalars_are_text(tmp_path: Path) -> None:
    assert _load(tmp_path, "a: 'true'\nb: \"1e3\"\nc: '010'\n") == {"a": "true", "b": "1e3", "c": "010"}


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_FACTS.encode("utf-8"))
    assert load_yaml(path).data["country"] == "Norway"
    assert load_facts(path, display="facts/bom.yaml").country == "Norway"


def test_a_file_of_exactly_the_size_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    head = GOOD_FACTS + "# "
    path.write_text(head + "x" * (1_000_000 - len(head) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == 1_000_000
    assert load_facts(path).iso3 == "NOR"


def test_nesting_up_to_the_limit_loads(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is one level
    data = _load(tmp_path, "x: " + "[" * depth + "]" * depth + "\n")["x"]
    for _ in range(depth - 1):
        data = data[0]
    assert data == []


def test_display_path_is_what_locations_show(tmp_path: Path) -> None:
    path = tmp_path / "norway.yaml"
    path.write_text(GOOD_FACTS, encoding="utf-8")
    facts = load_facts(path, display="facts/norway.yaml")
    assert facts.path == "facts/norway.yaml"
    fact = facts.get("uniformed_personnel")
    assert fact is not None
    assert str(fact.location) == "facts/norway.yaml:5:24"
