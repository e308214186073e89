"""The refresh that turns subscribed feeds into articles.

A refresh fetches feeds concurrently (a bounded number at once, in threads),
has them parsed, and their items' grouping terms worked out, by other
processes so that every core works (see `store.feeds.workers`), and
writes to the library only from the thread that called it, in the order
that keeps a crash harmless: articles first, then grouping, then the feed's
new ETag and Last-Modified. The grouping of a batch is planned in another
process while its articles are being stored.
A feed that fails is reported with its reason and leaves everything stored
as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from store.coverage.grouper import Grouper, process_count, start_context
from store.coverage.grouping import (
    LEAD_PARAGRAPHS,
    Placing,
    group_articles,
    neighbours,
    placing,
    save_plan,
    ungrouped,
)
from store.db.storage import paused_gc
from store.errors import FetchError, StoreError
from store.feeds.feedparse import ParsedFeed
from store.feeds.fetching import DEFAULT_LIMITS, FetchLimits, fetch, new_client
from store.feeds.subscriptions import TABLE, Subscription, subscriptions
from store.feeds.webpage import fetch_article
from store.feeds.workers import ParsedItems, Workers, parse_job
from store.library import Library
from store.model import ArticleDraft, utc_now

MAX_CONCURRENT = 8
"""Feeds fetched at once: enough to hide latency, few enough to be polite."""
FLUSH_SECONDS = 5.0
"""How often finished feeds are written while a refresh goes on, so new
stories appear in the reader before the slowest feed is done."""
FULL_TEXT_AT_ONCE = 4
"""Pages fetched at once for one full-text feed."""
FULL_TEXT_BUDGET = 60.0
"""Seconds one full-text feed may spend on pages per refresh; the rest wait."""
ACCEPT_FEEDS = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)

Progress = Callable[[int, int, str], None]
"""Called as feeds finish: (feeds done, feeds in all, URL just finished)."""


@dataclass
class RefreshReport:
    """What a refresh did: new articles, feeds checked, and each failure."""

    new_articles: int = 0
    feeds: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.new_articles} new articles from {self.feeds} feeds, {len(self.failures)} failed"


@dataclass(frozen=True, slots=True)
class _Fetched:
    """One feed's outcome from a worker: drafts, or not modified, or a reason."""

    subscription: Subscription
    feed: ParsedFeed | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    texts_sent: bool = False
    """Whether the new items' text went to the grouper."""


def refresh(
    library: Library,
    urls: Sequence[str] | None = None,
    *,
    progress: Progress | None = None,
    limits: FetchLimits = DEFAULT_LIMITS,
    max_concurrent: int = MAX_CONCURRENT,
    processes: int | None = None,
) -> RefreshReport:
    """Fetch the subscribed feeds (or only `urls`) and store their new items.

    Safe to call from a worker thread; `progress` is called from the calling
    thread. Never raises for a feed's failure: those are in the report.
    `processes` parse and plan beside this one (default: one per core, none
    on one core; 0 does everything in this process's threads).
    """
    report = RefreshReport()
    chosen, unknown = _choose(library, urls)
    report.failures.extend((url, "not subscribed (add it with `dateline feeds add URL`)") for url in unknown)
    report.feeds = len(chosen) + len(unknown)
    if not chosen:
        return report
    count = process_count() if processes is None else processes
    context = start_context(preload=(parse_job.__module__,))  # the parsing jobs, the grouper with them
    grouper = Grouper(count > 0, context)  # first: forked while this process runs no other thread
    workers = Workers(count, context, library.article_ids(), grouper.inbox)
    writer = _Writer(library, report, grouper)
    done = len(unknown)
    pool = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="dateline-feed")
    try:
        with new_client(limits=limits, max_connections=max_concurrent) as client:
            futures: dict[Future[_Fetched], Subscription] = {
                pool.submit(_fetch_feed, library, sub, client, limits, workers): sub for sub in chosen
            }
            try:
                for future in as_completed(futures):
                    sub = futures[future]
                    try:
                        outcome = future.result()
                    except Exception as failure:  # a bug in one feed's parsing must not stop the rest
                        outcome = _Fetched(
                            sub, error=f"unexpected error: {type(failure).__name__}: {failure}"
                        )
                    writer.take(outcome)
                    done += 1
                    if progress is not None:
                        progress(done, report.feeds, sub.url)
            finally:
                writer.flush()  # what finished is kept, even when interrupted
    finally:
        # Interrupted: the client is closed by now, so fetches still running
        # fail at once instead of holding the caller until their timeout.
        pool.shutdown(wait=False, cancel_futures=True)
        workers.close()
        grouper.close()
    return report


def _choose(library: Library, urls: Sequence[str] | None) -> tuple[list[Subscription], list[str]]:
    subs = {s.url: s for s in subscriptions(library)}
    if urls is None:
        return list(subs.values()), []
    wanted = list(dict.fromkeys(u.strip() for u in urls))
    return [subs[u] for u in wanted if u in subs], [u for u in wanted if u not in subs]


def _fetch_feed(
    library: Library, sub: Subscription, client: httpx.Client, limits: FetchLimits, workers: Workers
) -> _Fetched:
    """Runs in a fetching thread: network, and parsing by a worker process;
    no library writes."""
    try:
        result = fetch(
            sub.url,
            client=client,
            etag=sub.etag,
            last_modified=sub.last_modified,
            accept=ACCEPT_FEEDS,
            limits=limits,
        )
        if result.not_modified:
            return _Fetched(
                sub, etag=result.etag or sub.etag, last_modified=result.last_modified or sub.last_modified
            )
        # A full-text feed's items change before they are stored: their
        # terms are worked out when planning, from what is stored.
        parsed: ParsedItems = workers.call(
            parse_job, result.content, sub.url, result.content_type, sub.outlet, not sub.full_text
        )
    except FetchError as failure:
        return _Fetched(sub, error=str(failure))
    feed = parsed.feed
    if sub.full_text:
        drafts = _with_full_texts(library, feed.drafts, limits)
        if len(drafts) < len(feed.drafts):
            # Items left for the next refresh: forget the validators so the
            # server sends them again instead of a 304.
            return _Fetched(sub, feed=replace(feed, drafts=drafts))
        feed = replace(feed, drafts=drafts)
    return _Fetched(
        sub,
        feed=feed,
        etag=result.etag,
        last_modified=result.last_modified,
        texts_sent=parsed.texts_sent,
    )


