"""Search the library: event titles, headlines, claims, then article bodies.

Every word of the query must occur (ignoring case). Cheap fields are
searched first so the best hits arrive early; bodies are read last, shard
by shard, and the search stops at `limit` hits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from store.library import Library

SNIPPET = 70


@dataclass(frozen=True, slots=True)
class SearchHit:
    """Where a query matched: an article (and the offset in its body, for
    body and claim hits) and a snippet to show."""

    event_id: str | None
    article_id: str
    where: str
    snippet: str
    offset: int = 0


def _matches(words: list[str], text: str) -> int:
    """The offset of the first word in `text`, or -1 unless all occur."""
    folded = text.casefold()
    first = -1
    for word in words:
        at = folded.find(word)
        if at < 0:
            return -1
        first = at if first < 0 else min(first, at)
    return first


def _snippet(text: str, at: int) -> str:
    start = max(0, at - SNIPPET // 3)
    piece = " ".join(text[start : start + SNIPPET].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def iter_search(library: Library, query: str) -> Iterator[SearchHit]:
    words = [w.casefold() for w in query.split()]
    if not words:
        return
    articles = library.articles()
    for summary in library.events():
        if _matches(words, summary.title) >= 0 and summary.article_ids:
            yield SearchHit(summary.id, summary.article_ids[0], "title", summary.title)
    for article in articles:
        if _matches(words, article.headline) >= 0:
            yield SearchHit(article.event_id, article.id, "headline", article.headline)
    for claim in library.claims():
        text = " ".join((claim.quote, claim.claimant, claim.note, *claim.tags))
        if _matches(words, text) >= 0:
            tagged = library.article(claim.article_id)
            event_id = tagged.event_id if tagged else None
            yield SearchHit(event_id, claim.article_id, "claim", claim.quote, claim.anchor.start)
    for article in articles:
        body = library.text(article.id)
        at = _matches(words, body)
        if at >= 0:
            yield SearchHit(article.event_id, article.id, "body", _snippet(body, at), at)


def search(library: Library, query: str, limit: int = 100) -> list[SearchHit]:
    """Up to `limit` hits for `query`, cheap fields first, no duplicates."""
    hits: list[SearchHit] = []
    seen: set[tuple[str, str, int]] = set()
    for hit in iter_search(library, query):
        key = (hit.article_id, hit.where, hit.offset)
        if key in seen:
            continue
        seen.add(key)
        hits.append(hit)
        if len(hits) >= limit:
            break
    return hits
