"""Tagging claims in the reader: tag, edit, delete and undo, verdicts, and
suggested claims to accept or dismiss."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer

from store.coverage.claimants import claimant_suggestions
from store.coverage.passages import locate_quote
from store.errors import StoreError
from store.library import Library
from store.library.stories import StoryRow
from store.model import Claim
from tui.dialogs.tag_claim import ClaimDraft, TagClaimDialog
from tui.safe_text import one_line
from tui.screens.reader_core import ReaderCore
from tui.widgets.article_view import ArticleView
from tui.widgets.claims_pane import ClaimsPane

if TYPE_CHECKING:
    from store.coverage.suggestions import Suggestion

SUGGEST_DELAY = 0.2
"""Seconds the reader stays on an article before its suggestions are worked out."""
CLAIM_DIALOG = "claim-dialog"


class ClaimActions(ReaderCore):
    """The reader's claim keys; the claims pane's own keys post messages here."""

    BINDINGS = [
        Binding("t", "tag", "Tag", id="claim.tag", tooltip="Tag the sentence under the cursor as a claim"),
        Binding("u", "undo_delete", "Undo", id="claim.undo", show=False, tooltip="Undo the last delete"),
    ]

    class ClaimsChanged(Message):
        """Claims of an event changed; `focus` is the claim to highlight."""

        def __init__(
            self, event_id: str | None, focus: str | None = None, deleted: Claim | None = None
        ) -> None:
            self.event_id = event_id
            self.focus = focus
            self.deleted = deleted
            super().__init__()

    class SuggestionsReady(Message):
        """Suggested claims for an article, worked out in a worker."""

        def __init__(self, article_id: str, suggestions: Sequence[Suggestion]) -> None:
            self.article_id = article_id
            self.suggestions = list(suggestions)
            super().__init__()

    def __init__(
        self,
        library: Library,
        *,
        seed: bool = True,
        stories: Sequence[StoryRow] | None = None,
        more_stories: bool = False,
    ) -> None:
        super().__init__(library, seed=seed, stories=stories, more_stories=more_stories)
        self.deleted: list[Claim] = []
        """Deleted claims, newest last, for `u`."""
        self.suggestions: dict[str, list[Suggestion]] = {}
        self._claim_dialog: TagClaimDialog | None = None
        self._suggest_timer: Timer | None = None

    # -- suggested claims ------------------------------------------------------

    def known_suggestions(self, article_id: str) -> Sequence[Suggestion]:
        return self.suggestions.get(article_id, ())

    def claims_shown(self, article_id: str) -> None:
        """Work out this article's suggestions afresh once the reader stops
        on it (not for every story passed on the way); those known already
        are listed at once (`known_suggestions`)."""
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        if SUGGEST_DELAY <= 0:
            self.load_suggestions(article_id)
            return
        self._suggest_timer = self.set_timer(SUGGEST_DELAY, lambda: self.load_suggestions(article_id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="suggestions")
    def load_suggestions(self, article_id: str) -> None:
        from store.coverage.suggestions import suggestions_for

        self.post_message(self.SuggestionsReady(article_id, suggestions_for(self.library, article_id)))

    @on(SuggestionsReady)
    def suggestions_ready(self, message: SuggestionsReady) -> None:
        self.suggestions[message.article_id] = message.suggestions
        article = self.article
        if article is not None and article.id == message.article_id:
            self.query_one(ClaimsPane).show_suggestions(message.suggestions)

    @on(ClaimsPane.JumpToSuggestion)
    def jump_to_suggestion(self, message: ClaimsPane.JumpToSuggestion) -> None:
        view = self.query_one("#article", ArticleView)
        view.move_to(message.suggestion.start)
        view.focus()

    @on(ClaimsPane.Accept)
    def accept(self, message: ClaimsPane.Accept) -> None:
        article = self.article
        if article is not None:
            self.save_accepted(article.id, article.event_id, message.suggestion)

    @work(thread=True, exit_on_error=False, group="writes")
    def save_accepted(self, article_id: str, event_id: str | None, suggestion: Suggestion) -> None:
        from store.coverage.suggestions import accept_suggestion

        with self._write_lock:
            claim = accept_suggestion(self.library, article_id, suggestion)
        self.post_message(self.ClaimsChanged(event_id, focus=claim.id))

    @on(ClaimsPane.Dismiss)
    def dismiss_one(self, message: ClaimsPane.Dismiss) -> None:
        article = self.article
        if article is not None:
            self.save_dismissed(article.id, message.suggestion)

    @work(thread=True, exit_on_error=False, group="writes")
    def save_dismissed(self, article_id: str, suggestion: Suggestion) -> None:
        from store.coverage.suggestions import dismiss_suggestion, suggestions_for

        with self._write_lock:
            dismiss_suggestion(self.library, article_id, suggestion)
        self.post_message(self.SuggestionsReady(article_id, suggestions_for(self.library, article_id)))

    # -- tagging and editing claims --------------------------------------------

    def action_tag(self) -> None:
        view = self.query_one("#article", ArticleView)
        article = self.article
        if view.shown is None or view.selection is None or article is None:
            self.notify("Open a story with text to tag a claim", severity="warning")
            return
        start, end = view.selection
        quote = view.shown.text[start:end]
        suggestions = claimant_suggestions(view.shown.text, (start, end), self.claimants)

        def saved(draft: ClaimDraft | None) -> None:
            if draft is not None:
                self.add_claim(article.id, article.event_id, draft, start)

        self.open_claim_dialog(f"Tag a claim · {view.shown.outlet}", ClaimDraft(quote), suggestions, saved)

    def open_claim_dialog(
        self,
        title: str,
        start: ClaimDraft,
        claimants: Sequence[str],
        saved: Callable[[ClaimDraft | None], None],
    ) -> None:
        """Show the (one, reused) tag dialog filled with `start`."""
        if self._claim_dialog is None:
            self._claim_dialog = TagClaimDialog()
            self.app.install_screen(self._claim_dialog, name=CLAIM_DIALOG)
        self._claim_dialog.prepare(title, start, claimants)
        self.app.push_screen(CLAIM_DIALOG, saved)

    @work(thread=True, exit_on_error=False, group="writes")
    def add_claim(self, article_id: str, event_id: str | None, draft: ClaimDraft, start: int) -> None:
        quote, start = self._located(article_id, draft.quote, start)
        with self._write_lock:
            claim = self.library.add_claim(
                article_id,
                quote,
                start=start,
                claimant=draft.claimant,
                kind=draft.kind,
                verdict=draft.verdict,
                tags=draft.tags,
                note=draft.note,
            )
        self.post_message(self.ClaimsChanged(event_id, focus=claim.id))

    def _located(self, article_id: str, quote: str, near: int) -> tuple[str, int]:
        """The article's own text for a quote typed on one line, and where it is."""
        text = self.library.text(article_id)
        span = locate_quote(text, quote, near)
        if span is None:
            raise StoreError(f"the quote does not occur in the article: {quote[:60]!r}")
        return text[span[0] : span[1]], span[0]

    @on(ClaimsPane.Edit)
    def edit_claim(self, message: ClaimsPane.Edit) -> None:
        claim = message.claim
        start = ClaimDraft(claim.quote, claim.claimant, claim.kind, claim.verdict, claim.tags, claim.note)
        event_id = self.event.id if self.event else None

        def saved(draft: ClaimDraft | None) -> None:
            if draft is not None:
                self.update_claim(claim, draft, event_id)

        self.open_claim_dialog("Edit claim", start, self.claimants, saved)

    @work(thread=True, exit_on_error=False, group="writes")
    def update_claim(self, claim: Claim, draft: ClaimDraft, event_id: str | None) -> None:
        changes: dict[str, object] = dict(
            claimant=draft.claimant, kind=draft.kind, verdict=draft.verdict, tags=draft.tags, note=draft.note
        )
        with self._write_lock:
            if draft.quote != one_line(claim.quote):
                quote, start = self._located(claim.article_id, draft.quote, claim.anchor.start)
                changes["anchor"] = self.library.anchor_for(claim.article_id, quote, start)
            updated = self.library.update_claim(claim.id, **changes)
        self.post_message(self.ClaimsChanged(event_id, focus=updated.id))

    @on(ClaimsPane.CycleVerdict)
    def cycle_verdict(self, message: ClaimsPane.CycleVerdict) -> None:
        claim = message.claim
        self.set_verdict(claim, self.event.id if self.event else None)

    @work(thread=True, exit_on_error=False, group="writes")
    def set_verdict(self, claim: Claim, event_id: str | None) -> None:
        with self._write_lock:
            current = self.library.claim(claim.id) or claim
            updated = self.library.update_claim(claim.id, verdict=current.verdict.next())
        self.post_message(self.ClaimsChanged(event_id, focus=updated.id))

    @on(ClaimsPane.Delete)
    def delete_claim(self, message: ClaimsPane.Delete) -> None:
        self.remove_claim(message.claim.id, self.event.id if self.event else None)

    @work(thread=True, exit_on_error=False, group="writes")
    def remove_claim(self, claim_id: str, event_id: str | None) -> None:
        with self._write_lock:
            removed = self.library.remove_claim(claim_id)
        self.post_message(self.ClaimsChanged(event_id, deleted=removed))

    def action_undo_delete(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo", severity="information")
            return
        self.restore_claim(self.deleted.pop(), self.event.id if self.event else None)

    @work(thread=True, exit_on_error=False, group="writes")
    def restore_claim(self, claim: Claim, event_id: str | None) -> None:
        with self._write_lock:
            restored = self.library.restore_claim(claim)
        self.post_message(self.ClaimsChanged(event_id, focus=restored.id))

    @on(ClaimsChanged)
    def claims_changed(self, message: ClaimsChanged) -> None:
        if message.deleted is not None:
            self.deleted.append(message.deleted)
            self.notify(f"Claim deleted · {self._key_for('claim.undo', 'u')} undoes", markup=False)
        if self.event is None or message.event_id != self.event.id:
            return
        self.event_claims = self.library.claims(event_id=self.event.id)
        claimants = [c.claimant for c in self.event_claims if c.claimant]
        self.claimants = list(dict.fromkeys([*claimants, *self.claimants]))
        self._show_claims(focus=message.focus)

    def _key_for(self, binding_id: str, default: str) -> str:
        return getattr(self.app, "keymap", {}).get(binding_id, default)
