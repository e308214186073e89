"""Compare: two outlets' versions of one event side by side.

Moving the sentence cursor in one pane moves the other to the matching
passage (the same claim or sentence where there is one); scrolling one pane
scrolls the other to the same relative place.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from store.library import Library
from store.model import Article, Claim
from tui.bindings import key
from tui.reading import landing_in, load_shown
from tui.widgets.article_view import ArticleView


class CompareScreen(Screen[None]):
    """Two articles of the event, scrolling together."""

    BINDING_GROUP_TITLE = "Compare"

    HELP = "Compare: `j`/`k` move in one pane and the other follows; `]`/`[` change the right pane's outlet."

    BINDINGS = [
        key("compare.close", "escape,c", "close", "Back", "Back to the reader", show=True),
        key(
            "compare.next_outlet",
            "right_square_bracket",
            "flip(1)",
            "Next outlet",
            "Show the next outlet on the right",
            show=True,
        ),
        key(
            "compare.previous_outlet",
            "left_square_bracket",
            "flip(-1)",
            "Previous outlet",
            "Show the previous outlet on the right",
            show=True,
        ),
    ]

    def __init__(
        self, library: Library, articles: Sequence[Article], left: int, right: int, position: int = 0
    ) -> None:
        super().__init__()
        self.library = library
        self.articles = list(articles)
        self.left_index = left
        self.right_index = right
        self.position = position
        self._syncing = False
        self._claims: dict[str, list[Claim]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-panes"):
            yield ArticleView(id="compare-left", classes="compare-pane")
            yield ArticleView(id="compare-right", classes="compare-pane")
        yield Footer()

    def on_mount(self) -> None:
        left = self.query_one("#compare-left", ArticleView)
        self._show(left, self.left_index, self.position)
        self._show(self.query_one("#compare-right", ArticleView), self.right_index, 0)
        self._follow(left)
        left.focus()
        self.watch(left, "scroll_y", lambda: self._scroll_follow(left), init=False)
        right = self.query_one("#compare-right", ArticleView)
        self.watch(right, "scroll_y", lambda: self._scroll_follow(right), init=False)

    def _show(self, view: ArticleView, index: int, position: int) -> None:
        article = self.articles[index]
        claims = self._claims.setdefault(article.id, self.library.claims(article_id=article.id))
        view.show(load_shown(self.library, article), position, claims)
        view.border_title = view.shown.outlet if view.shown else ""

    def _other(self, view: ArticleView) -> ArticleView:
        wanted = "#compare-right" if view.id == "compare-left" else "#compare-left"
        return self.query_one(wanted, ArticleView)

    def _follow(self, view: ArticleView) -> None:
        """Put the other pane's cursor on the passage matching `view`'s."""
        other = self._other(view)
        if view.shown is None or other.shown is None or view.selection is None:
            return
        offset = landing_in(self.library, view, other.shown)
        self._syncing = True
        try:
            other.move_to(offset, notify=False)
        finally:
            self._syncing = False

    @on(ArticleView.CursorMoved)
    def cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        if not self._syncing:
            self._follow(event.view)

    def _scroll_follow(self, view: ArticleView) -> None:
        if self._syncing or not view.has_focus and not view.is_mouse_over:
            return
        other = self._other(view)
        if view.max_scroll_y and other.max_scroll_y:
            self._syncing = True
            try:
                other.scroll_to(
                    y=round(view.scroll_y / view.max_scroll_y * other.max_scroll_y),
                    animate=False,
                    immediate=True,
                )
            finally:
                self._syncing = False

    def action_flip(self, step: int) -> None:
        count = len(self.articles)
        index = (self.right_index + step) % count
        if index == self.left_index:
            index = (index + step) % count
        self.right_index = index
        self._show(self.query_one("#compare-right", ArticleView), index, 0)
        self._follow(self.query_one("#compare-left", ArticleView))

    def action_close(self) -> None:
        self.dismiss(None)
