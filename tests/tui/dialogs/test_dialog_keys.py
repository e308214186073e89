"""Dialog keys no other test presses: the tag dialog's ctrl+s, and the
confirm dialog's y and n."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui import helpers as ui
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.tag_claim import TagClaimDialog


async def test_ctrl_s_saves_the_tag_dialog_from_any_field(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        ui.article_view(pilot).focus()
        await pilot.press("j")
        article = ui.reader(pilot).article
        assert article is not None
        await pilot.press("t")
        await ui.settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TagClaimDialog)
        sentence = dialog.draft().quote  # what the dialog opened with
        await pilot.press("tab", "right")  # to the kind field, and the next kind
        await ui.settle(pilot)
        assert not isinstance(pilot.app.focused, Input)  # enter here is not an input's submit
        kind = dialog.draft().kind
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert pilot.app.screen is ui.reader(pilot)
        (claim,) = library.claims(article_id=article.id)
        assert (claim.quote, claim.kind) == (sentence, kind)


async def test_ctrl_s_with_an_empty_quote_keeps_the_dialog_open(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    async with ui.reading(library, (120, 35), notes) as pilot:
        dialog = await ui.open_tag_dialog(pilot)
        dialog.query_one("#tag-quote", Input).value = "  "
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert pilot.app.screen is dialog
        assert any("quote cannot be empty" in n.message for n in notes)
        assert library.claims() == []


async def test_n_answers_no_and_y_answers_yes(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        seed = ui.reader(pilot).event
        assert seed is not None
        outlet_b = ui.reader(pilot).articles[1]
        await pilot.press("right_square_bracket", "X")  # split Outlet B's article off
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await ui.settle(pilot)
        assert pilot.app.screen is ui.reader(pilot)
        assert library.find_article(outlet_b.id).event_id == seed.id  # nothing was split

        await pilot.press("X")
        await ui.settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await ui.settle(pilot)
        assert pilot.app.screen is ui.reader(pilot)
        assert library.find_article(outlet_b.id).event_id != seed.id
