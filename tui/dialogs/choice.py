"""Pick one of several options, optionally narrowed by typing.

Used to pick a story (to merge with or move an article to), where the list
may hold tens of thousands of stories: only the best matches are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.bindings import key
from tui.safe_text import plain

Choices = Sequence[tuple[str, Content]]
"""(id, label) pairs."""

SHOWN = 50


def matching(choices: Choices) -> Callable[[str], Choices]:
    """A `search` over a list known in full: the choices whose label holds
    every word typed, in any case."""

    def search(typed: str) -> Choices:
        words = typed.casefold().split()
        return [(key, label) for key, label in choices if all(w in label.plain.casefold() for w in words)]

    return search


class ChoiceDialog(ModalScreen[str | None]):
    """Returns the id of the chosen option, or None on `escape`. With
    `search`, typing calls it for the options matching what was typed."""

    BINDINGS = [key("choice.cancel", "escape", "cancel", "Cancel", "Close without choosing", show=True)]

    def __init__(
        self, title: str, choices: Choices = (), search: Callable[[str], Choices] | None = None
    ) -> None:
        super().__init__()
        self.choice_title = title
        self.choices = list(choices)
        self.search = search

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog", classes="dialog"):
            yield Label(plain(self.choice_title), classes="dialog-title")
            if self.search is not None:
                yield Input(id="choice-filter", placeholder="type to narrow the list")
            yield OptionList(id="choice-options")
            yield Label(
                Content.styled("enter chooses · escape cancels", "$text-muted"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self._show(self.search("") if self.search else self.choices)
        if self.search is not None:
            self.query_one("#choice-filter", Input).focus()
        else:
            self.query_one("#choice-options", OptionList).focus()

    def _show(self, choices: Choices) -> None:
        options = self.query_one("#choice-options", OptionList)
        options.set_options(Option(label, id=key) for key, label in list(choices)[:SHOWN])
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#choice-filter")
    def narrow(self, event: Input.Changed) -> None:
        if self.search is not None:
            self._show(self.search(event.value))

    @on(Input.Submitted, "#choice-filter")
    def take_first(self) -> None:
        options = self.query_one("#choice-options", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#choice-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up") and isinstance(self.focused, Input):
            self.query_one("#choice-options", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
