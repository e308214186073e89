"""Quotations: the spans of an article's text that stand in its own quote
marks.

Marks are paired by reading the characters on either side of each one, so
a stray mark that closes or opens the wrong way still pairs; typewriter
pairs (''so'') count; a quotation left open at the end of a paragraph goes
on when the next paragraph opens with a quote mark (the press convention
for long quotations). Nothing here says who speaks: see `suggestions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.text.sentences import Span

_OPENERS = "“„«"
_CLOSERS = "”»"
_DOUBLE = _OPENERS + _CLOSERS + '"'
_AFTER_OPEN = " \t([{—–-/…"
_BEFORE_CLOSE = " \t.,;:!?)]}—–-…"


@dataclass
class Piece:
    open: int  # index of the opening mark
    close: int  # index of the closing mark's last character (or the end of the paragraph)
    start: int  # first character inside
    end: int  # one past the last character inside


@dataclass
class Quotation:
    """One quotation: pieces carried over paragraphs, or split by an attribution."""

    pieces: list[Piece]
    split_after: set[int]
    """Indexes of pieces followed by the attribution (`"…," he said, "…"`)."""

    @property
    def open(self) -> int:
        return self.pieces[0].open

    @property
    def close(self) -> int:
        return self.pieces[-1].close

    def runs(self) -> list[list[Piece]]:
        """The pieces as spans to suggest: split where the attribution is."""
        runs: list[list[Piece]] = [[]]
        for i, piece in enumerate(self.pieces):
            runs[-1].append(piece)
            if i in self.split_after and i + 1 < len(self.pieces):
                runs.append([])
        return runs


def paragraph_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _side(text: str, i: int, width: int, para: Span) -> str:
    """Whether the double quote mark at `text[i:i+width]` opens, closes, or
    could do either, read from its neighbours: a mark after a space before a
    word opens, one after a word before a space or punctuation closes,
    whatever its shape."""
    before = text[i - 1] if i > para.start else " "
    after = text[i + width] if i + width < para.end else " "
    opening = before in _AFTER_OPEN or before in _DOUBLE or before in "‘'"
    closing = after in _BEFORE_CLOSE or after in _DOUBLE or after in "’'"
    char = text[i]
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    if char in _OPENERS or char == "`":
        return "open"
    if char in _CLOSERS:
        return "close"
    return "either"


QUOTE_MARK = re.compile(r"[“„«”»\"]|''|``")
"""A double quote mark, including the typewriter pairs some archives use (''so'')."""


def _pieces_in(text: str, para: Span) -> tuple[list[Piece], Piece | None]:
    """Closed quotations in one paragraph, and a quotation left open at its end.

    A quotation inside a quotation in the same marks (“… “so” …”) is read as
    nested when the paragraph closes both; otherwise an opening mark inside an
    open quotation means the first was never closed."""
    marks = [
        (m.start(), len(m.group()), _side(text, m.start(), len(m.group()), para))
        for m in QUOTE_MARK.finditer(text, para.start, para.end)
    ]
    nested = _pair_nested(text, para, marks)
    if nested is not None:
        return nested
    found: list[Piece] = []
    opened, width = -1, 1
    for i, size, side in marks:
        if opened < 0:
            if side != "close" or i == para.start:
                opened, width = i, size
        elif side != "open" or re.search(r"[.!?,]\s$", text[max(para.start, i - 2) : i]):
            # a closing mark, or `wrong. "` with a space astray
            found.append(Piece(opened, i + size - 1, opened + width, i))
            opened = -1
        else:  # an opening mark inside an open quotation: the first was never closed
            found.append(Piece(opened, i - 1, opened + width, i))
            opened, width = i, size
    left_open = Piece(opened, para.end, opened + width, para.end) if opened >= 0 else None
    found.extend(_single_quoted(text, para, found, left_open))
    found.sort(key=lambda p: p.open)
    return found, left_open


def _pair_nested(
    text: str, para: Span, marks: list[tuple[int, int, str]]
) -> tuple[list[Piece], Piece | None] | None:
    """Pieces when the paragraph's marks nest (only where some do): None
    when they do not all close, and the flat reading is the better guess."""
    if not any(side == "open" for _, _, side in marks[1:]):
        return None
    found: list[Piece] = []
    stack: list[tuple[int, int]] = []
    saw_nesting = False
    for i, size, side in marks:
        if not stack:
            if side != "close" or i == para.start:
                stack.append((i, size))
        elif side == "open":
            stack.append((i, size))
            saw_nesting = True
        else:
            opened, width = stack.pop()
            if not stack:
                found.append(Piece(opened, i + size - 1, opened + width, i))
    if stack or not saw_nesting:
        return None
    found.extend(_single_quoted(text, para, found, None))
    found.sort(key=lambda p: p.open)
    return found, None


def _single_quoted(text: str, para: Span, double: list[Piece], left_open: Piece | None) -> list[Piece]:
    """‘Curly single quotations’ outside double ones (quotes within quotes stay inside)."""
    covered = [(p.open, p.close) for p in double]
    if left_open is not None:
        covered.append((left_open.open, para.end))
    found: list[Piece] = []
    i = text.find("‘", para.start, para.end)
    while i >= 0:
        before = text[i - 1] if i > para.start else " "
        after = text[i + 1] if i + 1 < para.end else " "
        inside = any(a <= i <= b for a, b in covered)
        if not inside and not before.isalnum() and after.isalnum():
            j = _find_single_close(text, i + 1, para.end)
            if j > 0:
                found.append(Piece(i, j, i + 1, j))
                i = text.find("‘", j, para.end)
                continue
        i = text.find("‘", i + 1, para.end)
    return found


def _find_single_close(text: str, i: int, end: int) -> int:
    while i < end:
        at = text.find("’", i, end)
        if at < 0:
            return -1
        after = text[at + 1] if at + 1 < end else " "
        if after.isalnum() and text[at - 1].isalnum():
            i = at + 1  # an apostrophe: it’s
            continue
        return at
    return -1


def quotations_in(text: str) -> list[Quotation]:
    """Quotations in reading order; a quotation left open at the end of a
    paragraph goes on when the next paragraph opens with a quote mark."""
    quotations: list[Quotation] = []
    carried: Quotation | None = None
    for para in paragraph_spans(text):
        pieces, left_open = _pieces_in(text, para)
        if carried is not None:
            if pieces and pieces[0].open == para.start:
                carried.pieces.append(pieces.pop(0))
            elif left_open is not None and left_open.open == para.start and not pieces:
                carried.pieces.append(left_open)
                continue
            quotations.append(carried)
            carried = None
        quotations.extend(Quotation([piece], set()) for piece in pieces)
        if left_open is not None:
            carried = Quotation([left_open], set())
    if carried is not None:
        quotations.append(carried)
    return sorted(quotations, key=lambda q: q.open)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where each quotation's words are (inside its marks), in reading order."""
    return [(piece.start, piece.end) for q in quotations_in(text) for piece in q.pieces]


def in_quotation(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether `start:end` lies inside one of `spans` (from `quoted_spans`)."""
    return any(lo <= start and end <= hi for lo, hi in spans)
