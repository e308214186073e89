"""Untrusted text is shown, never obeyed; any terminal size works."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from store.library import Library
from store.model import ArticleDraft, Event
from tests.tui import helpers as ui
from tui.dialogs.tag_claim import TagClaimDialog

PAYLOADS = [
    "[/]",
    "[@click=app.quit]x[/]",
    "[link=file:///etc/passwd]x[/link]",
    "an unclosed [b tag",
    "ends in a backslash\\",
    "title \x1b]0;pwned\x07 set",
    "clipboard \x1b]52;c;SGVsbG8=\x07 write",
    "csi \x1b[31mred\x1b[0m text",
    "eight-bit \x9b31m csi",
]


def _hostile_library(path: Path) -> tuple[Library, str]:
    """An article whose every field carries the payloads (added through the
    API, so the importer's cleaning has not touched it)."""
    library = Library.open(path)
    body = tuple(f"Paragraph {i}: {p} end." for i, p in enumerate(PAYLOADS))
    draft = ArticleDraft(
        headline="Headline [@click=app.quit]x[/] \x1b]0;pwned\x07",
        paragraphs=body,
        date=dt.date(2024, 11, 11),
        outlet_name="Outlet [b]bold[/b] \x1b[31m",
        credit="via [link=file:///etc/passwd]x[/link]",
    )
    (article,) = library.add_articles([draft]).added
    event_id = library.new_event_id()
    library.save_grouping(
        [Event(id=event_id, title="Event [@click=app.quit]q[/] \x9b2J")], {article.id: event_id}
    )
    library.add_claim(article.id, "[@click=app.quit]x[/]", claimant="[@click=app.quit]who[/] \x1b]52;c;x\x07")
    return library, article.id


async def test_payloads_are_shown_as_text_and_no_escape_reaches_the_terminal(tmp_path: Path) -> None:
    library, _ = _hostile_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (160, 45), seed=False) as pilot:
        text = ui.screen_text(pilot)
        for literal in (
            "[@click=app.quit]x[/]",
            "[link=file:///etc/passwd]x[/link]",
            "an unclosed [b tag",
            "ends in a backslash\\",
            "Outlet [b]bold[/b]",
            "[@click=app.quit]who[/]",
        ):
            assert literal in text, literal
        assert "␛]0;pwned␇" in text  # the control bytes are visible placeholders
        output = ui.terminal_output(pilot)
        for byte in ("\x1b]", "\x07", "\x9b", "\x1b[31m"):
            assert byte not in output, repr(byte)


async def test_clicking_a_payload_runs_no_action(tmp_path: Path) -> None:
    library, _ = _hostile_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (160, 45), seed=False) as pilot:
        lines = ui.screen_text(pilot).splitlines()
        clicks = 0
        for y, line in enumerate(lines):
            if "[@click=app.quit]" in line:
                await pilot.click(offset=(line.index("[@click=app.quit]") + 1, y))
                await pilot.click(offset=(line.index("[@click=app.quit]") + 17, y))
                clicks += 2
        await ui.settle(pilot)
        assert clicks > 0, "the payload should be on screen to be clicked"
        assert pilot.app.is_running
        assert pilot.app.return_code is None


async def test_the_tag_dialog_shows_a_payload_quote_as_text(tmp_path: Path) -> None:
    library, _ = _hostile_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (160, 45), seed=False) as pilot:
        view = ui.article_view(pilot)
        view.focus()
        view.move_to(view.shown.text.index("Paragraph 5"))
        await pilot.press("t")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, TagClaimDialog)
        assert "␛]0;pwned␇" in pilot.app.screen.query_one("#tag-quote", Input).value
        assert "\x1b" not in ui.terminal_output(pilot).replace("\x1b[", "")


SIZES = [(20, 6), (30, 8), (43, 12), (44, 12), (60, 20), (99, 30), (100, 30), (140, 40), (250, 70)]


@pytest.mark.parametrize(("width", "height"), SIZES)
async def test_every_size_renders_and_survives_resizes(tmp_path: Path, width: int, height: int) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (width, height)) as pilot:
        screen = ui.reader(pilot)
        too_small = screen.query_one("#too-small", Static)
        claims = screen.query_one("#claims")
        if width < 44 or height < 8:
            assert too_small.display and "too small" in ui.screen_text(pilot)
        else:
            assert not too_small.display
            assert claims.display == (width >= 100)
        for new_size in ((width + 37, height + 11), (20, 6), (width, height)):
            await pilot.resize_terminal(*new_size)
            await pilot.press("right_square_bracket", "tab")
        await ui.settle(pilot)
        assert pilot.app.is_running


async def test_a_narrow_terminal_folds_the_claims_pane_and_p_shows_it(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (80, 24)) as pilot:
        screen = ui.reader(pilot)
        assert not screen.query_one("#claims").display
        await pilot.press("p")
        await ui.settle(pilot)
        assert screen.query_one("#claims").display
        assert not screen.query_one("#stories").display
        await pilot.press("p")
        await ui.settle(pilot)
        assert not screen.query_one("#claims").display


@pytest.mark.parametrize(("width", "height"), [(20, 6), (44, 8)])
async def test_dialogs_open_and_close_in_a_tiny_terminal(tmp_path: Path, width: int, height: int) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (width, height)) as pilot:
        main = ui.reader(pilot)
        for key in ("t", "question_mark", "slash", "c", "M", "E", "N", "m", "ctrl+p"):
            await pilot.press(key)
            await ui.settle(pilot)
            assert pilot.app.screen is not main, key
            await pilot.press("escape")
            await ui.settle(pilot)
            assert pilot.app.screen is main, key
        assert pilot.app.is_running
