"""The reader's main screen: stories, the article, its claims and the outlet bar.

The screen owns what the reader shows (`ReaderState`) and the keys of
reading: stories, outlets, read and star, the filter, search and compare.
Parts own the rest, each with its keys, its state and its workers:
`ClaimTools` (tagging claims, suggestions), `StoryTools` (the matrix,
regrouping, links, export), `OutletTools` (naming outlets), `Intake`
(importing, feeds) and `History` (undo); the screen hosts their keys (see
`parts`). Widgets and parts post messages up, and the screen changes the
state and what is shown. Store work that can take time runs in thread
workers that post messages back, and a failure becomes a notification.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker

from store.errors import StoreError
from store.library import EventSummary
from store.library.stories import StoryRow, refreshed_row, story_rows
from store.model import Article
from tui.bindings import Command, binding_commands, key
from tui.reading import ArticleCache, event_articles, landing_in
from tui.safe_text import one_line
from tui.screens.reader.claim_tools import ClaimTools
from tui.screens.reader.history import History
from tui.screens.reader.intake import Intake
from tui.screens.reader.outlet_tools import OutletTools
from tui.screens.reader.parts import ReaderPart, hosted_bindings, notify_failure
from tui.screens.reader.start import ReaderStart, first_run, settle_long_lived
from tui.screens.reader.state import ReaderState
from tui.screens.reader.story_search import StoryProvider
from tui.screens.reader.story_tools import StoryTools
from tui.screens.reader.undo import Where, marks_changed
from tui.settings import Place, load_place, save_place
from tui.widgets.article_view import ArticleView, ShownArticle
from tui.widgets.claims_pane import ClaimsPane
from tui.widgets.outlet_bar import OutletBar
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from store.search.query import SearchHit

WARM_SEARCH_AFTER = 1.0
"""Seconds after the first screen before search is prepared in the background."""
RECHECK_SECONDS = 5.0
"""How often the reader looks for changes made by other processes."""
KEEP_PLACE_SECONDS = 10.0
"""How often where the reader is gets kept (and when it leaves), for the next start."""


class ReaderScreen(Screen[None]):
    """The main screen (see the module)."""

    BINDING_GROUP_TITLE = "Reading"
    COMMANDS = {StoryProvider}

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (44, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (8, "-tall")]

    BINDINGS = [
        key(
            "outlet.next",
            "right_square_bracket",
            "flip(1)",
            "Next outlet",
            "The same event from the next outlet, at the same place",
            show=True,
        ),
        key(
            "outlet.previous",
            "left_square_bracket",
            "flip(-1)",
            "Previous outlet",
            "The same event from the previous outlet, at the same place",
        ),
        key("compare", "c", "compare", "Compare", "Two outlets side by side", show=True),
        key("story.read", "r", "toggle_read", "Mark read", "Mark the story read, or unread if it all was"),
        key("story.star", "s", "toggle_star", "Star", "Star or unstar the article"),
        key("stories.filter", "f", "cycle_filter", "Filter", "Show all, unread or starred stories"),
        key("search", "slash", "search", "Search", "Search titles, bodies and claims", show=True),
        key("claims.toggle", "p", "toggle_claims", "Claims", "Show or hide the claims pane", show=True),
        key("stories.toggle", "P", "toggle_stories", "Stories pane", "Show or hide the story list"),
        *hosted_bindings(ClaimTools, StoryTools, OutletTools, Intake, History),
    ]

    class Loaded(Message):
        """The story list is ready (after the first-run seeding if any)."""

        def __init__(self, rows: Sequence[StoryRow]) -> None:
            self.rows = list(rows)
            super().__init__()

    class CopiesKnown(Message):
        """Which articles of which events are wire copy, as kept."""

        def __init__(self, copies: Mapping[str, Mapping[str, object]]) -> None:
            self.copies = copies
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

    def __init__(self, start: ReaderStart) -> None:
        super().__init__()
        self.start = start
        self.library = start.library
        self.state = ReaderState(start.library, start.settings)
        """What the reader shows; the parts read it too."""
        self.article_cache = ArticleCache(start.library)
        self._reading_ahead = False
        self._place_kept: Place | None = None
        self._reopening = start.reopen
        """Reopen the story, outlet and position the reader was left at, once listed."""
        self._article_view = ArticleView(id="article")
        """Kept: where the reader is is read from it once it has left the screen too."""
        self.claim_tools = ClaimTools(self.state)
        self.story_tools = StoryTools(self.state)
        self.outlet_tools = OutletTools(self.state)
        self.intake = Intake(self.state)
        self.history = History(self.state)

    @classmethod
    def screens_opened(cls) -> Sequence[type[Screen]]:
        """The screens the reading keys open, for help."""
        from tui.dialogs.search import SearchDialog  # with the search index: not needed at start-up
        from tui.screens.compare import CompareScreen

        return (CompareScreen, SearchDialog)

    # -- what is shown (`state`, read-only) --------------------------------------

    @property
    def all_rows(self) -> list[StoryRow]:
        """Every story, unfiltered."""
        return self.state.all_rows

    @property
    def event(self) -> EventSummary | None:
        """The event being read."""
        return self.state.event

    @property
    def articles(self) -> list[Article]:
        """The event's articles, one per outlet."""
        return self.state.articles

    @property
    def outlet_names(self) -> list[str]:
        return self.state.outlet_names

    @property
    def index(self) -> int:
        """Which of `articles` is being read."""
        return self.state.index

    @property
    def article(self) -> Article | None:
        """The article being read."""
        return self.state.article

    # -- the screen and its parts ------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.claim_tools
        yield self.story_tools
        yield self.outlet_tools
        yield self.intake
        yield self.history
        with Vertical(id="reader"):
            yield OutletBar("Dateline", id="outlet-bar")
            with Horizontal(id="panes"):
                stories = StoryList(id="stories", on_highlight=self.highlight_story)
                stories.border_title = "Stories"
                yield stories
                yield self._article_view
                claims = ClaimsPane(id="claims")
                claims.border_title = "Claims"
                yield claims
            yield Static("", id="status")
        yield SteadyFooter()
        yield Static("Terminal too small for Dateline — make it larger.", id="too-small")

    async def action_part(self, part_id: str, action: str) -> None:
        """Run a part's action: what each key the screen hosts for its parts does."""
        await self.get_child_by_id(part_id).run_action(action)

    def commands(self) -> Iterator[Command]:
        """Every action of this screen, its parts and its panes, for the
        command palette: one for each key binding with an id, so a new
        binding is in the palette too."""
        yield from binding_commands([self, *self.walk_children(Widget)])
        yield from self.outlet_tools.palette_commands()

    def on_mount(self) -> None:
        settings = self.state.settings.settings
        self.set_class(not settings.show_claims, "-claims-hidden")
        self.set_class(not settings.show_stories, "-stories-hidden")
        self.query_one("#article", ArticleView).show_empty("Loading the library…")
        self.query_one(StoryList).focus()
        preloaded = self.start.stories
        if preloaded is not None:
            # Now rather than by message: the first frame then shows the first
            # story, instead of "Loading" and a second full frame after it.
            self.loaded(self.Loaded(preloaded))
        else:
            self.load()
        self.set_interval(RECHECK_SECONDS, self.recheck)
        self.set_interval(KEEP_PLACE_SECONDS, self.keep_place)
        self.call_after_refresh(self._after_first_screen)

    def on_unmount(self) -> None:
        self.article_cache.close()
        place = self.place()
        if place is not None and place != self._place_kept:
            save_place(self.library.path, place)

    def _after_first_screen(self) -> None:
        """What starts once the first screen is painted, so that its threads
        do not hold it up: the rest of the stories, the claimants tagged so
        far, the wire copies grouping kept, reading ahead and (a second
        later) search's warm-up."""
        if self.start.stories is not None and self.start.more_stories:
            self.load()
        self.claim_tools.list_claimants()
        self.load_copies()
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
        if self.state.all_rows and self.library.refresh():
            self.post_message(self.ChangedElsewhere(story_rows(self.library)))

    @on(ChangedElsewhere)
    def changed_elsewhere(self, message: ChangedElsewhere) -> None:
        state = self.state
        self.article_cache.clear()
        self.claim_tools.forget_alignment()
        state.all_rows = message.rows
        stories = self.query_one(StoryList)
        stories.set_rows(state.visible_rows(), keep=state.event.id if state.event else None)
        if state.event is not None:
            state.event_claims = self.library.claims(event_id=state.event.id)
            self._show_claims()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_failure(self, event)

    # -- loading -------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        if self.start.seed:
            first_run(self.library)
        rows = story_rows(self.library)
        self.post_message(self.Loaded(rows))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.state.all_rows = message.rows
        stories = self.query_one(StoryList)
        stories.empty_text = "No stories yet. Import some with `dateline import FILES`."
        self._apply_filter()
        if not self.state.all_rows:
            self.query_one("#article", ArticleView).show_empty("The library is empty.")
        if self._reading_ahead:  # else the first screen is not painted yet: see _after_first_screen
            self.load_copies()
        settle_long_lived()
        if self._reopening:
            self._reopening = False
            self.reopen()

    # -- where the reader was left -----------------------------------------------

    def place(self) -> Place | None:
        """Where the reader is: the story, the outlet's article, the position."""
        article = self.state.article
        if self.state.event is None or article is None:
            return None
        return Place(self.state.event.id, article.id, self._article_view.cursor_start)

    def reopen(self) -> None:
        """Go back to where the reader was left in this library, if that
        story is still there (else stay quietly on the first)."""
        place = load_place(self.library.path)
        if place is None or self.library.event(place.event_id) is None:
            return
        if place != self.place():
            self.go_to(place.event_id, place.article_id, place.offset, focus=False)
        self._place_kept = place

    def keep_place(self) -> None:
        """Keep where the reader is, when it moved since last kept."""
        place = self.place()
        if place is not None and place != self._place_kept:
            self._place_kept = place
            self.write_place(place)

    @work(thread=True, exclusive=True, exit_on_error=False, group="place")
    def write_place(self, place: Place) -> None:
        save_place(self.library.path, place)

    @work(thread=True, exclusive=True, exit_on_error=False, group="copies")
    def load_copies(self) -> None:
        """Which stories ran wire copy, as grouping kept it (no text read)."""
        from store.coverage.provenance import kept_copies

        self.post_message(self.CopiesKnown(kept_copies(self.library)))

    @on(CopiesKnown)
    def copies_known(self, message: CopiesKnown) -> None:
        self.state.copies = message.copies
        self.query_one(StoryList).set_copies({e: len(c) for e, c in message.copies.items()})
        self._show_outlets()

    # -- the story list --------------------------------------------------------

    def _apply_filter(self) -> None:
        state = self.state
        stories = self.query_one(StoryList)
        keep = state.event.id if state.event else None
        rows = state.visible_rows()
        stories.border_title = "Stories" if state.filter == "all" else f"Stories ({state.filter})"
        stories.set_rows(rows, keep=keep)
        if stories.current is not None and (
            state.event is None or stories.current.event_id != state.event.id
        ):
            self.open_event(stories.current.event_id)

    def highlight_story(self, event_id: str) -> None:
        """The story list's cursor moved onto a story."""
        if self.state.event is None or event_id != self.state.event.id:
            self.open_event(event_id)

    @on(StoryList.Opened)
    def story_opened(self, message: StoryList.Opened) -> None:
        if self.state.event is None or message.event_id != self.state.event.id:
            self.open_event(message.event_id)
        self.query_one("#article", ArticleView).focus()

    @on(RowChanged)
    def row_changed(self, message: RowChanged) -> None:
        self.state.replace_row(message.row)
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
        state = self.state
        state.event = summary
        named = event_articles(self.library, event_id)
        state.articles = [article for _, article in named]
        state.outlet_names = [name for name, _ in named]
        state.event_claims = self.library.claims(event_id=event_id)
        index = next((i for i, a in enumerate(state.articles) if a.id == article_id), 0)
        self.show_article(index, position)

    def _show_outlets(self) -> None:
        """The outlet bar for the event open, wire copies marked."""
        state = self.state
        if state.event is None:
            return
        copies = state.copies.get(state.event.id, {})
        marked = [i for i, article in enumerate(state.articles) if article.id in copies]
        outlets = [self.library.outlet(article.outlet_id) for article in state.articles]
        unnamed = [i for i, outlet in enumerate(outlets) if outlet is not None and not outlet.named]
        invite = ""
        if state.index in unnamed:
            invite = f"{self.outlet_tools.key_for('outlet.rename', 'O')} names this outlet"
        self.query_one(OutletBar).show_outlets(
            state.event.title, state.outlet_names, state.index, marked, unnamed, invite
        )

    @on(OutletBar.Clicked)
    def outlet_clicked(self, message: OutletBar.Clicked) -> None:
        """A click on the outlet being read names it; on another, reads it."""
        if message.index == self.state.index:
            self.outlet_tools.action_rename_outlet()
        elif 0 <= message.index < len(self.state.articles):
            self.action_flip(message.index - self.state.index)

    def show_article(self, index: int, position: int = 0, shown: ShownArticle | None = None) -> None:
        """Show the event's `index`th article (`shown` if already loaded)."""
        state = self.state
        if not state.articles or state.event is None:
            return
        state.index = index % len(state.articles)
        article = state.articles[state.index]
        view = self.query_one("#article", ArticleView)
        view.show(shown or self.article_cache.get(article), position, state.own_claims())
        self._show_outlets()
        self._show_claims()
        if not self.library.state(article.id).read:
            self.save_state([article.id], state.event.id, read=True)
        self._read_ahead()

    def _read_ahead(self) -> None:
        """Have the articles the next keys are likeliest to show read in the
        background: the next story's, the next and previous outlets', the
        previous story's, then the rest of this story's."""
        state = self.state
        if not self._reading_ahead or not state.articles:
            return
        count = len(state.articles)
        outlets = [state.articles[(state.index + step) % count] for step in range(1, count)]
        stories = self.query_one(StoryList)
        after, before = (stories.row_at(stories.cursor + step) for step in (1, -1))
        wanted: list[Article | str] = [after.event_id] if after else []
        wanted += outlets[:1] + outlets[-1:]
        wanted += [before.event_id] if before else []
        wanted += outlets[1:-1]
        self.article_cache.read_ahead(wanted)

    def _show_claims(self, focus: str | None = None) -> None:
        article = self.state.article
        own = self.state.own_claims()
        pane = self.query_one(ClaimsPane)
        # Suggestions already known go in now: one rebuild of the pane, not two.
        known = self.claim_tools.known_suggestions(article.id) if article else ()
        pane.show_claims(own, self.state.other_claims(), known)
        if focus:
            pane.highlight_claim(focus)
        self.query_one("#article", ArticleView).set_claims(own)
        if article is not None:
            self.claim_tools.article_listed(article.id)

    def action_flip(self, step: int) -> None:
        state = self.state
        view = self.query_one("#article", ArticleView)
        if len(state.articles) < 2:
            self.notify("Only one outlet covers this story", severity="information")
            return
        target = self.article_cache.get(state.articles[(state.index + step) % len(state.articles)])
        matrix = self.claim_tools.matrices.get(state.event.id) if state.event else None
        self.show_article(state.index + step, landing_in(self.library, view, target, matrix), target)

    @on(ClaimsPane.Jump)
    def jump_to_claim(self, message: ClaimsPane.Jump) -> None:
        claim = message.claim
        article = self.state.article
        view = self.query_one("#article", ArticleView)
        if article is not None and claim.article_id == article.id:
            view.move_to(claim.anchor.start)
        else:
            index = next((i for i, a in enumerate(self.state.articles) if a.id == claim.article_id), None)
            if index is None:
                self.notify("That claim's article is not in this story any more", severity="warning")
                return
            self.show_article(index, claim.anchor.start)
            self.query_one(ClaimsPane).highlight_claim(claim.id)
        if self.query_one(ClaimsPane).display and message.focus_article:
            view.focus()

    @on(ClaimsPane.JumpToSuggestion)
    def jump_to_suggestion(self, message: ClaimsPane.JumpToSuggestion) -> None:
        view = self.query_one("#article", ArticleView)
        view.move_to(message.suggestion.start)
        if message.focus_article:
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
        undoable: Where | None = None,
    ) -> None:
        """Mark articles read or starred; with `undoable` (where the user
        asked for it), `u` takes it back. Marking an article read by
        opening it is not a change to undo."""
        with self.state.write_lock:
            before = {a: self.library.state(a) for a in article_ids} if undoable is not None else {}
            for article_id in article_ids:
                self.library.set_state(article_id, read=read, starred=starred)
            if undoable is not None:
                what = ("marked read" if read else "marked unread") if read is not None else ""
                what = what or ("starred" if starred else "unstarred")
                self.state.history.push(marks_changed(what, before, undoable))
            row = refreshed_row(self.library, event_id) if event_id else None
        if row is not None:
            self.post_message(self.RowChanged(row))

    def action_toggle_read(self) -> None:
        """Mark the whole story (every outlet's article) read, or unread if it all was."""
        state = self.state
        if state.event is None or not state.articles:
            return
        read = not all(self.library.state(a.id).read for a in state.articles)
        self.save_state([a.id for a in state.articles], state.event.id, read=read, undoable=self._where())
        self.notify("Story marked read" if read else "Story marked unread")

    def action_toggle_star(self) -> None:
        article = self.state.article
        if article is None:
            return
        starred = not self.library.state(article.id).starred
        self.save_state([article.id], article.event_id, starred=starred, undoable=self._where())
        self.notify("Starred" if starred else "Unstarred")

    def _where(self) -> Where:
        place = self.place()
        return Where(place.event_id, place.article_id, place.offset) if place else Where(None)

    def action_cycle_filter(self) -> None:
        self.state.next_filter()
        self._apply_filter()
        self.notify(f"Showing {self.state.filter} stories")

    def action_toggle_claims(self) -> None:
        """Wide: show or hide the claims pane (kept in config.toml). Narrow:
        the claims pane in place of the stories, or back."""
        if self.has_class("-wide"):
            self.toggle_class("-claims-hidden")
            self._save_setting(show_claims=not self.has_class("-claims-hidden"))
        else:
            self.toggle_class("-claims-toggled")

    def action_toggle_stories(self) -> None:
        """Show or hide the story list (kept in config.toml)."""
        self.toggle_class("-stories-hidden")
        if self.has_class("-stories-hidden") and self.query_one(StoryList).has_focus:
            self.query_one("#article", ArticleView).focus()
        self._save_setting(show_stories=not self.has_class("-stories-hidden"))

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_setting(self, **changes: object) -> None:
        problem = self.state.settings.save(**changes)
        if problem:
            self.app.call_from_thread(
                self.notify, problem, title="Settings", severity="warning", markup=False
            )

    # -- search and compare ----------------------------------------------------

    def action_search(self) -> None:
        from tui.dialogs.search import SearchDialog  # with the search index: not needed at start-up

        def chosen(hit: SearchHit | None) -> None:
            if hit is not None:
                self.go_to(hit.event_id, hit.article_id, hit.offset)

        self.app.push_screen(SearchDialog(self.library), chosen)

    def go_to(
        self, event_id: str | None, article_id: str | None = None, offset: int = 0, *, focus: bool = True
    ) -> None:
        """Open an event (at an article and offset) and show it in the list;
        `focus` puts the keys in the article."""
        if event_id is None:
            self.notify("That article is not in any story", severity="warning")
            return
        stories = self.query_one(StoryList)
        if not any(r.event_id == event_id for r in stories.rows) and self.state.filter != "all":
            self.state.filter = "all"
            self._apply_filter()
        self.open_event(event_id, article_id, offset)
        with stories.quiet():
            stories.select_event(event_id)
        if focus:
            self.query_one("#article", ArticleView).focus()

    def action_compare(self) -> None:
        from tui.screens.compare import CompareScreen  # not needed at start-up

        state = self.state
        view = self.query_one("#article", ArticleView)
        if len(state.articles) < 2:
            self.notify("Only one outlet covers this story", severity="information")
            return
        right = (state.index + 1) % len(state.articles)
        self.app.push_screen(
            CompareScreen(self.library, state.articles, state.index, right, view.cursor_start)
        )

    # -- what the parts ask for ------------------------------------------------

    @on(ClaimTools.ClaimsChanged)
    def claims_changed(self, message: ClaimTools.ClaimsChanged) -> None:
        state = self.state
        if state.event is None or message.event_id != state.event.id:
            return
        state.event_claims = self.library.claims(event_id=state.event.id)
        self.claim_tools.learn_claimants(state.event_claims)
        self.claim_tools.forget_alignment(state.event.id)
        self._show_claims(focus=message.focus)

    @on(ClaimTools.SuggestionsReady)
    def suggestions_ready(self, message: ClaimTools.SuggestionsReady) -> None:
        article = self.state.article
        if article is not None and article.id == message.article_id:
            self.query_one(ClaimsPane).show_suggestions(message.suggestions)

    @on(StoryTools.Regrouped)
    def regrouped(self, message: StoryTools.Regrouped) -> None:
        state = self.state
        state.all_rows = message.rows
        state.event = None
        stories = self.query_one(StoryList)
        stories.set_rows(state.visible_rows(), keep=message.event_id)
        if message.event_id is not None and self.library.event(message.event_id) is not None:
            self.go_to(message.event_id, message.article_id)
        elif stories.current is not None:
            self.open_event(stories.current.event_id)
        if message.note:
            self.notify(message.note, markup=False)

    @on(StoryTools.GoTo)
    def go_to_asked(self, message: StoryTools.GoTo) -> None:
        self.go_to(message.event_id, message.article_id, message.offset)

    @on(Intake.Progress)
    def intake_progress(self, message: Intake.Progress) -> None:
        """The import or refresh under way, under the panes."""
        status = self.query_one("#status", Static)
        status.display = bool(message.label)
        if not message.label:
            return
        cancel = self.intake.key_for("intake.cancel", "escape")
        if message.cancelling:
            status.update(Content.assemble((message.label, "bold"), " · stopping…"))
            return
        count = f" {message.done}/{message.total}" if message.total else "…"
        status.update(
            Content.assemble(
                (message.label, "bold"),
                count,
                ("  · " + one_line(message.detail)[-70:] if message.detail else "", "$text-muted"),
                (f"  · {cancel} stops", "$text-muted"),
            )
        )

    @on(ReaderPart.Changed)
    def library_changed(self, message: ReaderPart.Changed) -> None:
        """The library changed under what is shown (an undo, an import, a
        renamed outlet…): show it as it is now, at the place given (or
        where the reader is), and say what happened."""
        state = self.state
        where = message.where
        if message.rows is not None:
            self.article_cache.clear()
            self.claim_tools.forget_alignment()
            state.all_rows = message.rows
            if where.event_id is None and state.event is not None:
                here = self.place()
                where = Where(state.event.id, here.article_id if here else None, here.offset if here else 0)
            state.event = None
            self.query_one(StoryList).set_rows(state.visible_rows(), keep=where.event_id)
        elif where.event_id is not None:
            self.claim_tools.forget_alignment(where.event_id)
        if where.article_id is not None:
            self.claim_tools.forget_suggestions(where.article_id)
        if where.event_id is not None and self.library.event(where.event_id) is not None:
            self.go_to(where.event_id, where.article_id, where.offset, focus=False)
            if where.claim_id:
                self.query_one(ClaimsPane).highlight_claim(where.claim_id)
        elif message.rows is not None and self.query_one(StoryList).current is not None:
            self.open_event(self.query_one(StoryList).current.event_id)  # type: ignore[union-attr]
        if message.note:
            self.notify(
                message.note,
                severity="warning" if message.failed else "information",
                timeout=12 if message.failed else 5,
                markup=False,
            )

    # -- the claims pane's keys, for the part that tags claims ------------------

    @on(ClaimsPane.Edit)
    def edit_claim(self, message: ClaimsPane.Edit) -> None:
        self.claim_tools.edit(message.claim)

    @on(ClaimsPane.Delete)
    def delete_claim(self, message: ClaimsPane.Delete) -> None:
        self.claim_tools.delete(message.claim)

    @on(ClaimsPane.CycleVerdict)
    def cycle_verdict(self, message: ClaimsPane.CycleVerdict) -> None:
        self.claim_tools.cycle_verdict(message.claim)

    @on(ClaimsPane.Accept)
    def accept(self, message: ClaimsPane.Accept) -> None:
        self.claim_tools.accept(message.suggestion)

    @on(ClaimsPane.Dismiss)
    def dismiss_suggestion(self, message: ClaimsPane.Dismiss) -> None:
        self.claim_tools.dismiss(message.suggestion)
