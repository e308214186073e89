"""Moving through stories, opening them, read/star and the filter."""

from __future__ import annotations

from pathlib import Path

from tests.library.helpers import add_story
from tests.tui import helpers as ui


async def test_first_run_opens_on_the_seed_event_with_two_outlets(tmp_path: Path) -> None:
    from store.library import Library

    library = Library.open(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        screen = ui.reader(pilot)
        assert screen.outlet_names == ["Outlet A", "Outlet B"]
        text = ui.screen_text(pilot)
        assert "Outlet A" in text and "Outlet B" in text
        assert "Vladimir Putin’s spokesperson has rejected" in text
        assert "2 outlets" in text


async def test_j_and_k_move_between_stories_and_show_each(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))
    async with ui.reading(library, (120, 35)) as pilot:
        first = ui.reader(pilot).event
        assert first is not None and first.title == "Flood closes the harbour"  # newest first
        await pilot.press("j")
        second = ui.reader(pilot).event
        assert second is not None and second.id != first.id
        assert second.title.startswith("The spokesperson for Vladimir Putin")
        assert "pure fiction" in ui.article_view(pilot).shown.text
        await pilot.press("k")
        assert ui.reader(pilot).event.id == first.id
        assert ui.article_view(pilot).shown.text == "The harbour shut on Tuesday."


async def test_clicking_a_story_opens_it(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))
    async with ui.reading(library, (120, 35)) as pilot:
        await pilot.click("#stories", offset=(5, 3))  # the second story's title line
        await ui.settle(pilot)
        assert ui.reader(pilot).event.title.startswith("The spokesperson for Vladimir Putin")
        assert pilot.app.focused is ui.article_view(pilot)


async def test_read_and_star_are_saved_and_filter_the_list(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))
    async with ui.reading(library, (120, 35)) as pilot:
        harbour = ui.reader(pilot).article
        assert library.state(harbour.id).read  # opening marks read
        await pilot.press("r")
        await ui.settle(pilot)
        assert not library.state(harbour.id).read
        assert ui.story_list(pilot).current.unread
        await pilot.press("s")
        await ui.settle(pilot)
        assert library.state(harbour.id).starred
        assert ui.story_list(pilot).current.starred
        await pilot.press("j", "f", "f")  # to the seed story, then filter: unread, starred
        await ui.settle(pilot)
        assert [r.title for r in ui.story_list(pilot).rows] == ["Flood closes the harbour"]
        await pilot.press("f")
        assert len(ui.story_list(pilot).rows) == 2


async def test_stories_read_before_start_are_shown_as_given(tmp_path: Path) -> None:
    """`run_reader` reads the story list before the screen starts."""
    from store.library import Library
    from store.library.stories import story_rows
    from tui.app import make_app
    from tui.screens.reader import first_run

    library = Library.open(tmp_path / "lib" / "library.json")
    first_run(library)
    rows = story_rows(library)
    async with make_app(library, stories=rows).run_test(size=(120, 35)) as pilot:
        await ui.settle(pilot)
        assert [r.event_id for r in ui.story_list(pilot).rows] == [r.event_id for r in rows]
        assert ui.reader(pilot).outlet_names == ["Outlet A", "Outlet B"]


async def test_a_first_screenful_read_before_start_is_completed_by_a_worker(tmp_path: Path) -> None:
    """`run_reader` reads only the newest stories before the screen starts;
    the first is on the first screen and the rest of the list follows."""
    import datetime as dt

    from store.library.stories import first_story_rows, story_rows

    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    newest = add_story(library, "Newest story", "Outlet C", ("Text.",), date=dt.date(2030, 1, 1))
    add_story(library, "Older story", "Outlet D", ("Text.",), date=dt.date(2001, 1, 1))
    first = first_story_rows(library, 1)
    assert [r.event_id for r in first] == [newest]
    app = ui.reader_app(library, stories=first, more_stories=True)
    async with app.run_test(size=(120, 35)) as pilot:
        assert ui.reader(pilot).event is not None and ui.reader(pilot).event.id == newest
        await ui.settle(pilot)
        assert [r.event_id for r in ui.story_list(pilot).rows] == [r.event_id for r in story_rows(library)]
        assert len(ui.story_list(pilot).rows) == 3
        assert ui.reader(pilot).event.id == newest


async def test_a_story_opens_at_the_top_with_its_outlet_date_and_headline(tmp_path: Path) -> None:
    """The first thing a reader sees of an article is who published it, when,
    and its headline, not its second paragraph."""
    from store.library.stories import first_story_rows

    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    # As `dateline` starts it: the first stories are read before the screen
    # exists, so the article is shown before it has a size.
    app = ui.reader_app(library, stories=first_story_rows(library, 60), more_stories=True)
    async with app.run_test(size=(120, 35)) as pilot:
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        assert view.scroll_y == 0
        text = ui.screen_text(pilot)
        assert "Outlet A · 11 Nov 2024" in text
        assert "via Associated Press" in text
