"""Grouping new articles in a process of its own, and starting such processes.

Grouping is the largest step of a large refresh or import that needs
nothing from the library but plain data: each article's terms, then the
plan of where each goes. `Grouper` is one process that works out the terms
of the texts it is sent as they come in, so that when the last article is
in only the plan is left to do; it plans while the calling process stores
the articles.

Text travels, not terms: pickled terms cost more to send and unpack than
to work out again, and strings that came through a pipe are not the ones
the grouping's dictionaries hold, which makes its millions of lookups
slower. The grouper works terms out itself, so they all share strings.

It only ever makes grouping faster, never different: with one core, when
processes cannot be started, or when one dies, `plan_grouping` runs in the
calling thread on the same text and gives the same plan. Terms are used
only for the text they were worked out from (see `grouping.TermsCache`).
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
from collections.abc import Callable, Sequence
from multiprocessing.context import BaseContext
from typing import Any

from store.coverage.grouping import Placing, Plan, TermsCache, plan_grouping, remember_terms

MAX_PROCESSES = 4
GROUPER_POLL = 0.5
"""Seconds between checks that the grouper is still alive while waiting on it."""
TEXTS_WAIT = 2.0
"""Seconds the grouper waits for texts still on their way before it plans
without them, working out their terms from the plan's own copy (a refresh's
parsing process died after parsing)."""


def process_count() -> int:
    """Helper processes worth starting: one per core this process may use,
    none at all on one core (processes would only add their start-up)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_PROCESSES) if cores > 1 else 0


def start_context(preload: Sequence[str] = (__name__,)) -> BaseContext:
    """How to start processes: by forking this one while it runs no other
    thread (immediate, and shares what is loaded), else from a fork server,
    a clean process that never copies another thread's locks, which loads
    the modules `preload` names first (those the helpers run)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def forking(context: BaseContext) -> Any:
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


def as_helper() -> None:
    """Set up a helper process: Ctrl-C is for the refresh or import, which
    stops its helpers itself (so none prints a traceback of its own), and
    the cyclic collector is off, as a helper lives for one refresh or import
    and makes no cycles worth collecting: its walks would only cost time."""
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()


Text = tuple[str, dt.date | None, str, tuple[str, ...]]
"""A new item as the grouper is sent it: id, date, headline, lead paragraphs."""


# -- grouping --------------------------------------------------------------------


Source = tuple[str, str]
"""(where the text came from, item id): a refresh's feed URL, or an import's
`store.ingest.planning.SOURCE` (see `Grouper.plan`)."""


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
    as_helper()
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
        if len(new) < len(sources):  # a text never came (its sender died): the caller plans itself
            outbox.put(("failed", "texts missing"))
            continue
        try:
            outbox.put(("plan", plan_grouping(placed, [*new, *others], received.terms)))
        except Exception as failure:  # told to the caller, which plans itself
            outbox.put(("failed", f"{type(failure).__name__}: {failure}"))
    outbox.cancel_join_thread()  # a plan nobody waits for any more must not hold up the exit


class Grouper:
    """Plans the grouping of a refresh's or an import's new articles in a
    process of its own, or in the calling thread when that process is not
    there or died."""

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
            with forking(context):
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
