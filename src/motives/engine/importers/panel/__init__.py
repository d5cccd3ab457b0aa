"""The fact panel: every member state at every 31 December since 1990, built from the copied sources.

``sources`` reads and checks the files in ``data/sources/`` (manifest, checksums, located rows),
``names`` maps every spelling to ISO3 through one table, ``readers`` turns each source into typed
records, ``facts`` computes a country's facts at a date, ``overlays`` merges hand-curated values, and
``build`` writes the panel as one fact file per country and date.
"""
