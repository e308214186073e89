"""`dateline feeds` (list, add, rm, import-opml, export-opml) and `dateline refresh`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from store import Library
from store.feeds.opml import export_opml, import_opml, write_opml
from store.feeds.refresh import refresh
from store.feeds.subscriptions import add_feed, remove_feed, subscriptions
from store.text.clean import strip_control
from tui.cli.output import error, print_json, print_table, say


def register(subparsers: argparse._SubParsersAction) -> None:
    feeds = subparsers.add_parser(
        "feeds", help="list feed subscriptions; `feeds add|rm|import-opml|export-opml`"
    )
    feeds.add_argument("--json", action="store_true", help="one JSON document on stdout")
    feeds.set_defaults(func=list_feeds)
    verbs = feeds.add_subparsers(dest="verb", metavar="VERB")

    add = verbs.add_parser("add", help="subscribe to an RSS, Atom or JSON feed")
    add.add_argument("url", metavar="URL")
    add.add_argument(
        "--outlet", metavar="NAME", help="the outlet of the feed's articles (default: the feed's title)"
    )
    add.add_argument("--full-text", action="store_true", help="fetch each new item's page for its full text")
    add.set_defaults(func=run_add)

    rm = verbs.add_parser("rm", help="unsubscribe (the feed's articles stay)")
    rm.add_argument("url", metavar="URL")
    rm.set_defaults(func=run_remove)

    opml_in = verbs.add_parser("import-opml", help="subscribe to every feed in an OPML file")
    opml_in.add_argument("file", metavar="FILE")
    opml_in.set_defaults(func=run_import_opml)

    opml_out = verbs.add_parser("export-opml", help="write the subscriptions as OPML (stdout by default)")
    opml_out.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    opml_out.set_defaults(func=run_export_opml)

    refresher = subparsers.add_parser(
        "refresh", help="fetch new articles from feeds (all, or the URLs given)"
    )
    refresher.add_argument("urls", nargs="*", metavar="URL")
    refresher.set_defaults(func=run_refresh)


def list_feeds(args: argparse.Namespace, library: Library) -> int:
    subs = subscriptions(library)
    if args.json:
        records = [s.to_record() for s in subs]
        for record in records:
            del record["etag"], record["last_modified"]
        print_json(records)
        return 0
    if not subs:
        say("no feeds yet; add one with `dateline feeds add URL`")
        return 0
    print_table(
        ["URL", "TITLE", "ITEMS", "LAST REFRESH", "LAST ERROR"],
        [
            (
                s.url,
                (s.title or "")[:40] + (" [full text]" if s.full_text else ""),
                s.item_count,
                (s.last_refresh or "never")[:16].replace("T", " "),
                s.last_error or "",
            )
            for s in subs
        ],
    )
    return 0


def run_add(args: argparse.Namespace, library: Library) -> int:
    sub = add_feed(library, args.url, outlet=args.outlet, full_text=True if args.full_text else None)
    extras = [f"outlet {sub.outlet}"] if sub.outlet else []
    if sub.full_text:
        extras.append("full text")
    say(f"subscribed to {sub.url}" + (f" ({', '.join(extras)})" if extras else ""))
    return 0


def run_remove(args: argparse.Namespace, library: Library) -> int:
    sub = remove_feed(library, args.url)
    say(f"unsubscribed from {sub.url}; its articles stay in the library")
    return 0


def run_import_opml(args: argparse.Namespace, library: Library) -> int:
    report = import_opml(library, args.file)
    for url, reason in report.skipped:
        error(f"{args.file}: skipped {url}: {reason}")
    say(
        f"subscribed to {len(report.added)} feeds, {len(report.already)} already subscribed, "
        f"{len(report.skipped)} skipped"
    )
    return 1 if report.skipped else 0


def run_export_opml(args: argparse.Namespace, library: Library) -> int:
    if not args.output or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(export_opml(library))
        return 0
    count = write_opml(library, args.output)
    say(f"wrote {count} feeds to {args.output}")
    return 0


def run_refresh(args: argparse.Namespace, library: Library) -> int:
    if not args.urls and not subscriptions(library):
        say("no feeds to refresh; add one with `dateline feeds add URL`")
        return 0
    with _progress_reporter() as progress:
        report = refresh(library, args.urls or None, progress=progress)
    say(report.summary())
    for url, reason in report.failures:
        error(f"{url}: {reason}")
    return 1 if report.failures else 0


@contextmanager
def _progress_reporter() -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar on a terminal, plain `done/total URL` lines otherwise."""
    if not sys.stdout.isatty():

        def plain(done: int, total: int, url: str) -> None:
            say(f"{done}/{total} {url}")

        yield plain
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("refreshing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[url]}", markup=False),
        transient=True,
    ) as bar:
        task = bar.add_task("refresh", total=None, url="")

        def update(done: int, total: int, url: str) -> None:
            # The URL column is plain text (markup=False), never read as markup.
            bar.update(task, completed=done, total=total, url=strip_control(url)[-60:])

        yield update
