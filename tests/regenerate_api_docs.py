"""Rewrite ``docs/api.md``, the reference of the Python API, from the docstrings:
``python tests/regenerate_api_docs.py``.

The functions and result types are those ``motives`` exports from ``engine/api/research.py`` and
``engine/api/results.py`` (its ``_EXPORTS`` table), in the table's order; the rest of the public surface
is listed with the first line of each docstring. Examples (``>>>``) become ``pycon`` blocks: they are
the doctests ``tests/test_api.py`` runs. ``tests/test_api.py`` fails when the file is stale.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import motives

API_DOCS = Path(__file__).resolve().parents[1] / "docs" / "api.md"
HEADER = "<!-- generated from the docstrings by `python tests/regenerate_api_docs.py`: do not edit -->\n"


def api_markdown() -> str:
    """The whole reference, as ``docs/api.md`` holds it."""
    exports = motives._EXPORTS
    functions = [name for name, module in exports.items() if module == "api.research"]
    kinds = [name for name, module in exports.items() if module == "api.results"]
    others = sorted(name for name, module in exports.items() if not module.startswith("api.research"))
    lines = [
        HEADER,
        "# The Python API",
        "",
        _markdown(inspect.getdoc(importlib.import_module("motives.engine.api.research")) or ""),
        "",
        "## Functions",
        "",
    ]
    for name in functions:
        function = getattr(motives, name)
        lines += [
            f"### `motives.{name}{_signature(function)}`",
            "",
            _markdown(inspect.getdoc(function) or ""),
            "",
        ]
    lines += [
        "## Results",
        "",
        _markdown(inspect.getdoc(importlib.import_module("motives.engine.api.results")) or ""),
        "",
    ]
    for name in kinds:
        kind = getattr(motives, name)
        lines += [f"### `motives.{name}`", "", _markdown(inspect.getdoc(kind) or ""), ""]
        lines += [_member(kind, member) for member in _members(kind)]
        lines.append("")
    lines += [
        "## The rest of the public surface",
        "",
        "The engine's own functions and types, for work the functions above do not cover (`motives.NAME`):",
        "",
        *(f"* `{name}`: {_summary(name)}" for name in others if name not in kinds),
        "",
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _signature(function: object) -> str:
    """A signature as the code spells it (annotations are strings under ``from __future__ import
    annotations``: shown without quotes)."""
    signature = inspect.signature(function)  # type: ignore[arg-type]
    parts = []
    keyword_only = False
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and not keyword_only:
            parts.append("*")
            keyword_only = True
        text = ("*" if parameter.kind is parameter.VAR_POSITIONAL else "") + parameter.name
        if parameter.annotation is not parameter.empty:
            text += f": {parameter.annotation}"
        if parameter.default is not parameter.empty:
            text += f" = {parameter.default!r}"
        keyword_only |= parameter.kind is parameter.VAR_POSITIONAL
        parts.append(text)
    returns = signature.return_annotation
    return f"({', '.join(parts)})" + ("" if returns is signature.empty else f" -> {returns}")


def _members(kind: type) -> list[str]:
    """The public properties and methods a result type defines itself, in source order."""
    return [
        name
        for name, value in vars(kind).items()
        if (not name.startswith("_") or name == "_repr_html_")
        and (isinstance(value, property) or inspect.isfunction(value))
    ]


def _member(kind: type, name: str) -> str:
    value = vars(kind)[name]
    if isinstance(value, property):
        shown = f"`.{name}`"
        doc = inspect.getdoc(value) or ""
    else:
        shown = f"`.{name}{_signature(value).replace('(self, ', '(').replace('(self)', '()')}`"
        doc = inspect.getdoc(value) or ("the HTML a notebook shows" if name == "_repr_html_" else "")
    text = "\n".join(f"  {line}".rstrip() for line in _markdown(doc).splitlines()).lstrip()
    return f"* {shown}" + (f": {text}" if text else "")


# The exported constants, which carry no docstring of their own (a new one fails here with KeyError).
CONSTANTS = {
    "DOMINANCE_RULE": "the shipped rule that makes a motive dominant, in words",
    "FACTS": "the built-in fact vocabulary, by name (kind, range, unit, description)",
    "FORMATS": "every output format of every result type, as the CLI's `--format` offers them",
    "SHIPPED_FACTS": "the folder of the shipped data panel, inside the installed package",
    "SHIPPED_RULES": "the folder of the shipped rule base, inside the installed package",
}


def _summary(name: str) -> str:
    value = getattr(motives, name)
    if not (callable(value) or inspect.isclass(value)):
        return CONSTANTS[name]
    doc = inspect.getdoc(value) or ""
    return doc.split("\n\n")[0].replace("\n", " ").replace("``", "`")


def _markdown(doc: str) -> str:
    """A docstring as Markdown: ``code`` as `code`, and each run of ``>>>`` example lines (with the output
    under them, up to a blank line) as a ``pycon`` block, unindented."""
    prompts = [len(line) - len(line.lstrip()) for line in doc.splitlines() if line.lstrip().startswith(">>>")]
    indent = min(prompts, default=0)
    out: list[str] = []
    example = False
    for line in doc.replace("``", "`").splitlines():
        if not example and line.lstrip().startswith(">>>"):
            out += ["```pycon"] if not out or not out[-1].strip() else ["", "```pycon"]
            example = True
        elif example and not line.strip():
            out += ["```", ""]
            example = False
            continue
        out.append(line[indent:] if example else line)
    if example:
        out.append("```")
    return "\n".join(out).strip("\n")


def write(path: Path = API_DOCS) -> bool:
    """Write the reference to ``path`` if it changed; whether it did."""
    text = api_markdown()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    print(f"wrote {API_DOCS}" if write() else f"{API_DOCS} is up to date")
