"""`dateline claims`: list (or list suggestions), `add`, `edit`, `rm`, `link`, `unlink`, `align`."""

from __future__ import annotations

import argparse

from store import ClaimKind, Library, StoreError, Verdict
from store.coverage.alignment import align_event, unlink_claims
from store.coverage.suggestions import suggestions_for
from tui.cli.output import error, print_json, print_table, say


def register(subparsers: argparse._SubParsersAction) -> None:
    claims = subparsers.add_parser("claims", help="list claims; `claims add`, `claims edit`, `claims rm`")
    claims.add_argument("--event", metavar="ID", help="only the claims of this event")
    claims.add_argument("--article", metavar="ID", help="only the claims of this article")
    claims.add_argument("--json", action="store_true", help="one JSON document on stdout")
    claims.add_argument(
        "--suggestions",
        action="store_true",
        help="list suggested claims (quotes, reports, denials) not yet tagged or dismissed",
    )
    claims.set_defaults(func=list_claims)
    verbs = claims.add_subparsers(dest="verb", metavar="VERB")

    add = verbs.add_parser("add", help="tag a claim in an article")
    add.add_argument("article_id", metavar="ARTICLE_ID")
    add.add_argument("--quote", required=True, help="the claim's exact words in the article")
    _add_occurrence_option(add)
    add.add_argument("--claimant", default="", metavar="NAME", help="who makes the claim")
    add.add_argument("--kind", choices=[k.value for k in ClaimKind], default=ClaimKind.STATEMENT.value)
    add.add_argument("--verdict", choices=[v.value for v in Verdict], default=Verdict.UNVERIFIED.value)
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a free tag (repeatable)")
    add.add_argument("--note", default="", help="a note on the claim")
    add.set_defaults(func=add_claim)

    edit = verbs.add_parser(
        "edit",
        help="change a claim's quote, claimant, kind, verdict, tags or note",
        description="Change what is given and keep the rest. A new quote places the claim again "
        "in its article; --tag replaces the claim's tags (--tag '' removes them all).",
    )
    edit.add_argument("claim_id", metavar="CLAIM_ID")
    edit.add_argument("--quote", help="new words for the claim, which must occur in its article")
    _add_occurrence_option(edit)
    edit.add_argument("--claimant", metavar="NAME", help="who makes the claim")
    edit.add_argument("--kind", choices=[k.value for k in ClaimKind])
    edit.add_argument("--verdict", choices=[v.value for v in Verdict])
    edit.add_argument("--tag", action="append", metavar="TAG", help="the claim's tags (repeatable)")
    edit.add_argument("--note", help="a note on the claim")
    edit.set_defaults(func=edit_claim)

    remove = verbs.add_parser("rm", help="delete a claim")
    remove.add_argument("claim_id", metavar="CLAIM_ID")
    remove.set_defaults(func=remove_claim)

    link = verbs.add_parser("link", help="mark two claims in different articles as the same claim")
    link.add_argument("first", metavar="CLAIM_ID")
    link.add_argument("second", metavar="CLAIM_ID")
    link.set_defaults(func=run_link)

    unlink = verbs.add_parser("unlink", help="undo a link; automatic alignment will not make it again")
    unlink.add_argument("first", metavar="CLAIM_ID")
    unlink.add_argument("second", metavar="CLAIM_ID")
    unlink.set_defaults(func=run_unlink)

    align = verbs.add_parser("align", help="link the same claims across the outlets of an event")
    align.add_argument("event", metavar="EVENT_ID")
    align.set_defaults(func=run_align)


def list_claims(args: argparse.Namespace, library: Library) -> int:
    article_id = library.find_article(args.article).id if args.article is not None else None
    event_id = library.find_event(args.event).id if args.event is not None else None
    if args.suggestions:
        return list_suggestions(args, library, article_id, event_id)
    claims = library.claims(article_id=article_id, event_id=event_id)
    if args.json:
        print_json([c.to_record() for c in claims])
        return 0
    print_table(
        ["ID", "KIND", "VERDICT", "CLAIMANT", "QUOTE"],
        [(c.id, c.kind.value, c.verdict.value, c.claimant, c.quote[:70]) for c in claims],
    )
    return 0


