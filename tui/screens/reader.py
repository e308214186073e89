"""The reader: stories, the article, its claims and the outlet bar.

This screen owns the reading state (which event, which outlet, the claims
shown, the undo stack). Widgets post messages up; store work that can take
time runs in thread workers that post messages back, and a failure becomes
a notification.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from store.claimants import claimant_suggestions
from store.export import FORMATS, write_export
from store.feeds import refresh as refresh_feeds
from store.grouping import merge_events, move_article, split_event
from store.library import EventSummary, Library, StoreError
from store.matrix import MatrixCell
from store.model import Article, Claim
from store.passages import landing_offset, locate_quote
from store.quotes import Suggestion, accept_suggestion, dismiss_suggestion, suggestions_for
from store.search import SearchHit
from store.seeding import seed_if_empty
from store.stories import StoryRow, refreshed_row, story_rows
from tui.dialogs.choice import ChoiceDialog, Choices
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.search import SearchDialog
from tui.dialogs.tag_claim import ClaimDraft, TagClaimDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.safe_text import one_line
from tui.screens.compare import CompareScreen, load_shown
from tui.screens.matrix import MatrixScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.claims_pane import ClaimsPane
from tui.widgets.outlet_bar import OutletBar
from tui.widgets.story_list import StoryList

FILTERS = ("all", "unread", "starred")
SUGGEST_DELAY = 0.2
"""Seconds the reader stays on an article before its suggestions are worked out."""
CLAIM_DIALOG = "claim-dialog"


@dataclass(frozen=True)
class Command:
    """An action as the command palette lists it."""

    title: str
    help: str
    action: str


def first_run(library: Library) -> None:
    """Fill an empty library from the bundled seeds."""
    seed_if_empty(library)


class ReaderScreen(Screen[None]):
    """The main screen."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (44, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (8, "-tall")]

    BINDINGS = [
        Binding(
            "right_square_bracket",
            "flip(1)",
            "Outlet",
            id="outlet.next",
            tooltip="The same event from the next outlet, at the same place",
        ),
        Binding(
            "left_square_bracket",
            "flip(-1)",
            "Outlet",
            id="outlet.previous",
            show=False,
            tooltip="The same event from the previous outlet, at the same place",
        ),
        Binding("t", "tag", "Tag", id="claim.tag", tooltip="Tag the sentence under the cursor as a claim"),
        Binding("u", "undo_delete", "Undo", id="claim.undo", show=False, tooltip="Undo the last delete"),
        Binding("c", "compare", "Compare", id="compare", tooltip="Two outlets side by side"),
        Binding("r", "toggle_read", "Read", id="story.read", show=False, tooltip="Mark read or unread"),
        Binding("s", "toggle_star", "Star", id="story.star", show=False, tooltip="Star or unstar"),
        Binding(
            "f",
            "cycle_filter",
            "Filter",
            id="stories.filter",
            show=False,
            tooltip="Show all, unread or starred stories",
        ),
        Binding("slash", "search", "Search", id="search", tooltip="Search titles, bodies and claims"),
        Binding("M", "matrix", "Matrix", id="matrix", show=False, tooltip="Which outlet carried which claim"),
        Binding("N", "rename_story", "Rename", id="story.rename", show=False, tooltip="Rename this story"),
        Binding(
            "m",
            "merge_story",
            "Merge",
            id="story.merge",
            show=False,
            tooltip="Merge another story into this one",
        ),
        Binding(
            "X",
            "split_story",
            "Split",
            id="story.split",
            show=False,
            tooltip="Split this outlet's article off into a story of its own",
        ),
        Binding(
            "g",
            "move_article",
            "Move",
            id="story.move",
            show=False,
            tooltip="Move this outlet's article to another story",
        ),
        Binding(
            "R",
            "refresh_feeds",
            "Refresh",
            id="feeds.refresh",
            show=False,
            tooltip="Fetch new articles from the subscribed feeds",
        ),
        Binding(
            "o",
            "open_link",
            "Open link",
            id="article.open",
            show=False,
            tooltip="Open the article's web page in the browser",
        ),
        Binding(
            "E",
            "export_story",
            "Export",
            id="story.export",
            show=False,
            tooltip="Export this story's claims to a file",
        ),
        Binding(
            "p",
            "toggle_claims",
            "Claims",
            id="claims.toggle",
            show=False,
            tooltip="Show or hide the claims pane",
        ),
    ]

    class Loaded(Message):
        """The story list is ready (after the first-run seeding if any)."""

        def __init__(self, rows: Sequence[StoryRow], claimants: Sequence[str]) -> None:
            self.rows = list(rows)
            self.claimants = list(claimants)
            super().__init__()

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

    class Regrouped(Message):
        """Stories changed (merge, split, move, rename, new articles): the
        new rows, and where to go."""

        def __init__(
            self,
            rows: Sequence[StoryRow],
            event_id: str | None,
            article_id: str | None = None,
            note: str = "",
        ) -> None:
            self.rows = list(rows)
            self.event_id = event_id
            self.article_id = article_id
            self.note = note
            super().__init__()

    class FeedProgress(Message):
        def __init__(self, done: int, total: int, url: str) -> None:
            self.done, self.total, self.url = done, total, url
            super().__init__()

    class RowChanged(Message):
        """An event's read/star state changed."""

        def __init__(self, row: StoryRow) -> None:
            self.row = row
            super().__init__()

    def __init__(self, library: Library, *, seed: bool = True) -> None:
        super().__init__()
        self.library = library
        self.seed = seed
        self.all_rows: list[StoryRow] = []
        self.filter = "all"
        self.event: EventSummary | None = None
        self.articles: list[Article] = []
        self.outlet_names: list[str] = []
        self.index = 0
        self.event_claims: list[Claim] = []
        self.deleted: list[Claim] = []
        self.claimants: list[str] = []
        self._write_lock = threading.Lock()
        self._claim_dialog: TagClaimDialog | None = None
        self.suggestions: dict[str, list[Suggestion]] = {}
        self._suggest_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="reader"):
            yield OutletBar("Dateline", id="outlet-bar")
            with Horizontal(id="panes"):
                stories = StoryList(id="stories")
                stories.border_title = "Stories"
                yield stories
                yield ArticleView(id="article")
                claims = ClaimsPane(id="claims")
                claims.border_title = "Claims"
                yield claims
            yield Static("", id="status")
        yield Footer()
        yield Static("Terminal too small for Dateline — make it larger.", id="too-small")

    def on_mount(self) -> None:
        self.query_one("#article", ArticleView).show_empty("Loading the library…")
        self.query_one(StoryList).focus()
        self.load()

    # -- loading -------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        if self.seed:
            first_run(self.library)
        rows = story_rows(self.library)
        self.post_message(self.Loaded(rows, []))

    def on_reader_screen_loaded(self, message: Loaded) -> None:
        self.all_rows = message.rows
        stories = self.query_one(StoryList)
        stories.empty_text = "No stories yet. Import some with `dateline import FILES`."
        self._apply_filter()
        if not self.all_rows:
            self.query_one("#article", ArticleView).show_empty("The library is empty.")
        self.load_claimants()

    @work(thread=True, exclusive=True, exit_on_error=False, group="claimants")
    def load_claimants(self) -> None:
        """Earlier claimants, for suggestions; reading every claim can take a moment."""
        names = list(dict.fromkeys(c.claimant for c in self.library.claims() if c.claimant))
        self.app.call_from_thread(self._set_claimants, names)

    def _set_claimants(self, names: list[str]) -> None:
        self.claimants = list(dict.fromkeys([*self.claimants, *names]))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
            self.notify(text, title="Could not do that", severity="error", markup=False)

    # -- the story list --------------------------------------------------------

    def _visible_rows(self) -> list[StoryRow]:
        if self.filter == "unread":
            return [r for r in self.all_rows if r.unread]
        if self.filter == "starred":
            return [r for r in self.all_rows if r.starred]
        return self.all_rows

    def _apply_filter(self) -> None:
        stories = self.query_one(StoryList)
        keep = self.event.id if self.event else None
        rows = self._visible_rows()
        stories.border_title = "Stories" if self.filter == "all" else f"Stories ({self.filter})"
        stories.set_rows(rows, keep=keep)
        if stories.current is not None and (self.event is None or stories.current.event_id != self.event.id):
            self.open_event(stories.current.event_id)

    @on(StoryList.Highlighted)
    def story_highlighted(self, message: StoryList.Highlighted) -> None:
        if self.event is None or message.event_id != self.event.id:
            self.open_event(message.event_id)

    @on(StoryList.Opened)
    def story_opened(self, message: StoryList.Opened) -> None:
        if self.event is None or message.event_id != self.event.id:
            self.open_event(message.event_id)
        self.query_one("#article", ArticleView).focus()

    def on_reader_screen_row_changed(self, message: RowChanged) -> None:
        self.all_rows = [message.row if r.event_id == message.row.event_id else r for r in self.all_rows]
        self.query_one(StoryList).replace_row(message.row)

    # -- the article -----------------------------------------------------------

    def open_event(self, event_id: str, article_id: str | None = None, position: int = 0) -> None:
        """Show an event, at an article (else its first outlet's) and offset."""
        summary = self.library.event(event_id)
        if summary is None:
            self.notify("That story is no longer in the library", severity="warning")
            return
        self.event = summary
        self.articles = sorted(
            self.library.articles(event_id=event_id), key=lambda a: (self._outlet_name(a).casefold(), a.id)
        )
        self.outlet_names = [self._outlet_name(a) for a in self.articles]
        self.event_claims = self.library.claims(event_id=event_id)
        index = next((i for i, a in enumerate(self.articles) if a.id == article_id), 0)
        self.show_article(index, position)

    def _outlet_name(self, article: Article) -> str:
        outlet = self.library.outlet(article.outlet_id)
        return outlet.name if outlet else article.outlet_id

    @property
    def article(self) -> Article | None:
        return self.articles[self.index] if 0 <= self.index < len(self.articles) else None

    def own_claims(self) -> list[Claim]:
        article = self.article
        return [c for c in self.event_claims if article and c.article_id == article.id]

    def show_article(self, index: int, position: int = 0) -> None:
        if not self.articles or self.event is None:
            return
        self.index = index % len(self.articles)
        article = self.articles[self.index]
        view = self.query_one("#article", ArticleView)
        view.show(load_shown(self.library, article), position, self.own_claims())
        self.query_one(OutletBar).show_outlets(self.event.title, self.outlet_names, self.index)
        self._show_claims()
        if not self.library.state(article.id).read:
            self.save_state([article.id], self.event.id, read=True)

    def _show_claims(self, focus: str | None = None) -> None:
        article = self.article
        own = self.own_claims()
        names = {a.id: n for a, n in zip(self.articles, self.outlet_names, strict=True)}
        others = [
            (c, names.get(c.article_id, "?"))
            for c in self.event_claims
            if article and c.article_id != article.id
        ]
        pane = self.query_one(ClaimsPane)
        pane.show_claims(own, others, self.suggestions.get(article.id, []) if article else [])
        if focus:
            pane.highlight_claim(focus)
        self.query_one("#article", ArticleView).set_claims(own)
        if article is not None:
            self._want_suggestions(article.id)

    # -- suggested claims ------------------------------------------------------

    def _want_suggestions(self, article_id: str) -> None:
        """Work out suggestions once the reader stops on an article, not for
        every story passed on the way."""
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        if SUGGEST_DELAY <= 0:
            self.load_suggestions(article_id)
            return
        self._suggest_timer = self.set_timer(SUGGEST_DELAY, lambda: self.load_suggestions(article_id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="suggestions")
    def load_suggestions(self, article_id: str) -> None:
        self.post_message(self.SuggestionsReady(article_id, suggestions_for(self.library, article_id)))

    def on_reader_screen_suggestions_ready(self, message: SuggestionsReady) -> None:
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
            self.accept_suggestion(article.id, article.event_id, message.suggestion)

    @work(thread=True, exit_on_error=False, group="writes")
    def accept_suggestion(self, article_id: str, event_id: str | None, suggestion: Suggestion) -> None:
        with self._write_lock:
            claim = accept_suggestion(self.library, article_id, suggestion)
        self.post_message(self.ClaimsChanged(event_id, focus=claim.id))

    @on(ClaimsPane.Dismiss)
    def dismiss_one(self, message: ClaimsPane.Dismiss) -> None:
        article = self.article
        if article is not None:
            self.dismiss_suggestion(article.id, message.suggestion)

    @work(thread=True, exit_on_error=False, group="writes")
    def dismiss_suggestion(self, article_id: str, suggestion: Suggestion) -> None:
        with self._write_lock:
            dismiss_suggestion(self.library, article_id, suggestion)
        self.post_message(self.SuggestionsReady(article_id, suggestions_for(self.library, article_id)))

    def action_flip(self, step: int) -> None:
        view = self.query_one("#article", ArticleView)
        if len(self.articles) < 2 or view.shown is None or view.selection is None:
            self.notify("Only one outlet covers this story", severity="information")
            return
        target = self.articles[(self.index + step) % len(self.articles)]
        shown_target = load_shown(self.library, target)
        offset = landing_offset(
            self.library,
            source_text=view.shown.text,
            source_claims=view.claims,
            span=view.selection,
            relative=view.relative_position,
            target_id=target.id,
            target_text=shown_target.text,
            target_sentences=shown_target.sentences,
        )
        self.show_article(self.index + step, offset)

    @on(ClaimsPane.Jump)
    def jump_to_claim(self, message: ClaimsPane.Jump) -> None:
        claim = message.claim
        article = self.article
        view = self.query_one("#article", ArticleView)
        if article is not None and claim.article_id == article.id:
            view.move_to(claim.anchor.start)
        else:
            index = next((i for i, a in enumerate(self.articles) if a.id == claim.article_id), None)
            if index is None:
                self.notify("That claim's article is not in this story any more", severity="warning")
                return
            self.show_article(index, claim.anchor.start)
            self.query_one(ClaimsPane).highlight_claim(claim.id)
        if self.query_one(ClaimsPane).display:
            view.focus()

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

    def on_reader_screen_claims_changed(self, message: ClaimsChanged) -> None:
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

    # -- read, star, filter ----------------------------------------------------

    @work(thread=True, exit_on_error=False, group="writes")
    def save_state(
        self,
        article_ids: Sequence[str],
        event_id: str | None,
        *,
        read: bool | None = None,
        starred: bool | None = None,
    ) -> None:
        with self._write_lock:
            for article_id in article_ids:
                self.library.set_state(article_id, read=read, starred=starred)
            row = refreshed_row(self.library, event_id) if event_id else None
        if row is not None:
            self.post_message(self.RowChanged(row))

    def action_toggle_read(self) -> None:
        """Mark the whole story (every outlet's article) read, or unread if it all was."""
        if self.event is None or not self.articles:
            return
        read = not all(self.library.state(a.id).read for a in self.articles)
        self.save_state([a.id for a in self.articles], self.event.id, read=read)
        self.notify("Story marked read" if read else "Story marked unread")

    def action_toggle_star(self) -> None:
        article = self.article
        if article is None:
            return
        starred = not self.library.state(article.id).starred
        self.save_state([article.id], article.event_id, starred=starred)
        self.notify("Starred" if starred else "Unstarred")

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._apply_filter()
        self.notify(f"Showing {self.filter} stories")

    def action_toggle_claims(self) -> None:
        self.toggle_class("-claims-toggled")

    # -- search and compare ----------------------------------------------------

    def action_search(self) -> None:
        def chosen(hit: SearchHit | None) -> None:
            if hit is not None:
                self.go_to(hit.event_id, hit.article_id, hit.offset)

        self.app.push_screen(SearchDialog(self.library), chosen)

    def go_to(self, event_id: str | None, article_id: str | None = None, offset: int = 0) -> None:
        """Open an event (at an article and offset) and show it in the list."""
        if event_id is None:
            self.notify("That article is not in any story", severity="warning")
            return
        stories = self.query_one(StoryList)
        if not any(r.event_id == event_id for r in stories.rows) and self.filter != "all":
            self.filter = "all"
            self._apply_filter()
        self.open_event(event_id, article_id, offset)
        with stories.prevent(StoryList.Highlighted):
            stories.select_event(event_id)
        self.query_one("#article", ArticleView).focus()

    def action_compare(self) -> None:
        view = self.query_one("#article", ArticleView)
        if len(self.articles) < 2:
            self.notify("Only one outlet covers this story", severity="information")
            return
        right = (self.index + 1) % len(self.articles)
        self.app.push_screen(CompareScreen(self.library, self.articles, self.index, right, view.cursor_start))

    # -- the claim matrix --------------------------------------------------------

    def action_matrix(self) -> None:
        if self.event is None:
            return

        def chosen(cell: MatrixCell | None) -> None:
            if cell is not None and cell.article_id is not None and self.event is not None:
                self.go_to(self.event.id, cell.article_id, cell.start or 0)

        self.app.push_screen(MatrixScreen(self.library, self.event.id, self.event.title), chosen)

    # -- merging, splitting, moving and renaming stories -------------------------

    def _story_choices(self, query: str) -> Choices:
        """Stories other than this one whose titles contain every typed word."""
        words = query.casefold().split()
        current = self.event.id if self.event else None
        found: list[tuple[str, Content]] = []
        for row in self.all_rows:
            if row.event_id == current:
                continue
            title = row.title.casefold()
            if all(w in title for w in words):
                when = row.date.strftime("%d %b %Y") if row.date else "undated"
                found.append(
                    (row.event_id, Content.assemble(one_line(row.title), (f"  {when}", "$text-muted")))
                )
                if len(found) >= 50:
                    break
        return found

    def action_rename_story(self) -> None:
        if self.event is None:
            return
        event_id = self.event.id

        def renamed(title: str | None) -> None:
            if not title:
                return

            def rename() -> str:
                self.library.rename_event(event_id, title)
                return event_id

            self.regroup(rename, note="Story renamed")

        self.app.push_screen(TextPromptDialog("Rename this story", self.event.title), renamed)

    def action_merge_story(self) -> None:
        if self.event is None:
            return
        keep = self.event.id

        def chosen(other: str | None) -> None:
            if other:
                self.regroup(lambda: merge_events(self.library, keep, other), note="Stories merged")

        self.app.push_screen(
            ChoiceDialog("Merge which story into this one?", search=self._story_choices), chosen
        )

    def action_move_article(self) -> None:
        article = self.article
        if article is None:
            return

        def chosen(target: str | None) -> None:
            if not target:
                return

            def move() -> str:
                move_article(self.library, article.id, target)
                return target

            self.regroup(move, article_id=article.id, note="Article moved")

        name = self.outlet_names[self.index]
        self.app.push_screen(
            ChoiceDialog(f"Move {name}'s article to which story?", search=self._story_choices), chosen
        )

    def action_split_story(self) -> None:
        article = self.article
        if article is None or self.event is None:
            return
        if len(self.articles) < 2:
            self.notify("This story has only one article", severity="information")
            return
        event_id = self.event.id
        name = self.outlet_names[self.index]

        def answered(yes: bool | None) -> None:
            if yes:
                self.regroup(
                    lambda: split_event(self.library, event_id, [article.id]),
                    article_id=article.id,
                    note="Article split off into a story of its own",
                )

        self.app.push_screen(
            ConfirmDialog(
                "Split this article off into a story of its own?",
                Content.assemble(one_line(name), ": ", one_line(article.headline)),
            ),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="writes")
    def regroup(self, change: Callable[[], str], *, article_id: str | None = None, note: str = "") -> None:
        """Run a change to the stories, then reload the list and go to the
        event (and article) the change returns."""
        with self._write_lock:
            event_id = change()
        self.post_message(self.Regrouped(story_rows(self.library), event_id, article_id, note))

    def on_reader_screen_regrouped(self, message: Regrouped) -> None:
        self.all_rows = message.rows
        self.event = None
        stories = self.query_one(StoryList)
        with stories.prevent(StoryList.Highlighted):
            stories.set_rows(self._visible_rows(), keep=message.event_id)
        if message.event_id is not None and self.library.event(message.event_id) is not None:
            self.go_to(message.event_id, message.article_id)
        elif stories.current is not None:
            self.open_event(stories.current.event_id)
        if message.note:
            self.notify(message.note, markup=False)

    # -- feeds, links and export -------------------------------------------------

    def action_refresh_feeds(self) -> None:
        status = self.query_one("#status", Static)
        status.update("Refreshing feeds…")
        status.display = True
        self.fetch_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def fetch_feeds(self) -> None:
        def progress(done: int, total: int, url: str) -> None:
            self.post_message(self.FeedProgress(done, total, url))

        try:
            report = refresh_feeds(self.library, progress=progress)
        finally:
            self.post_message(self.FeedProgress(-1, 0, ""))
        if report.feeds == 0:
            note = "No feeds yet: add one with `dateline feeds add URL`"
        else:
            note = report.summary()
        current = self.event.id if self.event else None
        self.post_message(
            self.Regrouped(story_rows(self.library), current, self.article.id if self.article else None, note)
        )

    def on_reader_screen_feed_progress(self, message: FeedProgress) -> None:
        status = self.query_one("#status", Static)
        if message.done < 0:
            status.display = False
            return
        status.update(
            Content.assemble(
                ("Refreshing feeds ", "bold"),
                f"{message.done}/{message.total}  ",
                ("· " + one_line(message.url), "$text-muted"),
            )
        )

    def action_open_link(self) -> None:
        article = self.article
        url = (article.url or "").strip() if article else ""
        if not url:
            self.notify("This article has no web address", severity="information")
            return
        if urlsplit(url).scheme.lower() not in ("http", "https") or any(c.isspace() for c in url):
            self.notify(
                f"Not opening {one_line(url)[:80]}: only http and https links are opened",
                severity="warning",
                markup=False,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.open_url(url)

        self.app.push_screen(
            ConfirmDialog("Open this link in your browser?", Content(one_line(url))), answered
        )

    def action_export_story(self) -> None:
        if self.event is None:
            return
        event_id = self.event.id
        choices = [
            (fmt, Content.assemble((fmt, "bold"), "  ", (module.DESCRIPTION, "$text-muted")))
            for fmt, module in FORMATS.items()
        ]

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.export(fmt, event_id)

        self.app.push_screen(ChoiceDialog("Export this story's claims as", choices), chosen)

    @work(thread=True, exit_on_error=False, group="writes")
    def export(self, fmt: str, event_id: str) -> None:
        path = write_export(self.library, fmt, event_id)
        self.app.call_from_thread(self.notify, f"Exported to {path}", title="Export", markup=False)

    # -- the command palette ---------------------------------------------------

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """Every action of this screen, for the command palette."""
        view = self.query_one("#article", ArticleView)
        pane = self.query_one(ClaimsPane)
        stories = self.query_one(StoryList)
        yield "Next story", "Show the next story in the list", stories.action_cursor_down
        yield "Previous story", "Show the previous story in the list", stories.action_cursor_up
        yield (
            "Next outlet",
            "The same story from the next outlet, at the same place",
            lambda: self.action_flip(1),
        )
        yield "Previous outlet", "The same story from the previous outlet", lambda: self.action_flip(-1)
        yield "Next sentence", "Move the sentence cursor down", view.action_next_sentence
        yield "Previous sentence", "Move the sentence cursor up", view.action_previous_sentence
        yield "Widen span down", "Add the next sentence to the span to tag", view.action_widen_down
        yield "Widen span up", "Add the previous sentence to the span to tag", view.action_widen_up
        yield "Tag claim", "Tag the sentence under the cursor as a claim", self.action_tag
        yield "Edit claim", "Edit the claim highlighted in the claims pane", pane.action_edit
        yield "Delete claim", "Delete the claim highlighted in the claims pane", pane.action_delete
        yield "Undo delete", "Put back the last deleted claim", self.action_undo_delete
        yield "Cycle verdict", "Next verdict for the highlighted claim", pane.action_verdict
        yield "Compare outlets", "Two outlets of this story side by side", self.action_compare
        yield "Toggle read", "Mark the article read or unread", self.action_toggle_read
        yield "Toggle star", "Star or unstar the article", self.action_toggle_star
        yield "Filter stories", "Show all, unread or starred stories", self.action_cycle_filter
        yield "Search", "Search titles, bodies and claims", self.action_search
        yield "Toggle claims pane", "Show or hide the claims pane", self.action_toggle_claims
        yield "Accept suggestion", "Tag the highlighted suggested claim", pane.action_accept
        yield "Dismiss suggestion", "Hide the highlighted suggestion for good", pane.action_dismiss_suggestion
        yield "Claim matrix", "Which outlet carried which claim in this story", self.action_matrix
        yield "Rename story", "Give this story a title of your own", self.action_rename_story
        yield "Merge stories", "Merge another story into this one", self.action_merge_story
        yield "Split story", "Split this outlet's article off into its own story", self.action_split_story
        yield "Move article", "Move this outlet's article to another story", self.action_move_article
        yield "Refresh feeds", "Fetch new articles from the subscribed feeds", self.action_refresh_feeds
        yield "Open link", "Open the article's web page in the browser", self.action_open_link
        yield "Export story", "Write this story's claims to a file", self.action_export_story
