"""The command palette (ctrl+p): every key binding of the reader is an entry
there, made from the binding itself, and a story opens by part of its title."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input

from tests.library.helpers import add_story
from tests.tui import helpers as ui
from tui.screens.reader import ReaderScreen

READER_SECTIONS = {"Reading", "Claims", "Stories", "Story list", "Article", "Claims pane"}


async def _choose(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Open the palette, type, and take the first hit. (All but the last
    letter are pasted: each key pressed in the palette costs ~0.1 s.)"""
    await pilot.press("ctrl+p")
    await ui.settle(pilot)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = typed[:-1]
    await pilot.press(typed[-1])
    await ui.settle(pilot)  # the search runs in a worker
    await pilot.press("enter")
    await ui.settle(pilot)


async def test_every_reader_binding_in_help_is_a_palette_entry(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        in_help = Counter(e.description for e in pilot.app.help_entries() if e.section in READER_SECTIONS)
        commands = list(pilot.app.get_system_commands(ui.reader(pilot)))
        in_palette = Counter(c.help for c in commands)
        assert in_help, "help lists the reader's bindings"
        assert in_help - in_palette == Counter(), "each binding help lists has a palette entry"
        titles = [c.title for c in commands]
        assert len(titles) == len(set(titles)), "no two entries look the same"


async def test_a_new_binding_is_a_palette_entry_that_runs_its_action(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = Binding("f9", "toggle_star", "Keep for later", id="test.keep", tooltip="Star it, from a test")
    monkeypatch.setattr(ReaderScreen, "BINDINGS", [*ReaderScreen.BINDINGS, extra])
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        article = ui.reader(pilot).article
        assert article is not None and not library.state(article.id).starred
        assert ("Keep for later", "Star it, from a test") in {
            (c.title, c.help) for c in pilot.app.get_system_commands(ui.reader(pilot))
        }
        await _choose(pilot, "keep for later")
        assert library.state(article.id).starred


async def test_palette_entries_act_on_their_own_pane(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        ui.story_list(pilot).focus()
        first = ui.cursor_text(pilot)
        await _choose(pilot, "next sentence")
        assert ui.cursor_text(pilot) != first  # the article's cursor moved, though the story list has focus
        assert pilot.app.focused is ui.story_list(pilot)

        article = ui.reader(pilot).article
        assert article is not None
        await _choose(pilot, "star")
        assert library.state(article.id).starred

        await _choose(pilot, "next outlet")
        assert ui.reader(pilot).index == 1


async def test_typing_part_of_a_story_title_opens_that_story(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    (seed,) = library.events()
    harbour = add_story(
        library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",)
    )
    async with ui.reading(library, (120, 35)) as pilot:
        assert ui.reader(pilot).event is not None and ui.reader(pilot).event.id == harbour  # the newest first
        await _choose(pilot, "spokesperson for vlad")
        assert ui.reader(pilot).event is not None and ui.reader(pilot).event.id == seed.id
        assert ui.story_list(pilot).current is not None and ui.story_list(pilot).current.event_id == seed.id
        await _choose(pilot, "flood closes")
        assert ui.reader(pilot).event is not None and ui.reader(pilot).event.id == harbour
