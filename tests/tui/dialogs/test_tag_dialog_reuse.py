"""The tag dialog is made once and shown again for every tag: each opening
must still show that tag's values and the current theme."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui import helpers as ui


async def test_reopened_dialog_follows_a_change_of_theme_and_shows_the_new_sentence(
    tmp_path: Path,
) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        dialog = await ui.open_tag_dialog(pilot)
        first_quote = dialog.query_one("#tag-quote", Input).value
        dark_background = dialog.query_one("#tag-dialog").styles.background
        await pilot.press("escape")
        await ui.settle(pilot)
        pilot.app.theme = "textual-light"
        await ui.settle(pilot)
        await pilot.press("j", "t")
        await ui.settle(pilot)
        assert pilot.app.screen is dialog  # the same dialog, shown again
        assert dialog.query_one("#tag-quote", Input).value != first_quote
        assert dialog.query_one("#tag-dialog").styles.background != dark_background
