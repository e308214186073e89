"""A one-line field that cycles through a few fixed values (a claim's kind
or verdict). Lighter than a `Select`, and `enter` is left to the form, so
it saves the form rather than opening a drop-down."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

T = TypeVar("T")


class ChoiceField(Widget, Generic[T], can_focus=True):
    """`◀ value ▶`: left/right (or h/l, space) change it; a click moves on."""

    DEFAULT_CSS = """
    ChoiceField {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    ChoiceField:focus {
        background: $primary 30%;
    }
    """

    BINDINGS = [
        Binding("right,l,space", "step(1)", "Next", show=False),
        Binding("left,h", "step(-1)", "Previous", show=False),
    ]

    index: reactive[int] = reactive(0)

    def __init__(self, values: Sequence[tuple[str, T]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values = list(values)

    @property
    def value(self) -> T:
        return self.values[self.index][1]

    @value.setter
    def value(self, value: T) -> None:
        self.index = next((i for i, (_, v) in enumerate(self.values) if v == value), 0)

    def render(self) -> Content:
        label = self.values[self.index][0]
        return Content.assemble(("◀ ", "$text-muted"), (label, "bold"), (" ▶", "$text-muted"))

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.values)

    def on_click(self, event: events.Click) -> None:
        self.action_step(-1 if event.x < 2 else 1)
