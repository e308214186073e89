"""Claim suggestions: quotes and their speakers, reported claims, denials,
and the library side (dismiss, accept, overlap with tagged claims)."""

from __future__ import annotations

import datetime as dt

from store import ArticleDraft, ClaimKind, Library
from store.coverage.suggestions import (
    accept_suggestion,
    dismiss_again,
    dismiss_suggestion,
    dismissed_suggestions,
    restore_suggestion,
    suggest_claims,
    suggestions_for,
)
from tests.coverage.conftest import SeedEvent
from tests.coverage.eval_set import PRECISION_TARGET, RECALL_TARGET, quote_scores


def by_quote(text: str) -> dict[str, tuple[str, ClaimKind]]:
    found = {}
    for s in suggest_claims(text):
        assert text[s.start : s.end] == s.quote
        found[s.quote] = (s.speaker, s.kind)
    return found


def test_eval_set_quotes_meet_precision_and_recall() -> None:
    precision, recall = quote_scores()
    assert precision >= PRECISION_TARGET and recall >= RECALL_TARGET, (precision, recall)


def test_pronoun_after_a_named_spokesman_is_the_spokesman() -> None:
    text = (
        "But Harbour Authority spokeswoman Ilona Varga was quick to reject the figures.\n\n"
        "According to the local broadcaster, she told reporters: “The numbers are invented. Nobody counted.”"
    )
    speaker, kind = by_quote(text)["The numbers are invented. Nobody counted."]
    assert speaker == "Ilona Varga"
    assert kind is ClaimKind.DENIAL


def test_role_descriptor_resolves_to_the_person_with_that_role() -> None:
    text = (
        "The mayor’s spokesman rejected the report as “complete nonsense”.\n\n"
        "City Hall spokesman Oren Tallis later added that no contract had been signed.\n\n"
        "Governor spokesman Beth Amsel declined to comment."
    )
    assert by_quote(text)["complete nonsense"][0] in {"Oren Tallis", "Beth Amsel"}


def test_straight_quotes_and_verb_first_attribution() -> None:
    text = '"We will appeal the ruling," said Kremsey Dollan, the union\'s lawyer.'
    assert by_quote(text)["We will appeal the ruling"] == ("Kremsey Dollan", ClaimKind.QUOTE)


def test_quote_split_by_its_attribution_is_two_pieces_of_one_speaker() -> None:
    text = "“The bridge is safe,” engineer Tova Brask said. “We checked every cable twice.”"
    suggestions = [s for s in suggest_claims(text) if s.direct]
    assert [(s.quote, s.speaker) for s in suggestions] == [
        ("The bridge is safe", "Tova Brask"),
        ("We checked every cable twice.", "Tova Brask"),
    ]
    assert all("said" not in s.quote for s in suggestions)  # the attribution is in neither span


def test_quote_over_two_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Instead, club chairman Arvid Solberg told the paper: “We have a plan for the stadium.\n\n"
        "“That is why the council should let us build it now.”"
    )
    quotes = [s for s in suggest_claims(text) if s.direct]
    assert len(quotes) == 1 and quotes[0].speaker == "Arvid Solberg"
    assert "council should let us build" in quotes[0].quote


def test_reported_claims_and_denials_are_suggested() -> None:
    text = (
        "The Coastal Herald claimed on Monday that the ferry operator had skipped inspections. "
        "Bayline Ferries denied the report. "
        "According to the harbour master, two ferries were withdrawn last year."
    )
    found = by_quote(text)
    assert found["the ferry operator had skipped inspections"] == ("Coastal Herald", ClaimKind.ALLEGATION)
    assert found["the report"][1] is ClaimKind.DENIAL
    assert all(not s.direct for s in suggest_claims(text))


def test_names_in_quotes_and_negated_denials_are_not_claims() -> None:
    text = "The army calls the plan “Operation Winter Gate”. The ministry did not deny the report."
    assert suggest_claims(text) == []


