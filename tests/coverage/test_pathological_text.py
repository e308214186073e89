"""Claim suggestions on text written to be slow.

A feed item can be anything: one 500,000-letter word, or a page with no full
stop and hundreds of quotation marks. Suggesting claims for such articles
took minutes (regular expressions that backtracked over the whole word, and
per-quote work over a "sentence" the size of the article). These inputs run
in well under a second now; before, this file alone took many minutes. The
tests check what is found, not how fast (benchmarks check speed).
"""

from __future__ import annotations

import random

from store.coverage.speakers import Cast
from store.coverage.suggestions import suggest_claims
from store.text.sentences import MAX_SENTENCE, cut_long_sentences, split_sentences


def test_one_enormous_word_has_no_people_and_no_claims() -> None:
    text = "B" * 500_000
    assert Cast.read(text).people == {}
    assert suggest_claims(text) == []


def test_an_unpunctuated_page_of_quotes_still_yields_its_quotes() -> None:
    rng = random.Random(1)
    words = [
        "the",
        "minister",
        "said",
        "that",
        "officials",
        "told",
        "reporters",
        "on",
        "Monday",
        "a",
        "plan",
        "would",
        "work",
    ]
    text = " ".join('"' + rng.choice(words) if i % 7 == 0 else rng.choice(words) for i in range(20_000))
    found = suggest_claims(text)
    assert len(found) > 1000
    assert all(text[s.start : s.end] == s.quote for s in found)


def test_long_sentences_are_cut_at_spaces_and_cover_the_text() -> None:
    text = "word " * 1000 + "end. Short one."
    long, short = split_sentences(text)
    spans = cut_long_sentences(text, [long, short])
    assert spans[-1] == short
    pieces = spans[:-1]
    assert len(pieces) > 1 and all(p.end - p.start <= MAX_SENTENCE for p in pieces)
    assert (pieces[0].start, pieces[-1].end) == (long.start, long.end)
    assert all(a.end == b.start and text[a.end] == " " for a, b in zip(pieces, pieces[1:], strict=False))
