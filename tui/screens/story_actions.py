"""Story-level tools in the reader: the claim matrix, merging, splitting,
moving and renaming stories, refreshing feeds, opening links and export.

The store modules behind them (feeds, grouping, matrix, export) are
imported when first used, so they cost nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import on, work
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from store.library import Library
from store.library.stories import StoryRow, story_rows
from tui.dialogs.choice import ChoiceDialog, Choices
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.safe_text import one_line, plain
from tui.screens.reader_core import ReaderCore
from tui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from store.coverage.matrix import MatrixCell


def _split(library: Library, event_id: str, article_id: str) -> str:
    from store.coverage.grouping import split_event

    return split_event(library, event_id, [article_id])


class StoryActions(ReaderCore):
    """Keys that change or leave the story as a whole."""

    BINDINGS = [
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
    ]

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

    # -- the claim matrix --------------------------------------------------------

    def action_matrix(self) -> None:
        from tui.screens.matrix import MatrixScreen

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
        from store.coverage.grouping import merge_events

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
                from store.coverage.grouping import move_article

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
                    lambda: _split(self.library, event_id, article.id),
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

    @on(Regrouped)
    def regrouped(self, message: Regrouped) -> None:
        self.all_rows = message.rows
        self.event = None
        stories = self.query_one(StoryList)
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
        from store.feeds.refresh import refresh as refresh_feeds

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

    @on(FeedProgress)
    def feed_progress(self, message: FeedProgress) -> None:
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

        self.app.push_screen(ConfirmDialog("Open this link in your browser?", plain(url)), answered)

    def action_export_story(self) -> None:
        from store.exchange.export import FORMATS

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
        from store.exchange.export import write_export

        path = write_export(self.library, fmt, event_id)
        self.app.call_from_thread(self.notify, f"Exported to {path}", title="Export", markup=False)
