"""Which software, rules and data made a result: the versions ``motives --version`` prints and the
Parquet tables and figures record.

* the software: ``motives.__version__`` (pyproject reads it from there; CITATION.cff repeats it, and a
  test keeps the two equal);
* the rule base: ``RuleBase.version``, a hash of the rule files' names and text (every result prints it);
* the data panel (the shipped ``facts/*.csv``): ``DATA_VERSION``, a name given by hand, and
  ``PANEL_INPUTS``, a hash of what ``motives data build`` read to make it: the sources manifest
  ``data/sources/manifest.csv`` (which pins every copied source file by its SHA-256), the name and
  mission tables ``data/*.csv`` and the hand-curated overlays ``data/overlays/``. ``data/`` is not in
  the wheel, so the hash is recorded here, once; a test recomputes it from the checkout and fails, with
  the new value, when an input changed and this was not updated (rebuild the panel, then bump
  ``DATA_VERSION`` and set ``PANEL_INPUTS``);
* the facts: each result's ``facts_hash`` (see ``model.facts.facts_hash``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# The panel's name: the last month of contributions it holds (a rebuild of the same months, for a fix
# or a new fact, adds .1, .2, ...). Bump it with PANEL_INPUTS whenever the shipped panel changes.
DATA_VERSION = "2025.07.1"
# panel_inputs_hash(data/) of the inputs the shipped panel was built from
PANEL_INPUTS = "ae95f2735aa4"

FACTS_HASH_MEANING = (
    "a hash of one result's country, date and every fact's name, value and source, printed beside it"
)


def data_version() -> str:
    """``2025.07.1+ae95f2735aa4``: the panel's name and the hash of the inputs it was built from."""
    return f"{DATA_VERSION}+{PANEL_INPUTS}"


def panel_inputs(data_dir: Path) -> list[Path]:
    """The files of ``data_dir`` whose bytes make the panel what it is, in a fixed order."""
    files = [data_dir / "sources" / "manifest.csv", *sorted(data_dir.glob("*.csv"))]
    files += sorted(path for path in (data_dir / "overlays").rglob("*") if path.is_file())
    return files


def panel_inputs_hash(data_dir: Path) -> str:
    """Twelve hex digits of a SHA-256 over the panel's inputs: each file's path (relative to
    ``data_dir``, with forward slashes) and bytes."""
    digest = hashlib.sha256()
    for path in panel_inputs(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def software_version() -> str:
    from motives import __version__

    return __version__


def provenance(rulebase_version: str) -> dict[str, str]:
    """What a table or figure records about how it was made."""
    return {
        "motives_version": software_version(),
        "rulebase": rulebase_version,
        "data_version": data_version(),
    }


def version_text() -> str:
    """What ``motives --version`` prints: every version a result can be traced to, one per line."""
    import platform

    from .catalog import load_shipped_rulebase

    return "\n".join(
        [
            f"motives {software_version()}",
            f"rule base {load_shipped_rulebase().version} (the shipped rules: a hash of the rule files, "
            "printed with every result)",
            f"data panel {data_version()} (the shipped facts: DATA_VERSION + a hash of the sources "
            "manifest, name tables and overlays it was built from)",
            f"facts hash: {FACTS_HASH_MEANING}",
            f"Python {platform.python_version()}",
        ]
    )
