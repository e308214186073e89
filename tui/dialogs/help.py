"""Help: every key binding of the reader, grouped by where it works, with
the keys as currently mapped (after the user's keys.toml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


@dataclass(frozen=True)
class HelpEntry:
    """One binding as help shows it."""

    section: str
    keys: str
    description: str
    binding_id: str


class HelpDialog(ModalScreen[None]):
    """The list of bindings; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close", tooltip="Close the help"),
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

    def action_close(self) -> None:
        self.dismiss(None)
