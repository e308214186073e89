"""Bidirectional controls in text the importer did not clean (a library
written before it stripped them) are drawn as visible placeholders, so the
terminal cannot show a headline's letters in another order than it holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from store.library import Library
from store.model import ArticleDraft, Event
from store.text.clean import BIDI_CONTROLS
from tests.tui import helpers as ui
from tui.safe_text import one_line, shown

RLO, PDF, RLI, PDI, RLM = "\u202e", "\u202c", "\u2067", "\u2069", "\u200f"


def _library_with_bidi(path: Path) -> Library:
    library = Library.open(path)
    (article,) = library.add_articles(
        [
            ArticleDraft(
                headline=f"Minister resigns {RLO}gnob{PDF}",
                paragraphs=(
                    f"First {RLI}sentence{PDI} here. Peskov {RLO}on{PDF} said nothing. Then{RLM} more.",
                ),
                date=dt.date(2024, 11, 11),
                outlet_name=f"Daily {RLO}SWEN{PDF}",
            )
        ]
    ).added
    event_id = library.new_event_id()
    library.save_grouping([Event(id=event_id, title=f"Story {RLO}eltit{PDF}")], {article.id: event_id})
    return library


def test_every_bidi_control_becomes_one_visible_placeholder() -> None:
    text = f"a{BIDI_CONTROLS}b\nc"
    assert shown(text) == "a" + "\ufffd" * len(BIDI_CONTROLS) + "b\nc"
    assert one_line(text) == "a" + "\ufffd" * len(BIDI_CONTROLS) + "b c"


async def test_the_reader_shows_bidi_controls_as_placeholders(tmp_path: Path) -> None:
    library = _library_with_bidi(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 35), seed=False) as pilot:
        text = ui.screen_text(pilot)
        for drawn in (
            "Story \ufffdeltit\ufffd",  # the story list
            "Minister resigns \ufffdgnob\ufffd",  # the article's headline
            "Daily \ufffdSWEN\ufffd",  # the outlet
            # the body:
            "First \ufffdsentence\ufffd here. Peskov \ufffdon\ufffd said nothing. Then\ufffd more.",
        ):
            assert drawn in text, drawn
        output = ui.terminal_output(pilot)
        assert not any(c in output for c in BIDI_CONTROLS)


async def test_the_sentence_cursor_is_drawn_on_its_sentence_after_bidi_controls(tmp_path: Path) -> None:
    library = _library_with_bidi(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 35), seed=False) as pilot:
        view = ui.article_view(pilot)
        view.focus()
        assert view.shown is not None
        view.move_to(view.shown.text.index("Peskov"))
        await ui.settle(pilot)
        assert ui.cursor_text(pilot) == f"Peskov {RLO}on{PDF} said nothing."
        row = next(y for y in range(view.size.height) if "said nothing" in view.render_line(y).text)
        # The line is cut where the cursor starts and ends: placeholders keep
        # the offsets, so the cut falls on the sentence, not two letters off.
        pieces = [segment.text for segment in view.render_line(row) if segment.text.strip()]
        assert "Peskov \ufffdon\ufffd said nothing." in pieces
