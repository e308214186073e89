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
from store.model import Article
from tests.library.helpers import add_story
from tests.tui import helpers as ui
from tui.reading import ArticleCache


async def _until(condition, seconds: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("read-ahead did not happen")


def _library(tmp_path: Path) -> Library:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    # Older than the seed event, so listed after it.
    add_story(library, "Dam opens early", "Outlet C", ("The dam opened early.",), dt.date(2024, 11, 1))
    return library


async def test_after_a_rest_the_next_story_opens_without_reading_its_body(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with ui.reading(library, (130, 36)) as pilot:
        screen = ui.reader(pilot)
        stories = ui.story_list(pilot)
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
        await ui.settle(pilot)
        assert screen.article is not None and screen.article.id == next_article.id
        assert next_article.id not in read


async def test_the_other_outlets_are_read_ahead_for_flipping(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with ui.reading(library, (130, 36)) as pilot:
        screen = ui.reader(pilot)
        assert len(screen.articles) == 2
        other = screen.articles[1]
        await _until(lambda: other.id in screen.article_cache)
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert screen.article == other


async def test_an_outlet_renamed_by_another_process_shows_its_new_name(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with ui.reading(library, (130, 36)) as pilot:
        screen = ui.reader(pilot)
        other_article = screen.articles[1]
        await _until(lambda: other_article.id in screen.article_cache)
        other = Library.open(tmp_path / "lib" / "library.json")
        other.rename_outlet("Outlet B", "The Evening Herald")
        screen.recheck()
        await ui.settle(pilot)
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        assert view.shown is not None and view.shown.outlet == "The Evening Herald"


async def test_search_is_prepared_in_the_background_after_the_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.search.query

    warmed: list[Library] = []
    monkeypatch.setattr(store.search.query, "warm_up", warmed.append)
    library = _library(tmp_path)
    async with ui.reader_app(library).run_test(size=(130, 36)):
        await _until(lambda: warmed == [library])


async def test_closing_the_reader_stops_its_read_ahead_thread(tmp_path: Path) -> None:
    library = _library(tmp_path)
    async with ui.reading(library, (130, 36)) as pilot:
        await _until(lambda: len(ui.reader(pilot).article_cache) > 1)
        thread = ui.reader(pilot).article_cache.thread
        assert thread is not None and thread.is_alive()
    thread.join(timeout=3)
    assert not thread.is_alive()


class _SlowLibrary:
    """Just what reading an article needs, with reads that wait for a signal
    and can fail."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.failing: set[str] = set()

    def text(self, article_id: str) -> str:
        self.go.wait(timeout=5)
        if article_id in self.failing:
            raise ValueError("unexpected")
        return f"Body of {article_id}."

    def outlet_name(self, outlet_id: str) -> str:
        return "Outlet"


def _article(article_id: str) -> Article:
    return Article(id=article_id, outlet_id="o", headline=article_id, date=None)


async def test_what_was_being_read_when_the_cache_was_cleared_is_not_kept() -> None:
    library = _SlowLibrary()
    cache = ArticleCache(library)  # type: ignore[arg-type]
    cache.read_ahead([_article("old")])
    await asyncio.sleep(0.2)  # rested, and now reading (waiting on `go`)
    cache.clear()  # e.g. another process renamed the outlet meanwhile
    library.go.set()
    await asyncio.sleep(0.2)
    assert "old" not in cache
    cache.close()


async def test_one_failing_article_does_not_stop_reading_ahead() -> None:
    library = _SlowLibrary()
    library.go.set()
    library.failing.add("broken")
    cache = ArticleCache(library)  # type: ignore[arg-type]
    cache.read_ahead([_article("broken"), _article("fine")])
    await _until(lambda: "fine" in cache)
    cache.read_ahead([_article("later")])
    await _until(lambda: "later" in cache)
    assert "broken" not in cache
    cache.close()
