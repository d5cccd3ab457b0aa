"""Citation and provenance: CITATION.cff is valid YAML with the keys CFF 1.2.0 requires and the package's
version, the data panel's version is recorded once and matches its inputs, and ``motives --version``
names every version a result can be traced to."""

from __future__ import annotations

from pathlib import Path

import yaml
from support import ROOT, run

import motives
from motives.engine.model import provenance
from motives.engine.model.catalog import load_shipped_rulebase


def _citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_has_the_required_keys_and_the_package_version() -> None:
    cff = _citation()
    assert cff["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors", "version"} <= set(cff)
    assert cff["type"] == "software"
    assert str(cff["version"]) == motives.__version__
    assert all(author.get("name") or author.get("family-names") for author in cff["authors"])


def test_citation_cff_gives_the_software_no_licence_and_the_data_theirs() -> None:
    cff = _citation()
    assert "license" not in cff  # the owners have not chosen one
    assert "No licence has been chosen for the software yet" in " ".join(cff["message"].split())
    assert not (ROOT / "LICENSE").exists()
    references = cff["references"]
    assert all({"type", "title", "authors"} <= set(reference) for reference in references)
    licences = {
        reference["title"].split(":")[0].split(" (")[0]: reference.get("license") for reference in references
    }
    assert licences["Providing for Peacekeeping"] == "GPL-2.0"  # as data/sources/manifest.csv says
    assert licences["Geocoded Peacekeeping Operations"] == "GPL-2.0"
    assert licences["World Bank Country and Lending Groups"] == "CC-BY-4.0"
    titles = " ".join(reference["title"] for reference in references)
    for data_set in (
        "Providing for Peacekeeping",
        "Geo-PKO",
        "historical classification by income",
        "Scale of assessments",
    ):
        assert data_set in titles


def test_the_recorded_panel_version_matches_the_inputs_it_was_built_from() -> None:
    found = provenance.panel_inputs_hash(ROOT / "data")
    assert found == provenance.PANEL_INPUTS, (
        f"data/ changed (its inputs hash is now {found}): rebuild the panel (motives data build), bump "
        "DATA_VERSION and set PANEL_INPUTS in src/motives/engine/model/provenance.py"
    )
    assert (ROOT / "data" / "sources" / "manifest.csv") in provenance.panel_inputs(ROOT / "data")
    assert provenance.data_version() == f"{provenance.DATA_VERSION}+{provenance.PANEL_INPUTS}"


def test_version_names_the_software_the_rule_base_the_data_panel_and_the_facts_hash(tmp_path: Path) -> None:
    code, out, err = run("--version", cwd=tmp_path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"motives {motives.__version__}"
    assert lines[1].startswith(f"rule base {load_shipped_rulebase().version} ")
    assert lines[2].startswith(f"data panel {provenance.data_version()} ")
    assert lines[3].startswith("facts hash: ") and "source" in lines[3]
