"""One function per command, loading what the command names and returning a result; the CLI and
notebooks call these."""
