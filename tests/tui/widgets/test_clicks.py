"""Clicks land on what is under the mouse: the pane's border is not a line
of its content, and the last line of an entry belongs to that entry."""

from __future__ import annotations

from pathlib import Path

from tests.library.helpers import add_story
from tests.tui import helpers as ui


async def test_clicking_a_storys_date_line_opens_that_story(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Dam opens early", "Outlet C", ("The dam opened early.",))
    async with ui.reading(library, (130, 36)) as pilot:
        stories = ui.story_list(pilot)
        first, second = stories.rows[0], stories.rows[1]
        stories.cursor = 1
        await ui.settle(pilot)
        assert ui.reader(pilot).event.id == second.event_id
        assert await pilot.click("#stories", offset=(5, 2))  # border, title line, date line of story 1
        await ui.settle(pilot)
        assert ui.reader(pilot).event.id == first.event_id


async def test_clicking_the_last_line_of_a_claim_highlights_that_claim(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    article = next(a.id for a in library.articles() if library.outlet_name(a.outlet_id) == "Outlet A")
    claim = library.add_claim(article, "There was no conversation.", claimant="Dmitry Peskov")
    async with ui.reading(library, (130, 36)) as pilot:
        pane = ui.claims_pane(pilot)
        meta = next(i for i, line in enumerate(pane.text_lines) if line.startswith("statement"))
        assert await pilot.click("#claims", offset=(3, meta + 1))  # +1: the pane's top border
        await ui.settle(pilot)
        assert pane.highlighted_claim is not None and pane.highlighted_claim.id == claim.id
        assert "There was no conversation" in ui.cursor_text(pilot)


async def test_clicking_a_word_puts_the_cursor_on_its_sentence(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (130, 36)) as pilot:
        view = ui.article_view(pilot)
        lines = [strip.text for strip in view.render_lines(view.region.reset_offset)]
        # The last line of a paragraph: a line lower is blank, a column
        # further is still this sentence.
        row = next(i for i, line in enumerate(lines) if "claims on Monday." in line)
        column = lines[row].index("on Monday")
        assert await pilot.click("#article", offset=(column, row))
        await ui.settle(pilot)
        assert "Peskov was quick" in ui.cursor_text(pilot)
