"""One web page to one article (`fetch_article`), from a local server."""

from __future__ import annotations

import datetime as dt

import pytest

from store.errors import FetchError
from store.feeds.webpage import fetch_article
from tests.feeds.conftest import FAST
from tests.feeds.samples import article_page
from tests.feeds.server import FeedServer, Route

TEXT = [
    "The Kremlin on Monday denied a report that Donald Trump and Vladimir Putin spoke by phone last week.",
    "Dmitry Peskov, the Kremlin spokesman, told reporters that there had been no conversation at all.",
]


def test_a_page_becomes_an_article_with_full_text_outlet_and_date(server: FeedServer) -> None:
    url = server.add(
        "/story", Route(article_page(title="Kremlin denies call", paragraphs=TEXT), content_type="text/html")
    )

    draft = fetch_article(url, limits=FAST)

    assert draft.headline == "Kremlin denies call"
    assert draft.paragraphs == tuple(TEXT), "navigation and footer are left out"
    assert draft.outlet_name == "The Daily Test"
    assert draft.date == dt.date(2024, 11, 11)
    assert draft.url == url


def test_without_site_name_or_date_the_outlet_is_the_domain_and_the_date_unknown(server: FeedServer) -> None:
    page = article_page(title="Untitled wire", paragraphs=TEXT, site=None, date=None)
    url = server.add("/bare", Route(page, content_type="text/html; charset=utf-8"))

    draft = fetch_article(url.replace("127.0.0.1", "localhost"), limits=FAST)

    assert draft.outlet_name == "localhost"
    assert draft.date is None


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"%PDF-1.7", content_type="application/pdf"), "not a web page"),
        (Route(b"<html><body><nav>Home</nav></body></html>", content_type="text/html"), "no article text"),
        (Route(b"gone", status=404), "HTTP 404"),
    ],
)
def test_pages_without_an_article_are_a_clear_error(server: FeedServer, route: Route, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        fetch_article(server.add("/x", route), limits=FAST)


def test_only_http_and_https_pages() -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_article("file:///etc/passwd")
