"""Sentence spans in article text, for the reader's sentence cursor and for
claim extraction. Offsets are into the text they were computed from."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets)
# before white space and an opening quote, bracket, digit or capital letter.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Ý])""")
_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "jr", "sr")
    + ("del", "capt", "cmdr", "adm", "rev", "atty", "supt", "hon", "pres", "maj", "brig")
    + ("inc", "ltd", "co", "corp", "no", "vs", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m")
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text: `text[start:end]`."""

    start: int
    end: int


def _ends_with_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip(".!?\"'”’)]").split()
    if not words:
        return False
    last = words[-1].casefold().rstrip(".")
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, paragraph breaks always ending a sentence,
    leading and trailing white space excluded."""
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        base = paragraph.start()
        body = paragraph.group()
        start = 0
        for boundary in _BOUNDARY.finditer(body):
            end = boundary.end()
            if _ends_with_abbreviation(body[start:end]):
                continue
            _add(spans, body, base, start, end)
            start = end
        _add(spans, body, base, start, len(body))
    return spans


def _add(spans: list[Span], body: str, base: int, start: int, end: int) -> None:
    chunk = body[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append(Span(base + start + lead, base + start + lead + len(stripped)))


MAX_SENTENCE = 1000
"""Longest stretch read as one sentence. Claim suggestions read attributions
within the sentence around each quote, so a "sentence" of a whole
unpunctuated page would make that work grow with the square of its length."""


def cut_long_sentences(text: str, sentences: list[Span]) -> list[Span]:
    """`sentences`, with any longer than MAX_SENTENCE cut at white space."""
    if all(s.end - s.start <= MAX_SENTENCE for s in sentences):
        return sentences
    bounded: list[Span] = []
    for span in sentences:
        start = span.start
        while span.end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            bounded.append(Span(start, cut))
            start = cut
        bounded.append(Span(start, span.end))
    return bounded
