"""Ask for one line of text, e.g. a story's new title or a path to import."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from tui.bindings import key
from tui.safe_text import one_line, plain


class TextPromptDialog(ModalScreen[str | None]):
    """Returns the text typed (on `enter`), or None on `escape`. `hint` is
    a line of guidance under the field; `suggester` completes what is typed
    (→ takes the completion)."""

    BINDINGS = [
        key("prompt.cancel", "escape", "cancel", "Cancel", "Close without changing anything", show=True)
    ]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        hint: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
        enter_does: str = "saves",
    ) -> None:
        super().__init__()
        self.prompt_title = title
        self.value = value
        self.hint = hint
        self.placeholder = placeholder
        self.suggester = suggester
        self.enter_does = enter_does
        """What enter does, as the hint says it ("saves", "imports")."""

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog", classes="dialog"):
            yield Label(plain(self.prompt_title), classes="dialog-title")
            yield Input(
                one_line(self.value),
                placeholder=self.placeholder,
                suggester=self.suggester,
                id="prompt-input",
            )
            keys = f"enter {self.enter_does} · escape cancels" + (" · → completes" if self.suggester else "")
            yield Label(
                Content.assemble(*((plain(self.hint), "\n") if self.hint else ()), keys).stylize(
                    "$text-muted"
                ),
                classes="dialog-hint",
            )

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
        else:
            self.notify("Type something, or escape to cancel", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
