"""The tag dialog: a claim's quote, claimant, kind, verdict, tags and note.

Used both to tag a new claim and to edit one; it returns a `ClaimDraft`
(or None when cancelled) and leaves saving to the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select

from store.model import ClaimKind, Verdict
from tui.safe_text import one_line


@dataclass(frozen=True)
class ClaimDraft:
    """What the user filled in."""

    quote: str
    claimant: str
    kind: ClaimKind
    verdict: Verdict
    tags: tuple[str, ...]
    note: str


class TagClaimDialog(ModalScreen[ClaimDraft | None]):
    """Tag (or edit) a claim. `enter` saves, `escape` cancels."""

    HELP = "Fill in the claim; `enter` saves it, `escape` cancels."

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tag.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="tag.save", tooltip="Save the claim"),
    ]

    def __init__(
        self,
        *,
        title: str,
        quote: str,
        claimants: Sequence[str],
        claimant: str = "",
        kind: ClaimKind = ClaimKind.STATEMENT,
        verdict: Verdict = Verdict.UNVERIFIED,
        tags: Sequence[str] = (),
        note: str = "",
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.initial = ClaimDraft(quote, claimant, kind, verdict, tuple(tags), note)
        self.claimants = list(claimants)

    def compose(self) -> ComposeResult:
        start = self.initial
        with Vertical(id="tag-dialog", classes="dialog"):
            yield Label(Content(one_line(self.dialog_title)), classes="dialog-title")
            if self.claimants:
                others = ", ".join(one_line(c) for c in self.claimants[1:6])
                if others:
                    yield Label(Content.styled(f"Other names: {others}", "$text-muted"), id="tag-names")
            with Grid(id="tag-fields"):
                yield Label("Quote")
                yield Input(one_line(start.quote), id="tag-quote", select_on_focus=False, compact=True)
                yield Label("Claimant")
                yield Input(
                    one_line(start.claimant or (self.claimants[0] if self.claimants else "")),
                    id="tag-claimant",
                    placeholder=self.claimants[0] if self.claimants else "who says it",
                    suggester=SuggestFromList(self.claimants, case_sensitive=False),
                    compact=True,
                )
                yield Label("Kind")
                yield Select(
                    [(k.value, k) for k in ClaimKind],
                    value=start.kind,
                    allow_blank=False,
                    id="tag-kind",
                    compact=True,
                )
                yield Label("Verdict")
                yield Select(
                    [(v.value, v) for v in Verdict],
                    value=start.verdict,
                    allow_blank=False,
                    id="tag-verdict",
                    compact=True,
                )
                yield Label("Tags")
                yield Input(
                    ", ".join(start.tags), id="tag-tags", placeholder="comma, separated", compact=True
                )
                yield Label("Note")
                yield Input(start.note, id="tag-note", placeholder="optional", compact=True)
            yield Label(
                Content.styled("enter saves · escape cancels · tab moves between fields", "$text-muted"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#tag-claimant", Input).focus()

    def draft(self) -> ClaimDraft:
        """The dialog's current values."""
        claimant = self.query_one("#tag-claimant", Input).value.strip()
        tags = tuple(t.strip() for t in self.query_one("#tag-tags", Input).value.split(",") if t.strip())
        return ClaimDraft(
            quote=self.query_one("#tag-quote", Input).value.strip(),
            claimant=claimant,
            kind=ClaimKind(str(self.query_one("#tag-kind", Select).value)),
            verdict=Verdict(str(self.query_one("#tag-verdict", Select).value)),
            tags=tags,
            note=self.query_one("#tag-note", Input).value.strip(),
        )

    @on(Input.Submitted)
    def action_save(self) -> None:
        draft = self.draft()
        if not draft.quote:
            self.notify("The quote cannot be empty", severity="error")
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
