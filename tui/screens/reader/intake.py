"""Bringing articles in without leaving the reader: import files, folders or
a web page; subscribe to feeds, one by URL or many from OPML; see and
remove subscriptions; refresh the feeds.

One long step runs at a time, in a worker, through the store's public
functions. It reports its progress (`Progress`, shown by the screen under
the panes) and stops when cancelled (`escape`): the store calls back as
it goes, and the callback raises once the user asked to stop. What was
stored before stays, as after an interrupted `dateline import`.
"""

from __future__ import annotations

import shlex
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.screen import Screen

from store.library.stories import story_rows
from tui.bindings import key
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.text_prompt import TextPromptDialog
from tui.safe_text import one_line, plain
from tui.screens.reader.parts import ReaderPart
from tui.screens.reader.state import ReaderState
from tui.screens.reader.undo import Where
from tui.widgets.path_suggester import PathSuggester

if TYPE_CHECKING:
    from store.feeds.refresh import RefreshReport
    from store.feeds.subscriptions import Subscription
    from tui.dialogs.feeds import FeedRequest

PROGRESS_SECONDS = 0.1
"""Least time between two progress lines (a folder can hold thousands of files)."""
LISTED = 6
"""Failures and skipped files named one by one in a message; the rest are counted."""


class Cancelled(Exception):
    """The user asked the step under way to stop."""


def entries_typed(typed: str) -> list[str]:
    """The paths and URLs in what was typed: the whole of it if it names a
    path (which may hold spaces) or is one URL, else its words, read as a
    shell reads them (quotes keep spaces)."""
    typed = typed.strip()
    if "://" in typed and " " not in typed:
        return [typed]
    if Path(typed).expanduser().exists():
        return [typed]
    try:
        return shlex.split(typed)
    except ValueError:  # an unclosed quote
        return [typed]


