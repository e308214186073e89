"""The reader's core: stories, the article, its claims and the outlet bar.

This screen owns the reading state (which event, which outlet, the claims
shown). Widgets post messages up; store work that can take time runs in
thread workers that post messages back, and a failure becomes a
notification. Tagging (`claim_actions`) and regrouping, feeds and export
(`story_actions`) build on it; `reader.ReaderScreen` puts them together.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from store.errors import StoreError
from store.library import EventSummary, Library
from store.library.stories import StoryRow, refreshed_row, story_rows
from store.model import Article, Claim
from tui.reading import ArticleCache, event_articles, landing_in
from tui.widgets.article_view import ArticleView, ShownArticle
from tui.widgets.claims_pane import ClaimsPane
from tui.widgets.outlet_bar import OutletBar
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from store.coverage.suggestions import Suggestion
    from store.search.query import SearchHit

FILTERS = ("all", "unread", "starred")
WARM_SEARCH_AFTER = 1.0
"""Seconds after the first screen before search is prepared in the background."""
RECHECK_SECONDS = 5.0
"""How often the reader looks for changes made by other processes."""


def first_run(library: Library) -> None:
    """Fill an empty library from the bundled seeds (imported only then)."""
    if library.article_count() == 0:
        from store.ingest.seeds import seed_if_empty

        seed_if_empty(library)


FULL_COLLECTION_EVERY = 100
"""Collections of the middle generation between two full ones (Python's
default is 10): a full collection walks every object the reader made since
start-up, and falling every few keys it held one of them up by 5-60 ms."""


def settle_long_lived() -> None:
    """Called once the start-up loading is done (the library's index, the
    rows, the claims: long-lived objects by the hundred thousand). Frozen,
    garbage collections no longer walk them, and full ones come rarely."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


