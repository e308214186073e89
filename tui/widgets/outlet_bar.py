"""The outlet bar: the event's title and every outlet covering it, with the
one being read marked, and an invitation to name it when it has no name."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.visual import VisualType
from textual.widget import Widget

from tui.safe_text import one_line


class OutletBar(Widget):
    """`◀ A · [B] ▶  Title` for the event being read. Its size never depends
    on its text, so an update repaints it without a new layout (which
    `Static.update` would ask for). A click on an outlet's name posts
    `Clicked`."""

    class Clicked(Message):
        """The outlet at `index` was clicked."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: VisualType = Content(text)
        self._spans: list[tuple[int, int, int]] = []
        """(first cell, end cell, outlet index) of each outlet's name."""

    def render(self) -> VisualType:
        return self._content

    def update(self, content: Content) -> None:
        self._content = content
        self.refresh()

    def show_outlets(
        self,
        title: str,
        outlets: Sequence[str],
        current: int,
        copies: Collection[int] = (),
        unnamed: Collection[int] = (),
        invite: str = "",
    ) -> None:
        """The outlets in order, `current` marked; those at the indexes in
        `copies` ran wire copy, and say so; those in `unnamed` have no name
        the user gave (shown in italics, with `invite` after the current
        one's, e.g. "O names this outlet")."""
        parts: list[str | tuple[str, str]] = []
        spans: list[tuple[int, int, int]] = []
        cells = 0

        def add(text: str, style: str = "") -> None:
            nonlocal cells
            parts.append((text, style) if style else text)
            cells += cell_len(text)

        if len(outlets) > 1:
            add("◀ ", "$text-muted")
        for index, name in enumerate(outlets):
            if index:
                add(" · ", "$text-muted")
            start = cells
            style = "italic" if index in unnamed else ""
            if index == current:
                add(f"[{one_line(name)}]", f"bold reverse {style}".strip())
            else:
                add(one_line(name), style)
            spans.append((start, cells, index))
            if index in copies:
                add(" (wire)", "$text-muted")
            if index == current and index in unnamed and invite:
                add(f" ({invite})", "$text-warning")
        if len(outlets) > 1:
            add(" ▶", "$text-muted")
        add("  ")
        add(one_line(title), "bold")
        self._spans = spans
        self.update(Content.assemble(*parts))

    def on_click(self, event: events.Click) -> None:
        at = event.get_content_offset(self)
        if at is None:
            return
        for start, end, index in self._spans:
            if start <= at.x < end:
                self.post_message(self.Clicked(index))
                return
