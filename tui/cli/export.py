"""`dateline export`, `backup` and `restore`: claims and reports out in
standard formats, and the whole library to one file and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store import Library
from store.exchange.backup import backup_bytes, restore_backup, write_backup
from store.exchange.export import FORMATS, export, write_export
from tui.cli.output import say


def register(subparsers: argparse._SubParsersAction) -> None:
    formats = ", ".join(f"{name} ({module.DESCRIPTION})" for name, module in FORMATS.items())
    exporter = subparsers.add_parser(
        "export",
        help="claims or a coverage report in a standard format",
        description=f"Formats: {formats}.",
    )
    exporter.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)}",
    )
    exporter.add_argument("--event", metavar="ID", help="only this event (id or prefix); default: all")
    exporter.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: stdout)")
    exporter.set_defaults(func=run_export)

    backup = subparsers.add_parser("backup", help="write the whole library to one file (-: stdout)")
    backup.add_argument("file", metavar="FILE", help="where to write it; - for stdout")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser("restore", help="fill an empty library from a backup file")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(func=run_restore)


def run_export(args: argparse.Namespace, library: Library) -> int:
    event_id = library.find_event(args.event).id if args.event is not None else None
    if args.output in (None, "-"):
        sys.stdout.write(export(library, args.format, event_id))
        return 0
    path = write_export(library, args.format, event_id, Path(args.output).expanduser())
    say(f"wrote {args.format} export to {path}")
    return 0


def run_backup(args: argparse.Namespace, library: Library) -> int:
    if args.file == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(backup_bytes(library))
        sys.stdout.flush()
        return 0
    path = write_backup(library, args.file)
    say(f"backed up the library to {path}")
    return 0


def run_restore(args: argparse.Namespace, library: Library) -> int:
    counts = restore_backup(library, args.file)
    names = {"bodies": "article bodies", "state": "read/star marks"}
    summary = ", ".join(f"{n} {names.get(table, table)}" for table, n in counts.items())
    summary = summary or "nothing (empty backup)"
    say(f"restored {args.file} into {library.path or 'the library'}: {summary}")
    return 0
