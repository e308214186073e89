"""Bringing articles in from the reader: importing paths, feeds (list,
subscribe, OPML, unsubscribe), refreshing with each failure named, and
stopping a long step with escape."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from textual.widgets import DataTable, Input

from store.feeds.subscriptions import add_feed, subscriptions
from tests.feeds.samples import Item, article_page, rss
from tests.feeds.server import FeedServer, Route
from tests.tui import helpers as ui
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.feeds import FeedsDialog
from tui.screens.reader.intake import Intake, entries_typed


def _records(folder: Path, count: int, outlet: str = "Valley Post") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl"
    lines = [
        json.dumps(
            {
                "outlet": outlet,
                "date": "2025-01-02",
                "title": f"Dam inspection {n} finds cracks",
                "body": f"Inspectors found {n} cracks in the dam on Thursday. Repairs start soon.",
            }
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_what_is_typed_is_read_as_paths_or_a_url(tmp_path: Path) -> None:
    spaced = tmp_path / "my news"
    spaced.mkdir()
    assert entries_typed(f"  {spaced} ") == [str(spaced)]
    assert entries_typed("https://example.org/a b") == ["https://example.org/a", "b"]
    assert entries_typed("https://example.org/page") == ["https://example.org/page"]
    assert entries_typed(f"a.txt '{spaced}'") == ["a.txt", str(spaced)]


async def test_i_imports_a_folder_and_the_new_stories_are_listed(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    folder = tmp_path / "incoming"
    _records(folder, 3)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        here = ui.reader(pilot).event.id
        await pilot.press("I")
        await ui.settle(pilot)
        await ui.answer_prompt(pilot, str(folder))
        assert library.article_count() == 5
        assert len(ui.story_list(pilot).rows) == len(library.events()) > 1
        assert ui.reader(pilot).event.id == here  # the reader stays where it was
        note = next(n for n in notes if n.message.startswith("Imported 3 articles"))
        assert note.severity == "warning" and "skipped 1" in note.message
        assert "empty.txt" in note.message  # the file skipped, and why
        assert not pilot.app.screen.query_one("#status").display


async def test_i_imports_a_web_page_by_its_url(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    paragraphs = [
        "The harbour reopened on Friday, a week after the flood closed it to shipping.",
        "The port authority said the first ferries would sail on Saturday morning.",
    ]
    notes = ui.Notifications()
    with FeedServer().running() as server:
        page = article_page(title="Harbour reopens after the flood", paragraphs=paragraphs)
        url = server.add("/harbour", Route(page, content_type="text/html"))
        async with ui.reading(library, (140, 40), notes) as pilot:
            await pilot.press("I")
            await ui.settle(pilot)
            await ui.answer_prompt(pilot, url)
            article = next(a for a in library.articles() if a.url == url)
            assert article.headline == "Harbour reopens after the flood"
            assert library.paragraphs(article.id) == tuple(paragraphs)
            assert library.outlet_name(article.outlet_id) == "The Daily Test"
            assert any(n.message.startswith("Imported 1 article") for n in notes)
            assert any("Harbour reopens" in r.title for r in ui.story_list(pilot).rows)


async def test_an_import_shows_its_progress_and_escape_stops_it(tmp_path: Path, monkeypatch) -> None:
    import store.ingest.files as files

    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    folder = tmp_path / "many"
    for n in range(4):
        _records(folder / str(n), 2, outlet=f"Outlet {n}")
    reported: list[str] = []
    gate = threading.Event()
    calls: list[int] = []
    real_parse = files.parse_jsonl_lines

    def slow_parse(lines):  # the second file waits until the test has looked
        calls.append(1)
        if len(calls) == 2:
            gate.wait(10)
        return real_parse(lines)

    monkeypatch.setattr(files, "parse_jsonl_lines", slow_parse)
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        await pilot.press("I")
        await ui.settle(pilot)
        prompt = pilot.app.screen
        prompt.query_one(Input).value = str(folder)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            status = str(pilot.app.screen.query_one("#status").render())
            if "1/4" in status:
                reported.append(status)
                break
        assert reported and "Importing" in reported[0] and "escape stops" in reported[0]
        await pilot.press("I")  # one long step at a time
        await pilot.pause(0.1)
        assert any("Importing is under way" in n.message for n in notes)
        await pilot.press("escape")
        await pilot.pause(0.05)
        assert "stopping" in str(pilot.app.screen.query_one("#status").render())
        gate.set()
        await ui.settle(pilot)
        stopped = next(n.message for n in notes if n.message.startswith("Import stopped"))
        came = library.article_count() - 2
        assert came < 8 and stopped == f"Import stopped: {came} articles came in before it did"
        assert not pilot.app.screen.query_one("#status").display
        assert ui.reader(pilot).intake.running is None


async def test_feeds_subscribe_list_refresh_one_and_unsubscribe(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    with FeedServer().running() as server:
        items = [Item("Harbour reopens after the flood", link=server.url("/harbour"), guid="h1")]
        url = server.add("/feed.xml", rss(items).encode())
        async with ui.reading(library, (140, 40), notes) as pilot:
            await pilot.press("F")
            await ui.settle(pilot)
            assert isinstance(pilot.app.screen, FeedsDialog)
            assert "No feeds yet" in ui.screen_text(pilot)
            await pilot.press("a")
            await ui.settle(pilot)
            await ui.answer_prompt(pilot, url)
            assert [s.url for s in subscriptions(library)] == [url]
            assert any(f"Subscribed to {url}: 1 new articles" in n.message for n in notes)
            assert any("Harbour reopens" in r.title for r in ui.story_list(pilot).rows)

            await pilot.press("F")
            await ui.settle(pilot)
            dialog = pilot.app.screen
            assert isinstance(dialog, FeedsDialog)
            table = dialog.query_one(DataTable)
            assert table.row_count == 1
            shown = ui.screen_text(pilot)
            assert "Items" in shown and "Last refresh" in shown and "Last error" in shown
            row = [str(c) for c in table.get_row_at(0)]
            assert row[1] == "1" and row[2] != "never"
            await pilot.press("r")  # refresh this one: nothing new
            await ui.settle(pilot)
            assert any("0 new articles from 1 feeds, 0 failed" in n.message for n in notes)

            await pilot.press("F")
            await ui.settle(pilot)
            await pilot.press("d")
            await ui.settle(pilot)
            assert isinstance(pilot.app.screen, ConfirmDialog)
            await pilot.press("enter")
            await ui.settle(pilot)
            assert subscriptions(library) == []
            assert any("its articles stay" in n.message for n in notes)
            assert library.article_count() == 3


async def test_opml_import_subscribes_and_r_names_each_failed_feed(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    with FeedServer().running() as server:
        good = server.add("/good.xml", rss([Item("Good news", guid="g")]).encode())
        broken = server.add("/broken.xml", b"<html>not a feed</html>")
        missing = server.url("/missing.xml")
        opml = tmp_path / "subs.opml"
        outlines = "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in (good, broken, missing))
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
        async with ui.reading(library, (140, 40), notes) as pilot:
            await pilot.press("F")
            await ui.settle(pilot)
            await pilot.press("o")
            await ui.settle(pilot)
            await ui.answer_prompt(pilot, str(opml))
            assert len(subscriptions(library)) == 3
            assert any("Subscribed to 3 feeds" in n.message and "R fetches them" in n.message for n in notes)

            await pilot.press("R")
            await ui.settle(pilot)
            final = notes[-1]
            assert final.message.startswith("1 new articles from 3 feeds, 2 failed")
            assert final.severity == "warning"
            lines = final.message.splitlines()[1:]
            assert sorted(line.split(": ", 1)[0] for line in lines) == sorted([broken, missing])
            assert all(len(line.split(": ", 1)[1]) > 3 for line in lines)  # each with its reason
            assert not pilot.app.screen.query_one("#status").display


async def test_r_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        await pilot.press("R")
        await ui.settle(pilot)
        assert "No feeds yet" in notes[-1].message and "F" in notes[-1].message


async def test_a_refresh_is_stopped_with_escape(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    with FeedServer().running() as server:
        for n in range(3):
            add_feed(library, server.add(f"/slow{n}.xml", rss([Item(f"Slow {n}", guid=f"s{n}")]).encode()))
        for route in server.routes.values():
            route.delay = 1.0 if route is list(server.routes.values())[0] else 5.0
        async with ui.reading(library, (140, 40), notes) as pilot:
            await pilot.press("R")
            for _ in range(60):
                await pilot.pause(0.1)
                if "1/3" in str(pilot.app.screen.query_one("#status").render()):
                    break
            await pilot.press("escape")
            await ui.settle(pilot)
            assert any(n.message.startswith("Refresh stopped") for n in notes)
            assert ui.reader(pilot).query_one(Intake).running is None
