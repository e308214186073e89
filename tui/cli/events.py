"""`dateline events`: list events; `merge`, `split`, `move` and `rename` them.

Automatic grouping is a first guess; these verbs record the user's
decisions, which later imports respect."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from store import EventSummary, Library
from store.coverage import grouping
from store.coverage.provenance import Copy, kept_copies
from tui.cli.output import iso_date, print_json, print_table, say


def register(subparsers: argparse._SubParsersAction) -> None:
    events = subparsers.add_parser("events", help="list events")
    events.add_argument("--json", action="store_true", help="one JSON document on stdout")
    events.set_defaults(func=list_events)
    verbs = events.add_subparsers(dest="verb", metavar="VERB")

    merge = verbs.add_parser("merge", help="merge event B into event A")
    merge.add_argument("keep", metavar="A", help="the event that stays")
    merge.add_argument("other", metavar="B", help="the event whose articles move into A")
    merge.set_defaults(func=merge_event)

    split = verbs.add_parser("split", help="move some articles of an event into a new event")
    split.add_argument("event", metavar="EVENT_ID")
    split.add_argument("articles", nargs="+", metavar="ARTICLE_ID")
    split.set_defaults(func=split_off)

    move = verbs.add_parser("move", help="move an article into another event")
    move.add_argument("article", metavar="ARTICLE_ID")
    move.add_argument("event", metavar="EVENT_ID")
    move.set_defaults(func=move_to_event)

    rename = verbs.add_parser("rename", help="give an event a title of your own")
    rename.add_argument("event", metavar="EVENT_ID")
    rename.add_argument("title", metavar="TITLE")
    rename.set_defaults(func=rename_event)


def merge_event(args: argparse.Namespace, library: Library) -> int:
    kept = grouping.merge_events(library, library.find_event(args.keep).id, library.find_event(args.other).id)
    say(f"merged into {kept}")
    return 0


def split_off(args: argparse.Namespace, library: Library) -> int:
    new_id = grouping.split_event(library, library.find_event(args.event).id, args.articles)
    say(new_id)
    return 0


def move_to_event(args: argparse.Namespace, library: Library) -> int:
    article = library.find_article(args.article)
    event = library.find_event(args.event)
    grouping.move_article(library, article.id, event.id)
    say(f"moved {article.id} to {event.id}")
    return 0


def rename_event(args: argparse.Namespace, library: Library) -> int:
    event = library.rename_event(library.find_event(args.event).id, args.title)
    say(f"renamed {event.id}")
    return 0


def list_events(args: argparse.Namespace, library: Library) -> int:
    events = library.events()
    copies = kept_copies(library)
    if args.json:
        print_json(
            [
                {
                    "id": e.id,
                    "title": e.title,
                    "first_date": iso_date(e.first_date),
                    "last_date": iso_date(e.last_date),
                    "outlets": [o.name for o in map(library.outlet, e.outlet_ids) if o is not None],
                    "article_ids": list(e.article_ids),
                    "wire_copies": {a: c.reason for a, c in copies.get(e.id, {}).items()},
                }
                for e in events
            ]
        )
        return 0
    print_table(
        ["ID", "DATE", "OUTLETS", "TITLE"],
        [
            (e.id, iso_date(e.last_date) or "unknown", _outlets(e, copies.get(e.id, {})), e.title)
            for e in events
        ],
    )
    return 0


def _outlets(event: EventSummary, copies: Mapping[str, Copy]) -> str:
    """How many outlets, and how many of them ran wire copy."""
    shown = str(len(event.outlet_ids))
    return f"{shown} ({len(copies)} wire)" if copies else shown
