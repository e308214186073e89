"""Captions shown dimmed under the headline and never as claims; a body that
repeats its headline shown once; help that scrolls with j/k; a click that
gives the claims pane the keys."""

from __future__ import annotations

import json
from pathlib import Path

from store.ingest.importer import import_paths
from tests.tui import helpers as ui
from tui.dialogs.help import HelpDialog
from tui.widgets.article_view import caption_lines, repeated_headline
from tui.widgets.claims_pane import ClaimsPane


def _article_lines(pilot) -> list[str]:
    """The article pane's lines as on the screen."""
    region = ui.article_view(pilot).region
    lines = ui.screen_text(pilot).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right] for line in lines]


def test_repeated_headline_counts_only_a_whole_sentence_or_paragraph() -> None:
    text = "The dam is sound. Engineers said so.\nMore."
    assert repeated_headline("The dam is sound.", text) == len("The dam is sound.")
    assert repeated_headline("the  dam is SOUND.", text) == len("The dam is sound.")
    assert repeated_headline("The dam is sound. Engineers said so.", text) == text.index("\n")
    assert repeated_headline("The dam is…", text) == len("The dam is")  # a headline cut at a word
    assert repeated_headline("The dam", text) == 0  # a title that happens to start the text
    assert repeated_headline("Dam fears", text) == 0
    assert caption_lines(["Putin (L).", "©", "Getty Images", " "]) == ["Putin (L).", "© Getty Images"]


async def test_captions_are_dimmed_under_the_headline_and_never_suggested(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        await pilot.press("right_square_bracket")  # Outlet B carries the photo
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        view.scroll_to(y=0, animate=False, immediate=True)
        await ui.settle(pilot)
        lines = _article_lines(pilot)
        headline = next(i for i, line in enumerate(lines) if "The newspaper’s report" in line)
        caption = next(i for i, line in enumerate(lines) if "(L) and Russian President" in line)
        credit = next(i for i, line in enumerate(lines) if "© Chris McGrath/Getty Images" in line)
        body = next(i for i, line in enumerate(lines) if "did not have a phone" in line)
        assert headline < caption < credit < body
        assert "Getty" not in view.shown.text  # not body text: no sentence, no claim offset
        suggested = [s.quote for s in ui.claims_pane(pilot).suggestions.values()]
        assert suggested and not any("Getty" in q or "(L)" in q for q in suggested)
        assert view.get_component_rich_style("article--caption").dim


async def test_a_first_paragraph_that_is_the_headline_is_shown_once(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    record = {
        "outlet": "Valley Post",
        "date": "2025-01-02",
        "body": ["Inspectors found cracks in the Elm Creek dam. Repairs start on Monday.", "More later."],
    }
    path = tmp_path / "untitled.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert import_paths(library, [str(path)]).imported == 1
    (article,) = [a for a in library.articles() if a.headline.startswith("Inspectors")]
    text_before = library.text(article.id)
    async with ui.reading(library, (140, 40), reopen=False) as pilot:
        ui.reader(pilot).go_to(article.event_id, article.id)
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        shown = "\n".join(_article_lines(pilot))
        assert shown.count("Inspectors found cracks in the Elm Creek dam.") == 1
        assert view.shown.text == text_before == library.text(article.id)  # display only
        assert view.cursor_start == 0  # the sentence is still there to read and tag
        assert "Repairs start" in shown and "More later." in shown


async def test_help_scrolls_with_j_and_k_and_the_page_keys(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (100, 24)) as pilot:
        await pilot.press("question_mark")
        await ui.settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, HelpDialog)
        body = dialog.body
        assert body.max_scroll_y > 10
        await pilot.press("j", "j", "j")
        await ui.settle(pilot)
        assert body.scroll_y == 3
        await pilot.press("k")
        await ui.settle(pilot)
        assert body.scroll_y == 2
        await pilot.press("pagedown")
        await ui.settle(pilot)
        assert body.scroll_y > 5
        await pilot.press("end")
        await ui.settle(pilot)
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await ui.settle(pilot)
        assert body.scroll_y == 0
        ids = {e.binding_id for e in dialog.entries}
        assert {"help.down", "help.up", "help.page_down"} <= ids


async def test_a_click_anywhere_in_the_claims_pane_gives_it_the_keys(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        pane = ui.claims_pane(pilot)
        assert not pane.has_focus
        await pilot.click(ClaimsPane, offset=(5, pane.size.height - 1))  # below the entries
        await ui.settle(pilot)
        assert pane.has_focus
        ui.article_view(pilot).focus()
        await pilot.click(ClaimsPane, offset=(5, 3))  # on a suggestion: highlighted, shown in the article
        await ui.settle(pilot)
        assert pane.has_focus and pane.highlighted_suggestion is not None
        view = ui.article_view(pilot)
        assert view.selection[0] <= pane.highlighted_suggestion.start < view.selection[1]
