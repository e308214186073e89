"""The panes' own scroll bars: the thumb follows the reading position and
the mouse wheel scrolls."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tests.tui import helpers as ui


async def test_the_thumb_follows_the_article_down_and_the_wheel_scrolls(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 16)) as pilot:
        view = ui.article_view(pilot)
        height = view.scrollable_content_region.height
        top, bottom = view.scroll_thumb
        assert top == 0 and 0 < bottom < height  # the article is longer than the pane
        thumb_style = list(view.render_line(0))[-1].style
        track_style = list(view.render_line(height - 1))[-1].style
        assert thumb_style != track_style  # drawn in the pane's last column
        view.focus()
        await pilot.press("end")
        await ui.settle(pilot)
        top, bottom = view.scroll_thumb
        assert bottom == height and top > 0
        assert list(view.render_line(height - 1))[-1].style == thumb_style
        before = view.scroll_y
        view.post_message(events.MouseScrollUp(view, 5, 5, 0, -1, 0, False, False, False))
        await ui.settle(pilot)
        assert view.scroll_y < before
