"""Where to land when the reader flips from one outlet's article to another's.

Reading position is kept in this order: the same claim (through the links
the user made between claims), else the same words (the longest run of the
passage's words the other article repeats, at least `SAME_WORDS` of them),
else the same claim as the claim matrix aligns it (when the reader has the
event's matrix at hand), else the passage that says the same thing (the
sentence sharing the most distinctive words), else the same relative place.
On BASIL's quotations that two outlets share, `make eval` prints how often
this lands on the other outlet's quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.coverage.echoes import Target, word_spans
from store.library import Library
from store.model import Claim
from store.text.sentences import Span, split_sentences
from store.text.terms import content_words

if TYPE_CHECKING:  # the matrix is worked out in the background: not a start-up import
    from store.coverage.matrix import ClaimMatrix

MIN_SHARED = 3
MIN_OVERLAP = 0.4
SAME_WORDS = 8
"""Words in a row that make a passage of the other article the same words
(fewer, such as "a phone call between", are common phrasing: then the
matrix's aligned claim knows better)."""


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


def same_words(passage: str, target: Target) -> int | None:
    """Where the longest run of `passage`'s words that `target` repeats
    starts there, if it is at least SAME_WORDS words long."""
    length, last = target.longest_run([w.folded for w in word_spans(passage)])
    return target.words[last - length + 1].start if length >= SAME_WORDS else None


def aligned_place(
    matrix: ClaimMatrix, source_id: str, span: tuple[int, int], target_id: str, target_text: str, passage: str
) -> int | None:
    """Where the claim the matrix aligns with the passage stands in the
    target article: of the rows the passage carries, the place most like it."""
    wanted = _words(passage)
    best: tuple[int, int, int] | None = None
    for row in matrix.rows:
        cells = [c for c in row.cells.values() if c.article_id in (source_id, target_id)]
        source = next((c for c in cells if c.article_id == source_id), None)
        target = next((c for c in cells if c.article_id == target_id), None)
        if source is None or target is None:
            continue
        if not any(lo < span[1] and span[0] < hi for lo, hi in source.places):
            continue
        for lo, hi in target.places:
            shared = len(wanted & _words(target_text[lo:hi]))
            if best is None or shared > best[0]:
                best = (shared, -lo, lo)
    return best[2] if best else None


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
    source_id: str | None = None,
    matrix: ClaimMatrix | None = None,
) -> int:
    """The character offset in the target article to put the cursor on.
    `matrix`, the event's claim matrix if the caller has it (with the source
    article's id), lines claims up."""
    claim = linked_claim(library, source_claims, span, target_id)
    if claim is not None:
        return claim.anchor.start
    passage = source_text[span[0] : span[1]]
    found = same_words(passage, Target(target_text))
    if found is None and matrix is not None and source_id is not None:
        found = aligned_place(matrix, source_id, span, target_id, target_text, passage)
    if found is not None:
        return found
    match = matching_passage(passage, target_text, target_sentences)
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
