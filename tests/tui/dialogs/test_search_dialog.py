"""The search dialog: the words that matched are marked in plain text (an
article's markup is never obeyed), ctrl+o switches between most relevant
and newest first, and a filter it cannot read is said in the status line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Label, OptionList

from store import ArticleDraft
from tests.tui import helpers as ui
from tui.dialogs.search import MATCH_STYLE, SearchDialog, marked


def test_matched_words_are_styled_spans_of_the_text_as_it_is() -> None:
    content = marked("[bold]Kremlin[/] said\x1b[31m no", [(7, 14)])
    assert content.plain == "[bold]Kremlin[/] said\u241b[31m no"
    assert [(s.start, s.end, str(s.style)) for s in content.spans] == [(7, 14, MATCH_STYLE)]


async def test_hits_are_marked_and_ctrl_o_switches_the_order(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    library.add_articles(
        [
            ArticleDraft(
                headline="[red]Storm[/red] warning",
                paragraphs=("A storm, a storm, another storm.",),
                date=dt.date(2020, 1, 1),
                outlet_name="Weather Desk",
            ),
            ArticleDraft(
                headline="Calm week",
                paragraphs=("Calm, then one storm late on Sunday with hail and wind and rain.",),
                date=dt.date(2024, 1, 1),
                outlet_name="Weather Desk",
            ),
        ]
    )
    async with ui.reading(library, (120, 35)) as pilot:
        await pilot.press("slash", *"storm")
        await ui.settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SearchDialog)
        results = dialog.query_one("#search-results", OptionList)
        first = results.get_option_at_index(0).prompt
        assert "[red]Storm[/red] warning" in str(first)  # the headline hit, markup shown as text
        bodies = [h for h in dialog.hits if h.where == "body"]
        assert [h.snippet[:10] for h in bodies] == ["A storm, a", "Calm, then"]
        assert "most relevant first" in str(dialog.query_one("#search-status", Label).render())

        await pilot.press("ctrl+o")
        await ui.settle(pilot)
        bodies = [h for h in dialog.hits if h.where == "body"]
        assert [h.snippet[:10] for h in bodies] == ["Calm, then", "A storm, a"]
        assert "newest first" in str(dialog.query_one("#search-status", Label).render())

        await pilot.press(*" since:2025-13")
        await ui.settle(pilot)
        assert "is not a date" in str(dialog.query_one("#search-status", Label).render())
