"""One web page to one article with its full text.

trafilatura finds the article in the page (dropping navigation, footers and
comments) and reads its title, site name and date from the page's metadata.
The page is fetched through `store.fetching`, with its limits, and nothing is
fetched by the extractor itself.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import httpx

from store.errors import FetchError
from store.feeds.feedparse import article_id_for_link, domain_of, plausible_date, text_to_paragraphs
from store.feeds.fetching import DEFAULT_LIMITS, FetchLimits, FetchResult, fetch
from store.model import ArticleDraft

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})
MIN_ARTICLE_CHARS = 80
"""Less than this is a menu or a stub the extractor fell back to, not an article."""
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def fetch_article(
    url: str, *, client: httpx.Client | None = None, limits: FetchLimits = DEFAULT_LIMITS
) -> ArticleDraft:
    """The article at `url` with its full text; FetchError with a one-line
    reason when the page cannot be fetched or holds no article text."""
    page = fetch(url, client=client, accept=ACCEPT_HTML, limits=limits)
    return article_from_page(page)


def article_from_page(page: FetchResult) -> ArticleDraft:
    """The article in a fetched page (see `fetch_article`)."""
    if page.media_type not in HTML_TYPES:
        raise FetchError(f"not a web page ({page.media_type}); expected HTML")
    import trafilatura  # slow to import; only commands that read pages pay for it

    found = trafilatura.bare_extraction(
        _decoded(page),
        url=page.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        # Metadata and markup only: a guess from "Copyright 2024" is not a date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(found, "text", None) or ""
    title = " ".join((getattr(found, "title", None) or "").split())
    paragraphs = text_to_paragraphs(text.replace("\n", "\n\n"))
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if sum(map(len, paragraphs)) < MIN_ARTICLE_CHARS:
        raise FetchError("no article text found on the page")
    headline = " ".join(text_to_paragraphs(title)) or paragraphs[0][:100]
    site = " ".join(text_to_paragraphs(getattr(found, "sitename", None) or ""))
    if site.casefold() in {urlsplit(page.url).netloc.casefold(), urlsplit(page.url).hostname}:
        site = ""  # trafilatura's own fallback; ours drops the port and `www.`
    return ArticleDraft(
        headline=headline,
        paragraphs=paragraphs,
        date=plausible_date(_page_date(getattr(found, "date", None))),
        outlet_name=site or domain_of(page.url),
        url=page.url,
        source=page.url,
        lang=getattr(found, "language", None) or None,
        id=article_id_for_link(page.url),
    )


def _decoded(page: FetchResult) -> str | bytes:
    """The page as text when the server named its charset; otherwise bytes,
    and trafilatura detects the encoding from the content."""
    for param in page.content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            try:
                return page.content.decode(value.strip().strip('"'), errors="replace")
            except LookupError:
                break
    return page.content


def _page_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
