"""The claims pane: this article's claims, then the event's claims from the
other outlets, each marked with its outlet."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.model import Claim
from tui.safe_text import one_line

QUOTE_CHARS = 90


def claim_label(claim: Claim, outlet: str | None = None) -> Content:
    """A claim as the pane lists it: claimant, quote, kind and verdict."""
    quote = one_line(claim.quote)
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    parts: list[str | tuple[str, str]] = []
    if outlet is not None:
        parts.append((f"[{one_line(outlet)}] ", "$text-accent"))
    parts.append((one_line(claim.claimant) or "unattributed", "bold"))
    parts.append(f": “{quote}”\n")
    parts.append((f"{claim.kind.value} · {claim.verdict.value}", "$text-muted"))
    if claim.tags:
        parts.append((" · " + ", ".join(one_line(t) for t in claim.tags), "$text-muted"))
    return Content.assemble(*parts)


class ClaimsPane(OptionList):
    """Claims of the article and its event. Posts messages; the screen acts."""

    HELP = (
        "Claims: `enter` jumps to the claim, `e` edits it, `d` deletes it "
        "(`u` undoes), `v` cycles its verdict."
    )

    BINDINGS = [
        Binding("j", "cursor_down", "Next claim", id="claims.next", show=False),
        Binding("k", "cursor_up", "Previous claim", id="claims.previous", show=False),
        Binding("e", "edit", "Edit", id="claims.edit", tooltip="Edit the highlighted claim"),
        Binding(
            "d", "delete", "Delete", id="claims.delete", tooltip="Delete the highlighted claim (u undoes)"
        ),
        Binding(
            "v",
            "verdict",
            "Verdict",
            id="claims.verdict",
            tooltip="Cycle the verdict of the highlighted claim",
        ),
    ]

    class ClaimMessage(Message):
        def __init__(self, claim: Claim) -> None:
            self.claim = claim
            super().__init__()

    class Jump(ClaimMessage):
        """Move the article to this claim."""

    class Edit(ClaimMessage):
        """Edit this claim."""

    class Delete(ClaimMessage):
        """Delete this claim."""

    class CycleVerdict(ClaimMessage):
        """Give this claim the next verdict."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claims: dict[str, Claim] = {}

    def show_claims(self, own: Sequence[Claim], others: Sequence[tuple[Claim, str]]) -> None:
        """List the article's claims and, below, other outlets' claims."""
        keep = self.highlighted_claim.id if self.highlighted_claim else None
        self.claims = {c.id: c for c in own} | {c.id: c for c, _ in others}
        options: list[Option | None] = []
        if own:
            options += [Option(claim_label(c), id=c.id) for c in own]
        else:
            options.append(
                Option(Content.styled("No claims tagged here yet (t tags one)", "$text-muted"), disabled=True)
            )
        if others:
            options.append(None)
            options.append(Option(Content.styled("In other outlets", "bold $text-muted"), disabled=True))
            options += [Option(claim_label(c, outlet), id=c.id) for c, outlet in others]
        self.set_options(options)
        if keep and keep in self.claims:
            self.highlight_claim(keep)
        elif own:
            self.highlighted = 0

    def highlight_claim(self, claim_id: str) -> None:
        with contextlib.suppress(OptionDoesNotExist):
            self.highlighted = self.get_option_index(claim_id)

    @property
    def highlighted_claim(self) -> Claim | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.claims.get(option.id) if option.id else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim = self.claims.get(event.option.id or "")
        if claim is not None:
            self.post_message(self.Jump(claim))

    def _post_for_highlighted(self, message: type[ClaimMessage]) -> None:
        claim = self.highlighted_claim
        if claim is None:
            self.app.notify("No claim is highlighted", severity="warning")
            return
        self.post_message(message(claim))

    def action_edit(self) -> None:
        self._post_for_highlighted(self.Edit)

    def action_delete(self) -> None:
        self._post_for_highlighted(self.Delete)

    def action_verdict(self) -> None:
        self._post_for_highlighted(self.CycleVerdict)
