"""Provenance: which articles of an event are wire copy, and how many
independent sources the event's coverage comes from.

An article is wire copy when it credits a news agency ("via Associated
Press", "(Reuters) -", a credit of "AFP"), or when its text is nearly the
same as another outlet's article in the event (the word 5-grams of their
leads overlap by at least `NEAR_IDENTICAL`, Jaccard): then the later of the two
copies the earlier. Copies of one source count once: an event covered by
three outlets, two of which ran the same agency story, has two
independent sources.

Finding copies reads every article's text, so it is done when grouping
changes an event (`note_copies`) and kept in a side table; `copies_in`
answers from there, working it out again only when the event's articles
changed since.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from store.db.shards import DERIVED
from store.library import EventSummary, Library
from store.model import Article
from store.text.wires import WIRES_PATTERN

TABLE = f"{DERIVED}wire-copies"
"""Kept out of backups: it is worked out again from the articles' text."""
_CREDIT = re.compile(
    rf"(?:\b(?:via|from|by|source:?|copyright|©)\s+(?:the\s+)?({WIRES_PATTERN})\b)"
    rf"|(?:^|\s)\(({WIRES_PATTERN})\)\s*[-—–:]"
    rf"|^\s*({WIRES_PATTERN})\s*$",
    re.IGNORECASE,
)
NEAR_IDENTICAL = 0.6
SHINGLE = 5
_TOKEN = re.compile(r"\w+")
LEAD_WORDS = 150
"""Words of each article's opening compared for near-identical text."""


@dataclass(frozen=True)
class Copy:
    """An article that is wire copy: of an agency, or of another article."""

    article_id: str
    source: str
    """The agency it credits ("Associated Press"), or the article it copies."""
    reason: str
    agency: bool = False
    """`source` is an agency, not an article of the event."""


def wire_credit(text: str) -> str | None:
    """The agency a credit line or dateline names, if any."""
    match = _CREDIT.search(text)
    if not match:
        return None
    return next(g for g in match.groups() if g)


def _shingles(paragraphs: Sequence[str]) -> set[tuple[str, ...]]:
    """The word 5-grams of an article's lead: a copy carries the story's
    opening, and comparing leads keeps grouping a large import quick."""
    found: list[str] = []
    for paragraph in paragraphs:
        found += _TOKEN.findall(paragraph.casefold())
        if len(found) >= LEAD_WORDS:
            break
    found = found[:LEAD_WORDS]
    return {tuple(found[i : i + SHINGLE]) for i in range(max(0, len(found) - SHINGLE + 1))}


def find_copies(
    library: Library,
    event_id: str,
    leads: Mapping[str, Sequence[str]] | None = None,
    *,
    summary: EventSummary | None = None,
    known: Mapping[str, Article] | None = None,
) -> dict[str, Copy]:
    """Article id -> how it is wire copy, for the event's wire articles,
    worked out from their text. What the caller has at hand spares lookups:
    `leads`, the opening paragraphs of articles it has read (grouping has),
    used instead of the body; `summary`, the event; `known`, articles by id."""
    summary = summary or library.event(event_id)
    if summary is None:
        return {}
    known = known or {}
    articles = [a for a in (known.get(i) or library.article(i) for i in summary.article_ids) if a is not None]
    articles.sort(key=lambda a: (a.date is None, a.date, a.imported_at, a.id))  # earliest first
    copies: dict[str, Copy] = {}
    shingles: dict[str, set[tuple[str, ...]]] = {}
    for article in articles:
        lead = leads.get(article.id) if leads is not None else None
        paragraphs = lead if lead is not None else library.paragraphs(article.id)
        edges = [article.credit or "", article.headline, *paragraphs[:2]]
        if lead is None:
            edges += paragraphs[-2:]  # a credit at the end ("The Associated Press contributed")
        agency = next((found for part in edges if (found := wire_credit(part))), None)
        if agency:
            copies[article.id] = Copy(article.id, agency, f"credits the wire agency {agency}", agency=True)
        if len(articles) > 1:
            shingles[article.id] = _shingles(paragraphs)
    for i, earlier in enumerate(articles):
        for later in articles[i + 1 :]:
            if later.outlet_id == earlier.outlet_id or later.id in copies:
                continue
            first, second = shingles[earlier.id], shingles[later.id]
            union = first | second
            if union and len(first & second) / len(union) >= NEAR_IDENTICAL:
                name = library.outlet_name(earlier.outlet_id)
                copies[later.id] = Copy(later.id, earlier.id, f"nearly the same text as {name}'s article")
    return copies


