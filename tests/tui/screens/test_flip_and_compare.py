"""Flipping between outlets keeps the reading position; compare scrolls together."""

from __future__ import annotations

from pathlib import Path

from tests.tui import helpers as ui
from tui.screens.compare import CompareScreen
from tui.widgets.article_view import ArticleView


def _outlets(library):
    return sorted(library.articles(), key=lambda a: library.outlet(a.outlet_id).name)


async def _cursor_on(pilot, words: str) -> None:
    view = ui.article_view(pilot)
    view.focus()
    view.move_to(view.shown.text.index(words))
    await pilot.pause()


async def test_flipping_lands_on_the_linked_claim_in_the_other_outlet(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    in_a = library.add_claim(a.id, "There was no conversation.", claimant="Dmitry Peskov")
    # Linked on purpose to a claim in a different place than the matching passage would give.
    in_b = library.add_claim(b.id, "which currently has the advantage on the battlefield")
    library.link_claims(in_a.id, in_b.id)
    async with ui.reading(library, (120, 35)) as pilot:
        await _cursor_on(pilot, "There was no conversation.")
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == b.id
        assert "which currently has the advantage on the battlefield" in ui.cursor_text(pilot)
        await pilot.press("left_square_bracket")
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == a.id
        assert "There was no conversation." in ui.cursor_text(pilot)


async def test_flipping_without_claims_lands_on_the_matching_passage(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    async with ui.reading(library, (120, 35)) as pilot:
        await _cursor_on(pilot, "Peskov said the reports from the Washington Post")
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == b.id
        assert ui.cursor_text(pilot).startswith("Peskov said on Monday that the article was a “vivid example")


async def test_flipping_where_nothing_matches_keeps_the_relative_place(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    async with ui.reading(library, (120, 35)) as pilot:
        view = ui.article_view(pilot)
        view.focus()
        await pilot.press("end")
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == b.id
        assert view.first >= len(view.sentences) - 3  # near the end, as in A


async def test_compare_shows_both_outlets_and_the_right_pane_follows(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    async with ui.reading(library, (140, 40)) as pilot:
        ui.article_view(pilot).focus()
        await pilot.press("c")
        await ui.settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        left = screen.query_one("#compare-left", ArticleView)
        right = screen.query_one("#compare-right", ArticleView)
        assert (left.shown.article.id, right.shown.article.id) == (a.id, b.id)
        left.move_to(left.shown.text.index("Peskov said the reports from"))
        await ui.settle(pilot)
        start, end = right.selection
        assert right.shown.text[start:end].startswith("Peskov said on Monday")
        assert right.scroll_y > 0
        await pilot.press("escape")
        await ui.settle(pilot)
        assert pilot.app.screen is ui.reader(pilot)


async def test_flipping_lands_on_the_other_outlets_words_for_the_same_claim(tmp_path: Path) -> None:
    """A's "Trump promised to stop the war within 24 hours…" and B's "he
    could end the Ukraine conflict “in 24 hours,”" share few words; flipping
    lands on B's, also once the event's matrix is worked out in the background."""
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    async with ui.reading(library, (120, 35)) as pilot:
        await _cursor_on(pilot, "Trump promised to stop the war within 24 hours")
        tools = ui.reader(pilot).claim_tools
        for _ in range(100):  # the suggestions, then the matrix, in the background
            await pilot.pause(0.05)
            if tools.matrices:
                break
        assert tools.matrices
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert ui.reader(pilot).article.id == b.id
        assert "“in 24 hours,”" in ui.cursor_text(pilot)
