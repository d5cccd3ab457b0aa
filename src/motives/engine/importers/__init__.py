"""Importers: fact files built from published data, one package per publisher (``un``: the UN's CSV
files, one module per source format; ``panel``: the data panel), writing the text ``factfile`` lays out."""
