"""The model layer: strict YAML loading, the vocabulary, operators and derived quantities, the fact and
rule models with their checks, the catalog of shipped files, the error tree and atomic writes."""
