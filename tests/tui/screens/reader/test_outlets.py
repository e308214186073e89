"""Naming outlets from the reader: the invitation on a first run, `O` and a
click on the bar, the palette, and a merge that says so and is undone."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.library.helpers import add_story
from tests.tui import helpers as ui
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.widgets.outlet_bar import OutletBar


async def test_a_first_run_invites_naming_the_seed_outlets_and_o_names_one(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        bar = ui.screen_text(pilot).splitlines()[0]
        assert "[Outlet A]" in bar and "O names this outlet" in bar
        await pilot.press("O")
        await ui.settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPromptDialog)
        assert "Outlet A" in prompt.prompt_title and prompt.query_one(Input).value == ""  # a placeholder
        await ui.answer_prompt(pilot, "Associated Press")
        outlet = library.find_outlet("Associated Press")
        assert outlet is not None and outlet.named
        bar = ui.screen_text(pilot).splitlines()[0]
        assert "[Associated Press]" in bar and "names this outlet" not in bar
        assert ui.reader(pilot).state.outlet_name == "Associated Press"
        # Outlet B is still unnamed: the invitation follows it.
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        assert "[Outlet B] (O names this outlet)" in ui.screen_text(pilot).splitlines()[0]


async def test_a_click_on_the_bar_reads_another_outlet_or_names_this_one(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        bar = pilot.app.query_one(OutletBar)
        column = ui.screen_text(pilot).splitlines()[0].index("Outlet B")
        await pilot.click(OutletBar, offset=(column - bar.region.x + 1, 0))
        await ui.settle(pilot)
        assert ui.reader(pilot).state.outlet_name == "Outlet B"
        column = ui.screen_text(pilot).splitlines()[0].index("[Outlet B]")
        await pilot.click(OutletBar, offset=(column - bar.region.x + 2, 0))
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, TextPromptDialog)
        await ui.answer_prompt(pilot, "RT")
        assert library.find_outlet("RT") is not None and ui.reader(pilot).state.outlet_name == "RT"


async def test_the_palette_names_any_outlet_unnamed_ones_first(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))
    async with ui.reading(library, (140, 40)) as pilot:
        command = next(c for c in ui.reader(pilot).commands() if c[0] == "Name any outlet")
        command[2]()
        await ui.settle(pilot)
        chooser = pilot.app.screen
        assert isinstance(chooser, ChoiceDialog)
        listed = [str(o.prompt) for o in chooser.query_one("OptionList")._options]  # noqa: SLF001
        assert [t.split()[0:2] for t in listed] == [["Outlet", "A"], ["Outlet", "B"], ["Harbour", "News"]]
        await pilot.press(*"harbour", "enter")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, TextPromptDialog)
        assert pilot.app.screen.query_one(Input).value == "Harbour News"  # named: its name to edit
        await ui.answer_prompt(pilot, "The Harbour News")
        assert library.find_outlet("The Harbour News") is not None


async def test_renaming_onto_another_outlet_merges_says_so_and_u_undoes_it(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    harbour_event = add_story(
        library, "Flood closes the harbour", "Reuters", ("The harbour shut on Tuesday.",)
    )
    (harbour,) = [a.id for a in library.articles(event_id=harbour_event)]
    placeholder = library.find_outlet("Outlet B")
    assert placeholder is not None
    seed_b = next(a for a in library.articles() if a.outlet_id == placeholder.id)
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        ui.reader(pilot).go_to(seed_b.event_id, seed_b.id)
        await ui.settle(pilot)
        await pilot.press("O")
        await ui.settle(pilot)
        await ui.answer_prompt(pilot, "reuters")
        assert library.outlet(placeholder.id) is None
        assert library.article(seed_b.id).outlet_id == library.find_outlet("Reuters").id
        assert any(
            "Outlet B merged into Reuters: its 1 article is now Reuters" in n.message for n in notes
        ), [n.message for n in notes]
        assert ui.reader(pilot).state.outlet_name == "Reuters"

        await pilot.press("u")
        await ui.settle(pilot)
        assert library.outlet(placeholder.id) == placeholder  # id, name and unnamed, as before
        assert library.article(seed_b.id).outlet_id == placeholder.id
        assert library.article(harbour).outlet_id == library.find_outlet("Reuters").id
        assert ui.reader(pilot).state.outlet_name == "Outlet B"
        assert any(n.message == "Undone: outlet merged" for n in notes)