class ReaderCore(Screen[None]):
    """Reading: stories, articles, outlets, read/star, search, compare."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (44, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (8, "-tall")]

    BINDINGS = [
        Binding(
            "right_square_bracket",
            "flip(1)",
            "Next outlet",
            id="outlet.next",
            tooltip="The same event from the next outlet, at the same place",
        ),
        Binding(
            "left_square_bracket",
            "flip(-1)",
            "Previous outlet",
            id="outlet.previous",
            show=False,
            tooltip="The same event from the previous outlet, at the same place",
        ),
        Binding("c", "compare", "Compare", id="compare", tooltip="Two outlets side by side"),
        Binding(
            "r",
            "toggle_read",
            "Mark read",
            id="story.read",
            show=False,
            tooltip="Mark the story read, or unread if it all was",
        ),
        Binding(
            "s", "toggle_star", "Star", id="story.star", show=False, tooltip="Star or unstar the article"
        ),
        Binding(
            "f",
            "cycle_filter",
            "Filter",
            id="stories.filter",
            show=False,
            tooltip="Show all, unread or starred stories",
        ),
        Binding("slash", "search", "Search", id="search", tooltip="Search titles, bodies and claims"),
        Binding(
            "p",
            "toggle_claims",
            "Claims",
            id="claims.toggle",
            show=True,
            tooltip="Show or hide the claims pane",
        ),
    ]

    class Loaded(Message):
        """The story list is ready (after the first-run seeding if any)."""

        def __init__(self, rows: Sequence[StoryRow]) -> None:
            self.rows = list(rows)
            super().__init__()

    class ChangedElsewhere(Message):
        """Another process changed the library; the stories as they are now."""

        def __init__(self, rows: Sequence[StoryRow]) -> None:
            self.rows = list(rows)
            super().__init__()

    class RowChanged(Message):
        """An event's read/star state changed."""

        def __init__(self, row: StoryRow) -> None:
            self.row = row
            super().__init__()

    def __init__(
        self,
        library: Library,
        *,
        seed: bool = True,
        stories: Sequence[StoryRow] | None = None,
        more_stories: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.seed = seed
        self.preloaded = stories
        self.more_stories = more_stories
        """`stories` is only the start of the list; a worker reads the rest."""
        self._all_rows: list[StoryRow] = []
        self._all_positions: dict[str, int] | None = None
        self.filter = "all"
        self.event: EventSummary | None = None
        self.articles: list[Article] = []
        self.outlet_names: list[str] = []
        self.index = 0
        self.event_claims: list[Claim] = []
        self.article_cache = ArticleCache(library)
        self._reading_ahead = False
        self.claimants: list[str] = []
        self.claimants_asked = False
        self._write_lock = threading.Lock()
        """Held by every worker that writes, so writes happen in the order asked."""

    def compose(self) -> ComposeResult:
        with Vertical(id="reader"):
            yield OutletBar("Dateline", id="outlet-bar")
            with Horizontal(id="panes"):
                stories = StoryList(id="stories", on_highlight=self.highlight_story)
                stories.border_title = "Stories"
                yield stories
                yield ArticleView(id="article")
                claims = ClaimsPane(id="claims")
                claims.border_title = "Claims"
                yield claims
            yield Static("", id="status")
        yield SteadyFooter()
        yield Static("Terminal too small for Dateline — make it larger.", id="too-small")

    def on_mount(self) -> None:
        self.query_one("#article", ArticleView).show_empty("Loading the library…")
        self.query_one(StoryList).focus()
        if self.preloaded is not None:
            # Now rather than by message: the first frame then shows the first
            # story, instead of "Loading" and a second full frame after it.
            self.loaded(self.Loaded(self.preloaded))
        if self.preloaded is None or self.more_stories:
            self.load()
        self.set_interval(RECHECK_SECONDS, self.recheck)
        self.call_after_refresh(self._start_reading_ahead)

    def on_unmount(self) -> None:
        self.article_cache.close()

    def _start_reading_ahead(self) -> None:
        """Reading ahead starts once the first screen is painted, so that it
        does not hold up the first screen."""
        self._reading_ahead = True
        self._read_ahead()
        self.set_timer(WARM_SEARCH_AFTER, self.warm_search)

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm-search")
    def warm_search(self) -> None:
        """Prepare search in the background, so the first keystroke in the
        search box does not wait for every title to be read."""
        from store.search.query import warm_up

        warm_up(self.library)
        # What it made lives as long as the library: out of the collector's way.
        self.app.call_from_thread(settle_long_lived)

    @work(thread=True, exclusive=True, exit_on_error=False, group="recheck")
    def recheck(self) -> None:
        """Pick up what another process (`dateline import`, a second reader)
        wrote, without moving the reader from where it is."""
        if self.all_rows and self.library.refresh():
            self.post_message(self.ChangedElsewhere(story_rows(self.library)))

    @on(ChangedElsewhere)
    def changed_elsewhere(self, message: ChangedElsewhere) -> None:
        self.article_cache.clear()
        self.all_rows = message.rows
        stories = self.query_one(StoryList)
        stories.set_rows(self._visible_rows(), keep=self.event.id if self.event else None)
        if self.event is not None:
            self.event_claims = self.library.claims(event_id=self.event.id)
            self._show_claims()

    # -- loading -------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        if self.seed:
            first_run(self.library)
        rows = story_rows(self.library)
        self.post_message(self.Loaded(rows))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.all_rows = message.rows
        stories = self.query_one(StoryList)
        stories.empty_text = "No stories yet. Import some with `dateline import FILES`."
        self._apply_filter()
        if not self.all_rows:
            self.query_one("#article", ArticleView).show_empty("The library is empty.")
        if not self.claimants_asked:
            self.claimants_asked = True
            self.load_claimants()
        settle_long_lived()

    @work(thread=True, exclusive=True, exit_on_error=False, group="claimants")
    def load_claimants(self) -> None:
        """Earlier claimants, for suggestions; reading every claim can take a moment."""
        names = list(dict.fromkeys(c.claimant for c in self.library.claims() if c.claimant))
        self.app.call_from_thread(self._set_claimants, names)

    def _set_claimants(self, names: list[str]) -> None:
        self.claimants = list(dict.fromkeys([*self.claimants, *names]))
        settle_long_lived()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
            self.notify(text, title="Could not do that", severity="error", markup=False)

    # -- the story list --------------------------------------------------------

    @property
    def all_rows(self) -> list[StoryRow]:
        """Every story, unfiltered."""
        return self._all_rows

    @all_rows.setter
    def all_rows(self, rows: list[StoryRow]) -> None:
        self._all_rows = rows
        self._all_positions = None

    def _replace_row(self, row: StoryRow) -> None:
        """Put a changed row in place: a dict lookup, not a copy of 25,000 rows."""
        if self._all_positions is None:
            self._all_positions = {r.event_id: i for i, r in enumerate(self._all_rows)}
        index = self._all_positions.get(row.event_id)
        if index is not None:
            self._all_rows[index] = row

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

    def highlight_story(self, event_id: str) -> None:
        """The story list's cursor moved onto a story."""
        if self.event is None or event_id != self.event.id:
            self.open_event(event_id)

    @on(StoryList.Opened)
    def story_opened(self, message: StoryList.Opened) -> None:
        if self.event is None or message.event_id != self.event.id:
            self.open_event(message.event_id)
        self.query_one("#article", ArticleView).focus()

    @on(RowChanged)
    def row_changed(self, message: RowChanged) -> None:
        self._replace_row(message.row)
        self.query_one(StoryList).replace_row(message.row)

    # -- the article -----------------------------------------------------------

    def open_event(self, event_id: str, article_id: str | None = None, position: int = 0) -> None:
        """Show an event, at an article (else its first outlet's) and offset."""
        try:
            self._open_event(event_id, article_id, position)
        except (StoreError, OSError) as failure:
            self.notify(str(failure), title="Could not open the story", severity="error", markup=False)

    def _open_event(self, event_id: str, article_id: str | None, position: int) -> None:
        summary = self.library.event(event_id)
        if summary is None:
            self.notify("That story is no longer in the library", severity="warning")
            return
        self.event = summary
        named = event_articles(self.library, event_id)
        self.articles = [article for _, article in named]
        self.outlet_names = [name for name, _ in named]
        self.event_claims = self.library.claims(event_id=event_id)
        index = next((i for i, a in enumerate(self.articles) if a.id == article_id), 0)
        self.show_article(index, position)

    @property
    def article(self) -> Article | None:
        return self.articles[self.index] if 0 <= self.index < len(self.articles) else None

    def own_claims(self) -> list[Claim]:
        article = self.article
        return [c for c in self.event_claims if article and c.article_id == article.id]

    def show_article(self, index: int, position: int = 0, shown: ShownArticle | None = None) -> None:
        """Show the event's `index`th article (`shown` if already loaded)."""
        if not self.articles or self.event is None:
            return
        self.index = index % len(self.articles)
        article = self.articles[self.index]
        view = self.query_one("#article", ArticleView)
        view.show(shown or self.article_cache.get(article), position, self.own_claims())
        self.query_one(OutletBar).show_outlets(self.event.title, self.outlet_names, self.index)
        self._show_claims()
        if not self.library.state(article.id).read:
            self.save_state([article.id], self.event.id, read=True)
        self._read_ahead()

    def _read_ahead(self) -> None:
        """Have the articles the next keys are likeliest to show read in the
        background: the next story's, the next and previous outlets', the
        previous story's, then the rest of this story's."""
        if not self._reading_ahead or not self.articles:
            return
        count = len(self.articles)
        outlets = [self.articles[(self.index + step) % count] for step in range(1, count)]
        stories = self.query_one(StoryList)
        after, before = (stories.row_at(stories.cursor + step) for step in (1, -1))
        wanted: list[Article | str] = [after.event_id] if after else []
        wanted += outlets[:1] + outlets[-1:]
        wanted += [before.event_id] if before else []
        wanted += outlets[1:-1]
        self.article_cache.read_ahead(wanted)

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
        # Suggestions already known go in now: one rebuild of the pane, not two.
        pane.show_claims(own, others, self.known_suggestions(article.id) if article else ())
        if focus:
            pane.highlight_claim(focus)
        self.query_one("#article", ArticleView).set_claims(own)
        if article is not None:
            self.claims_shown(article.id)

    def claims_shown(self, article_id: str) -> None:
        """Called after an article's claims are listed (suggestions hook in here)."""

    def known_suggestions(self, article_id: str) -> Sequence[Suggestion]:
        """Suggested claims already worked out for an article, listed with its claims."""
        return ()

    def action_flip(self, step: int) -> None:
        view = self.query_one("#article", ArticleView)
        if len(self.articles) < 2:
            self.notify("Only one outlet covers this story", severity="information")
            return
        target = self.article_cache.get(self.articles[(self.index + step) % len(self.articles)])
        self.show_article(self.index + step, landing_in(self.library, view, target), target)

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
        from tui.dialogs.search import SearchDialog  # with the search index: not needed at start-up

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
        with stories.quiet():
            stories.select_event(event_id)
        self.query_one("#article", ArticleView).focus()

    def action_compare(self) -> None:
        from tui.screens.compare import CompareScreen  # not needed at start-up

        view = self.query_one("#article", ArticleView)
        if len(self.articles) < 2:
            self.notify("Only one outlet covers this story", severity="information")
            return
        right = (self.index + 1) % len(self.articles)
        self.app.push_screen(CompareScreen(self.library, self.articles, self.index, right, view.cursor_start))
