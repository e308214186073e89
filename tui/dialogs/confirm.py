"""A yes/no question, e.g. before opening a link in the browser."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label


class ConfirmDialog(ModalScreen[bool]):
    """Returns True for `enter`/`y`, False for `escape`/`n`."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
        Binding("escape,n", "answer(False)", "No", id="confirm.no", tooltip="Leave things as they are"),
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
