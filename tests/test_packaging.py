"""The wheel and the sdist are complete: the wheel carries the code and the shipped data, the sdist
everything needed to rebuild and test the package."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out)],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "would be ignored" not in done.stdout + done.stderr
    return out


@pytest.mark.slow
def test_the_wheel_holds_the_code_and_the_shipped_data(built: Path) -> None:
    (wheel,) = built.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "motives/__init__.py",
        "motives/cli.py",
        "motives/py.typed",
        "motives/engine/inference/experta_compat.py",
        "motives/rules/references.yaml",
        "motives/rules/tests/political.yaml",
        "motives/rules/evaluation/labels.yaml",
        "motives/facts/india.csv",
        "motives/regions.csv",
        "motives/engine/render/site/files.py",
        "motives/engine/importers/panel/build.py",
        "motives/schema/facts.schema.json",
        "motives/schema/output/classification.schema.json",
        "motives/schema/output/batch-row.schema.json",
    }
    assert expected - names == set()
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", "docs/"))]


@pytest.mark.slow
def test_the_sdist_holds_the_tests_with_their_fixtures(built: Path) -> None:
    (sdist,) = built.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = {
        "pyproject.toml",
        "README.md",
        "CITATION.cff",  # test_provenance reads it
        "src/motives/facts/usa.csv",
        "src/motives/schema/output/rule-tests.schema.json",
        "data/sources/manifest.csv",
        "data/sources/un-contributions/ipi-ppp-1990-2014/LICENSE",
        "data/overlays/usa/2021-01-31.yaml",
        "data/names.csv",
        "tests/cases/countries/usa.yaml",
        "tests/conftest.py",
        "tests/support.py",
        "tests/golden/india.txt",
        "tests/cases/bad_facts/alias.yaml",
        "docs/architecture.md",
        "benchmarks/bench.py",
    }
    assert expected - names == set()
