"""Reading ahead: once the reader rests on a story, the articles the next
keys are likeliest to show are read in the background, so those keys do not
wait for the disk."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from pathlib import Path

import pytest

from store.library import Library
from tests.tui.helpers import add_story, article_view, reader, reader_app, seeded_library, settle, story_list


async def _until(condition, seconds: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("read-ahead did not happen")


def _library(tmp_path: Path) -> Library:
    library = seeded_library(tmp_path / "lib" / "library.json")
    # Older than the seed event, so listed after it.
    add_story(library, "Dam opens early", "Outlet C", ("The dam opened early.",), dt.date(2024, 11, 1))
    return library


async def test_after_a_rest_the_next_story_opens_without_reading_its_body(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with reader_app(library).run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        screen = reader(pilot)
        stories = story_list(pilot)
        following = stories.row_at(stories.cursor + 1)
        assert following is not None
        (next_article,) = library.articles(event_id=following.event_id)
        await _until(lambda: next_article.id in screen.article_cache)
        read: list[str] = []
        original = library.paragraphs

        def counting(article_id: str) -> tuple[str, ...]:
            if threading.current_thread() is threading.main_thread():  # the screen's thread
                read.append(article_id)
            return original(article_id)

        library.paragraphs = counting  # type: ignore[method-assign]
        stories.focus()
        await pilot.press("j")
        await settle(pilot)
        assert screen.article is not None and screen.article.id == next_article.id
        assert next_article.id not in read


async def test_the_other_outlets_are_read_ahead_for_flipping(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with reader_app(library).run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        screen = reader(pilot)
        assert len(screen.articles) == 2
        other = screen.articles[1]
        await _until(lambda: other.id in screen.article_cache)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.article == other


async def test_an_outlet_renamed_by_another_process_shows_its_new_name(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with reader_app(library).run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        screen = reader(pilot)
        other_article = screen.articles[1]
        await _until(lambda: other_article.id in screen.article_cache)
        other = Library.open(tmp_path / "lib" / "library.json")
        other.rename_outlet("Outlet B", "The Evening Herald")
        screen.recheck()
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        view = article_view(pilot)
        assert view.shown is not None and view.shown.outlet == "The Evening Herald"


async def test_search_is_prepared_in_the_background_after_the_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.search

    warmed: list[Library] = []
    monkeypatch.setattr(store.search, "warm_up", warmed.append)
    library = _library(tmp_path)
    async with reader_app(library).run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        assert warmed == []  # not while the first screen is being drawn
        await _until(lambda: warmed == [library])
