"""The tag dialog: a claim's quote, claimant, kind, verdict, tags and note.

Used both to tag a new claim and to edit one; it returns a `ClaimDraft`
(or None when cancelled) and leaves saving to the screen. One instance is
kept and refilled with `prepare` for each use, since building the form
costs more than the 16 ms a keystroke may take.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from store.model import ClaimKind, Verdict
from tui.bindings import key
from tui.safe_text import one_line, plain
from tui.widgets.choice_field import ChoiceField


@dataclass(frozen=True)
class ClaimDraft:
    """What the user filled in."""

    quote: str
    claimant: str = ""
    kind: ClaimKind = ClaimKind.STATEMENT
    verdict: Verdict = Verdict.UNVERIFIED
    tags: tuple[str, ...] = ()
    note: str = ""


class TagClaimDialog(ModalScreen[ClaimDraft | None]):
    """Tag (or edit) a claim. `enter` saves, `escape` cancels."""

    BINDING_GROUP_TITLE = "Tag dialog"

    HELP = "Fill in the claim; `enter` saves it, `escape` cancels."

    BINDINGS = [
        key("tag.cancel", "escape", "cancel", "Cancel", "Close without saving", show=True),
        key("tag.save", "ctrl+s,enter", "save", "Save", "Save the claim", show=True),
    ]

    def __init__(
        self, title: str = "Tag a claim", start: ClaimDraft | None = None, claimants: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self._styled_for: str | None = None
        self._labelled: tuple[str, str] | None = None
        self.prepare(title, start or ClaimDraft(""), claimants)

    def post_message(self, message: Message) -> bool:
        """The dialog is kept and shown again for every tag: its styles are
        worked out the first time and again only after a change of theme,
        not each time it opens (a third of the `t` key's time)."""
        if isinstance(message, events.ScreenResume):
            theme = self.app.theme
            if theme == self._styled_for:
                message.refresh_styles = False
            self._styled_for = theme
        return super().post_message(message)

    def prepare(self, title: str, start: ClaimDraft, claimants: Sequence[str]) -> None:
        """Fill the dialog for a new use. A new claim's claimant starts as
        the best suggestion; the others are offered as completions."""
        self.dialog_title = title
        self.claimants = list(claimants)
        if not start.claimant and self.claimants:
            start = ClaimDraft(
                start.quote, self.claimants[0], start.kind, start.verdict, start.tags, start.note
            )
        self.initial = start
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-dialog", classes="dialog"):
            yield Label("", id="tag-title", classes="dialog-title")
            yield Label("", id="tag-names")
            with Grid(id="tag-fields"):
                yield Label("Quote")
                yield Input(id="tag-quote", select_on_focus=False, compact=True)
                yield Label("Claimant")
                yield Input(id="tag-claimant", placeholder="who says it", compact=True)
                yield Label("Kind")
                yield ChoiceField([(k.value, k) for k in ClaimKind], id="tag-kind")
                yield Label("Verdict")
                yield ChoiceField([(v.value, v) for v in Verdict], id="tag-verdict")
                yield Label("Tags")
                yield Input(id="tag-tags", placeholder="comma, separated", compact=True)
                yield Label("Note")
                yield Input(id="tag-note", placeholder="optional", compact=True)
            yield Label(
                Content.styled(
                    "enter saves · escape cancels · tab: next field · ←/→: kind, verdict", "$text-muted"
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        start = self.initial
        others = ", ".join(one_line(c) for c in self.claimants[1:6] if c != start.claimant)
        if (self.dialog_title, others) != self._labelled:
            # Only on a change: a new label text lays out the whole dialog.
            self._labelled = (self.dialog_title, others)
            self.query_one("#tag-title", Label).update(plain(self.dialog_title))
            names = self.query_one("#tag-names", Label)
            names.update(Content.styled(f"Other names: {others}", "$text-muted") if others else "")
            names.display = bool(others)
        self.query_one("#tag-quote", Input).value = one_line(start.quote)
        claimant = self.query_one("#tag-claimant", Input)
        claimant.value = one_line(start.claimant)
        claimant.suggester = SuggestFromList(self.claimants, case_sensitive=False)
        self.query_one("#tag-kind", ChoiceField).value = start.kind
        self.query_one("#tag-verdict", ChoiceField).value = start.verdict
        self.query_one("#tag-tags", Input).value = ", ".join(one_line(t) for t in start.tags)
        self.query_one("#tag-note", Input).value = one_line(start.note)
        claimant.focus()

    def draft(self) -> ClaimDraft:
        """The dialog's current values."""
        tags = tuple(t.strip() for t in self.query_one("#tag-tags", Input).value.split(",") if t.strip())
        return ClaimDraft(
            quote=self.query_one("#tag-quote", Input).value.strip(),
            claimant=self.query_one("#tag-claimant", Input).value.strip(),
            kind=ClaimKind(self.query_one("#tag-kind", ChoiceField).value),
            verdict=Verdict(self.query_one("#tag-verdict", ChoiceField).value),
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
