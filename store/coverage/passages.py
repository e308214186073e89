"""Where to land when the reader flips from one outlet's article to another's.

Reading position is kept in this order: the same claim (through the links
between claims), else the passage that says the same thing (the sentence
sharing the most distinctive words), else the same relative place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.library import Library
from store.model import Claim
from store.text.sentences import Span, split_sentences
from store.text.terms import content_words

MIN_SHARED = 3
MIN_OVERLAP = 0.4


def _words(text: str) -> set[str]:
    return set(content_words(text))


def matching_passage(passage: str, target_text: str, sentences: Sequence[Span] | None = None) -> Span | None:
    """The sentence of `target_text` that best matches `passage`, if any
    shares enough distinctive words with it."""
    wanted = _words(passage)
    if not wanted:
        return None
    best: Span | None = None
    best_score = 0.0
    for span in sentences if sentences is not None else split_sentences(target_text):
        words = _words(target_text[span.start : span.end])
        shared = len(wanted & words)
        if not words or shared < min(MIN_SHARED, len(wanted)):
            continue
        score = shared / min(len(wanted), len(words))
        if score > best_score:
            best, best_score = span, score
    return best if best_score >= MIN_OVERLAP else None


def linked_claim(
    library: Library, claims: Sequence[Claim], span: tuple[int, int], target_id: str
) -> Claim | None:
    """The claim in article `target_id` linked to a claim overlapping `span`."""
    start, end = span
    for claim in claims:
        if claim.anchor.start < end and start < claim.anchor.end:
            for other_id in claim.links:
                other = library.claim(other_id)
                if other is not None and other.article_id == target_id:
                    return other
    return None


def landing_offset(
    library: Library,
    *,
    source_text: str,
    source_claims: Sequence[Claim],
    span: tuple[int, int],
    relative: float,
    target_id: str,
    target_text: str,
    target_sentences: Sequence[Span],
) -> int:
    """The character offset in the target article to put the cursor on."""
    claim = linked_claim(library, source_claims, span, target_id)
    if claim is not None:
        return claim.anchor.start
    match = matching_passage(source_text[span[0] : span[1]], target_text, target_sentences)
    if match is not None:
        return match.start
    if not target_sentences:
        return 0
    index = round(max(0.0, min(1.0, relative)) * (len(target_sentences) - 1))
    return target_sentences[index].start


def locate_quote(text: str, quote: str, near: int = 0) -> tuple[int, int] | None:
    """Where `quote` occurs in `text`, white space matching any white space
    (a quote edited on one line may span paragraphs); nearest `near` first."""
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    return min(found, key=lambda span: abs(span[0] - near)) if found else None
