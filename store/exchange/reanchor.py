"""Find a claim's quote again in an article whose text may have changed.

An anchor stores the quote, a little text before and after it, and its
offsets (the W3C TextQuoteSelector and TextPositionSelector). Offsets go
stale as soon as a sentence is added above the quote; the quote and its
context do not. So we look, in order, for:

1. the quote still at its offsets ("unchanged");
2. the quote elsewhere, choosing among repeats by how well the prefix and
   suffix match, then by nearness to the old offset ("moved");
3. a stretch of text close enough to the quote (an edited word, a fixed
   typo), found from the prefix and suffix or from the longest run the
   quote shares with the text, accepted above a similarity threshold
   ("fuzzy").

Only difflib is used: article texts are a few thousand characters, which
it handles in milliseconds.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from store.model import Anchor

FUZZY_THRESHOLD = 0.8
"""How similar (difflib ratio, 0-1) a stretch must be to count as the quote."""

_MIN_SHARED_RUN = 8
"""Characters the quote must share verbatim with the text to try fuzzily."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the quote is now: `text[start:end]`, and how it was found."""

    start: int
    end: int
    how: str
    similarity: float = 1.0


def _similarity(left: str, right: str) -> float:
    if not left and not right:
        return 1.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def _context_score(text: str, anchor: Anchor, start: int, end: int) -> float:
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    return _similarity(before, anchor.prefix) + _similarity(after, anchor.suffix)


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def reanchor(text: str, anchor: Anchor) -> Placement | None:
    """Where `anchor`'s quote is in `text` now, or None if it is gone."""
    exact = anchor.exact
    if not exact:
        return None
    if anchor.start >= 0 and text[anchor.start : anchor.start + len(exact)] == exact:
        return Placement(anchor.start, anchor.start + len(exact), "unchanged")
    starts = _occurrences(text, exact)
    if starts:
        best = max(
            starts,
            key=lambda s: (_context_score(text, anchor, s, s + len(exact)), -abs(s - anchor.start)),
        )
        return Placement(best, best + len(exact), "moved")
    return _fuzzy(text, anchor)


def _fuzzy(text: str, anchor: Anchor) -> Placement | None:
    exact = anchor.exact
    candidates = [*_windows_from_context(text, anchor), *_windows_from_shared_run(text, exact)]
    best: Placement | None = None
    for start, end in candidates:
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        score = _similarity(text[start:end], exact)
        if score >= FUZZY_THRESHOLD and (best is None or score > best.similarity):
            best = Placement(start, end, "fuzzy", score)
    return best


def _windows_from_context(text: str, anchor: Anchor) -> list[tuple[int, int]]:
    """Spans that sit between an occurrence of the prefix and the suffix."""
    prefix, suffix = anchor.prefix[-16:], anchor.suffix[:16]
    if not prefix.strip() or not suffix.strip():
        return []
    windows = []
    for p in _occurrences(text, prefix):
        start = p + len(prefix)
        end = text.find(suffix, start)
        if end >= 0 and 0.5 <= (end - start) / len(anchor.exact) <= 1.5:
            windows.append((start, end))
    return windows


def _windows_from_shared_run(text: str, exact: str) -> list[tuple[int, int]]:
    """The best span around the longest run the quote shares with the text,
    its edges moved word by word to whatever matches the quote best."""
    matcher = difflib.SequenceMatcher(None, exact, text, autojunk=False)
    run = matcher.find_longest_match(0, len(exact), 0, len(text))
    if run.size < min(_MIN_SHARED_RUN, len(exact)):
        return []
    slack = len(exact) // 4 + 8
    guess_start = run.b - run.a
    guess_end = guess_start + len(exact)
    starts = _word_edges(text, guess_start - slack, guess_start + slack)
    start = max(starts, key=lambda s: _similarity(text[s:guess_end], exact), default=max(0, guess_start))
    ends = _word_edges(text, guess_end - slack, guess_end + slack)
    end = max(ends, key=lambda e: _similarity(text[start:e], exact), default=min(len(text), guess_end))
    return [(start, end)]


def _word_edges(text: str, low: int, high: int) -> list[int]:
    """Positions in [low, high] that begin or end a word."""
    low, high = max(0, low), min(len(text), high)
    return [
        i for i in range(low, high + 1) if i in (0, len(text)) or text[i - 1].isspace() != text[i].isspace()
    ]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
