"""Finding a quote again after the text around it changed."""

from __future__ import annotations

from store.exchange.reanchor import reanchor
from store.model import Anchor

TEXT = (
    "The Kremlin said on Monday there was no call. “It is pure fiction,” Peskov said.\n\n"
    "Later a reporter asked again. “Pure fiction, as I said,” he repeated, calling it pure fiction."
)


def anchor_at(text: str, quote: str, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return Anchor(quote, text[max(0, start - 32) : start], text[end : end + 32], start, end)


def test_an_unchanged_text_keeps_the_offsets() -> None:
    anchor = anchor_at(TEXT, "pure fiction")
    found = reanchor(TEXT, anchor)
    assert (found.start, found.end, found.how) == (anchor.start, anchor.end, "unchanged")


def test_a_sentence_added_above_moves_the_quote_to_its_new_place() -> None:
    anchor = anchor_at(TEXT, "no call")
    edited = "Updated with a new paragraph.\n\n" + TEXT
    found = reanchor(edited, anchor)
    assert found.how == "moved" and edited[found.start : found.end] == "no call"
    assert found.start == anchor.start + len("Updated with a new paragraph.\n\n")


def test_of_repeated_quotes_the_one_with_matching_context_is_chosen() -> None:
    anchor = anchor_at(TEXT, "pure fiction", nth=1)  # the second, "calling it pure fiction"
    edited = TEXT.replace("Later a reporter", "Later on Tuesday a reporter")
    found = reanchor(edited, anchor)
    assert found.how == "moved"
    assert edited[: found.start].endswith("calling it ")


def test_a_slightly_reworded_quote_is_found_fuzzily() -> None:
    anchor = anchor_at(TEXT, "The Kremlin said on Monday there was no call.")
    edited = TEXT.replace("said on Monday", "insisted on Monday")
    found = reanchor(edited, anchor)
    assert found.how == "fuzzy" and found.similarity >= 0.8
    assert edited[found.start : found.end] == "The Kremlin insisted on Monday there was no call."


def test_a_quote_that_is_gone_is_not_placed_anywhere() -> None:
    anchor = anchor_at(TEXT, "Later a reporter asked again.")
    edited = TEXT.replace("Later a reporter asked again.", "Nobody followed up on the matter at all.")
    assert reanchor(edited, anchor) is None
    assert reanchor("", anchor) is None
