"""What search counts as a word is what people expect: a run of letters and
digits, compared ignoring case and accents, never a piece of a longer word
and never two words across white space or punctuation of any kind."""

from __future__ import annotations

import random
import re
import unicodedata

from store import ArticleDraft, Library
from store.search.query import search


def plain_words(text: str) -> set[str]:
    """The definition, written out: runs of letters and digits, lower case,
    accents taken off."""
    folded = set()
    for token in re.findall(r"[^\W_]+", text):
        plain = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
        folded.add(plain.lower())
    return folded


PIECES = [
    *"aZ9-'’.,;(\"_",
    *" \t\n\r\x0b\x0c\xa0\u2028\u3000",  # white space of many kinds
    "é",
    "É",
    "ü",
    "Ñ",
    "naïve",
    "Zürich",
    "CAFÉ",
    "Kyiv",
    "o'clock",
]


def test_words_found_are_those_of_the_definition() -> None:
    rng = random.Random(11)
    library = Library.memory()
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20))) for _ in range(150)]
    drafts = [
        ArticleDraft(headline=f"Text {n}", paragraphs=(f"uniq{n}", t), outlet_name="A")
        for n, t in enumerate(texts)
    ]
    ids = [a.id for a in library.add_articles(drafts).added]
    for n, (text, article_id) in enumerate(zip(texts, ids, strict=True)):
        words = plain_words(text)
        for word in words:
            hits = {h.article_id for h in search(library, f"uniq{n} {word} ")}
            assert article_id in hits, (text, word)
        joined = sorted(words)
        for first, second in zip(joined, joined[1:], strict=False):
            if first + second not in words:
                hits = {h.article_id for h in search(library, f"uniq{n} {first}{second} ")}
                assert article_id not in hits, (text, first + second)


def test_case_and_accents_fold_both_ways() -> None:
    library = Library.memory()
    [article] = library.add_articles(
        [
            ArticleDraft(
                headline="Kiev or Kyiv", paragraphs=("The CAFÉ’s owner, naïve, met ZÜRICH.",), outlet_name="A"
            )
        ]
    ).added
    for query in ("cafe", "Café", "CAFE s", "naive", "NAÏVE", "zurich", "Zürich", "kyiv kiev"):
        assert {h.article_id for h in search(library, query + " ")} == {article.id}, query
    assert search(library, "caf ") == [] and search(library, "cafes ") == []
