"""Echoes: one outlet's words found again, word for word, in another's.

Outlets often carry the same words differently: one quotes a statement
with its attribution, another reproduces it as a block without quote marks,
or quotes it where no attribution can be read. A run of at least `MIN_RUN`
words that two articles share word for word is the same text in both, so
a statement found in one is carried by the other there too: that is how
the matrix and flipping between outlets find a claim's place in an article
whose own suggestions missed it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MIN_RUN = 6
"""Words in a row two texts must share to be the same words (fewer, such
as "the president said on Monday", are common phrasing)."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    folded: str


def word_spans(text: str) -> list[Word]:
    """The words of `text` with where each stands, folded for comparison
    (case, and curly against straight apostrophes)."""
    return [Word(m.start(), m.end(), m.group().casefold().replace("’", "'")) for m in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Echo:
    """Where the words of `text[start:end]` of the source stand in the target."""

    start: int
    end: int
    words: int


class Target:
    """A text searched many times for runs of words it shares with others."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = word_spans(text)
        self.positions: dict[str, list[int]] = defaultdict(list)
        for position, word in enumerate(self.words):
            self.positions[word.folded].append(position)

    def longest_run(self, needle: Sequence[str]) -> tuple[int, int]:
        """The longest run of `needle`'s words that this text holds in a row:
        (length in words, position of its last word here)."""
        best = (0, -1)
        previous: dict[int, int] = {}
        for word in needle:
            current: dict[int, int] = {}
            for position in self.positions.get(word, ()):
                length = previous.get(position - 1, 0) + 1
                current[position] = length
                if length > best[0]:
                    best = (length, position)
            previous = current
        return best

    def echo_of(self, source: str) -> Echo | None:
        """Where the longest run of `source`'s words stands here, if it is
        at least MIN_RUN words long."""
        needle = [w.folded for w in word_spans(source)]
        length, last = self.longest_run(needle)
        if length < MIN_RUN:
            return None
        first = last - length + 1
        return Echo(self.words[first].start, self.words[last].end, length)