def _with_full_texts(
    library: Library, drafts: tuple[ArticleDraft, ...], limits: FetchLimits
) -> tuple[ArticleDraft, ...]:
    """The drafts with their pages' full text, fetched a few at once. Items
    already stored are left as they are; an item whose page fails keeps the
    feed's summary; items whose turn comes after FULL_TEXT_BUDGET seconds
    are left out, to be fetched by the next refresh."""
    deadline = time.monotonic() + FULL_TEXT_BUDGET

    def full(draft: ArticleDraft) -> ArticleDraft | None:
        if not draft.url or (draft.id and library.article(draft.id) is not None):
            return draft
        if time.monotonic() > deadline:
            return None
        try:
            page = fetch_article(draft.url, client=pages, limits=limits)
        except FetchError:
            return draft
        return replace(
            draft, paragraphs=page.paragraphs, date=draft.date or page.date, lang=draft.lang or page.lang
        )

    with (
        new_client(limits=limits, max_connections=FULL_TEXT_AT_ONCE) as pages,
        ThreadPoolExecutor(max_workers=FULL_TEXT_AT_ONCE, thread_name_prefix="dateline-page") as pool,
    ):
        return tuple(d for d in pool.map(full, drafts) if d is not None)


class _Writer:
    """Stores finished feeds from the refreshing thread, in batches."""

    def __init__(self, library: Library, report: RefreshReport, grouper: Grouper) -> None:
        self.library = library
        self.report = report
        self.grouper = grouper
        self.pending: list[_Fetched] = []
        self.last_flush = time.monotonic()
        self.texts_sent = 0

    def take(self, outcome: _Fetched) -> None:
        if outcome.error is not None:
            self.report.failures.append((outcome.subscription.url, outcome.error))
        self.texts_sent += outcome.texts_sent
        self.pending.append(outcome)
        if time.monotonic() - self.last_flush >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        self.last_flush = time.monotonic()
        if not pending:
            return
        drafts = [d for outcome in pending if outcome.feed for d in outcome.feed.drafts]
        if drafts:
            with paused_gc():  # thousands of new long-lived objects: spare the collector's walks
                self._store(drafts, pending)
        now = utc_now()
        current = self.library.records(TABLE)
        updates: dict[str, dict[str, Any]] = {}
        for outcome in pending:
            record = current.get(outcome.subscription.url)
            if record is None:
                continue  # removed while the refresh ran: do not bring it back
            updated = _after(Subscription.from_record(record), outcome, now)
            updates[updated.url] = updated.to_record()
        if updates:
            self.library.put_records(TABLE, updates)  # one write for the batch, not one per feed

    def _store(self, drafts: list[ArticleDraft], pending: list[_Fetched]) -> None:
        """Store the drafts and group the new ones: the grouping is planned
        by a worker process while this one stores the articles."""
        library = self.library
        # Each new id's first draft (add_articles keeps the first), and the
        # feed whose parser sent that text to the grouper, if one did.
        new: dict[str, tuple[ArticleDraft, str | None]] = {}
        for outcome in pending:
            source = outcome.subscription.url if outcome.texts_sent else None
            for d in outcome.feed.drafts if outcome.feed else ():
                if d.id and d.id not in new and library.article(d.id) is None:
                    new[d.id] = (d, source)
        plan = None
        if new:
            placed = neighbours(library, set(new), [d.date for d, _ in new.values()])
            plan = self.grouper.plan(
                [placing(library, a) for a in placed],
                [Placing(i, d.date, d.headline, d.paragraphs[:LEAD_PARAGRAPHS]) for i, (d, _) in new.items()],
                [source for _, source in new.values()],
                self.texts_sent,
            )
        added = library.add_articles(drafts)
        new_ids = [a.id for a in added.added]
        # Stored by a refresh that was stopped before it grouped them: met
        # again, they are grouped now.
        strays = ungrouped(library, added.existing)
        planned = set()
        if plan is not None and new_ids:
            worked_out = plan()
            try:
                save_plan(library, worked_out, only=set(new_ids))
                planned = set(worked_out.assignments)
            except StoreError:
                pass  # stories merged or split while it was planned: grouped afresh below
        rest = [i for i in new_ids if i not in planned]  # drafts without an id of their own
        if rest or strays:
            group_articles(library, [*rest, *strays])
        self.report.new_articles += len(new_ids)


def _after(sub: Subscription, outcome: _Fetched, now: str) -> Subscription:
    """The subscription as stored now (its settings may have changed while
    the refresh ran) with what this refresh learned."""
    if outcome.error is not None:
        return replace(sub, last_refresh=now, last_error=outcome.error)
    if outcome.feed is None:  # not modified
        return replace(
            sub, last_refresh=now, last_error=None, etag=outcome.etag, last_modified=outcome.last_modified
        )
    return replace(
        sub,
        title=sub.title or outcome.feed.title,
        last_refresh=now,
        last_error=None,
        item_count=len(outcome.feed.drafts),
        etag=outcome.etag,
        last_modified=outcome.last_modified,
    )
