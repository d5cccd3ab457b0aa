"""Rewrite the published JSON Schemas of the JSON outputs, ``src/motives/schema/output/``, from
``motives.engine.render.output_schemas``: ``python tests/regenerate_output_schemas.py``.

The schemas are a contract: a consumer of ``--format json`` validates against them. Review the diff
(``git diff src/motives/schema/output``) before committing; a file no kind names any more is removed.
"""

from __future__ import annotations

from motives.engine.render.output_schemas import OUTPUT_SCHEMAS, SCHEMAS, schema_path, schema_text


def main() -> None:
    OUTPUT_SCHEMAS.mkdir(exist_ok=True)
    wanted = {schema_path(kind) for kind in SCHEMAS}
    for kind in SCHEMAS:
        path, text = schema_path(kind), schema_text(kind)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    for path in sorted(OUTPUT_SCHEMAS.glob("*.json")):
        if path not in wanted:
            path.unlink()
            print(f"removed {path}")


if __name__ == "__main__":
    main()
