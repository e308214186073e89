"""Tagging, editing, deleting (and undoing) and judging claims."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from store.model import ClaimKind, Verdict
from tests.tui import helpers as ui
from tui.dialogs.tag_claim import TagClaimDialog


async def _to_sentence(pilot, words: str) -> None:
    """Focus the article and move the cursor down to the sentence with `words`."""
    ui.article_view(pilot).focus()
    for _ in range(60):
        if words in ui.cursor_text(pilot):
            return
        await pilot.press("j")
    raise AssertionError(f"no sentence with {words!r}")


async def test_tagging_starts_from_the_suggestion_under_the_cursor(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        await _to_sentence(pilot, "There was no conversation")
        sentence = ui.cursor_text(pilot)
        await pilot.pause(0.5)  # the reader works suggestions out once it rests
        await ui.settle(pilot)
        await pilot.press("t")
        await ui.settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TagClaimDialog)
        quotation = "There was no conversation. This is completely untrue; it’s pure fiction."
        assert sentence.endswith("There was no conversation.")  # the quotation goes on after it
        assert dialog.query_one("#tag-quote", Input).value == quotation
        assert dialog.query_one("#tag-claimant", Input).value == "Dmitry Peskov"
        await pilot.press("tab", "tab", "right", "enter")  # the kind is a denial already; verdict: supported
        await ui.settle(pilot)
        article = ui.reader(pilot).article
        claims = library.claims(article_id=article.id)
        assert [(c.quote, c.claimant, c.kind, c.verdict) for c in claims] == [
            (quotation, "Dmitry Peskov", ClaimKind.DENIAL, Verdict.SUPPORTED)
        ]
        assert ui.claims_pane(pilot).highlighted_claim.id == claims[0].id
        assert ui.article_view(pilot).claims == tuple(claims)  # highlighted in the text


async def test_shift_down_widens_the_span_before_tagging(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        await _to_sentence(pilot, "There was no conversation")
        await pilot.press("shift+down", "t")
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        (claim,) = library.claims(article_id=ui.reader(pilot).article.id)
        assert claim.quote.startswith("According to Russian state news agency TASS")
        assert claim.quote.endswith("This is completely untrue; it’s pure fiction.”")


async def test_a_span_widened_across_paragraphs_is_tagged_as_it_stands_in_the_text(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        await _to_sentence(pilot, "There was no conversation")
        await pilot.press("shift+down", "shift+down", "shift+up", "t")  # up widens upwards too
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        (claim,) = library.claims(article_id=ui.reader(pilot).article.id)
        assert claim.quote.startswith("But Kremlin spokesperson Dmitry Peskov")
        assert "\n\n" in claim.quote
        assert claim.quote.endswith("by quite respected outlets.”")


async def test_escape_cancels_the_tag_dialog_without_saving(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        await ui.open_tag_dialog(pilot)
        await pilot.press("escape")
        await ui.settle(pilot)
        assert library.claims() == []
        assert pilot.app.screen is ui.reader(pilot)


async def test_edit_delete_undo_and_verdict_in_the_claims_pane(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    article = library.articles()[0]
    quote = "There was no conversation."
    claim = library.add_claim(article.id, quote, claimant="Peskov", kind=ClaimKind.DENIAL)
    async with ui.reading(library, (120, 35)) as pilot:
        assert ui.reader(pilot).article.id == article.id
        ui.claims_pane(pilot).focus()
        await pilot.press("v")
        await ui.settle(pilot)
        assert library.claim(claim.id).verdict == Verdict.SUPPORTED
        await pilot.press("v")
        await ui.settle(pilot)
        assert library.claim(claim.id).verdict == Verdict.DISPUTED

        await pilot.press("e")
        await ui.settle(pilot)
        claimant = pilot.app.screen.query_one("#tag-claimant", Input)
        claimant.value = "Dmitry Peskov, Kremlin"
        pilot.app.screen.query_one("#tag-tags", Input).value = "kremlin, denial"
        claimant.focus()
        await pilot.press("enter")
        await ui.settle(pilot)
        edited = library.claim(claim.id)
        assert edited.claimant == "Dmitry Peskov, Kremlin"
        assert edited.tags == ("kremlin", "denial")
        assert edited.verdict == Verdict.DISPUTED and edited.quote == quote

        await pilot.press("d")
        await ui.settle(pilot)
        assert library.claim(claim.id) is None
        assert ui.claims_pane(pilot).highlighted_claim is None
        await pilot.press("u")
        await ui.settle(pilot)
        assert library.claim(claim.id) == edited
        assert ui.claims_pane(pilot).highlighted_claim.id == claim.id


async def test_a_quote_edited_to_text_not_in_the_article_is_refused_with_a_notice(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    article = library.articles()[0]
    claim = library.add_claim(article.id, "There was no conversation.", claimant="Peskov")
    notes = ui.Notifications()
    async with ui.reading(library, (120, 35), notes) as pilot:
        ui.claims_pane(pilot).focus()
        await pilot.press("e")
        await ui.settle(pilot)
        quote = pilot.app.screen.query_one("#tag-quote", Input)
        quote.value = "words the article never printed"
        quote.focus()
        await pilot.press("enter")
        await ui.settle(pilot)
        assert library.claim(claim.id) == claim
        assert any("does not occur" in n.message for n in notes)
        assert pilot.app.is_running


async def test_choosing_another_outlets_claim_moves_the_article_to_it(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    first, second = sorted(library.articles(), key=lambda a: library.outlet(a.outlet_id).name)
    other = library.add_claim(
        second.id, "which currently has the advantage on the battlefield", claimant="Outlet B"
    )
    async with ui.reading(library, (120, 35)) as pilot:
        assert ui.reader(pilot).article.id == first.id
        pane = ui.claims_pane(pilot)
        pane.focus()
        pane.highlight_claim(other.id)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == second.id
        assert ui.article_view(pilot).selection[0] <= other.anchor.start < ui.article_view(pilot).selection[1]
        assert pilot.app.focused is ui.article_view(pilot)
