"""Paging and jumping: page up/down and home/end in the article move the
sentence cursor a screenful or to the ends; home/end in the story list go
to the first and last story."""

from __future__ import annotations

from pathlib import Path

from tests.library.helpers import add_story
from tests.tui import helpers as ui


async def test_page_keys_move_the_sentence_cursor_by_a_screenful(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 20)) as pilot:
        view = ui.article_view(pilot)
        view.focus()
        await pilot.press("end")
        assert view.first == len(view.sentences) - 1
        await pilot.press("home")
        assert view.first == 0
        await pilot.press("pagedown")
        paged = view.first
        assert paged > 1, "a page is more than one sentence"
        assert view.scroll_y > 0
        await pilot.press("pageup")
        assert view.first < paged


async def test_home_and_end_in_the_story_list_reach_the_first_and_last_story(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))
    add_story(library, "Bridge reopens", "Bridge Daily", ("The bridge reopened.",))
    async with ui.reading(library, (120, 35)) as pilot:
        ui.story_list(pilot).focus()
        first = ui.reader(pilot).event
        await pilot.press("end")
        await ui.settle(pilot)
        last = ui.reader(pilot).event
        assert last is not None and first is not None and last.id != first.id
        assert last.title.startswith("The spokesperson for Vladimir Putin")  # oldest is last
        await pilot.press("home")
        await ui.settle(pilot)
        assert ui.reader(pilot).event is not None and ui.reader(pilot).event.id == first.id
