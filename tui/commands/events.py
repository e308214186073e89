"""`dateline events`: list events (and, later, merge, split, move, rename)."""

from __future__ import annotations

import argparse

from store import Library
from tui.commands.output import iso_date, print_json, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    events = subparsers.add_parser("events", help="list events")
    events.add_argument("--json", action="store_true", help="one JSON document on stdout")
    events.set_defaults(func=list_events)


def list_events(args: argparse.Namespace, library: Library) -> int:
    events = library.events()
    if args.json:
        print_json(
            [
                {
                    "id": e.id,
                    "title": e.title,
                    "first_date": iso_date(e.first_date),
                    "last_date": iso_date(e.last_date),
                    "outlets": [library.outlet(o).name for o in e.outlet_ids if library.outlet(o)],
                    "article_ids": list(e.article_ids),
                }
                for e in events
            ]
        )
        return 0
    print_table(
        ["ID", "DATE", "OUTLETS", "TITLE"],
        [(e.id, iso_date(e.last_date) or "unknown", len(e.outlet_ids), e.title) for e in events],
    )
    return 0
