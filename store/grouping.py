"""Event grouping (first cut): articles within two days of each other whose
headline and lead share enough distinctive words form one event."""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.library import Library
from store.model import Event

_WORD = re.compile(r"[A-Za-z][A-Za-z’']+")


def _words(library: Library, article_id: str) -> set[str]:
    article = library.article(article_id)
    assert article is not None
    lead = " ".join(library.paragraphs(article_id)[:3])
    return {w.casefold() for w in _WORD.findall(f"{article.headline} {lead}") if len(w) > 4}


def group_articles(library: Library, article_ids: Sequence[str]) -> None:
    """Put each new article into the closest existing event, or a new one."""
    events: list[Event] = []
    assignments: dict[str, str] = {}
    pool: list[tuple[str, set[str], object]] = []
    for summary in library.events():
        for aid in summary.article_ids:
            article = library.article(aid)
            pool.append((summary.id, _words(library, aid), article.date if article else None))
    for article_id in article_ids:
        article = library.article(article_id)
        if article is None or article.event_pinned:
            continue
        words = _words(library, article_id)
        best, best_score = None, 0.0
        for event_id, other, date in pool:
            if article.date and date and abs((article.date - date).days) > 2:  # type: ignore[operator]
                continue
            score = len(words & other) / max(1, min(len(words), len(other)))
            if score > best_score:
                best, best_score = event_id, score
        if best is None or best_score < 0.25:
            best = library.new_event_id()
            events.append(Event(id=best, title=article.headline))
        assignments[article_id] = best
        pool.append((best, words, article.date))
    library.save_grouping(events, assignments)
