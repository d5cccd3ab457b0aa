"""The engine, in layers that import only downwards (an import-linter contract in pyproject.toml):

- ``model``: strict YAML loading, the vocabulary, operators, derived quantities, facts, rules, conditions;
- ``inference``: the experta network, certainty, classification, the three-valued reading;
- ``importers``: fact files from published data;
- ``analysis``: why-not, explanations, what-if, counterfactuals, comparison, evaluation, batch rows;
- ``authoring``: rule checks, lint, rule tests, coverage, editor schemas, generated docs;
- ``render``: text, JSON, markdown, HTML, dot and mermaid views of the results;
- ``api``: one function per command, which the CLI (``motives.cli``) and notebooks call.

The public surface is re-exported, lazily, by the ``motives`` package itself.
"""