def test_seed_speakers_are_resolved(seeds: SeedEvent) -> None:
    wire = by_quote(seeds.library.text(seeds.wire))
    assert wire["There was no conversation. This is completely untrue; it’s pure fiction."] == (
        "Dmitry Peskov",
        ClaimKind.DENIAL,
    )
    assert wire["pure fiction"][0] == "Dmitry Peskov"
    assert any(speaker == "Steven Cheung" for speaker, _ in wire.values())
    other = by_quote(seeds.library.text(seeds.other))
    assert any(s == "Dmitry Peskov" and "pure fiction" in q for q, (s, _) in other.items())


def _one_article(library: Library) -> str:
    draft = ArticleDraft(
        headline="Dam inspection row",
        paragraphs=(
            "“The dam is sound,” chief engineer Mara Holm said.",
            "Inspector Pell Ardan rejected the finding as “wishful thinking”.",
        ),
        date=dt.date(2025, 1, 2),
        outlet_name="Valley Post",
    )
    return library.add_articles([draft]).added[0].id


def test_dismissed_suggestions_stay_dismissed(library: Library, tmp_path) -> None:
    article_id = _one_article(library)
    first = suggestions_for(library, article_id)[0]
    dismiss_suggestion(library, article_id, first)
    assert first not in suggestions_for(library, article_id)
    if library.path is not None:
        assert first not in suggestions_for(Library.open(library.path), article_id)


def test_dismissed_suggestions_are_listed_and_can_be_restored(library: Library) -> None:
    article_id = _one_article(library)
    other_id = (
        library.add_articles(
            [ArticleDraft("Other", ("“Not now,” Ada Lin said on Monday.",), outlet_name="Hill Times")]
        )
        .added[0]
        .id
    )
    first, second = suggestions_for(library, article_id)[:2]
    key = dismiss_suggestion(library, article_id, second)
    dismiss_suggestion(library, article_id, first)
    dismiss_suggestion(library, other_id, suggestions_for(library, other_id)[0])

    listed = dismissed_suggestions(library, article_id)
    assert [(d.quote, d.start) for d in listed] == [(first.quote, first.start), (second.quote, second.start)]
    assert len(dismissed_suggestions(library)) == 3

    assert restore_suggestion(library, key)
    assert second in suggestions_for(library, article_id)
    assert first not in suggestions_for(library, article_id)
    assert not restore_suggestion(library, key)  # already back

    (again,) = [d for d in listed if d.key == key]
    dismiss_again(library, again)  # an undone restore
    assert second not in suggestions_for(library, article_id)


def test_accepting_fills_claimant_and_kind_and_hides_the_suggestion(library: Library) -> None:
    article_id = _one_article(library)
    suggestion = next(s for s in suggestions_for(library, article_id) if "wishful" in s.quote)
    claim = accept_suggestion(library, article_id, suggestion)
    assert (claim.quote, claim.claimant, claim.kind) == ("wishful thinking", "Pell Ardan", ClaimKind.DENIAL)
    assert claim.anchor.start == suggestion.start
    assert all("wishful" not in s.quote for s in suggestions_for(library, article_id))
    assert any("dam is sound" in s.quote for s in suggestions_for(library, article_id))


def test_what_a_report_verb_introduces_is_the_report_not_what_precedes_the_speaker() -> None:
    cases = {
        "Harbour chief Ana Vel, a Liberal, said in a statement that the berth was “not safe.”": (
            "the berth was “not safe.”"
        ),
        "PORTVILLE (AP) – Harbour chief Ana Vel promises to reopen the berth by June.": (
            "to reopen the berth by June"
        ),
        "The berth was unsafe, Ana Vel said on Tuesday.": "The berth was unsafe",
    }
    for text, reported in cases.items():
        assert [s.quote for s in suggest_claims(text) if not s.direct] == [reported], text
