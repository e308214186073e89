"""Phase two of the reader: the claim matrix, suggested claims, merging,
splitting, moving and renaming stories, refreshing feeds, opening links and
exporting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from store.coverage.matrix import CellState
from store.feeds.subscriptions import add_feed
from tests.feeds.samples import Item, rss
from tests.feeds.server import FeedServer
from tests.library.helpers import add_story
from tests.tui import helpers as ui
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.screens.matrix import MatrixScreen


def _outlets(library):
    return sorted(library.articles(), key=lambda a: library.outlet(a.outlet_id).name)


async def test_the_matrix_shows_claims_by_outlet_and_enter_jumps_there(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    async with ui.reading(library, (140, 40)) as pilot:
        await pilot.press("M")
        await ui.settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MatrixScreen)
        matrix = screen.matrix
        assert matrix is not None and [o.name for o in matrix.outlets] == ["Outlet A", "Outlet B"]
        table = screen.query_one(DataTable)
        assert table.row_count == len(matrix.rows) > 0
        assert [str(c.label) for c in table.columns.values()][2:] == ["Outlet A (wire)", "Outlet B"]
        # The row whose Outlet B cell is filled: go there.
        row = next(i for i, r in enumerate(matrix.rows) if r.cells[b.outlet_id].state is not CellState.ABSENT)
        table.move_cursor(row=row, column=3)
        await pilot.press("enter")
        await ui.settle(pilot)
        cell = matrix.rows[row].cells[b.outlet_id]
        assert ui.reader(pilot).article.id == b.id
        view = ui.article_view(pilot)
        assert view.selection[0] <= cell.start < view.selection[1]


async def test_the_matrix_fits_80_columns_and_opens_without_scrolling_sideways(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (80, 24)) as pilot:
        await pilot.press("M")
        await ui.settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MatrixScreen) and screen.matrix is not None
        table = screen.query_one(DataTable)
        assert table.max_scroll_x == 0 and table.scroll_x == 0, "every column is in view"
        outlets = [str(c.label) for c in table.columns.values()][2:]
        assert len(outlets) == 2 and all(len(name) < len("Outlet A (wire)") for name in outlets)
        shown = ui.screen_text(pilot)
        assert "…" in shown, "long claims are cut on the right"
        assert "(denies " in shown and "(denied by " in shown, "a denial and what it denies are told apart"
        assert all(len(line.rstrip()) <= 80 for line in shown.splitlines())


async def test_a_suggestion_is_accepted_with_one_key_and_dismissed_with_another(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, _ = _outlets(library)
    async with ui.reading(library, (140, 40)) as pilot:
        pane = ui.claims_pane(pilot)
        assert pane.suggestions, "the seed article has suggested claims"
        pane.focus()
        first = pane.highlighted_suggestion
        assert first is not None
        await pilot.press("a")
        await ui.settle(pilot)
        (claim,) = library.claims(article_id=a.id)
        assert (claim.quote, claim.claimant, claim.kind) == (first.quote, first.speaker, first.kind)
        assert first.quote not in [s.quote for s in pane.suggestions.values()]
        pane.highlight_claim(next(iter(pane.suggestions)))
        doomed = pane.highlighted_suggestion
        await pilot.press("x")
        await ui.settle(pilot)
        assert doomed.quote not in [s.quote for s in pane.suggestions.values()]
        assert len(library.claims(article_id=a.id)) == 1
    async with ui.reading(library, (140, 40)) as pilot:  # remembered
        assert doomed.quote not in [s.quote for s in ui.claims_pane(pilot).suggestions.values()]


async def test_split_then_merge_then_move_and_rename(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = _outlets(library)
    harbour = add_story(
        library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",)
    )
    async with ui.reading(library, (140, 40)) as pilot:
        await pilot.press("j")  # the seed story
        seed = ui.reader(pilot).event.id
        await pilot.press("right_square_bracket", "X")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")
        await ui.settle(pilot)
        split_off = library.article(b.id).event_id
        assert split_off != seed and library.article(a.id).event_id == seed
        assert ui.reader(pilot).event.id == split_off and ui.reader(pilot).article.id == b.id
        assert len(ui.story_list(pilot).rows) == 3

        await pilot.press("m")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceDialog)
        await pilot.press(*"spokesperson")
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert library.article(a.id).event_id == library.article(b.id).event_id == split_off
        assert len(ui.story_list(pilot).rows) == 2

        moving = ui.reader(pilot).article.id
        await pilot.press("g")
        await ui.settle(pilot)
        await pilot.press(*"harbour", "enter")
        await ui.settle(pilot)
        assert library.article(moving).event_id == harbour
        assert ui.reader(pilot).event.id == harbour and ui.reader(pilot).article.id == moving

        await pilot.press("N")
        await ui.settle(pilot)
        title = pilot.app.screen.query_one(Input)
        title.value = "Harbour and Kremlin, together"
        await pilot.press("enter")
        await ui.settle(pilot)
        assert library.event(harbour).title == "Harbour and Kremlin, together"
        assert "Harbour and Kremlin, together" in ui.screen_text(pilot)


async def test_refresh_fetches_feeds_in_the_background_and_lists_new_stories(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    with FeedServer().running() as server:
        items = [Item("Harbour reopens after the flood", link=server.url("/harbour"), guid="h1")]
        add_feed(library, server.add("/feed.xml", rss(items).encode()), outlet="Harbour Gazette")
        notes = ui.Notifications()
        async with ui.reading(library, (140, 40), notes) as pilot:
            before = len(ui.story_list(pilot).rows)
            await pilot.press("R")
            await ui.settle(pilot)
            assert len(ui.story_list(pilot).rows) == before + 1
            assert any("1 new articles from 1 feeds" in n.message for n in notes)
            assert not pilot.app.screen.query_one("#status").display


class _Browser:
    """A stand-in for the browser `webbrowser` finds: it keeps the links."""

    def __init__(self, opens: bool = True) -> None:
        self.opened: list[str] = []
        self.opens = opens

    def open(self, url: str) -> bool:
        self.opened.append(url)
        return self.opens


def _linked_library(tmp_path: Path):
    from store.model import ArticleDraft, Event

    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    for url in ("https://example.org/kremlin-call", "file:///etc/passwd"):
        added = library.add_articles(
            [ArticleDraft(headline=f"Linked {url}", paragraphs=("Body.",), url=url, outlet_name="Linker")]
        ).added[0]
        event_id = library.new_event_id()
        library.save_grouping([Event(id=event_id, title=f"Linked {url}")], {added.id: event_id})
    return library


async def test_o_shows_the_link_first_and_opens_only_web_links(tmp_path: Path, monkeypatch) -> None:
    import webbrowser

    library = _linked_library(tmp_path)
    browser = _Browser()
    monkeypatch.setattr(webbrowser, "get", lambda *a: browser)
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        for row in ui.story_list(pilot).rows:
            ui.reader(pilot).go_to(row.event_id)
            await ui.settle(pilot)
            await pilot.press("o")
            await ui.settle(pilot)
            if isinstance(pilot.app.screen, ConfirmDialog):
                assert "https://example.org/kremlin-call" in ui.screen_text(pilot)
                await pilot.press("enter")
                await ui.settle(pilot)
        assert browser.opened == ["https://example.org/kremlin-call"]
        assert any("only http and https" in n.message for n in notes)
        assert not any("No browser" in n.message for n in notes)


async def test_o_says_so_when_no_browser_could_be_opened(tmp_path: Path, monkeypatch) -> None:
    import webbrowser

    library = _linked_library(tmp_path)
    notes = ui.Notifications()
    for found in (_Browser(opens=False), None):

        def get(*args: object, found: _Browser | None = found) -> _Browser:
            if found is None:
                raise webbrowser.Error("could not locate runnable browser")
            return found

        monkeypatch.setattr(webbrowser, "get", get)
        async with ui.reading(library, (140, 40), notes) as pilot:
            row = next(r for r in ui.story_list(pilot).rows if "https" in r.title)
            ui.reader(pilot).go_to(row.event_id)
            await ui.settle(pilot)
            await pilot.press("o", "enter")
            await ui.settle(pilot)
    said = [n.message for n in notes if "No browser could be opened" in n.message]
    assert len(said) == 2 and all("https://example.org/kremlin-call" in m for m in said)


async def test_export_writes_the_story_in_the_chosen_format(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, _ = _outlets(library)
    library.add_claim(a.id, "There was no conversation.", claimant="Dmitry Peskov")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        await pilot.press("E")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceDialog)
        await pilot.press("enter")  # json, the first format
        await ui.settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPromptDialog)
        assert prompt.query_one(Input).value == "~/dateline-exports"  # visible, no spaces
        await pilot.press("enter")
        await ui.settle(pilot)
        note = next(n.message for n in notes if n.message.startswith("Exported to "))
        written = Path(note.removeprefix("Exported to "))
        assert written.parent == Path.home() / "dateline-exports"
        assert written.is_file() and "There was no conversation." in written.read_text(encoding="utf-8")

        # Another folder: written there, and offered the next time.
        chosen = tmp_path / "my-reports"
        await pilot.press("E", "enter")
        await ui.settle(pilot)
        await ui.answer_prompt(pilot, str(chosen))
        assert [p.parent for p in chosen.iterdir()] == [chosen]
        assert f'export_folder = "{chosen}"' in (Path.home() / ".config/dateline/config.toml").read_text()
        await pilot.press("E", "enter")
        await ui.settle(pilot)
        assert pilot.app.screen.query_one(Input).value == str(chosen)


async def test_jumping_to_a_suggestion_moves_the_cursor_onto_it(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        pane = ui.claims_pane(pilot)
        view = ui.article_view(pilot)
        assert view.shown is not None
        view.move_to(len(view.shown.text) - 1)  # far from the suggestion
        pane.focus()
        suggestion = pane.highlighted_suggestion
        assert view.selection is not None and not view.selection[0] <= suggestion.start < view.selection[1]
        await pilot.press("enter")
        await ui.settle(pilot)
        assert view.selection is not None and view.selection[0] <= suggestion.start < view.selection[1]
        assert suggestion.quote.split()[0] in ui.cursor_text(pilot)
