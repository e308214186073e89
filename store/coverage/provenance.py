"""Provenance: which articles are wire copy.

An article is wire copy when it credits a news agency ("via Associated
Press", "(Reuters) -", a credit of "AFP"), or when its text is nearly the
same as another outlet's article in the event (word 5-gram shingles with a
Jaccard overlap of at least `NEAR_IDENTICAL`): the mark that one outlet ran
another's copy.
"""

from __future__ import annotations

import re

from store.library import Library
from store.model import PARAGRAPH_SEPARATOR
from store.text.terms import words
from store.text.wires import WIRES_PATTERN

_CREDIT = re.compile(
    rf"(?:\b(?:via|from|by|source:?|copyright|©)\s+(?:the\s+)?({WIRES_PATTERN})\b)"
    rf"|(?:^|\s)\(({WIRES_PATTERN})\)\s*[-—–:]"
    rf"|^\s*({WIRES_PATTERN})\s*$",
    re.IGNORECASE,
)
NEAR_IDENTICAL = 0.6
SHINGLE = 5


def wire_credit(text: str) -> str | None:
    """The agency a credit line or dateline names, if any."""
    match = _CREDIT.search(text)
    if not match:
        return None
    return next(g for g in match.groups() if g)


def _shingles(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + SHINGLE]) for i in range(max(0, len(found) - SHINGLE + 1))}


def wire_copies(library: Library, event_id: str) -> dict[str, str]:
    """Article id -> why it is wire copy, for the event's wire articles."""
    summary = library.event(event_id)
    if summary is None:
        return {}
    reasons: dict[str, str] = {}
    shingles: dict[str, set[tuple[str, ...]]] = {}
    for article_id in summary.article_ids:
        article = library.article(article_id)
        if article is None:
            continue
        paragraphs = library.paragraphs(article_id)
        edges = [article.credit or "", article.headline, *paragraphs[:2], *paragraphs[-2:]]
        agency = next((found for part in edges if (found := wire_credit(part))), None)
        if agency:
            reasons[article_id] = f"credits the wire agency {agency}"
        shingles[article_id] = _shingles(PARAGRAPH_SEPARATOR.join(paragraphs))
    ids = list(shingles)
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            a, b = library.article(first), library.article(second)
            if a is None or b is None or a.outlet_id == b.outlet_id:
                continue
            union = shingles[first] | shingles[second]
            if union and len(shingles[first] & shingles[second]) / len(union) >= NEAR_IDENTICAL:
                for this, other in ((first, b), (second, a)):
                    reasons.setdefault(
                        this, f"nearly the same text as {other.outlet_id}'s article {other.id}"
                    )
    return reasons
