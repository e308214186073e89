"""A quote typed on a keyboard finds the article's typographic text.

Articles use curly quotes, dashes, non-breaking spaces and paragraph breaks;
people type ' " - and single spaces. `claims add` refused every such quote
as "does not occur"; it now anchors it, keeping the article's characters.
"""

from __future__ import annotations

import pytest

from store import Library, StoreError
from store.model import ArticleDraft

BODY = "The mayor’s office called it “a fair deal” — for now.\n\nCritics\u00a0disagreed."


@pytest.fixture
def article_id(library: Library) -> str:
    draft = ArticleDraft(outlet_name="Gazette", headline="Deal", paragraphs=tuple(BODY.split("\n\n")))
    return library.add_articles([draft]).added[0].id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('mayor\'s office called it "a fair deal"', "mayor’s office called it “a fair deal”"),
        ('deal" - for now', "deal” — for now"),
        ("for now. Critics disagreed", "for now.\n\nCritics\u00a0disagreed"),
    ],
)
def test_a_typed_quote_anchors_on_the_articles_text(
    library: Library, article_id: str, typed: str, expected: str
) -> None:
    claim = library.add_claim(article_id, typed)
    assert claim.quote == expected
    assert library.text(article_id)[claim.anchor.start : claim.anchor.end] == expected


def test_a_quote_that_is_not_there_is_still_refused(library: Library, article_id: str) -> None:
    with pytest.raises(StoreError, match="does not occur"):
        library.add_claim(article_id, "an unfair deal")
