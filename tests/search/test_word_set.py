"""The index's words of a text are looked up per chunk between white space
(a refresh folds millions of words); they must be exactly the words the plain
definition finds: \\w+ runs of the case-folded text, accents folded."""

from __future__ import annotations

import random
import re
import unicodedata

from store.text.terms import folded_word_set as word_set


def plain_word_set(text: str) -> set[str]:
    """The definition, written out."""
    words = set()
    for token in re.findall(r"\w+", text.casefold()):
        if not token.isascii():
            token = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
        words.add(token)
    return words


def _texts() -> list[str]:
    rng = random.Random(11)
    pieces = [
        *"aZ9_-'’.,;(\"",
        *" \t\n\r\x0b\x0c\x1c\x1d\x85\xa0\u2028\u3000",  # white space of every kind str.split knows
        "é",
        "É",
        "ß",
        "İ",
        "ﬁ",
        "Σ",
        "ς",
        "\u0345",
        "naïve",
        "Ærø",
        "Straße",
        "ΣΊΣΥΦΟΣ",
        "İstanbul",
    ]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(4000)]


def test_words_looked_up_per_chunk_are_those_of_the_definition() -> None:
    for text in _texts():
        assert word_set(text) == plain_word_set(text), repr(text)


def test_a_chunk_seen_before_gives_the_same_words_again() -> None:
    text = "Kyiv, Kiev and KYIV: the café's «Café»"
    assert (
        word_set(text)
        == word_set(text)
        == plain_word_set(text)
        == {"kyiv", "kiev", "and", "the", "cafe", "s"}
    )
