"""The direction of the data flow, checked: experta enters through one module, the engine never
imports click, and the experta shim works on this Python."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import motives.engine

ENGINE = Path(motives.engine.__file__).parent
ROOT = ENGINE.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_experta_is_imported_only_by_the_compat_module() -> None:
    importers = sorted(p.name for p in [*ENGINE.glob("*.py"), ROOT / "cli.py"] if "experta" in _imports(p))
    assert importers == ["experta_compat.py"]


def test_the_engine_never_imports_click() -> None:
    assert not [p.name for p in ENGINE.glob("*.py") if "click" in _imports(p)]


def test_experta_imports_through_the_shim_in_a_fresh_interpreter() -> None:
    code = "import motives.engine.experta_compat as c; print(c.KnowledgeEngine.__module__)"
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "experta.engine"


def test_shipped_data_is_found_beside_the_engine() -> None:
    assert (ROOT / "rules" / "references.yaml").is_file()
    assert {"india.yaml", "usa.yaml"} <= {p.name for p in (ROOT / "facts").glob("*.yaml")}


def test_readme_fact_table_matches_the_vocabulary() -> None:
    from motives.engine.vocabulary import FACTS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("The fact vocabulary", 1)[1].split("\n\n", 2)[1]
    table = [line for line in section.splitlines() if line.startswith("| `")]
    names = [line.split("`")[1] for line in table]
    assert names == list(FACTS), "README's fact table and engine/vocabulary.py disagree: update the README"