def note_copies(
    library: Library,
    event_ids: Iterable[str],
    leads: Mapping[str, Sequence[str]] | None = None,
    known: Mapping[str, Article] | None = None,
) -> None:
    """Work out and keep the copies of these events (after grouping changed
    them); `leads` and `known` as for `find_copies`. An event of one article
    has no copies to note (a single wire story is found when it is asked for)."""
    changes: dict[str, dict[str, Any] | None] = {}
    for event_id in dict.fromkeys(event_ids):
        summary = library.event(event_id)
        if summary is not None and len(summary.article_ids) < 2:
            changes[event_id] = None  # nothing to copy within one article: forget what was kept
            continue
        copies = find_copies(library, event_id, leads, summary=summary, known=known) if summary else {}
        changes[event_id] = _record(summary, copies) if summary is not None else None
    _keep(library, changes)


def _record(summary: EventSummary, copies: Mapping[str, Copy]) -> dict[str, Any] | None:
    """What is kept of an event's copies: None (nothing) for an event of
    one article or without copies."""
    if len(summary.article_ids) < 2 or not copies:
        return None
    return {
        "articles": sorted(summary.article_ids),
        "copies": {
            c.article_id: {"source": c.source, "reason": c.reason, "agency": c.agency}
            for c in copies.values()
        },
    }


def _keep(library: Library, changes: Mapping[str, dict[str, Any] | None]) -> None:
    """Write what changed of these events' kept copies, in one write."""
    stored = library.records(TABLE)
    written = {e: r for e, r in changes.items() if stored.get(e) != r}
    if written:
        library.put_records(TABLE, written)


def copies_in(library: Library, summary: EventSummary) -> dict[str, Copy]:
    """The event's wire copies: as kept, else worked out from the text (and
    kept) when its articles changed since or it was never looked at."""
    record = library.records(TABLE).get(summary.id)
    if record is not None and record.get("articles") == sorted(summary.article_ids):
        return _parsed(record)
    copies = find_copies(library, summary.id, summary=summary)
    if copies or record is not None:
        _keep(library, {summary.id: _record(summary, copies)})
    return copies


def _parsed(record: Mapping[str, Any]) -> dict[str, Copy]:
    return {
        article_id: Copy(article_id, c["source"], c["reason"], bool(c.get("agency")))
        for article_id, c in record.get("copies", {}).items()
    }


def kept_copies(library: Library) -> dict[str, dict[str, Copy]]:
    """Every event's copies as kept (for listing many events at once: no
    text is read; an event changed since it was kept shows what was kept)."""
    return {event_id: _parsed(record) for event_id, record in library.records(TABLE).items()}


def sources(articles: Iterable[Article], copies: Mapping[str, Copy]) -> dict[str, str]:
    """Outlet id -> the independent source its coverage comes from: an
    agency, the outlet of the article it copies, or the outlet itself."""
    articles = list(articles)
    outlet_of = {a.id: a.outlet_id for a in articles}
    found: dict[str, str] = {}
    for article in articles:
        copy = copies.get(article.id)
        if copy is None:
            source = f"outlet:{article.outlet_id}"
        elif copy.agency:
            source = f"agency:{copy.source.casefold()}"
        else:
            source = f"outlet:{outlet_of.get(copy.source, copy.source)}"
        if found.get(article.outlet_id) == f"outlet:{article.outlet_id}":
            continue  # an outlet with an article of its own is its own source
        found[article.outlet_id] = source
    return found


def independent_count(articles: Iterable[Article], copies: Mapping[str, Copy]) -> int:
    """How many independent sources the outlets' coverage comes from."""
    return len(set(sources(articles, copies).values()))
