"""Where a quote stands when it stands in several places, and which claims
a link may join."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from store import Library, StoreError
from tests.library.helpers import add_one

REPEATS = (
    "Peskov called it “pure fiction” on Monday.",
    "Asked again, he said:  it was pure fiction.",
    "Kyiv said nothing — pure   fiction or not.",
)


def test_quote_spans_finds_every_place_as_given_or_as_typed(library: Library) -> None:
    article_id = add_one(library, paragraphs=REPEATS)
    text = library.text(article_id)
    spans = library.quote_spans(article_id, "pure fiction")
    assert [text[a:b] for a, b in spans] == ["pure fiction", "pure fiction"]
    # Not as given, only as typed: the article's own spaces are kept.
    loose = library.quote_spans(article_id, "nothing - pure fiction")
    assert [text[a:b] for a, b in loose] == ["nothing — pure   fiction"]
    assert library.quote_spans(article_id, "not there") == []
    assert library.quote_spans(article_id, "  ") == []


def test_anchor_for_takes_an_occurrence_counted_from_one(library: Library) -> None:
    article_id = add_one(library, paragraphs=REPEATS)
    text = library.text(article_id)
    first, second = library.quote_spans(article_id, "pure fiction")
    assert library.anchor_for(article_id, "pure fiction").start == first[0], "the first, by default"
    anchor = library.anchor_for(article_id, "pure fiction", occurrence=2)
    assert (anchor.start, anchor.end) == second
    assert anchor.prefix == text[second[0] - len(anchor.prefix) : second[0]]
    claim = library.add_claim(article_id, "pure fiction", occurrence=2)
    assert claim.anchor == anchor
    for wrong in (0, 3):
        with pytest.raises(StoreError, match=f"occurs 2 times .* no occurrence {wrong}"):
            library.anchor_for(article_id, "pure fiction", occurrence=wrong)


def test_a_link_joins_claims_of_two_articles_only(library: Library) -> None:
    one = add_one(library, outlet="A")
    other = add_one(library, outlet="B")
    a = library.add_claim(one, "pure fiction")
    b = library.add_claim(one, "Dmitry Peskov")
    c = library.add_claim(other, "pure fiction")
    with pytest.raises(StoreError, match="both in article"):
        library.link_claims(a.id, b.id)
    assert library.claim(a.id).links == library.claim(b.id).links == ()  # type: ignore[union-attr]
    library.link_claims(a.id, c.id)
    assert library.claim(a.id).links == (c.id,)  # type: ignore[union-attr]


WORDS = st.sampled_from(
    ["pure", "fiction", "pure fiction", "“pure", "fiction”", '"', "—", "-", " ", "  ", "said"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(WORDS, min_size=1, max_size=30).map(" ".join),
    st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
)
def test_every_place_of_a_quote_can_be_chosen_and_is_that_place(paragraph: str, quote: str) -> None:
    library = Library.memory()
    assume(paragraph.strip())
    article_id = add_one(library, paragraphs=(paragraph.strip(),))
    text = library.text(article_id)
    spans = library.quote_spans(article_id, quote)
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False)), "in order, apart"
    for number, (start, end) in enumerate(spans, start=1):
        anchor = library.anchor_for(article_id, quote, occurrence=number)
        assert (anchor.start, anchor.end, anchor.exact) == (start, end, text[start:end])
    if not spans:
        with pytest.raises(StoreError):
            library.anchor_for(article_id, quote)