def _add_occurrence_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="which place the quote stands for when it occurs more than once (1 for the first)",
    )


def _check_one_place(library: Library, article_id: str, quote: str, occurrence: int | None) -> None:
    """A quote found in several places is tagged only where the user said:
    with more words, or `--occurrence N`."""
    if occurrence is not None:
        return
    places = len(library.quote_spans(article_id, quote))
    if places > 1:
        raise StoreError(
            f"the quote occurs {places} times in article {article_id}: "
            "add words to it, or pick one with --occurrence N (1 for the first)"
        )


def add_claim(args: argparse.Namespace, library: Library) -> int:
    article = library.find_article(args.article_id)
    _check_one_place(library, article.id, args.quote, args.occurrence)
    claim = library.add_claim(
        article.id,
        args.quote,
        claimant=args.claimant,
        kind=ClaimKind(args.kind),
        verdict=Verdict(args.verdict),
        tags=args.tag,
        note=args.note,
        occurrence=args.occurrence,
    )
    say(claim.id)
    return 0


def edit_claim(args: argparse.Namespace, library: Library) -> int:
    claim = library.find_claim(args.claim_id)
    changes: dict[str, object] = {
        name: value
        for name, value in (
            ("claimant", args.claimant),
            ("kind", args.kind),
            ("verdict", args.verdict),
            ("tags", args.tag),
            ("note", args.note),
        )
        if value is not None
    }
    if args.quote is not None:
        _check_one_place(library, claim.article_id, args.quote, args.occurrence)
        changes["anchor"] = library.anchor_for(claim.article_id, args.quote, occurrence=args.occurrence)
    elif args.occurrence is not None:
        error("--occurrence goes with --quote")
        return 2
    if not changes:
        error("nothing to change: give --quote, --claimant, --kind, --verdict, --tag or --note")
        return 2
    edited = library.update_claim(claim.id, **changes)
    say(f"edited {edited.id}")
    return 0


def remove_claim(args: argparse.Namespace, library: Library) -> int:
    claim = library.remove_claim(library.find_claim(args.claim_id).id)
    say(f"removed {claim.id}")
    return 0


SUGGESTIONS_STORIES = 20
"""Stories `claims --suggestions` looks at when given no event or article."""


def list_suggestions(
    args: argparse.Namespace, library: Library, article_id: str | None, event_id: str | None
) -> int:
    if article_id is not None:
        article_ids = [article_id]
    elif event_id is not None:
        article_ids = [a.id for a in library.articles(event_id=event_id)]
    else:
        # Working out every article's suggestions in a large library takes
        # minutes; the newest stories are what a reader is tagging.
        events = library.events()
        newest = events[:SUGGESTIONS_STORIES]
        article_ids = [a for summary in newest for a in summary.article_ids]
        if len(newest) < len(events):
            error(
                f"suggestions for the newest {SUGGESTIONS_STORIES} stories; "
                "--event ID or --article ID for any other"
            )
    found = [(a, s) for a in article_ids for s in suggestions_for(library, a)]
    if args.json:
        print_json(
            [
                {
                    "article_id": a,
                    "quote": s.quote,
                    "speaker": s.speaker,
                    "kind": s.kind.value,
                    "start": s.start,
                    "end": s.end,
                }
                for a, s in found
            ]
        )
        return 0
    print_table(
        ["ARTICLE", "KIND", "SPEAKER", "QUOTE"],
        [(a, s.kind.value, s.speaker, " ".join(s.quote.split())[:70]) for a, s in found],
    )
    return 0


def run_link(args: argparse.Namespace, library: Library) -> int:
    first, second = library.find_claim(args.first).id, library.find_claim(args.second).id
    library.link_claims(first, second)
    say(f"linked {first} {second}")
    return 0


def run_unlink(args: argparse.Namespace, library: Library) -> int:
    first, second = library.find_claim(args.first).id, library.find_claim(args.second).id
    unlink_claims(library, first, second)
    say(f"unlinked {first} {second}")
    return 0


def run_align(args: argparse.Namespace, library: Library) -> int:
    made = align_event(library, library.find_event(args.event).id)
    say(f"linked {made} pair{'s' if made != 1 else ''}")
    return 0
