"""Undo in the reader: `u` takes the session's newest change off
`ReaderState.history` and undoes it in a worker, under the same write lock
as the changes, and the screen then shows the library as it is again
(`ReaderPart.Changed`), at the place the change was made."""

from __future__ import annotations

from textual import work

from store.library.stories import story_rows
from tui.bindings import key
from tui.screens.reader.parts import ReaderPart
from tui.screens.reader.undo import Change


class History(ReaderPart):
    """`u`: undo the session's changes, newest first."""

    BINDING_GROUP_TITLE = "Undo"
    PART_ID = "history"

    BINDINGS = [
        key("undo", "u", "undo", "Undo", "Undo the last change of this session (again: the one before)"),
    ]

    def action_undo(self) -> None:
        change = self.state.history.pop()
        if change is None:
            self.notify("Nothing to undo in this session", severity="information")
            return
        self.run_undo(change)

    @work(thread=True, exit_on_error=False, group="writes")
    def run_undo(self, change: Change) -> None:
        with self.state.write_lock:
            where = change.undo(self.library)
        rows = story_rows(self.library) if change.stories else None
        self.post_message(self.Changed(rows, where, f"Undone: {change.what}"))
