"""The UN's published CSV files (``motives facts import``), one module per step of the import."""
