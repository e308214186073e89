"""The claims pane: moving through claims by keyboard and mouse, jumping to
them, and wrapping claims to the pane's width."""

from __future__ import annotations

from pathlib import Path

from store.library import Library
from tests.tui import helpers as ui
from tui.widgets.claims_pane import wrap_pieces


def _claimed_seed(tmp_path: Path) -> tuple[Library, list[str]]:
    """The seed event with one claim in each outlet's article; returns the
    articles' ids in the reader's outlet order."""
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    event = library.events()[0]
    articles = sorted(
        library.articles(event_id=event.id), key=lambda a: library.outlet_name(a.outlet_id).casefold()
    )
    library.add_claim(articles[0].id, "There was no conversation.", claimant="Dmitry Peskov")
    library.add_claim(articles[1].id, "pure fiction", claimant="Peskov")
    return library, [a.id for a in articles]


def _words(lines: list[str]) -> list[str]:
    """The words of the pane, without its rule."""
    return [word for line in lines for word in line.split() if set(word) != {"─"}]


async def test_j_walks_the_entries_past_the_headings_and_enter_goes_to_the_claim(
    tmp_path: Path,
) -> None:
    library, article_ids = _claimed_seed(tmp_path)
    async with ui.reader_app(library).run_test(size=(130, 36)) as pilot:
        await pilot.pause(0.4)  # suggestions come in once the reader stops on the article
        await ui.settle(pilot)
        pane = ui.claims_pane(pilot)
        assert ui.reader(pilot).article.id == article_ids[0]
        assert pane.highlighted_claim.claimant == "Dmitry Peskov"
        assert pane.suggestions  # listed between this article's claims and the others
        pane.focus()
        for _ in range(len(pane.suggestions)):
            await pilot.press("j")
            assert pane.highlighted_suggestion is not None
        await pilot.press("j")  # past the rule and the "In other outlets" heading
        assert pane.highlighted_claim.claimant == "Peskov"
        await pilot.press("j")  # nothing further down: the cursor stays
        assert pane.highlighted_claim.claimant == "Peskov"
        await pilot.press("home")
        assert pane.highlighted_claim.claimant == "Dmitry Peskov"
        await pilot.press("end", "enter")
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        assert ui.reader(pilot).article.id == article_ids[1]
        assert "pure fiction" in view.shown.text[slice(*view.selection)]


async def test_clicking_another_outlets_claim_flips_to_it(tmp_path: Path) -> None:
    library, article_ids = _claimed_seed(tmp_path)
    async with ui.reading(library, (130, 36)) as pilot:
        pane = ui.claims_pane(pilot)
        row = next(i for i, line in enumerate(pane.text_lines) if "[Outlet B]" in line)
        pane.scroll_to(y=row, animate=False, immediate=True)
        await pilot.pause()
        on_screen = row - round(pane.scroll_y) + 1  # +1: the pane's border
        assert await pilot.click("#claims", offset=(3, on_screen))
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == article_ids[1]


async def test_the_pane_lists_claimant_quote_kind_and_outlet(tmp_path: Path) -> None:
    library, _ = _claimed_seed(tmp_path)
    async with ui.reading(library, (130, 36)) as pilot:
        text = " ".join(ui.claims_pane(pilot).text_lines)
        assert "Dmitry Peskov: “There was no conversation.”" in text
        assert "statement · unverified" in text
        assert "In other outlets" in text
        assert "[Outlet B] Peskov: “pure fiction”" in text


def test_wrapping_keeps_every_word_and_each_pieces_style() -> None:
    pieces = [("[Reuters] ", "outlet"), ("Dmitry Peskov", "claimant"), (": “no conversation at all”", "")]
    lines = wrap_pieces(pieces, 14)
    assert all(sum(len(text) for text, _ in line) <= 14 for line in lines)
    text = "".join(t for t, _ in pieces)
    assert " ".join("".join(t for t, _ in line) for line in lines).split() == text.split()
    styles = {word: style for line in lines for text, style in line for word in text.split()}
    assert styles["[Reuters]"] == "outlet"
    assert styles["Dmitry"] == styles["Peskov"] == "claimant"


async def test_a_narrower_pane_wraps_claims_onto_more_lines(tmp_path: Path) -> None:
    library, _ = _claimed_seed(tmp_path)
    async with ui.reader_app(library).run_test(size=(130, 36)) as pilot:
        await pilot.pause(0.4)  # suggestions come in once the reader stops on the article
        await ui.settle(pilot)
        wide = _words(ui.claims_pane(pilot).text_lines)
        wide_lines = len(ui.claims_pane(pilot).text_lines)
        ui.reader(pilot).add_class("-claims-toggled")  # narrow layout: the pane shows at 40 %
        await pilot.resize_terminal(70, 36)
        await ui.settle(pilot)
        narrow = _words(ui.claims_pane(pilot).text_lines)
        assert len(ui.claims_pane(pilot).text_lines) > wide_lines
        assert narrow == wide


def test_quote_marks_only_around_quoted_words() -> None:
    from store.coverage.suggestions import Suggestion
    from store.model import ClaimKind
    from tui.widgets.claims_pane import suggestion_label

    def shown(suggestion: Suggestion) -> str:
        return " / ".join("".join(text for text, _ in line) for line in suggestion_label(suggestion))

    quoted = Suggestion("pure fiction", "Dmitry Peskov", ClaimKind.DENIAL, 0, 12, direct=True)
    reported = Suggestion("the lawsuit was without merit", "John Suthers", ClaimKind.STATEMENT, 0, 29)
    assert shown(quoted) == "Dmitry Peskov: “pure fiction” / suggested denial"
    assert shown(reported) == "John Suthers: the lawsuit was without merit / suggested statement, reported"
    titled = Suggestion("pure fiction", "John Suthers", ClaimKind.DENIAL, 0, 12, True, "Attorney General")
    assert shown(titled).startswith("Attorney General John Suthers: “pure fiction”")
