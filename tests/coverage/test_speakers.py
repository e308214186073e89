"""Quotes and their claimants on sentences written for these tests (no
article text): a span never holds its attribution, reported speech is not
shown as a quote, titles stay with names, pronouns and roles resolve, and a
claimant is never a common noun, a number or a clause fragment."""

from __future__ import annotations

import pytest

from store.coverage.speakers import Cast
from store.coverage.suggestions import Suggestion, suggest_claims
from store.model import ClaimKind


def _quotes(text: str) -> list[Suggestion]:
    found = suggest_claims(text)
    assert all(text[s.start : s.end] == s.quote for s in found)
    return [s for s in found if s.direct]


def _speakers(text: str) -> dict[str, str]:
    return {s.quote: s.speaker for s in suggest_claims(text)}


# -- a span never holds its attribution -------------------------------------------


def test_reported_speech_spans_only_what_was_said() -> None:
    text = "Councillor Bo Tannick said the budget would pass next week."
    (found,) = suggest_claims(text)
    assert (found.quote, found.speaker, found.direct) == (
        "the budget would pass next week",
        "Bo Tannick",
        False,
    )


def test_an_attribution_ending_the_sentence_stays_out_of_the_report() -> None:
    text = "The ferry will not sail on Sunday, harbour master Juno Peltz said."
    (found,) = suggest_claims(text)
    assert (found.quote, found.speaker) == ("The ferry will not sail on Sunday", "Juno Peltz")


# -- quote marks only around quoted words ------------------------------------------


def test_sentences_without_quote_marks_are_never_direct_quotes() -> None:
    text = (
        "The council met on Monday. Councillor Bo Tannick said the budget would pass.\n\n"
        "Residents were not convinced."
    )
    assert _quotes(text) == []


def test_a_term_or_title_in_quote_marks_is_not_a_quote() -> None:
    text = "The so-called “harbour levy” was dropped after the “Save the Quay” campaign."
    assert _quotes(text) == []


def test_a_one_word_quote_someone_was_called_is_a_quote() -> None:
    text = "Party chair Lena Voss called the plan “reckless.”"
    assert [(q.quote, q.speaker) for q in _quotes(text)] == [("reckless.", "Lena Voss")]


def test_typewriter_quote_marks_and_nested_quotes() -> None:
    text = "''We cannot wait,'' said Pilar Odeh.\n\n“She told me “never again” and left,” Dario Fenn said."
    quotes = _quotes(text)
    assert [(q.quote, q.speaker) for q in quotes] == [
        ("We cannot wait", "Pilar Odeh"),
        ("She told me “never again” and left", "Dario Fenn"),
    ]


ATTRIBUTED = {
    "a quote card's dash": (
        "“The vote was a disgrace to this town.” ― Hollis Marrane\n\n"
        "“We will be back next year.” ― Ines Caro",
        ["Hollis Marrane", "Ines Caro"],
    ),
    "the next sentence, or a colon ending the paragraph before": (
        "“Is the dam safe?” Orla Lund asked.\n\nEngineer Piet Vaske answered in writing:\n\n"
        "“The dam is sound and the spillway works.”",
        ["Orla Lund", "Piet Vaske"],
    ),
}


@pytest.mark.parametrize("case", ATTRIBUTED)
def test_attributions_found_beyond_the_quotes_own_sentence(case: str) -> None:
    text, speakers = ATTRIBUTED[case]
    assert [q.speaker for q in _quotes(text)] == speakers


# -- titles stay with names ----------------------------------------------------------


def test_a_title_belongs_to_the_name_not_to_the_claimant() -> None:
    text = (
        "Attorney General Mara Quill said the suit was without merit.\n\n"
        "“We will fight it,” said Rep. Olan Brisk (D-Ohio), a member of the committee.\n\n"
        "“It is settled,” Sen. T.K. Varro, R-Idaho, said."
    )
    found = suggest_claims(text)
    assert [(s.speaker, s.title) for s in found] == [
        ("Mara Quill", "Attorney General"),
        ("Olan Brisk", "Rep."),
        ("T.K. Varro", "Sen."),
    ]


