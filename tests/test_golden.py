"""What users see for the shipped countries, compared with reviewed golden files.

After an intended change, run `python tests/regenerate_golden.py` and review `git diff tests/golden`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "regenerate_golden", Path(__file__).with_name("regenerate_golden.py")
)
assert _spec and _spec.loader
regenerate_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate_golden)

EXPECTED = regenerate_golden.golden_outputs()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_output_matches_golden_file(name: str) -> None:
    path = regenerate_golden.GOLDEN / name
    assert path.exists(), f"missing golden file {name}: run python tests/regenerate_golden.py"
    assert EXPECTED[name] == path.read_text(encoding="utf-8"), (
        f"{name} differs from the golden file; if intended, run python tests/regenerate_golden.py and review"
    )


def test_no_stale_golden_files() -> None:
    present = {
        path.name for path in regenerate_golden.GOLDEN.iterdir() if path.suffix in (".txt", ".json", ".md")
    }
    assert present == set(EXPECTED)
