"""A refresh parses feeds and plans its grouping in other processes, so both
cores work. The processes must change nothing but the time: the same
articles, events and search results as a refresh done in threads, the same
per-feed errors, and the same outcome when a process dies mid-refresh."""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter

import pytest

from store import Library
from store.coverage.grouper import Grouper, start_context
from store.coverage.grouping import Placing, plan_grouping
from store.errors import FeedError
from store.feeds.refresh import refresh
from store.feeds.subscriptions import add_feed
from store.feeds.workers import Workers, parse_job
from store.search.query import search
from tests.feeds.conftest import FAST
from tests.feeds.samples import Item, rss
from tests.feeds.server import FeedServer, Route

STORIES = [
    ("Harbour bridge closes after crack found", "Engineers closed the Vellmar harbour bridge on Monday."),
    ("Vellmar bridge shut as engineers find crack", "The harbour bridge in Vellmar was shut by engineers."),
    (
        "Orchard growers warn of late frost losses",
        "Growers in Tamsel counted frost damage to apple orchards.",
    ),
    ("Late frost hits Tamsel apple orchards", "Apple growers in Tamsel said the frost cost them a harvest."),
]


def _serve(server: FeedServer) -> list[str]:
    """Two outlets' feeds, each telling both stories, and one broken feed."""
    urls = []
    for outlet in range(2):
        items = [
            Item(headline, server.url(f"/{outlet}/{n}"), f"<p>{lead}</p><p>More on this.</p>")
            for n, (headline, lead) in enumerate(STORIES[outlet::2])
        ]
        urls.append(server.add(f"/feed-{outlet}.xml", rss(items, title=f"Outlet {outlet}").encode()))
    urls.append(
        server.add("/not-a-feed", Route(b"<html><body>hello</body></html>", content_type="text/html"))
    )
    return urls


def _outcome(library: Library) -> tuple[object, ...]:
    events = Counter((e.title, frozenset(e.article_ids)) for e in library.events())
    found = sorted((hit.article_id, hit.where) for hit in search(library, "frost"))
    assert found, "the new articles are searchable"
    return sorted(a.id for a in library.articles()), events, found


def _refreshed(server: FeedServer, urls: list[str], **options: object) -> tuple[Library, object]:
    library = Library.memory()
    for url in urls:
        add_feed(library, url)
    report = refresh(library, limits=FAST, **options)  # type: ignore[arg-type]
    return library, report


def test_worker_processes_change_nothing_but_where_the_work_runs(server: FeedServer) -> None:
    urls = _serve(server)
    in_threads, threads_report = _refreshed(server, urls, processes=0)
    in_processes, processes_report = _refreshed(server, urls, processes=2)

    assert processes_report.summary() == threads_report.summary() == "4 new articles from 3 feeds, 1 failed"
    assert processes_report.failures == threads_report.failures
    assert "web page" in processes_report.failures[0][1], "a feed's error crosses the process boundary"
    assert _outcome(in_processes) == _outcome(in_threads)
    assert len(in_processes.events()) == 2, "two outlets' reports of each story are grouped"


def test_a_refresh_survives_its_processes_being_killed(server: FeedServer) -> None:
    urls = _serve(server)
    expected, _ = _refreshed(server, urls, processes=0)
    killed: list[int] = []

    def kill_workers(done: int, total: int, url: str) -> None:
        for child in multiprocessing.active_children():
            if child.pid is not None and child.pid not in killed:
                killed.append(child.pid)
                child.kill()

    library, report = _refreshed(server, urls, processes=2, max_concurrent=1, progress=kill_workers)

    assert killed, "the refresh had processes to kill"
    assert report.summary() == "4 new articles from 3 feeds, 1 failed"
    assert _outcome(library) == _outcome(expected)


def test_parsing_runs_in_another_process_and_refuses_entities_there() -> None:
    workers = Workers(2, start_context())
    try:
        assert workers.running
        assert workers.call(os.getpid) != os.getpid()
        bomb = (
            b'<!DOCTYPE rss [<!ENTITY big "'
            + b"x" * 1000
            + b'">]><rss><channel><title>&big;</title></channel></rss>'
        )
        with pytest.raises(FeedError, match="entities"):
            workers.call(parse_job, bomb, "http://127.0.0.1/bomb", "", None, True)
        parsed = workers.call(
            parse_job,
            rss([Item("Bridge closes", "http://127.0.0.1/a")]).encode(),
            "http://127.0.0.1/f",
            "",
            None,
            True,
        )
        [draft] = parsed.feed.drafts
        assert draft.headline == "Bridge closes" and draft.url == "http://127.0.0.1/a"
        assert not parsed.texts_sent, "no grouper to send the text to"
    finally:
        workers.close()
    assert not workers.running
    assert workers.call(os.getpid) == os.getpid(), "a closed pool works in the calling thread"


def test_the_grouper_plans_with_the_texts_parsing_processes_sent_it() -> None:
    items = [Item(h, f"http://127.0.0.1/{n}", f"<p>{lead}</p>") for n, (h, lead) in enumerate(STORIES)]
    context = start_context()
    grouper = Grouper(True, context)
    workers = Workers(2, context, grouper_inbox=grouper.inbox)
    try:
        assert grouper.running
        parsed = workers.call(parse_job, rss(items).encode(), "http://127.0.0.1/f", "", None, True)
        assert parsed.texts_sent
        placings = [Placing(d.id, d.date, d.headline, d.paragraphs) for d in parsed.feed.drafts if d.id]
        plan = grouper.plan([], placings, ["http://127.0.0.1/f"] * len(placings), 1)()
    finally:
        workers.close()
        grouper.close()
    assert not grouper.running
    assert plan == plan_grouping([], placings)
    assert len(set(plan.assignments.values())) == 2


def test_the_grouper_plans_without_texts_that_never_come() -> None:
    placings = [Placing(f"a{n}", None, h, (lead,)) for n, (h, lead) in enumerate(STORIES)]
    grouper = Grouper(True, start_context(), texts_wait=0.2)
    try:
        # told of texts that were never sent: it plans with what it has...
        plan = grouper.plan([], placings, [None] * len(placings), 1)()
        # ...or, when the texts it is referred to are missing, the refresh plans here
        missing = grouper.plan([], placings, ["http://127.0.0.1/gone"] * len(placings), 0)()
    finally:
        grouper.close()
    assert plan == missing == plan_grouping([], placings)
