"""Search, persistence across restarts, help, remapped keys, the command
palette and clicking on a sentence."""

from __future__ import annotations

from pathlib import Path

from store.library import Library
from store.model import Verdict
from tests.tui import helpers as ui
from tui.app import make_app
from tui.dialogs.help import HelpDialog
from tui.dialogs.search import SearchDialog


async def test_search_finds_a_body_word_and_opens_the_article_there(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        await pilot.press("slash")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, SearchDialog)
        await pilot.press(*"discriminatory")
        await ui.settle(pilot)
        assert "discriminatory" in ui.screen_text(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert ui.reader(pilot).outlet_names[ui.reader(pilot).index] == "Outlet B"
        assert "discriminatory policies" in ui.cursor_text(pilot)


async def test_search_finds_claims_by_claimant(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    article = library.articles()[0]
    library.add_claim(article.id, "There was no conversation.", claimant="Zorbulon Quix")
    async with ui.reading(library, (120, 35)) as pilot:
        await pilot.press("slash", *"zorbulon")
        await ui.settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SearchDialog)
        assert [h.where for h in dialog.hits] == ["claim"]
        await pilot.press("enter")
        await ui.settle(pilot)
        assert ui.cursor_text(pilot).endswith("“There was no conversation.")


async def test_changes_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    library = ui.seeded_library(path)
    async with ui.reading(library, (120, 35)) as pilot:
        ui.article_view(pilot).focus()
        await pilot.press("j", "t")
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        ui.claims_pane(pilot).focus()
        await pilot.press("v", "s")
        await ui.settle(pilot)
        tagged = ui.reader(pilot).article.id
        await pilot.press("q")
    reopened = Library.open(path)
    async with ui.reading(reopened, (120, 35)) as pilot:
        assert ui.reader(pilot).article.id == tagged
        claim = ui.claims_pane(pilot).highlighted_claim
        assert claim is not None and claim.verdict == Verdict.SUPPORTED
        assert ui.story_list(pilot).current.starred
        assert "supported" in ui.screen_text(pilot)


async def test_help_lists_every_binding_with_its_id(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 45)) as pilot:
        await pilot.press("question_mark")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, HelpDialog)
        ids = {e.binding_id for e in pilot.app.screen.entries}
        assert {
            "outlet.next",
            "claim.tag",
            "claims.edit",
            "claims.delete",
            "claims.verdict",
            "undo",
            "outlet.rename",
            "intake.import",
            "feeds.list",
            "feeds.add",
            "suggestion.dismissed",
            "compare",
            "story.read",
            "story.star",
            "search",
            "app.quit",
            "article.widen_down",
        } <= ids
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpDialog)


async def test_keys_can_be_remapped_in_keys_toml(tmp_path: Path) -> None:
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\n"outlet.next" = "n"\n"claim.tag" = ["ctrl+t"]\n', encoding="utf-8")
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with make_app(library, keymap_file=keys).run_test(size=(120, 35)) as pilot:
        await ui.settle(pilot)
        await pilot.press("n")
        await ui.settle(pilot)
        assert ui.reader(pilot).index == 1
        await pilot.press("right_square_bracket")  # no longer bound
        await ui.settle(pilot)
        assert ui.reader(pilot).index == 1
        await pilot.press("question_mark")
        await ui.settle(pilot)
        entry = next(e for e in pilot.app.screen.entries if e.binding_id == "claim.tag")
        assert entry.keys == "^t"


async def test_a_broken_keys_file_is_reported_and_defaults_apply(tmp_path: Path) -> None:
    app, _, notes = ui.keyed_reader(tmp_path, "this is = = not toml")
    async with app.run_test(size=(120, 35), notifications=True, message_hook=notes) as pilot:
        await ui.settle(pilot)
        assert any("keys.toml" in n.message for n in notes)
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert ui.reader(pilot).index == 1


async def test_the_command_palette_offers_every_action_and_stories(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with make_app(library, keymap_file=ui.FIXED_KEYS).run_test(size=(120, 35)) as pilot:
        await ui.settle(pilot)
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {
            "Tag",
            "Next outlet",
            "Compare",
            "Search",
            "Verdict",
            "Undo",
            "Mark read",
            "Star",
            "Help",
            "Edit",
            "Delete",
            "Quit",
        } <= titles
        await pilot.press("ctrl+p")
        await ui.settle(pilot)
        await pilot.press(*"next outlet")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert ui.reader(pilot).index == 1


async def test_clicking_a_sentence_moves_the_cursor_there(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        lines = ui.screen_text(pilot).splitlines()
        y = next(i for i, line in enumerate(lines) if "According to the Washington Post" in line)
        x = lines[y].index("According to the Washington Post") + 5
        await pilot.click(offset=(x, y))
        await ui.settle(pilot)
        assert ui.cursor_text(pilot).startswith("According to the Washington Post on Sunday")
        assert pilot.app.focused is ui.article_view(pilot)


async def test_a_claim_added_by_another_process_appears_without_moving_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    library = ui.seeded_library(path)
    async with ui.reading(library, (120, 35)) as pilot:
        view = ui.article_view(pilot)
        view.focus()
        await pilot.press("j", "j", "j")
        where = view.selection
        other = Library.open(path)  # as `dateline claims add` would, in another process
        claim = other.add_claim(ui.reader(pilot).article.id, "There was no conversation.", claimant="Peskov")
        ui.reader(pilot).recheck()
        await ui.settle(pilot)
        assert claim.id in ui.claims_pane(pilot).claims
        assert view.selection == where
