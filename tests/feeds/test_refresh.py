"""Refreshing subscriptions from a real local server: new stories are
stored and grouped, unchanged feeds cost a 304, and a failing feed neither
stops the others nor loses anything already stored."""

from __future__ import annotations

import threading
import time

import pytest

from store import Library
from store.feeds.fetching import FetchLimits
from store.feeds.refresh import refresh
from store.feeds.subscriptions import add_feed, remove_feed, subscription, subscriptions
from tests.feeds.conftest import FAST
from tests.feeds.samples import Item, article_page, atom, json_feed, rss
from tests.feeds.server import FeedServer, Route


def _items(server: FeedServer, prefix: str, count: int) -> list[Item]:
    return [
        Item(
            f"{prefix} story {n}", server.url(f"/{prefix}/{n}"), f"<p>{prefix} body {n} about ministers.</p>"
        )
        for n in range(count)
    ]


def test_refresh_stores_new_items_from_all_three_formats(library: Library, server: FeedServer) -> None:
    add_feed(library, server.add("/rss", rss(_items(server, "rss", 3)).encode()))
    add_feed(
        library,
        server.add(
            "/atom", Route(atom(_items(server, "atom", 2)).encode(), content_type="application/atom+xml")
        ),
    )
    add_feed(
        library,
        server.add(
            "/json", Route(json_feed(_items(server, "json", 1)), content_type="application/feed+json")
        ),
    )

    report = refresh(library, limits=FAST)

    assert (report.new_articles, report.feeds, report.failures) == (6, 3, [])
    by_outlet = {library.outlet(a.outlet_id).name for a in library.articles()}  # type: ignore[union-attr]
    assert by_outlet == {"Test Outlet", "Atom Outlet", "JSON Outlet"}
    assert all(a.event_id is not None for a in library.articles()), "new stories are grouped into events"
    assert library.paragraphs(next(a.id for a in library.articles() if a.headline == "rss story 0")) == (
        "rss body 0 about ministers.",
    )
    counts = {s.url.rsplit("/", 1)[-1]: s.item_count for s in subscriptions(library)}
    assert counts == {"rss": 3, "atom": 2, "json": 1}


def test_a_second_refresh_is_conditional_and_adds_nothing(library: Library, server: FeedServer) -> None:
    url = server.add(
        "/rss",
        Route(
            rss(_items(server, "a", 2)).encode(), etag='"v1"', last_modified="Mon, 11 Nov 2024 10:00:00 GMT"
        ),
    )
    add_feed(library, url)
    assert refresh(library, limits=FAST).new_articles == 2

    again = refresh(library, limits=FAST)

    assert (again.new_articles, again.failures) == (0, [])
    second = server.requested("/rss")[-1].headers
    assert second["if-none-match"] == '"v1"'
    assert second["if-modified-since"] == "Mon, 11 Nov 2024 10:00:00 GMT"
    assert library.article_count() == 2
    assert subscription(library, url).etag == '"v1"'  # type: ignore[union-attr]


def test_refetching_an_unconditional_feed_stores_each_story_once(
    library: Library, server: FeedServer
) -> None:
    items = _items(server, "a", 2)
    url = server.add("/rss", rss(items).encode())
    add_feed(library, url)
    refresh(library, limits=FAST)
    server.add("/rss", rss([*items, Item("a new one", server.url("/a/new"))]).encode())

    assert refresh(library, limits=FAST).new_articles == 1
    assert library.article_count() == 3


def test_failing_feeds_are_reported_and_the_others_go_on(library: Library, server: FeedServer) -> None:
    good = server.add("/good", rss(_items(server, "good", 2)).encode())
    add_feed(library, good)
    refresh(library, limits=FAST)
    stored = {a.id for a in library.articles()}
    server.add("/good", rss(_items(server, "good", 3)).encode())
    server.add("/loop", Route(status=302, headers={"Location": "/loop"}))
    bad = {
        server.url("/missing"): "HTTP 404",
        server.add("/error", Route(b"boom", status=500)): "HTTP 500",
        server.add("/slow", Route(rss([]).encode(), delay=1.0)): "timed out",
        server.url("/loop"): "redirect loop",
        server.add(
            "/page", Route(b"<!DOCTYPE html><html><body>hi</body></html>", content_type="text/html")
        ): "web page",
        server.add("/broken", b"<rss><channel><item><title>cut off"): "malformed",
        server.add("/huge", b"<rss>" + b" " * FAST.max_bytes + b"</rss>"): "too large",
        server.add(
            "/bomb",
            rss([Item("&a;", "http://127.0.0.1/x")], prolog='<!DOCTYPE rss [<!ENTITY a "aaaa">]>')
            .replace("&amp;a;", "&a;")
            .encode(),
        ): "entities",
    }
    for url in bad:
        add_feed(library, url)

    report = refresh(library, limits=FAST)

    assert report.new_articles == 1 and report.feeds == 1 + len(bad)
    reasons = dict(report.failures)
    assert set(reasons) == set(bad)
    for url, expected in bad.items():
        assert expected in reasons[url], (url, reasons[url])
        assert subscription(library, url).last_error == reasons[url]  # type: ignore[union-attr]
    assert stored < {a.id for a in library.articles()}, "nothing stored before was lost"
    assert subscription(library, good).last_error is None  # type: ignore[union-attr]


def test_a_feed_that_recovers_clears_its_error(library: Library, server: FeedServer) -> None:
    url = server.add("/flaky", Route(b"", status=500))
    add_feed(library, url)
    refresh(library, limits=FAST)
    assert subscription(library, url).last_error == "HTTP 500 Internal Server Error"  # type: ignore[union-attr]
    server.add("/flaky", rss(_items(server, "f", 1)).encode())

    assert refresh(library, limits=FAST).failures == []
    assert subscription(library, url).last_error is None  # type: ignore[union-attr]


