"""Grouping reads words and names through lookups made for speed (a refresh
tokenises thousands of articles); they must find exactly what the plain
definitions find, or events would change with the speed-up."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from store.text.terms import STOPWORDS, content_terms, content_words, names, normalise, stem

EVAL_ARTICLES = Path(__file__).resolve().parent.parent / "coverage" / "eval" / "articles"

_WORD_START_CAPITAL = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]*[^\W_]")


def plain_names(text: str) -> list[str]:
    """The definition: a capitalised word counts unless, past closing quotes,
    brackets and spaces, what precedes it opens a sentence (or nothing does)."""
    found = []
    for match in _WORD_START_CAPITAL.finditer(text):
        at = match.start() - 1
        while at >= 0 and text[at] in "\"'”’)] ":
            at -= 1
        if at < 0 or text[at] in '.!?:;\n"“‘(':
            continue
        if normalise(match.group()) not in STOPWORDS:
            found.append(normalise(match.group()))
    return found


def _texts() -> list[str]:
    rng = random.Random(5)
    pieces = [*"aAbBzZ Ii.!?:;\n\"“‘('”’)] \t-_’'0129éÉßİ,", "Mr", "The", "Said", "Obama", "U.S.", "O'Neil"]
    fuzz = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    return fuzz + [p.read_text(encoding="utf-8") for p in sorted(EVAL_ARTICLES.glob("*.txt"))]


TEXTS = _texts()


def test_the_eval_articles_are_there_to_compare_on() -> None:
    assert len(TEXTS) > 5000 and sum(len(plain_names(t)) for t in TEXTS[5000:]) > 100


@pytest.mark.parametrize("chunk", range(4))
def test_names_are_those_of_the_plain_definition(chunk: int) -> None:
    for text in TEXTS[chunk::4]:
        assert names(text) == plain_names(text), text


@pytest.mark.parametrize("chunk", range(4))
def test_content_terms_are_the_stems_of_the_content_words(chunk: int) -> None:
    for text in TEXTS[chunk::4]:
        assert content_terms(text) == [stem(w) for w in content_words(text)], text


def test_names_skip_sentence_openers_and_keep_names_mid_sentence() -> None:
    text = 'Talks opened in Kyiv. "Peace" is near, said (Mr) Zelensky; Ankara waits.\nOdesa too'
    assert names(text) == ["kyiv", "zelensky"]


def test_content_terms_drop_function_words_and_fold_forms() -> None:
    assert content_terms("The ministers' talks: Arrested, ARRESTING in 24 hours") == [
        "minist",  # the crude stem: "ministers" and "ministerial" meet there
        "talk",
        "arrest",
        "arrest",
        "24",
        "hour",
    ]
