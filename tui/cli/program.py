"""The `dateline` program: the reader by default, and commands for scripts.

Groups list by default and take verbs, like `git remote`. Exit codes: 0
success, 1 partial failure, 2 usage error. Errors go to stderr as one line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from store import Library, StoreError
from store.library.paths import resolve_library_path
from tui.cli.output import error


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the library's main file (default: $DATELINE_DB, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    from tui.cli.groups import GROUPS  # the commands: not loaded to open the reader

    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Read one event through several outlets; tag and compare their claims.",
    )
    _add_db_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(subparsers)
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """`dateline` or `dateline --db PATH` opens the reader without loading
    the commands (feeds, export, …), which would cost every launch ~0.1 s."""
    globals_only = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _add_db_option(globals_only)
    try:
        known, rest = globals_only.parse_known_args(argv)
    except argparse.ArgumentError:
        known, rest = None, argv  # the full parser reports it
    if known is not None and not rest:
        known.command = None
        args = known
    else:
        args = build_parser().parse_args(argv)
    if args.db is not None and not args.db.strip():
        # `--db "$DB"` with DB unset must not fall back to the real library.
        build_parser().error("--db: the path is empty")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(list(sys.argv[1:] if argv is None else argv))
    try:
        library = Library.open(resolve_library_path(args.db))
        for warning in library.warnings:
            error(warning)
        shown = len(library.warnings)
        if args.command is None:
            from tui.app import run_reader

            return run_reader(library)
        try:
            return int(args.func(args, library))
        finally:
            # Damage found while the command ran (a notes shard, say).
            for warning in library.warnings[shown:]:
                error(warning)
    except StoreError as failure:
        error(str(failure))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as failure:
        error(f"{failure.filename or 'the library'}: {failure.strerror or failure}")
        return 1