def test_progress_is_reported_per_feed_from_a_worker_thread(library: Library, server: FeedServer) -> None:
    urls = [server.add(f"/f{n}", rss(_items(server, f"f{n}", 1)).encode()) for n in range(5)]
    for url in urls:
        add_feed(library, url)
    seen: list[tuple[int, int, str]] = []
    reports = []
    worker = threading.Thread(
        target=lambda: reports.append(refresh(library, progress=lambda *a: seen.append(a), limits=FAST))
    )
    worker.start()
    worker.join(timeout=10)

    assert reports and reports[0].new_articles == 5
    assert [done for done, _, _ in seen] == [1, 2, 3, 4, 5]
    assert {total for _, total, _ in seen} == {5}
    assert sorted(url for _, _, url in seen) == sorted(urls)


def test_refreshing_named_urls_only(library: Library, server: FeedServer) -> None:
    first = server.add("/one", rss(_items(server, "one", 1)).encode())
    second = server.add("/two", rss(_items(server, "two", 1)).encode())
    add_feed(library, first)
    add_feed(library, second)

    report = refresh(library, [first, server.url("/unknown")], limits=FAST)

    assert report.new_articles == 1 and not server.requested("/two")
    assert report.failures == [
        (server.url("/unknown"), "not subscribed (add it with `dateline feeds add URL`)")
    ]


def test_full_text_feeds_fetch_each_new_items_page(library: Library, server: FeedServer) -> None:
    page_text = [
        "The Kremlin on Monday denied a report that the two leaders had spoken by phone last week.",
        "Dmitry Peskov told reporters there had been no conversation at all, calling the story pure fiction.",
    ]
    link = server.add(
        "/story",
        Route(article_page(title="Kremlin denies call", paragraphs=page_text), content_type="text/html"),
    )
    url = server.add("/summaries", rss([Item("Kremlin denies call", link, "<p>Short summary.</p>")]).encode())
    add_feed(library, url, full_text=True)

    refresh(library, limits=FAST)

    [article] = library.articles()
    assert library.paragraphs(article.id) == tuple(page_text)
    refresh(library, limits=FAST)
    assert len(server.requested("/story")) == 1, "pages of stored stories are not fetched again"


def test_removing_a_feed_keeps_its_articles(library: Library, server: FeedServer) -> None:
    url = server.add("/rss", rss(_items(server, "a", 2)).encode())
    add_feed(library, url)
    refresh(library, limits=FAST)

    remove_feed(library, url)

    assert subscriptions(library) == [] and library.article_count() == 2


def test_an_interrupted_refresh_keeps_what_finished_and_does_not_wait(
    library: Library, server: FeedServer
) -> None:
    fast = server.add("/fast", rss(_items(server, "fast", 2)).encode())
    add_feed(library, fast)
    add_feed(library, server.add("/stuck", Route(rss([]).encode(), delay=3.0)))

    def interrupt(done: int, total: int, url: str) -> None:
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        refresh(library, progress=interrupt, limits=FetchLimits(timeout=10))

    assert time.monotonic() - started < 2.5, "the stuck feed's fetch is not waited for"
    assert library.article_count() == 2
    assert subscription(library, fast).last_refresh is not None  # type: ignore[union-attr]


def test_an_external_entity_in_a_feed_is_never_fetched(library: Library, server: FeedServer) -> None:
    secret = server.add("/secret", b"TOP-SECRET")
    prolog = f'<!DOCTYPE rss [<!ENTITY ext SYSTEM "{secret}">]>'
    feed = rss([Item("&ext;", server.url("/a"))], prolog=prolog).replace("&amp;ext;", "&ext;")
    url = server.add("/xxe", feed.encode())
    add_feed(library, url)

    report = refresh(library, limits=FAST)

    assert [u for u, _ in report.failures] == [url]
    assert server.requested("/secret") == []
    assert library.article_count() == 0


def test_full_text_pages_past_the_time_budget_wait_for_the_next_refresh(
    library: Library, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ["A full paragraph of the story, long enough to count as article text for the extractor."] * 2
    link = server.add("/story", Route(article_page(title="Story", paragraphs=text), content_type="text/html"))
    url = server.add("/feed", Route(rss([Item("Story", link, "<p>Summary.</p>")]).encode(), etag='"v1"'))
    add_feed(library, url, full_text=True)
    monkeypatch.setattr("store.feeds.refresh.FULL_TEXT_BUDGET", -1.0)

    first = refresh(library, limits=FAST)

    assert (first.new_articles, first.failures, library.article_count()) == (0, [], 0)
    assert subscription(library, url).etag is None  # type: ignore[union-attr]
    monkeypatch.setattr("store.feeds.refresh.FULL_TEXT_BUDGET", 60.0)
    assert refresh(library, limits=FAST).new_articles == 1
    assert "if-none-match" not in server.requested("/feed")[-1].headers
    [article] = library.articles()
    assert library.paragraphs(article.id)[0].startswith("A full paragraph")


def test_settings_changed_during_a_refresh_are_kept(library: Library, server: FeedServer) -> None:
    url = server.add("/rss", rss(_items(server, "a", 1)).encode())
    add_feed(library, url)

    def rename_midway(done: int, total: int, finished: str) -> None:
        add_feed(library, url, outlet="Renamed meanwhile")

    refresh(library, progress=rename_midway, limits=FAST)

    assert subscription(library, url).outlet == "Renamed meanwhile"  # type: ignore[union-attr]
