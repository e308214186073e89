"""Who makes a claim, beyond the name in front of a verb.

Written for these tests (no seed text): an account that rests on unnamed
sources names them as such, and an aside the writer slips into the subject
of a report is the outlet's own assertion, not the subject's.
"""

from __future__ import annotations

from store import Library
from store.coverage.claimants import claimant_suggestions
from store.coverage.grouping import group_articles
from store.coverage.matrix import claim_matrix
from store.coverage.suggestions import OWN_VOICE, suggest_claims
from store.model import ArticleDraft, ClaimKind

TEXT = (
    "The Harbour Gazette reported that the mayor met the builders in secret.\n\n"
    "The Harbour Gazette wrote its story from accounts by two people “familiar with the talks,” "
    "who spoke on condition of anonymity.\n\n"
    "The Harbour Council, which has lost three votes this year, said that it would appeal."
)


def test_an_account_from_unnamed_sources_says_so() -> None:
    speakers = {s.speaker for s in suggest_claims(TEXT)}
    assert "Harbour Gazette (anonymous sources)" in speakers
    assert "Harbour Gazette" not in speakers


def test_an_aside_in_the_subject_is_the_outlets_own_assertion() -> None:
    suggestions = suggest_claims(TEXT)
    own = [s for s in suggestions if s.speaker == OWN_VOICE]
    assert [(s.quote, s.kind) for s in own] == [("has lost three votes this year", ClaimKind.STATEMENT)]
    assert TEXT[own[0].start : own[0].end] == own[0].quote
    council = [s for s in suggestions if "would appeal" in s.quote]
    assert council and council[0].speaker != OWN_VOICE


def test_an_aside_that_is_speech_stays_with_its_speaker() -> None:
    text = "The minister, who told reporters little, said that the bridge would open in May."
    assert all(s.speaker != OWN_VOICE for s in suggest_claims(text))


def test_a_claimant_without_name_words_still_heads_its_row() -> None:
    """A speaker such as "Monday" has no name words to compare; the matrix
    used to fail on it (max() of an empty list) when picking the fullest name."""
    library = Library.memory()
    draft = ArticleDraft(outlet_name="Gazette", headline="Harbour", paragraphs=("Monday said it shut.",))
    (article,) = library.add_articles([draft]).added
    library.add_claim(article.id, "it shut", claimant="Monday")
    group_articles(library, [article.id])
    (event,) = library.events()
    rows = claim_matrix(library, event.id).rows
    assert [r.claimant for r in rows if "it shut" in r.label] == ["Monday"]


def test_claimant_suggestions_put_the_speaker_first() -> None:
    text = "Kremlin spokesman Dmitry Peskov spoke. Later Peskov said it was false. Anna Lee disagreed."
    start = text.index("Later")
    assert claimant_suggestions(text, (start, text.index(" Anna")), ["Old Claimant"])[:2] == [
        "Dmitry Peskov",
        "Anna Lee",
    ]
    assert claimant_suggestions(text, (0, 5), ["Old Claimant"])[-1] == "Old Claimant"


def test_a_role_held_for_someone_suggests_its_holder_not_the_someone() -> None:
    text = (
        "Vladimir Putin’s spokesperson has rejected the reports as fiction. "
        "Kremlin spokesperson Dmitry Peskov told journalists there was no call."
    )
    span = (0, text.index(" Kremlin"))
    assert claimant_suggestions(text, span)[:2] == ["Dmitry Peskov", "Vladimir Putin"]
    unnamed = "Vladimir Putin’s spokesperson has rejected the reports as fiction."
    assert claimant_suggestions(unnamed, (0, len(unnamed)))[:2] == [
        "Vladimir Putin’s spokesperson",  # unnamed here: the role itself
        "Vladimir Putin",
    ]


TAG_TEXT = (
    "Port chief Ana Vel said the berth was safe. "
    "Union leader Tom Rusk denied it: “The berth is cracked. We saw it ourselves.” Rain fell."
)


def test_tagging_starts_from_the_suggestion_under_the_cursor() -> None:
    from store.coverage.claimants import tag_start

    suggestions = suggest_claims(TAG_TEXT)
    quote = "The berth is cracked. We saw it ourselves."
    sentence = (TAG_TEXT.index("Union"), TAG_TEXT.index(" We saw"))  # the quotation goes on after it
    begin = tag_start(TAG_TEXT, sentence, suggestions)
    assert TAG_TEXT[begin.start : begin.end] == quote
    assert (begin.claimant, begin.kind) == ("Tom Rusk", ClaimKind.DENIAL)


def test_a_widened_selection_is_kept_but_never_cuts_a_quotation() -> None:
    from store.coverage.claimants import tag_start

    suggestions = suggest_claims(TAG_TEXT)
    widened = (0, TAG_TEXT.index(" We saw"))
    begin = tag_start(TAG_TEXT, widened, suggestions, widened=True)
    assert TAG_TEXT[begin.start : begin.end].startswith("Port chief")
    assert TAG_TEXT[begin.start : begin.end].endswith("ourselves.")
    assert begin.claimant == "Tom Rusk"
    bare = tag_start(TAG_TEXT, widened)
    assert (bare.end, bare.claimant) == (begin.end, "")
