"""The outlet bar: the event's title and every outlet covering it, with the
one being read marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from tui.safe_text import one_line


class OutletBar(Static):
    """`◀ A · [B] ▶  Title` for the event being read."""

    def show_outlets(self, title: str, outlets: Sequence[str], current: int) -> None:
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
        if len(outlets) > 1:
            parts.append((" ▶", "$text-muted"))
        parts += ["  ", (one_line(title), "bold")]
        self.update(Content.assemble(*parts))

    def show_text(self, text: str) -> None:
        self.update(Content(one_line(text)))
