"""Where to land when the reader flips to another outlet: the passage that
says the same thing, and a quote found whatever its white space."""

from __future__ import annotations

from store.coverage.matrix import claim_matrix
from store.coverage.passages import landing_offset, locate_quote, matching_passage
from store.text.sentences import split_sentences
from tests.coverage.conftest import SeedEvent

TEXT_A = "The minister resigned on Friday. Critics said the budget plan had failed badly."
TEXT_B = "Opposition critics said on Saturday that the budget plan had failed. The minister left."


def test_matching_passage_finds_the_sentence_sharing_distinctive_words() -> None:
    passage = "Critics said the budget plan had failed badly."
    match = matching_passage(passage, TEXT_B, split_sentences(TEXT_B))
    assert match is not None and TEXT_B[match.start : match.end].startswith("Opposition critics")


def test_matching_passage_gives_up_on_unrelated_text() -> None:
    assert (
        matching_passage("Critics said the budget plan had failed.", "Rain fell all day on the coast.")
        is None
    )


def test_locate_quote_matches_any_white_space_and_prefers_the_nearest() -> None:
    text = "He said no. Later:\n\nHe said  no. Again he said no."
    assert locate_quote(text, "He said no.", near=15) == (20, 32)
    assert text[20:32] == "He said  no."
    assert locate_quote(text, "not there", near=0) is None


def test_flipping_with_the_matrix_lands_on_the_same_claim_not_on_common_phrasing(seeds: SeedEvent) -> None:
    """A's "…rejected the reports of a phone call … as “pure fiction”" shares
    "a phone call between" with B's Washington Post paragraph, but the
    claim is Peskov's denial: B's "This is pure fiction"."""
    library = seeds.library
    source, target = library.text(seeds.wire), library.text(seeds.other)
    span = next(
        (s.start, s.end) for s in split_sentences(source) if "as “pure fiction”" in source[s.start : s.end]
    )
    sentences = split_sentences(target)
    offset = landing_offset(
        library,
        source_text=source,
        source_claims=[],
        span=span,
        relative=0.0,
        target_id=seeds.other,
        target_text=target,
        target_sentences=sentences,
        source_id=seeds.wire,
        matrix=claim_matrix(library, seeds.event_id),
    )
    landed = next(s for s in sentences if s.start <= offset < s.end)
    assert "pure fiction" in target[landed.start : landed.end]
