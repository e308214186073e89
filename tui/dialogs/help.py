"""Help: every key binding of the reader, grouped by where it works, with
the keys as currently mapped (after the user's keys.toml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.bindings import key


@dataclass(frozen=True)
class HelpEntry:
    """One binding as help shows it."""

    section: str
    keys: str
    description: str
    binding_id: str


class HelpDialog(ModalScreen[None]):
    """The list of bindings; any of escape, q or ? closes it. It scrolls
    with the reader's keys (j/k) as well as the arrows and page keys."""

    BINDING_GROUP_TITLE = "Help"

    BINDINGS = [
        key("help.close", "escape,q,question_mark", "close", "Close", "Close the help", show=True),
        key("help.down", "j,down", "scroll(1)", "Down", "Scroll the help down"),
        key("help.up", "k,up", "scroll(-1)", "Up", "Scroll the help up"),
        key("help.page_down", "pagedown,space", "page(1)", "Page down", "A page down"),
        key("help.page_up", "pageup", "page(-1)", "Page up", "A page up"),
        key("help.top", "home", "ends(0)", "Top", "The top of the help"),
        key("help.bottom", "end", "ends(1)", "Bottom", "The end of the help"),
    ]

    def __init__(self, entries: Sequence[HelpEntry], keymap_path: str) -> None:
        super().__init__()
        self.entries = list(entries)
        self.keymap_path = keymap_path

    def compose(self) -> ComposeResult:
        parts: list[str | tuple[str, str]] = []
        section = None
        width = max((len(e.keys) for e in self.entries), default=8)
        described = min(max((len(e.description) for e in self.entries), default=20), 58)
        for entry in self.entries:
            if entry.section != section:
                section = entry.section
                parts.append(("\n" if parts else "") + section + "\n")
                parts[-1] = (parts[-1], "bold $text-accent")  # type: ignore[assignment]
            parts.append((f"  {entry.keys:<{width}}  ", "bold"))
            parts.append(f"{entry.description:<{described}}")
            parts.append((f"  {entry.binding_id}\n", "$text-muted"))
        with Vertical(id="help-dialog", classes="dialog"):
            yield Label("Dateline keys", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content.assemble(*parts))
            yield Label(
                Content.assemble(
                    ("Remap keys in ", "$text-muted"),
                    (self.keymap_path, "$text-muted italic"),
                    (' (e.g. "outlet.next" = "n"). escape closes.', "$text-muted"),
                ),
                classes="dialog-hint",
            )

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self.body.scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        body = self.body
        body.scroll_relative(y=direction * max(1, body.scrollable_content_region.height - 1), animate=False)

    def action_ends(self, end: int) -> None:
        body = self.body
        body.scroll_to(y=body.max_scroll_y if end else 0, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
