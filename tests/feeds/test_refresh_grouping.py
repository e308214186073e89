"""A refresh works out grouping terms in its fetching threads, ahead of
grouping; the events it makes must be those grouping the same articles
afterwards makes, and terms that no longer fit an article must be ignored."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from store import Library, StoreError
from store.coverage.grouping import TermsCache, group_articles
from store.feeds.feedparse import parse_feed
from store.feeds.refresh import refresh
from store.feeds.subscriptions import add_feed
from tests.feeds.conftest import FAST
from tests.feeds.samples import Item, rss
from tests.feeds.server import FeedServer

EVAL_ARTICLES = Path(__file__).resolve().parent.parent / "coverage" / "eval" / "articles"


def _feeds(server: FeedServer) -> list[bytes]:
    """The evaluation articles (several reports of each event) split over two outlets' feeds."""
    items: list[list[Item]] = [[], []]
    for n, path in enumerate(sorted(EVAL_ARTICLES.glob("*.txt"))):
        first, *paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        _, day, headline = first.split(" ", 2)
        date = dt.date.fromisoformat(day).strftime("%a, %d %b %Y 10:00:00 GMT")
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        items[n % 2].append(Item(headline, server.url(f"/story/{n}"), body, date))
    return [rss(found, title=f"Outlet {n}").encode() for n, found in enumerate(items)]


def _subscribed(library: Library, server: FeedServer) -> tuple[list[bytes], list[str]]:
    """The evaluation feeds served, and the library subscribed to them."""
    feeds = _feeds(server)
    urls = [server.add(f"/feed-{n}.xml", data) for n, data in enumerate(feeds)]
    for url in urls:
        add_feed(library, url)
    return feeds, urls


def _events(library: Library) -> Counter[tuple[str, frozenset[str]]]:
    return Counter((e.title, frozenset(e.article_ids)) for e in library.events())


def test_a_refresh_groups_as_grouping_the_stored_articles_afterwards(
    library: Library, server: FeedServer
) -> None:
    feeds, urls = _subscribed(library, server)

    report = refresh(library, limits=FAST)

    plain = Library.memory()
    drafts = [d for url, data in zip(urls, feeds, strict=True) for d in parse_feed(data, url=url).drafts]
    group_articles(plain, [a.id for a in plain.add_articles(drafts).added])
    assert report.new_articles == len(drafts) > 20
    assert 1 < len(library.events()) < len(drafts), "reports of one event are grouped together"
    assert _events(library) == _events(plain)


def test_terms_kept_for_an_article_that_changed_are_not_used(server: FeedServer) -> None:
    feeds = _feeds(server)
    drafts = [d for n, data in enumerate(feeds) for d in parse_feed(data, url=server.url(f"/{n}")).drafts]
    plain, cached = Library.memory(), Library.memory()
    group_articles(plain, [a.id for a in plain.add_articles(drafts).added])
    added = cached.add_articles(drafts).added
    # Each article's entry holds another article's headline, lead and terms.
    others = {a.id: other for a, other in zip(added, [*drafts[1:], drafts[0]], strict=True)}
    stale: TermsCache = {}
    for article_id, other in others.items():
        lead = tuple(other.paragraphs[:4])
        stale[article_id] = (other.headline, lead, Counter({"unrelated": 5}), ("@nobody",))
    group_articles(cached, [a.id for a in added], terms=stale)
    assert _events(cached) == _events(plain)


def test_articles_a_stopped_refresh_stored_but_never_grouped_are_grouped_by_the_next(
    library: Library, server: FeedServer
) -> None:
    feeds, urls = _subscribed(library, server)
    # What a refresh stopped between storing and grouping leaves behind.
    stored = library.add_articles(parse_feed(feeds[0], url=urls[0]).drafts).added
    assert all(a.event_id is None for a in stored) and not library.events()

    refresh(library, limits=FAST)

    assert all(library.article(a.id).event_id is not None for a in stored)
    listed = {i for e in library.events() for i in e.article_ids}
    assert {a.id for a in stored} <= listed


def test_stories_changed_while_a_refresh_planned_its_grouping_are_grouped_afresh(
    library: Library, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.feeds.refresh

    def stale_plan(*args: object, **kwargs: object) -> None:
        raise StoreError("no event with id 'merged-meanwhile'")

    monkeypatch.setattr(store.feeds.refresh, "save_plan", stale_plan)
    _subscribed(library, server)

    report = refresh(library, limits=FAST)

    assert report.new_articles > 20
    assert all(a.event_id is not None for a in library.articles())
    assert 1 < len(library.events()) < report.new_articles
