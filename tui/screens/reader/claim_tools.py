"""Tagging claims in the reader: tag, edit, delete, verdicts, and suggested
claims to accept, dismiss, and bring back once dismissed. Each change is
recorded for undo (`ReaderState.history`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from store.coverage.claimants import claimant_suggestions, tag_start
from store.coverage.passages import locate_quote
from store.errors import StoreError
from store.model import Claim
from tui.bindings import key
from tui.dialogs.choice import ChoiceDialog, matching
from tui.dialogs.tag_claim import ClaimDraft, TagClaimDialog
from tui.safe_text import one_line
from tui.screens.reader.parts import ReaderPart
from tui.screens.reader.start import settle_long_lived
from tui.screens.reader.state import ReaderState
from tui.screens.reader.undo import (
    at_article,
    claim_added,
    claim_changed,
    claim_deleted,
    suggestion_dismissed,
    suggestion_restored,
)
from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from store.coverage.matrix import ClaimMatrix
    from store.coverage.suggestions import DismissedSuggestion, Suggestion

SUGGEST_DELAY = 0.2
"""Seconds the reader stays on an article before its suggestions are worked out."""
CLAIM_DIALOG = "claim-dialog"


class ClaimTools(ReaderPart):
    """The reader's claim keys, and what tagging remembers: the suggestions
    worked out, the claimants met.
    The claims pane's keys reach it through the screen (`edit`, `delete`,
    `cycle_verdict`, `accept`, `dismiss`)."""

    BINDING_GROUP_TITLE = "Claims"
    PART_ID = "claim-tools"

    BINDINGS = [
        key("claim.tag", "t", "tag", "Tag", "Tag the sentence under the cursor as a claim", show=True),
        key(
            "suggestion.dismissed",
            "D",
            "dismissed",
            "Dismissed suggestions",
            "List the suggestions you dismissed, and bring one back",
        ),
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

    class Aligned(Message):
        """An event's claim matrix, worked out in a worker."""

        def __init__(self, matrix: ClaimMatrix) -> None:
            self.matrix = matrix
            super().__init__()

    def __init__(self, state: ReaderState) -> None:
        super().__init__(state)
        self.suggestions: dict[str, list[Suggestion]] = {}
        """Suggested claims by article id, as last worked out."""
        self.matrices: dict[str, ClaimMatrix] = {}
        """Claim matrices by event id, worked out once the reader rests on a
        story and kept until its claims change: `]` lands on aligned claims."""
        self.claimants: list[str] = []
        """Who made the claims tagged so far, for the tag dialog to suggest."""
        self._claimants_asked = False
        self._claim_dialog: TagClaimDialog | None = None
        self._suggest_timer: Timer | None = None

    @classmethod
    def screens_opened(cls) -> Sequence[type[Screen]]:
        return (TagClaimDialog,)

    # -- claimants ---------------------------------------------------------------

    def list_claimants(self) -> None:
        """Read the claimants of earlier claims, once (the screen asks when
        the stories are listed: reading every claim can take a moment)."""
        if not self._claimants_asked:
            self._claimants_asked = True
            self.load_claimants()

    @work(thread=True, exclusive=True, exit_on_error=False, group="claimants")
    def load_claimants(self) -> None:
        names = list(dict.fromkeys(c.claimant for c in self.library.claims() if c.claimant))
        self.app.call_from_thread(self._set_claimants, names)

    def _set_claimants(self, names: list[str]) -> None:
        self.claimants = list(dict.fromkeys([*self.claimants, *names]))
        settle_long_lived()

    def learn_claimants(self, claims: Sequence[Claim]) -> None:
        """Put the claimants of claims just changed first."""
        claimants = [c.claimant for c in claims if c.claimant]
        self.claimants = list(dict.fromkeys([*claimants, *self.claimants]))

    # -- suggested claims ------------------------------------------------------

    def known_suggestions(self, article_id: str) -> Sequence[Suggestion]:
        """Suggested claims already worked out for an article, listed with its claims."""
        return self.suggestions.get(article_id, ())

    def article_listed(self, article_id: str) -> None:
        """An article's claims were listed: work out its suggestions afresh
        once the reader stops on it (not for every story passed on the way);
        those known already are listed at once (`known_suggestions`)."""
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
        event = self.state.event
        if event is not None and event.id not in self.matrices and len(self.state.articles) > 1:
            self.align(event.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="alignment")
    def align(self, event_id: str) -> None:
        """Work the event's claim matrix out, to keep (off the screen's thread)."""
        from store.coverage.matrix import claim_matrix

        self.post_message(self.Aligned(claim_matrix(self.library, event_id)))

    @on(Aligned)
    def aligned(self, message: Aligned) -> None:
        self.matrices[message.matrix.event_id] = message.matrix

    def forget_suggestions(self, article_id: str) -> None:
        """An article's suggestions changed (a claim removed, a dismissal
        undone): work them out again when it is next shown."""
        self.suggestions.pop(article_id, None)

    def forget_alignment(self, event_id: str | None = None) -> None:
        """Claims changed (in one event, or anywhere): work matrices out again."""
        if event_id is None:
            self.matrices.clear()
        else:
            self.matrices.pop(event_id, None)

    def accept(self, suggestion: Suggestion) -> None:
        """Tag a suggested claim of the article being read."""
        article = self.state.article
        if article is not None:
            self.save_accepted(article.id, article.event_id, suggestion)

    @work(thread=True, exit_on_error=False, group="writes")
    def save_accepted(self, article_id: str, event_id: str | None, suggestion: Suggestion) -> None:
        from store.coverage.suggestions import accept_suggestion

        with self.state.write_lock:
            claim = accept_suggestion(self.library, article_id, suggestion)
            self.state.history.push(claim_added(claim, "suggestion accepted"))
        self.post_message(self.ClaimsChanged(event_id, focus=claim.id))

    def dismiss(self, suggestion: Suggestion) -> None:
        """Hide a suggested claim of the article being read (D lists the dismissed ones, u undoes)."""
        article = self.state.article
        if article is not None:
            self.save_dismissed(article.id, suggestion)

    @work(thread=True, exit_on_error=False, group="writes")
    def save_dismissed(self, article_id: str, suggestion: Suggestion) -> None:
        from store.coverage.suggestions import dismiss_suggestion, suggestions_for

        with self.state.write_lock:
            key = dismiss_suggestion(self.library, article_id, suggestion)
            self.state.history.push(suggestion_dismissed(article_id, key, suggestion.start))
        self.post_message(self.SuggestionsReady(article_id, suggestions_for(self.library, article_id)))

    # -- tagging and editing claims --------------------------------------------

    def action_tag(self) -> None:
        view = self.screen.query_one("#article", ArticleView)
        article = self.state.article
        if view.shown is None or view.selection is None or article is None:
            self.notify("Open a story with text to tag a claim", severity="warning")
            return
        text = view.shown.text
        widened = view.first != view.last
        begin = tag_start(text, view.selection, self.known_suggestions(article.id), widened=widened)
        start = begin.start
        claimants = claimant_suggestions(text, (begin.start, begin.end), self.claimants)
        if begin.claimant:
            claimants = [begin.claimant, *(c for c in claimants if c != begin.claimant)]
        draft = ClaimDraft(text[begin.start : begin.end], begin.claimant, begin.kind)

        def saved(draft: ClaimDraft | None) -> None:
            if draft is not None:
                self.add_claim(article.id, article.event_id, draft, start)

        self.open_claim_dialog(f"Tag a claim · {view.shown.outlet}", draft, claimants, saved)

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
        with self.state.write_lock:
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
            self.state.history.push(claim_added(claim))
        self.post_message(self.ClaimsChanged(event_id, focus=claim.id))

    def _located(self, article_id: str, quote: str, near: int) -> tuple[str, int]:
        """The article's own text for a quote typed on one line, and where it is."""
        text = self.library.text(article_id)
        span = locate_quote(text, quote, near)
        if span is None:
            raise StoreError(f"the quote does not occur in the article: {quote[:60]!r}")
        return text[span[0] : span[1]], span[0]

    def edit(self, claim: Claim) -> None:
        """Open a claim in the tag dialog, and save what is changed."""
        start = ClaimDraft(claim.quote, claim.claimant, claim.kind, claim.verdict, claim.tags, claim.note)
        event_id = self.state.event.id if self.state.event else None

        def saved(draft: ClaimDraft | None) -> None:
            if draft is not None:
                self.update_claim(claim, draft, event_id)

        self.open_claim_dialog("Edit claim", start, self.claimants, saved)

    @work(thread=True, exit_on_error=False, group="writes")
    def update_claim(self, claim: Claim, draft: ClaimDraft, event_id: str | None) -> None:
        changes: dict[str, object] = dict(
            claimant=draft.claimant, kind=draft.kind, verdict=draft.verdict, tags=draft.tags, note=draft.note
        )
        with self.state.write_lock:
            before = self.library.claim(claim.id) or claim
            if draft.quote != one_line(claim.quote):
                quote, start = self._located(claim.article_id, draft.quote, claim.anchor.start)
                changes["anchor"] = self.library.anchor_for(claim.article_id, quote, start)
            updated = self.library.update_claim(claim.id, **changes)
            self.state.history.push(claim_changed(before))
        self.post_message(self.ClaimsChanged(event_id, focus=updated.id))

    def cycle_verdict(self, claim: Claim) -> None:
        """Give a claim the next verdict."""
        self.set_verdict(claim, self.state.event.id if self.state.event else None)

    @work(thread=True, exit_on_error=False, group="writes")
    def set_verdict(self, claim: Claim, event_id: str | None) -> None:
        with self.state.write_lock:
            current = self.library.claim(claim.id) or claim
            updated = self.library.update_claim(claim.id, verdict=current.verdict.next())
            self.state.history.push(claim_changed(current, f"verdict set to {updated.verdict.value}"))
        self.post_message(self.ClaimsChanged(event_id, focus=updated.id))

    def delete(self, claim: Claim) -> None:
        """Delete a claim (`u` brings it back, as it undoes any change)."""
        self.remove_claim(claim.id, self.state.event.id if self.state.event else None)

    @work(thread=True, exit_on_error=False, group="writes")
    def remove_claim(self, claim_id: str, event_id: str | None) -> None:
        with self.state.write_lock:
            removed = self.library.remove_claim(claim_id)
            self.state.history.push(claim_deleted(removed))
        self.post_message(self.ClaimsChanged(event_id, deleted=removed))

    @on(ClaimsChanged)
    def said_deleted(self, message: ClaimsChanged) -> None:
        """Say how to bring a deleted claim back; the screen then shows the change."""
        if message.deleted is not None:
            self.notify(f"Claim deleted · {self.key_for('undo', 'u')} undoes", markup=False)

    # -- dismissed suggestions ---------------------------------------------------

    class DismissedListed(Message):
        """The suggestions dismissed so far, each with how to list it."""

        def __init__(self, listed: Sequence[tuple[DismissedSuggestion, Content]]) -> None:
            self.listed = list(listed)
            super().__init__()

    def action_dismissed(self) -> None:
        self.list_dismissed(self.state.article.id if self.state.article else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="dismissed")
    def list_dismissed(self, article_id: str | None) -> None:
        """Every dismissed suggestion, the article's being read first, then
        the rest by story, each labelled with its words, kind and outlet."""
        from store.coverage.suggestions import dismissed_suggestions

        found = dismissed_suggestions(self.library)
        found.sort(key=lambda d: d.article_id != article_id)
        articles = {a.id: a for a in self.library.articles_with_ids([d.article_id for d in found])}
        listed = []
        for item in found:
            article = articles.get(item.article_id)
            if article is None:
                continue
            where = (
                "this article"
                if item.article_id == article_id
                else self.library.outlet_name(article.outlet_id)
            )
            label = Content.assemble(
                f"“{one_line(item.quote)[:100]}”",
                (f"  {item.kind} · {one_line(where)}", "$text-muted"),
            )
            listed.append((item, label))
        self.post_message(self.DismissedListed(listed))

    @on(DismissedListed)
    def choose_dismissed(self, message: DismissedListed) -> None:
        if not message.listed:
            self.notify("No suggestion has been dismissed", severity="information")
            return
        by_key = {item.key: item for item, _ in message.listed}
        labels = [(item.key, label) for item, label in message.listed]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.restore_dismissed(by_key[key])

        self.app.push_screen(ChoiceDialog("Bring back which suggestion?", search=matching(labels)), chosen)

    @work(thread=True, exit_on_error=False, group="writes")
    def restore_dismissed(self, item: DismissedSuggestion) -> None:
        from store.coverage.suggestions import restore_suggestion

        with self.state.write_lock:
            restore_suggestion(self.library, item.key)
            self.state.history.push(suggestion_restored(item))
        self.post_message(
            self.Changed(None, at_article(self.library, item.article_id, item.start), "Suggestion restored")
        )
