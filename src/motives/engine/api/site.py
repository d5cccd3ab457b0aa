"""``motives site -o DIR``: the panel (or the fact sets named) classified once, written as a static site.

The folder is written whole, through a temporary folder renamed into place (``model.folders``): a
failure or a stop leaves the old folder as it was. A non-empty folder that is not a site this command
wrote, unedited, is replaced only with ``force``; a link, a file, or a folder holding an input never.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from motives.engine.inference.classify import DEFAULT_DOMINANCE, Dominance, load_inputs
from motives.engine.inference.compiled import DEFAULT_ENGINE
from motives.engine.model.catalog import SHIPPED_FACTS, SHIPPED_RULES
from motives.engine.model.progress import SILENT, Progress
from motives.engine.model.rules import rule_files
from motives.engine.model.text import counted


def write_site(
    arguments: Sequence[str],
    output: Path,
    force: bool = False,
    rules_dir: str | None = None,
    engine: str = DEFAULT_ENGINE,
    dominance: Dominance = DEFAULT_DOMINANCE,
    progress: Progress = SILENT,
) -> str:
    """Write the site of the fact sets ``arguments`` name (default: the whole shipped panel, every
    snapshot) into the folder ``output``; return a one-line summary."""
    from motives.engine.analysis.panel_site import site_panel
    from motives.engine.model.folders import check_folder, write_folder
    from motives.engine.render.site.files import site_files
    from motives.engine.render.site.layout import GENERATOR

    named = list(arguments) or [str(SHIPPED_FACTS)]
    inputs = [Path(argument.partition("#")[0]) for argument in named]
    check_folder(
        output, GENERATOR, force, [*inputs, *rule_files(Path(rules_dir) if rules_dir else SHIPPED_RULES)]
    )
    fact_sets, compiled = load_inputs(named, rules_dir, None, engine)
    site = site_panel(fact_sets, compiled, dominance, progress)
    files = site_files(site, progress)
    write_folder(output, files, GENERATOR)
    size = sum(len(text.encode("utf-8")) for text in files.values())
    return (
        f"wrote {output}: {counted(len(site.countries), 'country', 'countries')}, "
        f"{site.snapshot_count} snapshots, {len(compiled.rulebase.rules)} rules, {len(files)} files "
        f"({size / 1e6:.1f} MB)\n"
    )
