"""The libyaml fast path and the pure-Python loader read every file the same way (data and every
location, which the fast path computes only when asked), and only the pure-Python loader ever reports a
problem (so messages do not depend on how PyYAML was built)."""

from __future__ import annotations

from pathlib import Path

import pytest

from motives import InputError
from motives.engine.model import strict_yaml
from motives.engine.model.loading import load_yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [
        *ROOT.glob("src/motives/facts/**/*.yaml"),
        *ROOT.glob("src/motives/rules/**/*.yaml"),
        *ROOT.glob("tests/cases/**/*.yaml"),
    ]
)


def _plain(value: object) -> object:
    if isinstance(value, dict):
        located = {
            key: (_plain(item), str(value.key_at(key)), str(value.value_at(key)))
            for key, item in value.items()
        }
        every = (str(value.location), value.key_locations, value.value_locations)
        return located, every
    if isinstance(value, list):
        items = [(_plain(item), str(value.item_at(i))) for i, item in enumerate(value)]
        return items, str(value.location), value.item_locations
    if isinstance(value, float) and value != value:
        return "nan"  # NaN equals nothing, not even itself
    return value


def _read(path: Path) -> object:
    try:
        return _plain(load_yaml(path, path.name).data)
    except InputError as error:
        return [str(problem) for problem in error.problems]


def test_libyaml_is_used_here() -> None:
    assert strict_yaml._CParser is not None, "PyYAML without libyaml: the fast path is not exercised"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_paths_agree_on_data_locations_and_messages(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(path)
    monkeypatch.setattr(strict_yaml, "_CParser", None)
    assert _read(path) == fast


def test_well_formed_shipped_files_take_the_fast_path() -> None:
    """A silent fallback would keep every result right and only make loading slower: check it does not."""
    for path in [*ROOT.glob("src/motives/facts/**/*.yaml"), *ROOT.glob("src/motives/rules/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        assert strict_yaml._load_fast(text, path.name) is not None, path
