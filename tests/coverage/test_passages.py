"""Where to land when the reader flips to another outlet: the passage that
says the same thing, and a quote found whatever its white space."""

from __future__ import annotations

from store.coverage.passages import locate_quote, matching_passage
from store.text.sentences import split_sentences

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
