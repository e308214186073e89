"""The reader screen's parts: one concern each (tagging claims, story
tools), with its keys, its own state and its workers, and no place on
the screen.

A part reads what the reader shows from the screen's `ReaderState`. When
what is shown should change, it posts a message (nested in its class)
that the screen handles; the screen calls the part's public methods for
what happens elsewhere (an article shown, a claim chosen in the claims
pane).

Its keys: Textual looks for a key's binding in the focused widget and its
ancestors, or, when nothing has focus (a terminal too small for the
panes), in the screen and the app. A part is neither, so the screen hosts
the part's keys: `hosted_bindings` copies them onto the screen, with the
same key, id, description, tooltip and footer place, as system bindings
whose action runs the part's own (`ReaderScreen.action_part`). Help and
the palette list the part's declaration, not the copy (`tui.bindings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from store.errors import StoreError
from store.library import Library
from store.library.stories import StoryRow
from tui.screens.reader.state import ReaderState
from tui.screens.reader.undo import Where


class ReaderPart(Widget):
    """A part of the reader screen (see the module)."""

    DEFAULT_CSS = """
    ReaderPart {
        display: none;
    }
    """

    PART_ID: ClassVar[str]
    """The part's id among the screen's children, which its hosted keys name."""

    class Changed(Message):
        """The library changed under what is shown (an undo, a restored
        suggestion, a renamed outlet): the stories as they are now (None if
        the list is unchanged), where to go, and a line to tell the user."""

        def __init__(
            self, rows: Sequence[StoryRow] | None, where: Where, note: str = "", *, failed: bool = False
        ) -> None:
            self.rows = None if rows is None else list(rows)
            self.where = where
            self.note = note
            self.failed = failed
            """Some of it failed: the note says what, and is shown as a warning."""
            super().__init__()

    def __init__(self, state: ReaderState) -> None:
        super().__init__(id=self.PART_ID)
        self.state = state

    @property
    def library(self) -> Library:
        return self.state.library

    def key_for(self, binding_id: str, default: str) -> str:
        """The key of a binding as the user mapped it, for messages that name it."""
        keys: dict[str, str] = getattr(self.app, "keymap", {})
        return keys.get(binding_id, default)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_failure(self, event)


def hosted_bindings(*parts: type[ReaderPart]) -> list[Binding]:
    """The parts' keys, for the screen's `BINDINGS` (see the module)."""
    return [
        replace(binding, action=f"part({part.PART_ID!r}, {binding.action!r})", system=True)
        for part in parts
        for binding in part.BINDINGS
        if isinstance(binding, Binding)
    ]


def notify_failure(node: Widget, event: Worker.StateChanged) -> None:
    """A worker's failure, shown as a notification rather than ending the reader."""
    if event.state == WorkerState.ERROR and event.worker.error is not None:
        error = event.worker.error
        text = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
        node.notify(text, title="Could not do that", severity="error", markup=False)
