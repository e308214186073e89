"""Helpers for driving the reader in tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot

from store.library import Library
from store.model import ArticleDraft, Event
from tui.app import DatelineApp, make_app
from tui.dialogs.tag_claim import TagClaimDialog
from tui.screens.reader import ReaderScreen, first_run
from tui.widgets.article_view import ArticleView
from tui.widgets.claims_pane import ClaimsPane
from tui.widgets.story_list import StoryList

FIXED_KEYS = Path("/nonexistent/dateline/keys.toml")


def seeded_library(path: Path) -> Library:
    """A disk library holding the seed event (Outlet A and Outlet B)."""
    library = Library.open(path)
    first_run(library)
    return library


def add_story(
    library: Library,
    title: str,
    outlet: str,
    paragraphs: tuple[str, ...],
    date: dt.date = dt.date(2024, 11, 12),
) -> str:
    """Add a one-article event; returns the event id."""
    added = library.add_articles(
        [ArticleDraft(headline=title, paragraphs=paragraphs, date=date, outlet_name=outlet)]
    ).added
    event_id = library.new_event_id()
    library.save_grouping([Event(id=event_id, title=title)], {added[0].id: event_id})
    return event_id


def reader_app(library: Library, **options: object) -> DatelineApp:
    return make_app(library, keymap_file=options.pop("keymap_file", FIXED_KEYS), **options)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Let messages, workers and the messages they post all finish."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def reader(pilot: Pilot) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen), type(screen)
    return screen


def article_view(pilot: Pilot) -> ArticleView:
    return pilot.app.query_one("#article", ArticleView)


def claims_pane(pilot: Pilot) -> ClaimsPane:
    return pilot.app.query_one(ClaimsPane)


def story_list(pilot: Pilot) -> StoryList:
    return pilot.app.query_one(StoryList)


async def open_tag_dialog(pilot: Pilot) -> TagClaimDialog:
    """Press `t` in the article, on the sentence under its cursor."""
    article_view(pilot).focus()
    await pilot.press("t")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, TagClaimDialog), type(dialog)
    return dialog


def cursor_text(pilot: Pilot) -> str:
    view = article_view(pilot)
    assert view.shown is not None and view.selection is not None
    start, end = view.selection
    return view.shown.text[start:end]


def screen_text(pilot: Pilot) -> str:
    """What is on the screen, as plain text lines."""
    compositor = pilot.app.screen._compositor
    return "\n".join(strip.text for strip in compositor.render_strips())


def terminal_output(pilot: Pilot) -> str:
    """The characters the app would write to the terminal for a full redraw."""
    compositor = pilot.app.screen._compositor
    return compositor.render_full_update().render_segments(pilot.app.console)
