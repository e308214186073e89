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

What waits for the last feed is kept small: the search words are worked
out after it, by the refreshing process, while the grouper plans (on two
cores that process has time to spare then, and none before).

Text travels, not terms: pickled terms cost more to send and unpack than
to work out again, and strings that came through a pipe are not the ones
the grouping's dictionaries hold, which makes its millions of lookups
slower. The grouper works terms out itself, so they all share strings.

Both only ever make a refresh faster, never different: with one core, when
processes cannot be started, or when one dies, the same functions run in
the calling thread and give the same result. Terms are used only for the
text they were worked out from (see `grouping.TermsCache`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from store.coverage.grouping import LEAD_PARAGRAPHS, Placing, Plan, TermsCache, plan_grouping, remember_terms
from store.feeds.feedparse import ParsedFeed, parse_feed
from store.model import ArticleDraft

T = TypeVar("T")

MAX_PROCESSES = 4
GROUPER_POLL = 0.5
"""Seconds between checks that the grouper is still alive while waiting on it."""
TEXTS_WAIT = 2.0
"""Seconds the grouper waits for texts still on their way before it plans
without them, working out their terms from the plan's own copy (a parsing
process died after parsing)."""


def process_count() -> int:
    """Parsing processes worth starting: one per core this process may use,
    none at all on one core (processes would only add their start-up)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_PROCESSES) if cores > 1 else 0


def start_context() -> BaseContext:
    """How to start processes: by forking this one while it runs no other
    thread (immediate, and shares what is loaded), else from a fork server,
    a clean process that never copies another thread's locks."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["store.feeds.workers"])
        return context
    return multiprocessing.get_context("spawn")


def _forking(context: BaseContext) -> Any:
    """Around starting processes by fork: what is loaded now is frozen out of
    the cyclic collector, so the children's collections do not walk (and
    copy) the library this process holds."""

    class Frozen:
        def __enter__(self) -> None:
            self.frozen = context.get_start_method() == "fork" and gc.isenabled()
            if self.frozen:
                gc.freeze()

        def __exit__(self, *exc: object) -> None:
            if self.frozen:
                gc.unfreeze()

    return Frozen()


def _as_helper() -> None:
    """Set up a helper process: Ctrl-C is for the refresh, which stops its
    helpers itself (so none prints a traceback of its own), and the cyclic
    collector is off, as a helper lives for one refresh and makes no cycles
    worth collecting: its walks over the refresh's data would only cost time."""
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()


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
    _as_helper()
    if inbox is not None:
        inbox.cancel_join_thread()  # a worker's exit never waits on a grouper that is gone


Text = tuple[str, dt.date | None, str, tuple[str, ...]]
"""A new item as the grouper is sent it: id, date, headline, lead paragraphs."""


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
            with _forking(context):
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


# -- grouping --------------------------------------------------------------------


Source = tuple[str, str]
"""(feed URL, item id): which parser's text of an item (see `Grouper.plan`)."""


class _Received:
    """What the grouper was sent: each item's text, and its terms."""

    def __init__(self) -> None:
        self.terms: TermsCache = {}
        self.items: dict[Source, Placing] = {}
        self.messages = 0

    def take(self, payload: tuple[str, list[Text]]) -> None:
        url, texts = payload
        for article_id, date, headline, lead in texts:
            remember_terms(self.terms, article_id, headline, lead)
            self.items[url, article_id] = Placing(article_id, date, headline, lead)
        self.messages += 1


def _grouper_main(inbox: Any, outbox: Any, texts_wait: float) -> None:
    """The grouper process: terms of the texts it is sent, then a plan when asked."""
    _as_helper()
    received = _Received()
    while True:
        message = inbox.get()
        if message is None:
            break
        kind, payload = message
        if kind == "texts":
            received.take(payload)
            continue
        expected, placed, sources, others = payload
        deadline = time.monotonic() + texts_wait
        while received.messages < expected and time.monotonic() < deadline:
            try:
                message = inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if message is None:
                outbox.cancel_join_thread()
                return
            if message[0] == "texts":
                received.take(message[1])
        new = [received.items[source] for source in sources if source in received.items]
        if len(new) < len(sources):  # a parser's text never came (it died): the refresh plans itself
            outbox.put(("failed", "texts missing"))
            continue
        try:
            outbox.put(("plan", plan_grouping(placed, [*new, *others], received.terms)))
        except Exception as failure:  # told to the refresh, which plans itself
            outbox.put(("failed", f"{type(failure).__name__}: {failure}"))
    outbox.cancel_join_thread()  # a plan nobody waits for any more must not hold up the exit


class Grouper:
    """Plans the grouping of a refresh's new items in a process of its own,
    or in the calling thread when that process is not there or died."""

    def __init__(self, use_process: bool, context: BaseContext, texts_wait: float = TEXTS_WAIT) -> None:
        self._terms: TermsCache = {}
        """Terms worked out here, when planning falls back to this process."""
        self._process: Any = None
        self._usable = False
        """False once the process is gone or failed: everything is done here."""
        if not use_process:
            return
        try:
            self._inbox = context.Queue()
            self._outbox = context.Queue()
            self._process = context.Process(  # type: ignore[attr-defined]
                target=_grouper_main,
                args=(self._inbox, self._outbox, texts_wait),
                name="dateline-grouper",
                daemon=True,
            )
            with _forking(context):
                self._process.start()
            self._usable = True
        except (OSError, ValueError, ImportError, NotImplementedError):  # no processes here: plan in-thread
            self._process = None

    @property
    def running(self) -> bool:
        return self._usable and self._process.is_alive()

    @property
    def inbox(self) -> Any:
        """Where parsing processes send texts (None without a grouper process)."""
        return self._inbox if self._usable else None

    def plan(
        self,
        placed: Sequence[Placing],
        new: Sequence[Placing],
        sources: Sequence[str | None],
        texts_sent: int,
    ) -> Callable[[], Plan]:
        """Start planning, once the `texts_sent` messages of texts sent so far
        are in; returns what waits for the plan. `sources[i]` is the feed whose
        parser sent `new[i]`'s text, if one did: the grouper has that text, so
        only a reference goes (the item as this process will store it)."""
        asked = False
        if self._usable:
            refs = [(url, item.id) for item, url in zip(new, sources, strict=True) if url is not None]
            others = [item for item, url in zip(new, sources, strict=True) if url is None]
            try:
                self._inbox.put(("plan", (texts_sent, list(placed), refs, others)))
                asked = True
            except (OSError, ValueError):
                self._usable = False

        def result() -> Plan:
            if asked:
                answer = self._answer()
                if answer is not None:
                    return answer
            return plan_grouping(placed, new, self._terms)

        return result

    def _answer(self) -> Plan | None:
        while self._usable:
            try:
                kind, payload = self._outbox.get(timeout=GROUPER_POLL)
            except queue.Empty:
                if not self._process.is_alive():
                    self._usable = False  # died (killed, out of memory): plan here
                continue
            except (OSError, ValueError, EOFError):
                self._usable = False
                break
            if kind == "plan":
                return payload  # type: ignore[no-any-return]
            self._usable = False  # it failed to plan: plan here, where the error shows
        return None

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if self._usable:
            self._usable = False
            with contextlib.suppress(OSError, ValueError):
                self._inbox.put(None)
            process.join(timeout=1.0)
        if process.is_alive():
            process.kill()
        process.join(timeout=1.0)
        for channel in (self._inbox, self._outbox):
            channel.cancel_join_thread()  # never wait at exit to write to a process that is gone
            channel.close()
