"""The `dateline` command line: `program` parses the arguments and opens
the reader or runs a command; each other module is one group of commands
(listed in `groups`), with `register(subparsers)` adding its commands and
each command's `func(args, library)` returning the exit code; `output`
prints for all of them.

Opening the reader loads `program` and `output` only, not the commands
and their libraries."""

from tui.cli.program import main, parse_arguments

__all__ = ["main", "parse_arguments"]
