"""Helpers for driving the reader in tests."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

from rich.cells import cell_len
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widgets import Input

from store.library import Library
from tui.app import DatelineApp, make_app
from tui.dialogs.tag_claim import TagClaimDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.screens.reader import ReaderScreen, first_run
from tui.widgets.article_view import ArticleView
from tui.widgets.claims_pane import ClaimsPane
from tui.widgets.story_list import StoryList

FIXED_KEYS = Path("/nonexistent/dateline/keys.toml")


def seeded_library(path: Path) -> Library:
    """A disk library holding the seed event (Outlet A and Outlet B)."""
    library = Library.open(path)
    first_run(library)
    return library


def reader_app(library: Library, **options: object) -> DatelineApp:
    return make_app(library, keymap_file=options.pop("keymap_file", FIXED_KEYS), **options)  # type: ignore[arg-type]


class Notifications(list[Notification]):
    """The notifications an app shows, as it posts them: pass one as
    `run_test(message_hook=...)` (Textual keeps the app's own list private)."""

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.append(message.notification)


def keyed_reader(folder: Path, keys_toml: str) -> tuple[DatelineApp, Path, Notifications]:
    """The reader on the seed event with `keys_toml` as its keys.toml, the
    file, and the notifications to pass as `run_test(message_hook=...)`."""
    keys = folder / "keys.toml"
    keys.write_text(keys_toml, encoding="utf-8")
    library = seeded_library(folder / "lib" / "library.json")
    return make_app(library, keymap_file=keys), keys, Notifications()


async def settle(pilot: Pilot) -> None:
    """Let messages, workers and the messages they post all finish."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def reading(
    library: Library, size: tuple[int, int] = (120, 35), notes: Notifications | None = None, **options: object
) -> AsyncIterator[Pilot]:
    """The reader open on `library` in a terminal of `size`, settled; the
    notifications it posts land in `notes` when one is given."""
    watch: dict[str, object] = {} if notes is None else {"notifications": True, "message_hook": notes}
    async with reader_app(library, **options).run_test(size=size, **watch) as pilot:  # type: ignore[arg-type]
        await settle(pilot)
        yield pilot


def reader(pilot: Pilot) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen), type(screen)
    return screen


def article_view(pilot: Pilot) -> ArticleView:
    return pilot.app.query_one("#article", ArticleView)


def claims_pane(pilot: Pilot) -> ClaimsPane:
    return pilot.app.query_one(ClaimsPane)


def story_list(pilot: Pilot) -> StoryList:
    return pilot.app.query_one(StoryList)


async def open_tag_dialog(pilot: Pilot) -> TagClaimDialog:
    """Press `t` in the article, on the sentence under its cursor."""
    article_view(pilot).focus()
    await pilot.press("t")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, TagClaimDialog), type(dialog)
    return dialog


async def answer_prompt(pilot: Pilot, text: str) -> None:
    """Type `text` into the one-line prompt on the screen and press enter."""
    prompt = pilot.app.screen
    assert isinstance(prompt, TextPromptDialog), type(prompt)
    prompt.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def cursor_text(pilot: Pilot) -> str:
    view = article_view(pilot)
    assert view.shown is not None and view.selection is not None
    start, end = view.selection
    return view.shown.text[start:end]


_SCREENSHOT_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="[0-9.]+" '
    r'clip-path="url\(#[^)]*-line-([0-9]+)\)">([^<]*)</text>'
)
_CELL_WIDTH = 12.2
"""Width of a cell in Rich's SVG export (its default font: 20 high, 0.61 wide)."""


def _screenshot_runs(pilot: Pilot) -> Iterator[tuple[int, int, str]]:
    """(row, column, text) for each run of text on the screen, read from
    Textual's screenshot, the public view of the screen as it is drawn
    (every segment the terminal is sent, markup and control characters
    included, as text)."""
    for match in _SCREENSHOT_TEXT.finditer(pilot.app.export_screenshot()):
        x, row, text = match.groups()
        # Rich writes each space as &#160; and escapes &, <, >, ' and ".
        text = html.unescape(text.replace("&#160;", " ")).replace("\n", "")  # a line's end, under a modal
        if text:
            yield int(row), round(float(x) / _CELL_WIDTH), text


def screen_text(pilot: Pilot) -> str:
    """What is on the screen, as plain text lines (as wide as the screen)."""
    width, height = pilot.app.size
    cells = [[" "] * width for _ in range(height)]
    for row, column, text in _screenshot_runs(pilot):
        for character in text:
            cells[row][column] = character
            for covered in range(1, cell_len(character)):  # a wide character's second cell
                cells[row][column + covered] = ""
            column += max(1, cell_len(character))
    return "\n".join("".join(line) for line in cells)


def terminal_output(pilot: Pilot) -> str:
    """Every character the screen draws, as the terminal is sent it (and as
    Textual's screenshot records it), for checking that no control
    character of an article's text gets there."""
    return "".join(text for _, _, text in _screenshot_runs(pilot))
