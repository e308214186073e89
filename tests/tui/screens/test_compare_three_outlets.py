"""Compare with three outlets: `]` and `[` change the right pane's outlet,
never to the one already on the left, and the right pane lands on the
passage matching the left pane's cursor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from store.library import Library
from store.model import ArticleDraft, Event
from tests.tui import helpers as ui
from tui.screens.compare import CompareScreen
from tui.widgets.article_view import ArticleView

THIRD = (
    "Moscow on Monday dismissed a report about a call between the two leaders.",
    "The denial came from the Kremlin's press office in a briefing with reporters.",
    "Peskov said the reports from the Washington Post and Reuters were the most remarkable example "
    "of the quality of information published nowadays.",
    "Neither side gave any further detail.",
)


def _add_third_outlet(library: Library) -> str:
    """Outlet C's article, put into the seed event; returns its id."""
    (seed,) = library.events()
    (third,) = library.add_articles(
        [
            ArticleDraft(
                headline="Kremlin calls report of Trump-Putin call fiction",
                paragraphs=THIRD,
                date=dt.date(2024, 11, 11),
                outlet_name="Outlet C",
            )
        ]
    ).added
    library.save_grouping([Event(id=seed.id, title=seed.title)], {third.id: seed.id})
    return third.id


def _panes(pilot) -> tuple[ArticleView, ArticleView]:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen.query_one("#compare-left", ArticleView), screen.query_one("#compare-right", ArticleView)


def _outlet_of(view: ArticleView) -> str:
    assert view.shown is not None
    return view.shown.outlet


async def test_brackets_cycle_the_right_pane_through_the_other_outlets(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    _add_third_outlet(library)
    async with ui.reading(library, (150, 40)) as pilot:
        assert len(ui.reader(pilot).articles) == 3
        ui.article_view(pilot).focus()
        await pilot.press("c")
        await ui.settle(pilot)
        left, right = _panes(pilot)
        on_left = _outlet_of(left)
        others = sorted({"Outlet A", "Outlet B", "Outlet C"} - {on_left})

        seen = [_outlet_of(right)]
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await ui.settle(pilot)
            seen.append(_outlet_of(right))
        assert _outlet_of(left) == on_left
        assert on_left not in seen
        assert sorted(set(seen)) == others
        assert seen[0] == seen[2] != seen[1] == seen[3]  # it goes round, skipping the left pane's outlet

        backwards = [_outlet_of(right)]
        for _ in range(2):
            await pilot.press("left_square_bracket")
            await ui.settle(pilot)
            backwards.append(_outlet_of(right))
        assert backwards == [seen[3], seen[2], seen[1]]


async def test_the_new_right_pane_lands_on_the_left_pane_s_passage(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    _add_third_outlet(library)
    async with ui.reading(library, (150, 40)) as pilot:
        view = ui.article_view(pilot)
        view.focus()
        assert view.shown is not None
        view.move_to(view.shown.text.index("Peskov said the reports from"))
        await pilot.press("c")
        await ui.settle(pilot)
        left, right = _panes(pilot)
        for _ in range(3):
            if _outlet_of(right) == "Outlet C":
                break
            await pilot.press("right_square_bracket")
            await ui.settle(pilot)
        assert _outlet_of(right) == "Outlet C"
        assert right.selection is not None and right.shown is not None
        start, end = right.selection
        assert right.shown.text[start:end].startswith("Peskov said the reports from the Washington Post")
        assert left.selection is not None and left.shown is not None
        assert left.shown.text[left.selection[0] :].startswith("Peskov said the reports from")
