"""The command groups `dateline` offers, in the order `--help` lists them.

Kept apart from the package's `__init__` so that importing one helper
(`tui.commands.output`) does not load every command and its libraries."""

from tui.commands import claims, coverage, events, export, feeds, library_cmds

GROUPS = (library_cmds, events, claims, coverage, feeds, export)
