"""`dateline import`, `articles` and `outlets`."""

from __future__ import annotations

import argparse
import sys

from store import Library
from store.errors import ManifestError
from store.ingest.importer import import_paths
from tui.cli.output import error, iso_date, print_json, print_table, say


def register(subparsers: argparse._SubParsersAction) -> None:
    importer = subparsers.add_parser(
        "import",
        help="import article files, folders, globs or web pages",
        description="Import articles: seed text files (` date YYYY-MM-DD headline`, then paragraphs), "
        "JSON or JSONL records (outlet, date, title, body; optional url, id, lang), folders "
        "(recursively), glob patterns and http(s) URLs. Re-importing an article changes nothing.",
    )
    importer.add_argument("paths", nargs="+", metavar="PATH", help="a file, folder, glob or http(s) URL")
    importer.add_argument("--outlet", metavar="NAME", help="the outlet that published these articles")
    importer.add_argument(
        "--manifest",
        metavar="FILE",
        help="a JSON manifest naming each file's outlet (default: a manifest.json beside the files)",
    )
    importer.add_argument("--json", action="store_true", help="the report as one JSON document on stdout")
    importer.set_defaults(func=run_import)

    articles = subparsers.add_parser("articles", help="list articles")
    articles.add_argument("--event", metavar="ID", help="only the articles of this event")
    articles.add_argument("--json", action="store_true", help="one JSON document on stdout")
    articles.set_defaults(func=list_articles)

    outlets = subparsers.add_parser("outlets", help="list outlets; `outlets rename OLD NEW`")
    outlets.add_argument("--json", action="store_true", help="one JSON document on stdout")
    outlets.set_defaults(func=list_outlets)
    verbs = outlets.add_subparsers(dest="verb", metavar="VERB")
    rename = verbs.add_parser("rename", help="rename an outlet (onto an existing name: merge)")
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")
    rename.set_defaults(func=rename_outlet)


def run_import(args: argparse.Namespace, library: Library) -> int:
    """Exit 0 when everything imported (or was already there), 1 when
    anything was skipped, 2 when the manifest is unusable (nothing imported)."""
    progress = _show_progress if sys.stderr.isatty() else None
    try:
        report = import_paths(
            library, args.paths, outlet=args.outlet, manifest=args.manifest, on_progress=progress
        )
    except ManifestError as failure:
        error(str(failure))
        return 2
    finally:
        if progress:
            sys.stderr.write("\r\x1b[K")
    for path, reason in report.skipped:
        error(f"skipped {path}: {reason}")
    for warning in report.warnings:
        error(warning)
    if args.json:
        print_json(
            {
                "imported": report.imported,
                "duplicates": report.duplicates,
                "claims_placed": report.claims_placed,
                "skipped": [{"input": path, "reason": reason} for path, reason in report.skipped],
                "warnings": report.warnings,
            }
        )
        return 1 if report.skipped else 0
    summary = f"imported {report.imported}, skipped {len(report.skipped)}"
    if report.duplicates:
        summary += f" ({report.duplicates} already in the library)"
    if report.claims_placed:
        summary += f"; placed {report.claims_placed} claim{'' if report.claims_placed == 1 else 's'}"
    say(summary)
    return 1 if report.skipped else 0


def _show_progress(done: int, total: int) -> None:
    """One line on a terminal, rewritten in place, for long imports."""
    sys.stderr.write(f"\rdateline: importing… {done} of {total}")
    sys.stderr.flush()


def list_articles(args: argparse.Namespace, library: Library) -> int:
    event_id = library.find_event(args.event).id if args.event is not None else None
    articles = library.articles(event_id=event_id)

    if args.json:
        states = library.states([a.id for a in articles])
        print_json(
            [
                {
                    **a.to_record(),
                    "outlet": library.outlet_name(a.outlet_id),
                    "read": states[a.id].read,
                    "starred": states[a.id].starred,
                }
                for a in articles
            ]
        )
        return 0
    print_table(
        ["ID", "DATE", "OUTLET", "HEADLINE"],
        [
            (a.id, iso_date(a.date) or "unknown", library.outlet_name(a.outlet_id), a.headline[:80])
            for a in articles
        ],
    )
    return 0


def list_outlets(args: argparse.Namespace, library: Library) -> int:
    outlets = library.outlets()
    counts: dict[str, int] = {}
    for article in library.articles():
        counts[article.outlet_id] = counts.get(article.outlet_id, 0) + 1
    if args.json:
        print_json([{**o.to_record(), "articles": counts.get(o.id, 0)} for o in outlets])
        return 0
    print_table(
        ["ID", "ARTICLES", "NAME"],
        [(o.id, counts.get(o.id, 0), o.name + ("" if o.named else "  (unnamed)")) for o in outlets],
    )
    return 0


def rename_outlet(args: argparse.Namespace, library: Library) -> int:
    outlet = library.rename_outlet(args.old, args.new)
    say(f"{args.old} is now {outlet.name}")
    return 0
