"""The `dateline` program: the reader by default, and commands for scripts.

Groups list by default and take verbs, like `git remote`. Exit codes: 0
success, 1 partial failure, 2 usage error. Errors go to stderr as one line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from store import Library, StoreError
from store.library.paths import resolve_library_path
from tui.cli.output import error


def _add_db_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the library's main file (default: $DATELINE_DB, else the user data folder)",
    )


class CommandParser(argparse.ArgumentParser):
    """A command's parser: options and paths in any order
    (`dateline import a.txt --outlet X b.txt`), and `--db` after the
    command as well as before it.

    argparse reads options between positionals only in its intermixed
    mode, which refuses parsers that take a verb (`claims add`); those
    parse as usual and their verbs, which take none, intermix."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.intermixing = False
        self.takes_verb = False
        # Not given after the command: the value given before it (or none) stands.
        _add_db_option(self, default=argparse.SUPPRESS)

    def add_subparsers(self, **kwargs: Any) -> Any:
        self.takes_verb = True
        return super().add_subparsers(**kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self.intermixing or self.takes_verb:
            return super().parse_known_args(args, namespace)
        self.intermixing = True  # parse_known_intermixed_args calls back here, twice
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self.intermixing = False


class _Version(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("dateline")
        except PackageNotFoundError:  # run from a checkout that was never installed
            found = "(not installed)"
        sys.stdout.write(f"dateline {found}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    from tui.cli.groups import GROUPS  # the commands: not loaded to open the reader

    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Read one event through several outlets; tag and compare their claims.",
    )
    _add_db_option(parser)
    parser.add_argument("--version", action=_Version)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
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
