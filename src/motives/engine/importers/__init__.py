"""Importers: fact files built from published data, one module per source format."""
