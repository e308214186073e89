"""Processes that do a refresh's CPU work beside the refreshing one.

Python runs one thread at a time, so a refresh that parsed and tokenised in
its fetching threads kept one core busy and left the others idle. Most of
that work needs nothing from the library but plain data, so it runs in
other processes while the refreshing one fetches, stores the articles and
writes the search index:

- `Workers`, a small pool, parses each fetched feed; the new items' text
  goes straight to
- `Grouper`, one process, which works out their grouping terms as the
  feeds come in, so that when the last feed is in only the grouping itself
  is left to do; it plans that while the refreshing process stores the
  articles and writes their search words into the index.

The grouper is `store.coverage.grouper`; what waits for the last feed is
kept small: the search words are worked out after it, by the refreshing
process, while the grouper plans (on two cores that process has time to
spare then, and none before).

Only ever faster, never different: with one core, when processes cannot
be started, or when one dies, the same functions run in the calling
thread and give the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from store.coverage.grouper import Text, as_helper, forking
from store.coverage.grouping import LEAD_PARAGRAPHS
from store.feeds.feedparse import ParsedFeed, parse_feed
from store.model import ArticleDraft

T = TypeVar("T")

# -- parsing -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedItems:
    """A parsed feed; `texts_sent` when its new items' text went to the grouper."""

    feed: ParsedFeed
    texts_sent: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        # Drafts as plain tuples: a frozen dataclass pickles field by field
        # through Python code, several times slower for a feed's worth.
        feed = self.feed
        rows = [tuple(getattr(d, f) for f in _DRAFT_FIELDS) for d in feed.drafts]
        return _rebuilt, (feed.title, feed.link, rows, self.texts_sent)


_DRAFT_FIELDS = tuple(f.name for f in fields(ArticleDraft))


def _rebuilt(title: str, link: str | None, rows: list[tuple[Any, ...]], sent: bool) -> ParsedItems:
    return ParsedItems(ParsedFeed(title, link, tuple(ArticleDraft(*row) for row in rows)), sent)


_stored: frozenset[str] = frozenset()
"""In a worker: ids already stored when the refresh began, whose terms are
not worth working out (see `parse_job`)."""
_grouper_inbox: Any = None
"""In a worker: where new items' text goes (the grouper's queue), if there is a grouper."""


def _start_worker(ids: frozenset[str], inbox: Any) -> None:
    global _stored, _grouper_inbox
    _stored, _grouper_inbox = ids, inbox
    as_helper()
    if inbox is not None:
        inbox.cancel_join_thread()  # a worker's exit never waits on a grouper that is gone


def parse_job(content: bytes, url: str, content_type: str, outlet: str | None, extras: bool) -> ParsedItems:
    """Parse a feed (FeedError as in the calling thread) and, with `extras`,
    send its new items' text to the grouper."""
    feed = parse_feed(content, url=url, content_type=content_type, outlet=outlet)
    inbox = _grouper_inbox
    if not extras or inbox is None:
        return ParsedItems(feed)
    seen: set[str] = set()
    texts: list[Text] = []
    for draft in feed.drafts:
        if draft.id and draft.id not in _stored and draft.id not in seen:
            seen.add(draft.id)
            texts.append((draft.id, draft.date, draft.headline, draft.paragraphs[:LEAD_PARAGRAPHS]))
    if not texts:
        return ParsedItems(feed)
    inbox.put(("texts", (url, texts)))
    return ParsedItems(feed, texts_sent=True)


class Workers:
    """A pool of parsing processes; each call falls back to the calling thread
    when there is no pool or it broke."""

    def __init__(
        self, processes: int, context: BaseContext, stored: Iterable[str] = (), grouper_inbox: Any = None
    ) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._broken = processes <= 0
        if self._broken:
            return
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=context,
                initializer=_start_worker,
                initargs=(frozenset(stored), grouper_inbox),
            )
            with forking(context):
                self._pool.submit(int)  # forking starts them here, before any fetching thread
        except (OSError, ValueError, ImportError, NotImplementedError, BrokenProcessPool):
            self._broken = True

    @property
    def running(self) -> bool:
        """Whether jobs go to processes (False once it fell back to threads)."""
        return self._pool is not None and not self._broken

    def close(self) -> None:
        """Drop the jobs still queued (an interrupted refresh) and wait for
        the processes to finish the job in hand (a parse of one capped
        feed) and end.

        Waiting is what keeps the program's exit quiet. A pool shut down
        without waiting leaves its manager thread closing its wake-up pipe
        while the interpreter exits, and `concurrent.futures` wakes every
        manager at exit without the lock that guards that pipe: when the
        two meet, the exit prints "Exception ignored in: <module
        'threading'> … OSError: [Errno 9] Bad file descriptor". The exit
        would wait for the manager thread anyway."""
        pool, self._pool, self._broken = self._pool, None, True
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def call(self, job: Callable[..., T], *args: Any) -> T:
        """`job(*args)` in a process, waiting for it (from a fetching thread)."""
        pool = self._pool
        if pool is not None and not self._broken:
            try:
                future: Future[T] = pool.submit(job, *args)
            except (BrokenProcessPool, RuntimeError):  # broken, or closed meanwhile
                self._broken = True
            else:
                try:
                    return future.result()
                except BrokenProcessPool:
                    self._broken = True  # a worker died (killed, out of memory): do it here
        return job(*args)