class Intake(ReaderPart):
    """The keys that bring articles in (see the module)."""

    BINDING_GROUP_TITLE = "Bringing articles in"
    PART_ID = "intake"

    BINDINGS = [
        key(
            "intake.import",
            "I",
            "import_articles",
            "Import",
            "Import files, a folder or a web page, by path or URL",
        ),
        key("feeds.list", "F", "feeds", "Feeds", "Feed subscriptions: subscribe, import OPML, unsubscribe"),
        key("feeds.refresh", "R", "refresh_feeds", "Refresh", "Fetch new articles from the subscribed feeds"),
        key(
            "intake.cancel",
            "escape",
            "cancel",
            "Cancel",
            "Stop the import or refresh under way (what came in stays)",
        ),
    ]

    class Progress(Message):
        """How the step under way goes: `done` of `total` (0 while not
        known), the last thing done in `detail`; `label` is empty once it is
        over, and `cancelling` once the user asked it to stop."""

        def __init__(
            self, label: str, done: int = 0, total: int = 0, detail: str = "", cancelling: bool = False
        ) -> None:
            self.label, self.done, self.total, self.detail = label, done, total, detail
            self.cancelling = cancelling
            super().__init__()

    class Listed(Message):
        """The subscriptions, read in a worker, to show."""

        def __init__(self, subscriptions: Sequence[Subscription]) -> None:
            self.subscriptions = list(subscriptions)
            super().__init__()

    def __init__(self, state: ReaderState) -> None:
        super().__init__(state)
        self.running: str | None = None
        """The label of the step under way, if one is."""
        self._stop = threading.Event()

    @classmethod
    def screens_opened(cls) -> Sequence[type[Screen]]:
        from tui.dialogs.feeds import FeedsDialog

        return (FeedsDialog,)

    # -- one step at a time, with progress and a way to stop -----------------------

    def _free(self) -> bool:
        """Whether no step is under way; if one is, says so."""
        if self.running is not None:
            stop = self.key_for("intake.cancel", "escape")
            self.notify(f"{self.running} is under way ({stop} stops it)", severity="warning")
            return False
        return True

    def _start(self, label: str) -> bool:
        """Whether a step may start now (none is under way); says why not."""
        if not self._free():
            return False
        self.running = label
        self._stop.clear()
        self.post_message(self.Progress(label))
        return True

    def _check(self) -> None:
        """Called from the worker as the step goes: stop if asked to."""
        if self._stop.is_set():
            raise Cancelled

    def _over(self) -> None:
        self.post_message(self.Progress(""))

    @on(Progress)
    def progressed(self, message: Progress) -> None:
        if not message.label:
            self.running = None

    def action_cancel(self) -> None:
        if self.running is None or self._stop.is_set():
            return
        self._stop.set()
        self.post_message(self.Progress(self.running, cancelling=True))

    def _done(self, note: str, *, failed: bool = False) -> None:
        """The step is over: the stories as they are now, and what it did."""
        self.post_message(self.Changed(story_rows(self.library), Where(None), note, failed=failed))

    # -- files, folders and web pages -------------------------------------------------

    def action_import_articles(self) -> None:
        if not self._free():
            return

        def typed(text: str | None) -> None:
            if text:
                self.import_entries(entries_typed(text))

        self.app.push_screen(
            TextPromptDialog(
                "Import articles",
                hint="A file, a folder or a web page: a path (~ works) or an http(s) URL. "
                "Several paths: separated by spaces, quoted if they hold spaces.",
                placeholder="~/news/  or  https://…",
                suggester=PathSuggester(),
                enter_does="imports",
            ),
            typed,
        )

    def import_entries(self, entries: Sequence[str]) -> None:
        if entries and self._start("Importing"):
            self.run_import(list(entries))

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake")
    def run_import(self, entries: list[str]) -> None:
        from store.ingest.importer import import_paths

        shown = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            self._check()  # after every file: escape stops between two
            if done == total or time.monotonic() - shown >= PROGRESS_SECONDS:
                shown = time.monotonic()
                self.post_message(self.Progress("Importing", done, total, f"{done} of {total} files"))

        before = self.library.article_count()
        try:
            report = import_paths(self.library, entries, on_progress=progress, progress_every=1)
        except Cancelled:
            came = self.library.article_count() - before
            self._done(f"Import stopped: {came} article{'s' if came != 1 else ''} came in before it did")
            return
        finally:
            self._over()
        note = f"Imported {report.imported} article{'s' if report.imported != 1 else ''}"
        if report.duplicates:
            note += f" ({report.duplicates} already in the library)"
        if report.claims_placed:
            note += f", placed {report.claims_placed} claims"
        if report.skipped:
            note += f", skipped {len(report.skipped)}"
            note += _listed(f"{one_line(what)}: {one_line(why)}" for what, why in report.skipped)
        if report.warnings:
            note += _listed(one_line(w) for w in report.warnings)
        self._done(note, failed=bool(report.skipped))

    # -- feeds -------------------------------------------------------------------------

    def action_feeds(self) -> None:
        self.list_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds-list")
    def list_feeds(self) -> None:
        from store.feeds.subscriptions import subscriptions

        self.post_message(self.Listed(subscriptions(self.library)))

    @on(Listed)
    def show_feeds(self, message: Listed) -> None:
        from tui.dialogs.feeds import FeedsDialog

        self.app.push_screen(FeedsDialog(message.subscriptions), self._feed_request)

    def _feed_request(self, request: FeedRequest | None) -> None:
        if request is None or (request.action != "remove" and not self._free()):
            return
        if request.action == "add":
            self._ask(
                "Subscribe to a feed",
                "An RSS, Atom or JSON Feed URL (http or https); its articles come in at once.",
                self.subscribe,
            )
        elif request.action == "opml":
            self._ask(
                "Import an OPML file",
                "The subscriptions another feed reader exported (a path; ~ works).",
                self.import_opml,
                suggester=True,
            )
        elif request.action == "remove" and request.url:
            url = request.url

            def answered(yes: bool | None) -> None:
                if yes:
                    self.unsubscribe(url)

            self.app.push_screen(
                ConfirmDialog("Unsubscribe from this feed? Its articles stay.", plain(url)), answered
            )
        elif request.action == "refresh" and request.url:
            self.refresh_feeds([request.url])

    def _ask(self, title: str, hint: str, then: Callable[[str], None], suggester: bool = False) -> None:
        def typed(text: str | None) -> None:
            if text:
                then(text)

        self.app.push_screen(
            TextPromptDialog(
                title, hint=hint, suggester=PathSuggester() if suggester else None, enter_does="goes ahead"
            ),
            typed,
        )

    def subscribe(self, url: str) -> None:
        if self._start("Subscribing"):
            self.run_subscribe(url)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake")
    def run_subscribe(self, url: str) -> None:
        from store.feeds.subscriptions import add_feed

        try:
            sub = add_feed(self.library, url)
            report = self._refresh([sub.url], "Subscribing")
        except Cancelled:
            self._done("Subscribed; fetching stopped (R fetches it)")
            return
        finally:
            self._over()
        if report.failures:
            self._done(
                f"Subscribed to {sub.url}, but it could not be fetched" + _failures(report), failed=True
            )
        else:
            self._done(f"Subscribed to {sub.url}: {report.new_articles} new articles")

    @work(thread=True, exit_on_error=False, group="writes")
    def unsubscribe(self, url: str) -> None:
        from store.feeds.subscriptions import remove_feed

        with self.state.write_lock:
            sub = remove_feed(self.library, url)
        self.post_message(
            self.Changed(None, Where(None), f"Unsubscribed from {one_line(sub.name)}; its articles stay")
        )

    def import_opml(self, path: str) -> None:
        if self._start("Importing OPML"):
            self.run_import_opml(path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake")
    def run_import_opml(self, path: str) -> None:
        from store.feeds.opml import import_opml

        try:
            report = import_opml(self.library, Path(path).expanduser())
        finally:
            self._over()
        note = (
            f"Subscribed to {len(report.added)} feeds from {one_line(path)}, "
            f"{len(report.already)} already subscribed, {len(report.skipped)} skipped"
        )
        if report.added:
            note += f" · {self.key_for('feeds.refresh', 'R')} fetches them"
        note += _listed(f"{one_line(url)}: {one_line(why)}" for url, why in report.skipped)
        self.post_message(self.Changed(None, Where(None), note, failed=bool(report.skipped)))

    def action_refresh_feeds(self) -> None:
        self.refresh_feeds(None)

    def refresh_feeds(self, urls: Sequence[str] | None) -> None:
        if self._start("Refreshing feeds"):
            self.run_refresh(list(urls) if urls else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake")
    def run_refresh(self, urls: list[str] | None) -> None:
        try:
            report = self._refresh(urls, "Refreshing feeds")
        except Cancelled:
            self._done("Refresh stopped; the feeds fetched before are in")
            return
        finally:
            self._over()
        if report.feeds == 0:
            key = self.key_for("feeds.list", "F")
            self._done(f"No feeds yet: {key} lists feeds, and there a subscribes to one")
            return
        self._done(report.summary() + _failures(report), failed=bool(report.failures))

    def _refresh(self, urls: Sequence[str] | None, label: str) -> RefreshReport:
        """Refresh the feeds (or `urls`), with progress, stopping if asked."""
        from store.feeds.refresh import refresh

        def progress(done: int, total: int, url: str) -> None:
            self._check()
            self.post_message(self.Progress(label, done, total, url))

        return refresh(self.library, urls, progress=progress)


def _failures(report: RefreshReport) -> str:
    """Each feed that failed and why, a line each, as `dateline refresh` says it."""
    return _listed(f"{one_line(url)}: {one_line(reason)}" for url, reason in report.failures)


def _listed(lines: Iterable[str]) -> str:
    """Lines after a message's first: the first few, then how many more."""
    items = list(lines)
    shown = "".join(f"\n{line[:160]}" for line in items[:LISTED])
    if len(items) > LISTED:
        shown += f"\n… and {len(items) - LISTED} more"
    return shown
