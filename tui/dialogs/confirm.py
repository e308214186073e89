"""A yes/no question, e.g. before opening a link in the browser."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.bindings import key


class ConfirmDialog(ModalScreen[bool]):
    """Returns True for `enter`/`y`, False for `escape`/`n`."""

    BINDINGS = [
        key("confirm.yes", "enter,y", "answer(True)", "Yes", "Go ahead", show=True),
        key("confirm.no", "escape,n", "answer(False)", "No", "Leave things as they are", show=True),
    ]

    def __init__(self, question: str, detail: Content | str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            if self.detail:
                yield Label(self.detail, id="confirm-detail")
            yield Label(
                Content.styled("enter or y: yes · escape or n: no", "$text-muted"), classes="dialog-hint"
            )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
