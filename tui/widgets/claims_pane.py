"""The claims pane: this article's claims, then the event's claims from the
other outlets, each marked with its outlet.

It draws its own lines (the line API), like the story list and the article:
the pane is rebuilt on every story and outlet key, and a list of widgets or
options there cost a third of the keystroke's budget. Entries are wrapped
once per change of content or width; moving the cursor repaints only the
two entries concerned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from store.model import Claim
from tui.bindings import key
from tui.safe_text import one_line
from tui.widgets.article_view import wrap_range
from tui.widgets.line_view import LineView

if TYPE_CHECKING:
    from store.coverage.suggestions import Suggestion

QUOTE_CHARS = 90
PAD = 1

Piece = tuple[str, str]
"""A stretch of text and the component class that styles it ("" for none)."""


def _bare(quote: str) -> str:
    """The quote without the quotation marks of its own, since the pane adds them."""
    return one_line(quote).strip().strip('“”"«»').strip()


def _shortened(quote: str) -> str:
    quote = _bare(quote)
    return quote[: QUOTE_CHARS - 1] + "…" if len(quote) > QUOTE_CHARS else quote


def claim_label(claim: Claim, outlet: str | None = None) -> tuple[tuple[Piece, ...], ...]:
    """A claim as the pane lists it: claimant and quote, then kind, verdict
    and tags. Each paragraph is a run of (text, component) pieces."""
    first: list[Piece] = []
    if outlet is not None:
        first.append((f"[{one_line(outlet)}] ", "claims-pane--outlet"))
    first.append((one_line(claim.claimant) or "unattributed", "claims-pane--claimant"))
    first.append((f": “{_shortened(claim.quote)}”", ""))
    meta = f"{claim.kind.value} · {claim.verdict.value}"
    if claim.tags:
        meta += " · " + ", ".join(one_line(t) for t in claim.tags)
    return tuple(first), ((meta, "claims-pane--muted"),)


def suggestion_label(suggestion: Suggestion) -> tuple[tuple[Piece, ...], ...]:
    """A suggested claim, dimmed: speaker, words and kind; quote marks only
    around words the article quotes (reported speech goes without)."""
    speaker = one_line(suggestion.speaker) or "unattributed"
    if suggestion.title and suggestion.speaker:
        speaker = f"{one_line(suggestion.title)} {speaker}"  # "Attorney General John Suthers"
    words = _shortened(suggestion.quote)
    said = f"“{words}”" if suggestion.direct else words  # quote marks only around quoted words
    how = f"suggested {suggestion.kind.value}" + ("" if suggestion.direct else ", reported")
    return (
        ((f"{speaker}: {said}", "claims-pane--suggestion"),),
        ((how, "claims-pane--muted"),),
    )


def wrap_pieces(pieces: Sequence[Piece], width: int) -> list[tuple[Piece, ...]]:
    """Word-wrap a run of styled pieces to `width` cells, keeping each
    piece's style across the lines it is split over."""
    text = "".join(t for t, _ in pieces)
    bounds: list[tuple[int, int, str]] = []
    position = 0
    for piece_text, component in pieces:
        bounds.append((position, position + len(piece_text), component))
        position += len(piece_text)
    lines: list[tuple[Piece, ...]] = []
    for start, end in wrap_range(text, 0, len(text), max(1, width)):
        while end > start and text[end - 1].isspace():
            end -= 1
        line = tuple(
            (text[max(start, b_start) : min(end, b_end)], component)
            for b_start, b_end, component in bounds
            if b_end > start and b_start < end
        )
        lines.append(line)
    return lines


@dataclass(frozen=True)
class _Entry:
    """One item of the list; `key` is None for headings and notes, which
    the cursor passes over."""

    paragraphs: tuple[tuple[Piece, ...], ...]
    key: str | None = None
    rule: bool = False


