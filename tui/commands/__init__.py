"""The command line's groups, one module each (listed in `groups.py`).
Every module has `register(subparsers)`, which adds its commands; a
command's `func(args, library)` returns the exit code."""
