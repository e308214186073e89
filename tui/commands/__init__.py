"""The command line's groups, one module each. Every module has
`register(subparsers)`, which adds its commands; a command's `func(args, library)`
returns the exit code."""

from tui.commands import claims, coverage, events, export, feeds, library_cmds

GROUPS = (library_cmds, events, claims, coverage, feeds, export)
