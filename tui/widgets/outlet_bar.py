"""The outlet bar: the event's title and every outlet covering it, with the
one being read marked."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textual.content import Content
from textual.visual import VisualType
from textual.widget import Widget

from tui.safe_text import one_line


class OutletBar(Widget):
    """`◀ A · [B] ▶  Title` for the event being read. Its size never depends
    on its text, so an update repaints it without a new layout (which
    `Static.update` would ask for)."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: VisualType = Content(text)

    def render(self) -> VisualType:
        return self._content

    def update(self, content: Content) -> None:
        self._content = content
        self.refresh()

    def show_outlets(
        self, title: str, outlets: Sequence[str], current: int, copies: Collection[int] = ()
    ) -> None:
        """The outlets in order, `current` marked; those at the indexes in
        `copies` ran wire copy, and say so."""
        parts: list[str | tuple[str, str]] = []
        if len(outlets) > 1:
            parts.append(("◀ ", "$text-muted"))
        for index, name in enumerate(outlets):
            if index:
                parts.append((" · ", "$text-muted"))
            if index == current:
                parts.append((f"[{one_line(name)}]", "bold reverse"))
            else:
                parts.append(one_line(name))
            if index in copies:
                parts.append((" (wire)", "$text-muted"))
        if len(outlets) > 1:
            parts.append((" ▶", "$text-muted"))
        parts += ["  ", (one_line(title), "bold")]
        self.update(Content.assemble(*parts))
