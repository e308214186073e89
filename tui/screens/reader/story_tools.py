"""Story-level tools in the reader: the claim matrix, merging, splitting,
moving and renaming stories (each undone by `u`), opening links and export.

The store modules behind them (feeds, grouping, matrix, export) are
imported when first used, so they cost nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen

from store.errors import StoreError
from store.library import Library
from store.library.stories import StoryRow, story_rows
from tui.bindings import key
from tui.dialogs.choice import ChoiceDialog, Choices
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.safe_text import one_line, plain
from tui.screens.reader.parts import ReaderPart
from tui.screens.reader.undo import grouping_of, stories_changed

if TYPE_CHECKING:
    from store.coverage.matrix import MatrixCell


def _split(library: Library, event_id: str, article_id: str) -> str:
    from store.coverage.grouping import split_event

    return split_event(library, event_id, [article_id])


class StoryTools(ReaderPart):
    """Keys that change or leave the story as a whole. What they change
    comes back to the screen as messages (`Regrouped`, `GoTo`)."""

    BINDING_GROUP_TITLE = "Stories"
    PART_ID = "story-tools"

    BINDINGS = [
        key("matrix", "M", "matrix", "Matrix", "Which outlet carried which claim"),
        key("story.rename", "N", "rename_story", "Rename", "Rename this story"),
        key("story.merge", "m", "merge_story", "Merge", "Merge another story into this one"),
        key(
            "story.split",
            "X",
            "split_story",
            "Split",
            "Split this outlet's article off into a story of its own",
        ),
        key("story.move", "g", "move_article", "Move", "Move this outlet's article to another story"),
        key("article.open", "o", "open_link", "Open link", "Open the article's web page in the browser"),
        key("story.export", "E", "export_story", "Export", "Export this story's claims to a file"),
    ]

    class Regrouped(Message):
        """Stories changed (merge, split, move, rename): the new rows, and
        where to go."""

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

    class GoTo(Message):
        """Open an event at an article and offset (a cell of the matrix)."""

        def __init__(self, event_id: str, article_id: str | None = None, offset: int = 0) -> None:
            self.event_id = event_id
            self.article_id = article_id
            self.offset = offset
            super().__init__()

    @classmethod
    def screens_opened(cls) -> Sequence[type[Screen]]:
        from tui.screens.matrix import MatrixScreen  # with the matrix's store modules: not at start-up

        return (MatrixScreen,)

    # -- the claim matrix --------------------------------------------------------

    def action_matrix(self) -> None:
        from tui.screens.matrix import MatrixScreen

        event = self.state.event
        if event is None:
            return

        def chosen(cell: MatrixCell | None) -> None:
            if cell is not None and cell.article_id is not None and self.state.event is not None:
                self.post_message(self.GoTo(self.state.event.id, cell.article_id, cell.start or 0))

        self.app.push_screen(MatrixScreen(self.library, event.id, event.title), chosen)

    # -- merging, splitting, moving and renaming stories -------------------------

    def _story_choices(self, query: str) -> Choices:
        """Stories other than this one whose titles contain every typed word."""
        words = query.casefold().split()
        current = self.state.event.id if self.state.event else None
        found: list[tuple[str, Content]] = []
        for row in self.state.all_rows:
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
        event = self.state.event
        if event is None:
            return
        event_id = event.id

        def renamed(title: str | None) -> None:
            if not title:
                return

            def rename() -> str:
                self.library.rename_event(event_id, title)
                return event_id

            self.regroup(rename, [event_id], what="story renamed")

        self.app.push_screen(TextPromptDialog("Rename this story", event.title), renamed)

    def action_merge_story(self) -> None:
        if self.state.event is None:
            return
        keep = self.state.event.id
        from store.coverage.grouping import merge_events

        def chosen(other: str | None) -> None:
            if other:
                self.regroup(
                    lambda: merge_events(self.library, keep, other), [keep, other], what="stories merged"
                )

        self.app.push_screen(
            ChoiceDialog("Merge which story into this one?", search=self._story_choices), chosen
        )

    def action_move_article(self) -> None:
        article = self.state.article
        if article is None:
            return

        def chosen(target: str | None) -> None:
            if not target:
                return

            def move() -> str:
                from store.coverage.grouping import move_article

                move_article(self.library, article.id, target)
                return target

            self.regroup(move, [article.event_id, target], article_id=article.id, what="article moved")

        name = self.state.outlet_name
        self.app.push_screen(
            ChoiceDialog(f"Move {name}'s article to which story?", search=self._story_choices), chosen
        )

    def action_split_story(self) -> None:
        article = self.state.article
        if article is None or self.state.event is None:
            return
        if len(self.state.articles) < 2:
            self.notify("This story has only one article", severity="information")
            return
        event_id = self.state.event.id
        name = self.state.outlet_name

        def answered(yes: bool | None) -> None:
            if yes:
                self.regroup(
                    lambda: _split(self.library, event_id, article.id),
                    [event_id],
                    article_id=article.id,
                    what="article split off into a story of its own",
                )

        self.app.push_screen(
            ConfirmDialog(
                "Split this article off into a story of its own?",
                Content.assemble(one_line(name), ": ", one_line(article.headline)),
            ),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="writes")
    def regroup(
        self,
        change: Callable[[], str],
        touched: Sequence[str | None],
        *,
        what: str,
        article_id: str | None = None,
    ) -> None:
        """Run a change to the stories `touched`, then reload the list and go
        to the event (and article) the change returns. `u` undoes it."""
        with self.state.write_lock:
            before = grouping_of(self.library, touched)
            event_id = change()
            self.state.history.push(stories_changed(what, before, article_id))
        note = f"{what[:1].upper()}{what[1:]} · {self.key_for('undo', 'u')} undoes"
        self.post_message(self.Regrouped(story_rows(self.library), event_id, article_id, note))

    # -- feeds, links and export -------------------------------------------------

    def action_open_link(self) -> None:
        article = self.state.article
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
                self.open_in_browser(url)

        self.app.push_screen(ConfirmDialog("Open this link in your browser?", plain(url)), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="browser")
    def open_in_browser(self, url: str) -> None:
        """Open the link in the user's browser (a program that may take a
        moment to start). A browser that runs in the terminal gets the
        terminal meanwhile; with none at all, the user is told so."""
        import webbrowser

        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            self.app.call_from_thread(self._no_browser, url)
            return
        if _runs_in_terminal(browser):
            self.app.call_from_thread(self._open_in_terminal, browser, url)
        elif not browser.open(url):
            self.app.call_from_thread(self._no_browser, url)

    def _open_in_terminal(self, browser: object, url: str) -> None:
        from textual.app import SuspendNotSupported

        try:
            with self.app.suspend():
                opened = browser.open(url)  # type: ignore[attr-defined]
        except SuspendNotSupported:
            opened = False
        if not opened:
            self._no_browser(url)

    def _no_browser(self, url: str) -> None:
        self.app.copy_to_clipboard(url)
        self.notify(
            "No browser could be opened from here. The link (copied, where the terminal allows it): "
            + one_line(url),
            title="Open link",
            severity="warning",
            timeout=12,
            markup=False,
        )

    def action_export_story(self) -> None:
        from store.exchange.export import FORMATS

        if self.state.event is None:
            return
        event_id = self.state.event.id
        choices = [
            (fmt, Content.assemble((fmt, "bold"), "  ", (module.DESCRIPTION, "$text-muted")))
            for fmt, module in FORMATS.items()
        ]

        def chosen(fmt: str | None) -> None:
            if fmt:
                self._ask_folder(fmt, event_id)

        self.app.push_screen(ChoiceDialog("Export this story's claims as", choices), chosen)

    def _ask_folder(self, fmt: str, event_id: str) -> None:
        from tui.widgets.path_suggester import PathSuggester

        def typed(folder: str | None) -> None:
            if folder:
                self.export(fmt, event_id, folder)

        self.app.push_screen(
            TextPromptDialog(
                "Export to which folder?",
                self.state.settings.settings.export_folder,
                hint="The file is named after the story; the folder is made if it is missing, "
                "and kept for the next export.",
                suggester=PathSuggester(),
                enter_does="exports",
            ),
            typed,
        )

    @work(thread=True, exit_on_error=False, group="writes")
    def export(self, fmt: str, event_id: str, folder: str) -> None:
        from store.exchange.export import default_export_path, write_export

        target = Path(folder).expanduser()
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as failure:
            raise StoreError(f"cannot make the folder {target}: {failure.strerror or failure}") from None
        name = default_export_path(self.library.event(event_id), fmt).name
        path = write_export(self.library, fmt, event_id, target / name)
        settings = self.state.settings
        problem = settings.save(export_folder=folder) if folder != settings.settings.export_folder else None
        note = f"Exported to {path}" + (f"\n{problem}" if problem else "")
        self.app.call_from_thread(self.notify, note, title="Export", timeout=10, markup=False)


def _runs_in_terminal(browser: object) -> bool:
    """Whether a browser `webbrowser` found runs in this terminal (lynx,
    w3m…): those it starts and waits for, where graphical ones run beside."""
    import webbrowser

    return isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
        browser, webbrowser.BackgroundBrowser
    )
