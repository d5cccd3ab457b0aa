"""The example notebook (issue 14, item 3): committed without outputs, and run from start to end by
nbclient on this environment's Python, each result showing as the HTML it is meant to."""

from __future__ import annotations

import sys

import pytest
from support import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = ROOT / "docs" / "example.ipynb"


def test_the_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "no code cells"
    assert [cell.source[:40] for cell in code if cell.outputs or cell.execution_count is not None] == [], (
        "clear the outputs before committing (jupyter nbconvert --clear-output --inplace docs/example.ipynb)"
    )


@pytest.mark.slow
def test_the_notebook_runs_on_this_python(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core's paths of now, without its warning
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "1")  # this environment's kernel before a user's own
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    client = nbclient.NotebookClient(
        notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]
    assert [out for cell in outputs for out in cell if out.output_type == "error"] == []
    assert outputs[-1][0].text.strip() == sys.executable, "the kernel ran another Python"
    html = [out.data["text/html"] for cell in outputs for out in cell if "text/html" in out.get("data", {})]
    comparison, india, explanation = html[:3]
    assert "United States (2022-12-31)" in comparison and "India (2023-11-30)" in comparison
    assert "Dominant motives: <strong>political, normative</strong>" in india and "<details open>" in india
    assert "Why not (more strongly)" in explanation
    text = [out.data["text/plain"] for cell in outputs for out in cell if "text/plain" in out.get("data", {})]
    assert "(('political',), ('normative',))" in text
    assert "((), ('political',))" in text  # the what-if: political lost
    assert any("image/svg+xml" in out.get("data", {}) for cell in outputs for out in cell)
