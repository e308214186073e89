"""The claims pane: this article's claims, then the event's claims from the
other outlets, each marked with its outlet."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.model import Claim
from tui.safe_text import one_line
from tui.widgets.steady_scroll import follow_virtual_size, virtual_size_without_layout

if TYPE_CHECKING:
    from store.quotes import Suggestion

QUOTE_CHARS = 90


def _bare(quote: str) -> str:
    """The quote without the quotation marks of its own, since the pane adds them."""
    return one_line(quote).strip().strip('“”"«»').strip()


def claim_label(claim: Claim, outlet: str | None = None) -> Content:
    """A claim as the pane lists it: claimant, quote, kind and verdict."""
    quote = _bare(claim.quote)
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


def suggestion_label(suggestion: Suggestion) -> Content:
    """A suggested claim, dimmed: speaker, quote and kind."""
    quote = _bare(suggestion.quote)
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    return Content.assemble(
        (f"{one_line(suggestion.speaker) or 'unattributed'}: “{quote}”\n", "$text-muted italic"),
        (f"suggested {suggestion.kind.value}", "$text-muted"),
    )


class ClaimsPane(OptionList):
    """Claims of the article and its event. Posts messages; the screen acts."""

    HELP = (
        "Claims: `enter` jumps to the claim, `e` edits it, `d` deletes it "
        "(`u` undoes), `v` cycles its verdict."
    )

    virtual_size = virtual_size_without_layout()

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        follow_virtual_size(self, old, new)

    BINDINGS = [
        Binding("j", "cursor_down", "Next claim", id="claims.next", show=False),
        Binding("k", "cursor_up", "Previous claim", id="claims.previous", show=False),
        Binding("e", "edit", "Edit", id="claims.edit", tooltip="Edit the highlighted claim"),
        Binding(
            "d", "delete", "Delete", id="claims.delete", tooltip="Delete the highlighted claim (u undoes)"
        ),
        Binding(
            "a",
            "accept",
            "Accept",
            id="suggestion.accept",
            tooltip="Tag the highlighted suggestion as a claim",
        ),
        Binding(
            "x",
            "dismiss_suggestion",
            "Dismiss",
            id="suggestion.dismiss",
            tooltip="Hide the highlighted suggestion for good",
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

    class SuggestionMessage(Message):
        def __init__(self, suggestion: Suggestion) -> None:
            self.suggestion = suggestion
            super().__init__()

    class JumpToSuggestion(SuggestionMessage):
        """Move the article's cursor to this suggestion."""

    class Accept(SuggestionMessage):
        """Tag this suggestion as a claim."""

    class Dismiss(SuggestionMessage):
        """Hide this suggestion for good."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claims: dict[str, Claim] = {}
        self.suggestions: dict[str, Suggestion] = {}
        self._own: list[Claim] = []
        self._others: list[tuple[Claim, str]] = []
        self._signature: tuple[object, ...] | None = None

    def show_claims(
        self,
        own: Sequence[Claim],
        others: Sequence[tuple[Claim, str]],
        suggestions: Sequence[Suggestion] = (),
    ) -> None:
        """List the article's claims, its suggested claims (dimmed) and,
        below, other outlets' claims."""
        signature = (
            tuple((c.id, c.updated) for c in own),
            tuple((c.id, c.updated, outlet) for c, outlet in others),
            tuple(s.key for s in suggestions),
        )
        if signature == self._signature:
            return  # nothing to redraw: moving between unclaimed stories stays cheap
        self._signature = signature
        current = self.highlighted_option_id
        self._own, self._others = list(own), list(others)
        self.claims = {c.id: c for c in own} | {c.id: c for c, _ in others}
        self.suggestions = {f"suggestion-{s.key}": s for s in suggestions}
        options: list[Option | None] = []
        if own:
            options += [Option(claim_label(c), id=c.id) for c in own]
        elif not suggestions:
            options.append(
                Option(Content.styled("No claims tagged here yet (t tags one)", "$text-muted"), disabled=True)
            )
        if suggestions:
            options.append(
                Option(
                    Content.styled("Suggested (a accepts, x dismisses)", "bold $text-muted"), disabled=True
                )
            )
            options += [Option(suggestion_label(s), id=key) for key, s in self.suggestions.items()]
        if others:
            options.append(None)
            options.append(Option(Content.styled("In other outlets", "bold $text-muted"), disabled=True))
            options += [Option(claim_label(c, outlet), id=c.id) for c, outlet in others]
        self.set_options(options)
        own_ids = {c.id for c in own}
        if current and (current in own_ids or current in self.suggestions):
            self.highlight_claim(current)
        elif own or suggestions:  # this article's first entry, not another outlet's at the bottom
            self.highlighted = next(i for i, o in enumerate(self.options) if not o.disabled)

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Add (or replace) the dimmed suggestions, keeping the claims."""
        self.show_claims(self._own, self._others, suggestions)

    @property
    def highlighted_option_id(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id

    @property
    def highlighted_suggestion(self) -> Suggestion | None:
        return self.suggestions.get(self.highlighted_option_id or "")

    def highlight_claim(self, claim_id: str) -> None:
        with contextlib.suppress(OptionDoesNotExist):
            self.highlighted = self.get_option_index(claim_id)

    @property
    def highlighted_claim(self) -> Claim | None:
        return self.claims.get(self.highlighted_option_id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim = self.claims.get(event.option.id or "")
        if claim is not None:
            self.post_message(self.Jump(claim))
        suggestion = self.suggestions.get(event.option.id or "")
        if suggestion is not None:
            self.post_message(self.JumpToSuggestion(suggestion))

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

    def _post_for_suggestion(self, message: type[SuggestionMessage]) -> None:
        suggestion = self.highlighted_suggestion
        if suggestion is None:
            self.app.notify("Highlight a suggested claim first", severity="warning")
            return
        self.post_message(message(suggestion))

    def action_accept(self) -> None:
        self._post_for_suggestion(self.Accept)

    def action_dismiss_suggestion(self) -> None:
        self._post_for_suggestion(self.Dismiss)
