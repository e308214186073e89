"""Loading an article for an `ArticleView`, and keeping the reading
position when another outlet's article takes its place (the reader's
`[`/`]` and the compare screen both do this)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.coverage.passages import landing_offset
from store.library import Library
from store.model import Article
from store.text.sentences import split_sentences
from tui.widgets.article_view import ArticleView, ShownArticle

if TYPE_CHECKING:  # the matrix is worked out in the background: not a start-up import
    from store.coverage.matrix import ClaimMatrix


def load_shown(library: Library, article: Article) -> ShownArticle:
    """An article with its body and sentences, ready for an ArticleView."""
    text = library.text(article.id)
    return ShownArticle(article, library.outlet_name(article.outlet_id), text, tuple(split_sentences(text)))


def landing_in(
    library: Library, view: ArticleView, target: ShownArticle, matrix: ClaimMatrix | None = None
) -> int:
    """Where in `target` the reader of `view` should land: the same claim,
    else the same words, else the claim the event's `matrix` (if worked out
    already) aligns, else the matching passage, else the same relative place."""
    if view.shown is None or view.selection is None:
        return 0
    return landing_offset(
        library,
        source_text=view.shown.text,
        source_claims=view.claims,
        span=view.selection,
        relative=view.relative_position,
        target_id=target.article.id,
        target_text=target.text,
        target_sentences=target.sentences,
        source_id=view.shown.article.id,
        matrix=matrix,
    )


PREFETCH_AFTER = 0.15
"""Seconds the reader must rest on a story before its neighbours are read
ahead: keys held down are not slowed by reading for stories they skip, and
the key's own frame is long painted (reading in another thread while it is
painted made one key in three take twice as long, 15-25 ms instead of 8)."""


class ArticleCache:
    """Articles ready to show, read ahead of the keys that most often come
    next (the next story, another outlet), so that those keys find the body
    read and split into sentences instead of waiting for the disk.

    A thread of its own reads ahead once the reader rests; it touches no
    widget. Bounded: the least recently used articles go first."""

    def __init__(self, library: Library, size: int = 64) -> None:
        self.library = library
        self.size = size
        self._shown: OrderedDict[str, ShownArticle] = OrderedDict()
        self._lock = threading.Lock()
        self._wanted: list[Article | str] = []
        self._wake = threading.Condition(self._lock)
        self._generation = 0
        """Counts requests: a newer one makes the thread rest again."""
        self._epoch = 0
        """Counts `clear`s: what was being read before one is not kept."""
        self._closed = False
        self._thread: threading.Thread | None = None

    @property
    def thread(self) -> threading.Thread | None:
        """The thread that reads ahead: None until the first `read_ahead`,
        and it ends once the cache is closed."""
        return self._thread

    def __len__(self) -> int:
        with self._lock:
            return len(self._shown)

    def __contains__(self, article_id: object) -> bool:
        with self._lock:
            return article_id in self._shown

    def get(self, article: Article) -> ShownArticle:
        """The article ready to show: from the cache, else read now."""
        with self._lock:
            shown = self._shown.get(article.id)
            if shown is not None and shown.article == article:
                self._shown.move_to_end(article.id)
                return shown
        shown = load_shown(self.library, article)
        self._keep(shown)
        return shown

    def clear(self) -> None:
        """Forget everything, e.g. when another process changed the library."""
        with self._lock:
            self._shown.clear()
            self._wanted = []
            self._generation += 1
            self._epoch += 1

    def close(self) -> None:
        """Stop the reading thread (the screen that owns it is going)."""
        with self._lock:
            self._closed = True
            self._wanted = []
            self._wake.notify()

    def read_ahead(self, wanted: Sequence[Article | str]) -> None:
        """Read these articles (for an event id: the article the reader
        opens it at) soon, in the background, in this order; replaces any
        earlier request."""
        with self._lock:
            self._wanted = list(wanted)
            self._generation += 1
            self._wake.notify()
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="dateline-read-ahead", daemon=True)
                self._thread.start()

    def _keep(self, shown: ShownArticle, epoch: int | None = None) -> None:
        with self._lock:
            if epoch is not None and epoch != self._epoch:
                return  # read before a `clear`: it may be out of date
            self._shown[shown.article.id] = shown
            self._shown.move_to_end(shown.article.id)
            while len(self._shown) > self.size:
                self._shown.popitem(last=False)

    def _run(self) -> None:
        rested_for = -1
        while True:
            with self._lock:
                while not self._wanted and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                if rested_for != self._generation:
                    generation = self._generation
                    self._wake.wait(PREFETCH_AFTER)
                    if generation != self._generation:
                        continue  # another key came meanwhile: rest again
                    rested_for = generation
                if not self._wanted:
                    continue
                wanted = self._wanted.pop(0)
                epoch = self._epoch
            try:
                if isinstance(wanted, str):
                    named = event_articles(self.library, wanted)
                    if not named:
                        continue
                    wanted = named[0][1]
                with self._lock:
                    if wanted.id in self._shown:
                        continue
                self._keep(load_shown(self.library, wanted), epoch)
            except Exception:  # noqa: BLE001 - reading ahead must not stop for one article
                pass  # read when shown instead, where a failure is reported


def event_articles(library: Library, event_id: str) -> list[tuple[str, Article]]:
    """An event's articles with their outlets' names, in the order the
    reader shows them (by outlet name)."""
    return sorted(
        ((library.outlet_name(a.outlet_id), a) for a in library.articles(event_id=event_id)),
        key=lambda pair: (pair[0].casefold(), pair[1].id),
    )
