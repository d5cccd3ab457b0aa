"""The rule-authoring toolchain: whole-base lint, rule tests, coverage, editor JSON Schemas and the
generated docs."""