RESOLVED = {
    "surname and courtesy title": (
        "Governor Edda Marlow opened the bridge.\n\n“It took ten years,” Ms. Marlow said.",
        "It took ten years",
        "Edda Marlow",
    ),
    "she is the woman the text shows": (
        "Vera Sand chairs the port board, where she has served for years. "
        "Tomas Irle, the buyer, said he met her on Monday.\n\n“We are nearly there,” she told reporters.",
        "We are nearly there",
        "Vera Sand",
    ),
    "he is the last speaker": (
        "Coach Rudi Albers praised the team, and striker Nils Obuya thanked the fans.\n\n"
        "“They carried us,” Albers said.\n\n“We owe them the title,” he added.",
        "We owe them the title",
        "Rudi Albers",
    ),
    "the spokesman the article names": (
        "Ministry spokesman Aurel Dinu confirmed the closure.\n\n"
        "“No ships will pass before Friday,” the spokesman said.",
        "No ships will pass before Friday",
        "Aurel Dinu",
    ),
    "he after the role the article names": (
        "Attorney General Adam Roth arrived on Monday. Protest leader Tim Osk greeted the crowd. "
        "Later the attorney general met students in what he called “a frank talk about the police.”",
        "a frank talk about the police.",
        "Adam Roth",
    ),
    "an unnamed spokesman keeps the named body": (
        "“The figures are wrong,” a spokesman for the Harbour Authority said.",
        "The figures are wrong",
        "Harbour Authority spokesman",
    ),
}


@pytest.mark.parametrize("case", RESOLVED)
def test_surnames_pronouns_and_roles_resolve_to_who_is_named(case: str) -> None:
    text, quote, speaker = RESOLVED[case]
    assert _speakers(text)[quote] == speaker


# -- claimants are never common nouns, numbers or fragments ------------------------------


def test_common_nouns_numbers_and_fragments_are_not_claimants() -> None:
    text = (
        "The lawsuit says the dam leaks into two valleys.\n\n"
        "Two residents said the water rose overnight.\n\n"
        "“If Corvan and Ledde succeed, nothing will change,” the complaint says.\n\n"
        "Some sheriffs say they have seen more trucks.\n\n"
        "While Corvan disagrees, Mayor Ida Renk said the valley would be safe."
    )
    speakers = {s.speaker for s in suggest_claims(text)}
    assert speakers <= {"", "Ida Renk"}
    assert "Ida Renk" in speakers


def test_cast_names_people_places_and_institutions() -> None:
    text = (
        "Four states sued. If Nebraska wins, Colorado Attorney General John Suthers said, the law falls.\n\n"
        "The Denver Tribune reported it first. The council met later; the Harbour Council said little."
    )
    cast = Cast.read(text)
    assert cast.speaker("Four", 0) == ""
    assert cast.speaker("If Nebraska", text.index("If")) == ""
    assert cast.speaker("Suthers", len(text)) == "John Suthers"
    assert cast.title_of("John Suthers") == "Colorado Attorney General"
    assert cast.speaker("The Denver Tribune", text.index("The Denver")) == "Denver Tribune"
    assert cast.speaker("the council", len(text)) == "Harbour Council"
    assert cast.speaker("the lawsuit", 0) == ""


def test_a_denial_is_a_denial() -> None:
    text = (
        "“That is pure fiction,” Kremlin aide Ivo Marek said. "
        "Port officer Lia Brun denied that the ferry had sunk."
    )
    kinds = {s.speaker: s.kind for s in suggest_claims(text)}
    assert kinds == {"Ivo Marek": ClaimKind.DENIAL, "Lia Brun": ClaimKind.DENIAL}
