"""`dateline search QUERY`: titles, headlines, claims and article text, as
the reader's `/` finds them, for people and (with `--json`) for scripts."""

from __future__ import annotations

import argparse

from store import Article, Library
from store.search.query import ORDERS, SearchHit, parse_query, search
from tui.cli.output import error, iso_date, print_json, print_table

QUERY_HELP = (
    'Every word must occur as a whole word (case and accents ignored); "a phrase" in quotes; '
    'word* for words starting so; outlet:NAME (outlet:"New York"); since:DATE, until:DATE, '
    "date:DATE, after:DATE, before:DATE with DATE as 2024, 2024-11 or 2024-11-11."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "search",
        help="search titles, headlines, claims and article text",
        description="Search the library. " + QUERY_HELP,
    )
    command.add_argument("query", nargs="+", metavar="QUERY", help="words, phrases and filters")
    command.add_argument(
        "--sort", choices=ORDERS, default="relevance", help="most relevant first (default) or newest first"
    )
    command.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits (default 50)")
    command.add_argument("--json", action="store_true", help="one JSON document on stdout")
    command.set_defaults(func=run_search)


def run_search(args: argparse.Namespace, library: Library) -> int:
    """Exit 0 with hits or none, 1 when a filter could not be read (the
    search goes on without it), 2 when there is nothing to search for."""
    if args.limit < 1:
        error("--limit must be at least 1")
        return 2
    parsed = parse_query(" ".join(args.query), typing=False)
    for problem in parsed.problems:
        error(problem)
    if not parsed:
        error('nothing to search for: give a word or a "phrase" besides the filters')
        return 2
    hits = search(library, parsed, limit=args.limit, order=args.sort)
    articles = {a.id: a for a in library.articles_with_ids([hit.article_id for hit in hits])}
    described = [_described(library, hit, articles.get(hit.article_id)) for hit in hits]
    if args.json:
        print_json(described)
    else:
        print_table(
            ["WHERE", "DATE", "OUTLET", "ARTICLE", "TEXT"],
            [
                (d["where"], d["date"] or "unknown", d["outlet"], d["article_id"], d["snippet"])
                for d in described
            ],
        )
    return 1 if parsed.problems else 0


def _described(library: Library, hit: SearchHit, article: Article | None) -> dict[str, object]:
    return {
        "where": hit.where,
        "event_id": hit.event_id,
        "article_id": hit.article_id,
        "outlet": library.outlet_name(article.outlet_id) if article else None,
        "date": iso_date(article.date) if article else None,
        "headline": article.headline if article else None,
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "offset": hit.offset,
    }