class ClaimsPane(LineView, can_focus=True):
    """Claims of the article and its event. Posts messages; the screen acts."""

    BINDING_GROUP_TITLE = "Claims pane"

    HELP = (
        "Claims: `enter` jumps to the claim, `e` edits it, `d` deletes it "
        "(`u` undoes), `v` cycles its verdict."
    )

    BINDINGS = [
        key("claims.next", "j,down", "cursor_down", "Next claim", "Highlight the next claim"),
        key("claims.previous", "k,up", "cursor_up", "Previous claim", "Highlight the previous claim"),
        key("claims.first", "home", "first", "First claim", "Highlight the first claim"),
        key("claims.last", "end", "last", "Last claim", "Highlight the last claim"),
        key("claims.jump", "enter", "select", "Jump", "Move the article to it"),
        key("claims.edit", "e", "edit", "Edit", "Edit the highlighted claim", show=True),
        key("claims.delete", "d", "delete", "Delete", "Delete the highlighted claim (u undoes)", show=True),
        key(
            "suggestion.accept",
            "a",
            "accept",
            "Accept",
            "Tag the highlighted suggestion as a claim",
            show=True,
        ),
        key(
            "suggestion.dismiss",
            "x",
            "dismiss_suggestion",
            "Dismiss",
            "Hide the highlighted suggestion (D lists the dismissed ones)",
            show=True,
        ),
        key(
            "claims.verdict",
            "v",
            "verdict",
            "Verdict",
            "Cycle the verdict of the highlighted claim",
            show=True,
        ),
    ]

    COMPONENT_CLASSES = {
        "claims-pane--cursor",
        "claims-pane--outlet",
        "claims-pane--claimant",
        "claims-pane--muted",
        "claims-pane--heading",
        "claims-pane--suggestion",
    }

    class ClaimMessage(Message):
        def __init__(self, claim: Claim, *, focus_article: bool = True) -> None:
            self.claim = claim
            self.focus_article = focus_article
            """Put the keys in the article (a key asked); a click keeps them in the pane."""
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
        def __init__(self, suggestion: Suggestion, *, focus_article: bool = True) -> None:
            self.suggestion = suggestion
            self.focus_article = focus_article
            super().__init__()

    class JumpToSuggestion(SuggestionMessage):
        """Move the article's cursor to this suggestion."""

    class Accept(SuggestionMessage):
        """Tag this suggestion as a claim."""

    class Dismiss(SuggestionMessage):
        """Hide this suggestion (it can be listed and brought back)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claims: dict[str, Claim] = {}
        self.suggestions: dict[str, Suggestion] = {}
        self._own: list[Claim] = []
        self._others: list[tuple[Claim, str]] = []
        self._signature: tuple[object, ...] | None = None
        self._entries: list[_Entry] = []
        self.cursor: int | None = None
        """Index of the highlighted entry, which is always one with a key."""
        self._rows: list[tuple[int, tuple[Piece, ...]]] = []
        """Each screen line: its entry and its pieces."""
        self._entry_rows: list[tuple[int, int]] = []
        """Each entry's first screen line and number of lines."""
        self._layout_width = 0

    # -- what is shown -------------------------------------------------------

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
        current = self.highlighted_key
        self._own, self._others = list(own), list(others)
        self.claims = {c.id: c for c in own} | {c.id: c for c, _ in others}
        self.suggestions = {f"suggestion-{s.key}": s for s in suggestions}
        entries = [_Entry(claim_label(c), key=c.id) for c in own]
        if not own and not suggestions:
            entries.append(_Entry(((("No claims tagged here yet (t tags one)", "claims-pane--muted"),),)))
        if suggestions:
            entries.append(_Entry(((("Suggested (a accepts, x dismisses)", "claims-pane--heading"),),)))
            entries += [_Entry(suggestion_label(s), key=key) for key, s in self.suggestions.items()]
        if others:
            entries.append(_Entry((), rule=True))
            entries.append(_Entry(((("In other outlets", "claims-pane--heading"),),)))
            entries += [_Entry(claim_label(c, outlet), key=c.id) for c, outlet in others]
        self._entries = entries
        keys = [e.key for e in entries]
        own_keys = {c.id for c in own} | set(self.suggestions)
        if current is not None and current in own_keys:
            self.cursor = keys.index(current)
        else:  # this article's first entry, not another outlet's at the bottom
            self.cursor = next((i for i, e in enumerate(entries) if e.key in own_keys), None)
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._show_cursor()
        self.refresh()

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Add (or replace) the dimmed suggestions, keeping the claims."""
        self.show_claims(self._own, self._others, suggestions)

    def _layout(self) -> None:
        width = max(4, self.text_width - 2 * PAD)
        self._layout_width = width
        rows: list[tuple[int, tuple[Piece, ...]]] = []
        entry_rows: list[tuple[int, int]] = []
        for index, entry in enumerate(self._entries):
            first = len(rows)
            if entry.rule:
                rows.append((index, (("─" * width, "claims-pane--muted"),)))
            for paragraph in entry.paragraphs:
                rows += [(index, line) for line in wrap_pieces(paragraph, width)]
            entry_rows.append((first, len(rows) - first))
        self._rows = rows
        self._entry_rows = entry_rows
        self.virtual_size = Size(0, len(rows))

    def on_resize(self, event: events.Resize) -> None:
        if max(4, self.text_width - 2 * PAD) != self._layout_width:
            self._layout()
            self._show_cursor()
            self.refresh()

    @property
    def text_lines(self) -> list[str]:
        """The whole list as plain text, a line per screen line."""
        return ["".join(text for text, _ in pieces) for _, pieces in self._rows]

    # -- the highlighted entry -----------------------------------------------

    @property
    def highlighted_key(self) -> str | None:
        return self._entries[self.cursor].key if self.cursor is not None else None

    @property
    def highlighted_claim(self) -> Claim | None:
        return self.claims.get(self.highlighted_key or "")

    @property
    def highlighted_suggestion(self) -> Suggestion | None:
        return self.suggestions.get(self.highlighted_key or "")

    def highlight_claim(self, claim_id: str) -> None:
        index = next((i for i, e in enumerate(self._entries) if e.key == claim_id), None)
        if index is not None:
            self._move_cursor(index)

    def _move_cursor(self, index: int | None) -> None:
        if index == self.cursor:
            return
        for entry in (self.cursor, index):
            if entry is not None and entry < len(self._entry_rows):
                first, count = self._entry_rows[entry]
                self.refresh_lines(first, count)
        self.cursor = index
        self._show_cursor()

    def _show_cursor(self) -> None:
        if self.cursor is None or self.cursor >= len(self._entry_rows):
            return
        first, count = self._entry_rows[self.cursor]
        # The heading above the first claim of a section stays in view.
        top = first - 1 if first > 0 and self._entries[self.cursor - 1].key is None else first
        region = Region(0, top, 1, count + first - top)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _step(self, direction: int) -> None:
        keyed = [i for i, e in enumerate(self._entries) if e.key is not None]
        if not keyed:
            return
        if self.cursor is None:
            self._move_cursor(keyed[0] if direction > 0 else keyed[-1])
            return
        later = [i for i in keyed if (i - self.cursor) * direction > 0]
        if later:
            self._move_cursor(later[0] if direction > 0 else later[-1])

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self._move_cursor(next((i for i, e in enumerate(self._entries) if e.key), self.cursor))

    def action_last(self) -> None:
        keyed = [i for i, e in enumerate(self._entries) if e.key]
        self._move_cursor(keyed[-1] if keyed else self.cursor)

    def action_select(self, focus_article: bool = True) -> None:
        claim = self.highlighted_claim
        if claim is not None:
            self.post_message(self.Jump(claim, focus_article=focus_article))
        suggestion = self.highlighted_suggestion
        if suggestion is not None:
            self.post_message(self.JumpToSuggestion(suggestion, focus_article=focus_article))

    def on_click(self, event: events.Click) -> None:
        """A click anywhere in the pane gives it the keys; on a claim or a
        suggestion, it highlights it and shows it in the article too."""
        self.focus()
        at = self.clicked_at(event)
        row = at.y if at is not None else -1
        if 0 <= row < len(self._rows) and self._entries[self._rows[row][0]].key is not None:
            self._move_cursor(self._rows[row][0])
            self.action_select(focus_article=False)

    # -- actions on the highlighted entry --------------------------------------

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

    # -- drawing -------------------------------------------------------------

    def draw_line(self, y: int) -> Strip:
        width = self._render_width
        base = self._render_base
        row = y + int(self.scroll_y)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        entry, pieces = self._rows[row]
        style = base
        if entry == self.cursor:
            style = style + self._component("claims-pane--cursor")
        segments = [Segment(" " * PAD, style)]
        segments += [
            Segment(text, self._component_over(style, component) if component else style)
            for text, component in pieces
        ]
        return Strip(segments).crop_extend(0, width, style)
