"""Feed bytes to article drafts: RSS and Atom (through feedparser) and JSON
Feed (its spec is small enough to read directly; feedparser 6.0 does not).

Everything in a feed is untrusted. XML is screened with defusedxml before
feedparser sees it, so entity-expansion payloads (billion laughs, one large
entity referenced thousands of times) and external entities are refused
outright instead of being expanded or fetched. Titles and bodies become
plain paragraphs with control characters removed: no markup is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import defusedxml
import defusedxml.ElementTree
import feedparser
import lxml.etree
import lxml.html
import orjson

from store.fetching import ALLOWED_SCHEMES, FetchError
from store.model import ArticleDraft, article_id_for
from store.textclean import clean_text, split_paragraphs, strip_control

MAX_TITLE = 500
"""Characters of headline kept; feeds have been seen with whole bodies there."""

BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure"),
        *("footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p"),
        *("pre", "section", "table", "tbody", "td", "th", "tr", "ul"),
    }
)
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math"})
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


class FeedError(FetchError):
    """Bytes that are not a feed we can read, with a one-line reason."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a feed says about itself, and its items as drafts."""

    title: str
    link: str | None
    drafts: tuple[ArticleDraft, ...]


def parse_feed(data: bytes, *, url: str, content_type: str = "", outlet: str | None = None) -> ParsedFeed:
    """Turn a feed's bytes into drafts; FeedError when they are not a feed.

    `outlet` names the outlet of every item; without it the feed's own
    title is used, then its domain.
    """
    if not data.strip():
        raise FeedError("the response is empty, not a feed")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type.endswith("json") or data.lstrip()[:1] == b"{":
        return _parse_json_feed(data, url=url, outlet=outlet)
    if _looks_like_html(data, media_type):
        raise FeedError(_html_reason(data, url))
    screen_xml(data)
    parsed = feedparser.parse(
        io.BytesIO(data),  # never a str or bytes: feedparser would treat those as a path or URL
        response_headers={"content-type": content_type or "application/xml", "content-location": url},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = [e for e in parsed.get("entries", ()) if e.get("title") or e.get("link") or e.get("summary")]
    if not parsed.get("version") and not entries:
        raise FeedError(f"not a feed: {_bozo_reason(parsed)}")
    if (
        not entries
        and parsed.get("bozo")
        and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride)
    ):
        raise FeedError(f"malformed feed: {_bozo_reason(parsed)}")
    channel = parsed.get("feed", {})
    title = _plain_title(channel.get("title", ""), channel.get("title_detail", {}).get("type", ""))
    link = _safe_link(channel.get("link"), url)
    name = outlet or title or _domain(link or url)
    language = channel.get("language") or None
    drafts = tuple(_draft_from_entry(e, feed_url=url, outlet=name, language=language) for e in entries)
    return ParsedFeed(title=title, link=link, drafts=drafts)


def screen_xml(data: bytes) -> None:
    """Refuse XML that declares entities or reaches for external ones.

    Runs expat through defusedxml, which stops at the first entity
    declaration, so a payload is refused before anything is expanded.
    Other XML errors are left for feedparser, which recovers from many.
    """
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden:
        raise FeedError("the feed declares XML entities (refused: entity expansion is unsafe)") from None
    except defusedxml.ExternalReferenceForbidden:
        raise FeedError("the feed refers to an external XML entity (refused)") from None
    except defusedxml.DefusedXmlException as failure:
        raise FeedError(f"unsafe XML refused ({type(failure).__name__})") from None
    except (defusedxml.ElementTree.ParseError, ValueError, LookupError):
        # expat could not read it (malformed, or a multi-byte encoding it
        # lacks, which feedparser transcodes first): refuse any entity
        # declaration it may be hiding, in ASCII-compatible or UTF-16/32 form.
        if _ENTITY_DECLARATION.search(data) or _ENTITY_DECLARATION.search(data.replace(b"\x00", b"")):
            raise FeedError("the feed declares XML entities (refused: entity expansion is unsafe)") from None


def html_to_paragraphs(html: str) -> tuple[str, ...]:
    """Plain paragraphs from an HTML fragment: block elements and blank
    lines separate paragraphs, `<br>` becomes a space, scripts and styles
    are dropped, and whitespace and control characters are cleaned."""
    if "<" not in html and "&" not in html:
        return text_to_paragraphs(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return text_to_paragraphs(html)
    lxml.etree.strip_elements(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False)
    pieces: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in SKIPPED_TAGS:
                skipping += 1
            elif not skipping:
                if tag in BLOCK_TAGS:
                    pieces.append("\n\n")
                elif tag == "br":
                    pieces.append("\n")
                if element.text:
                    pieces.append(element.text)
            continue
        if tag in SKIPPED_TAGS:
            skipping -= 1
        elif not skipping and tag in BLOCK_TAGS:
            pieces.append("\n\n")
        if not skipping and element.tail and element is not root:
            pieces.append(element.tail)
    return text_to_paragraphs("".join(pieces))


def text_to_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of plain text split on blank lines, whitespace collapsed."""
    return tuple(split_paragraphs(clean_text(text)))


def article_id_for_link(link: str) -> str:
    """The id of the article at `link`, so that the same story met again in a
    feed, another feed or `dateline import URL` is stored once, even if its
    summary was edited in between."""
    return article_id_for("link", link, ())


def plausible_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    """The date, unless it is impossible for a published story (before 1800
    or more than two days ahead): those import as date unknown."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if day.year < 1800 or day > dt.date.today() + dt.timedelta(days=2):
        return None
    return day


def domain_of(url: str) -> str:
    """The host of a URL without `www.`, as an outlet name of last resort."""
    return _domain(url)


# -- RSS and Atom --------------------------------------------------------


def _draft_from_entry(
    entry: dict[str, Any], *, feed_url: str, outlet: str, language: str | None
) -> ArticleDraft:
    link = _safe_link(entry.get("link"), feed_url)
    paragraphs = _entry_body(entry)
    headline = _plain_title(entry.get("title", ""), entry.get("title_detail", {}).get("type", ""))
    if not headline:
        headline = _headline_from(paragraphs) or "(untitled)"
    # dict.get, not FeedParserDict.get: the latter maps updated to published with a warning.
    when = next(
        (
            dict.get(entry, k)
            for k in ("published_parsed", "updated_parsed", "created_parsed")
            if dict.get(entry, k)
        ),
        None,
    )
    return ArticleDraft(
        headline=headline,
        paragraphs=paragraphs,
        date=plausible_date(_struct_date(when)),
        outlet_name=outlet,
        url=link,
        source=feed_url,
        lang=entry.get("language") or language,
        id=_item_id(link, entry.get("id"), feed_url),
    )


def _entry_body(entry: Mapping[str, Any]) -> tuple[str, ...]:
    """The fullest body the entry carries: its content, else its summary."""
    candidates: list[tuple[str, str]] = [
        (c.get("value", ""), c.get("type", "")) for c in entry.get("content", ()) if c.get("value")
    ]
    if entry.get("summary"):
        candidates.append((entry["summary"], entry.get("summary_detail", {}).get("type", "")))
    if not candidates:
        return ()
    value, kind = max(candidates, key=lambda c: len(c[0]))
    return text_to_paragraphs(value) if kind == "text/plain" else html_to_paragraphs(value)


def _struct_date(value: time.struct_time | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except (ValueError, AttributeError, TypeError):
        return None


def _bozo_reason(parsed: Mapping[str, Any]) -> str:
    failure = parsed.get("bozo_exception")
    if failure is None:
        return "no feed elements found"
    return " ".join(str(failure).removeprefix("<unknown>:").split())[:200]


# -- JSON Feed -----------------------------------------------------------


def _parse_json_feed(data: bytes, *, url: str, outlet: str | None) -> ParsedFeed:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as failure:
        raise FeedError(f"malformed JSON feed: {failure}") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError("malformed JSON feed: `items` is not a list")
    title = _plain_title(_text(document.get("title")), "text/plain")
    link = _safe_link(_text(document.get("home_page_url")), url)
    name = outlet or title or _domain(link or url)
    language = _text(document.get("language")) or None
    drafts = tuple(
        _draft_from_json_item(item, feed_url=url, outlet=name, language=language)
        for item in items
        if isinstance(item, dict)
    )
    return ParsedFeed(title=title, link=link, drafts=drafts)


def _draft_from_json_item(
    item: Mapping[str, Any], *, feed_url: str, outlet: str, language: str | None
) -> ArticleDraft:
    link = _safe_link(_text(item.get("url")), feed_url)
    html, text, summary = (_text(item.get(k)) for k in ("content_html", "content_text", "summary"))
    if html and len(html) >= len(text):
        paragraphs = html_to_paragraphs(html)
    else:
        paragraphs = text_to_paragraphs(text or summary)
    headline = (
        _plain_title(_text(item.get("title")), "text/plain") or _headline_from(paragraphs) or "(untitled)"
    )
    return ArticleDraft(
        headline=headline,
        paragraphs=paragraphs,
        date=plausible_date(_iso_date(_text(item.get("date_published")) or _text(item.get("date_modified")))),
        outlet_name=outlet,
        url=link,
        source=feed_url,
        lang=_text(item.get("language")) or language,
        id=_item_id(link, _text(item.get("id")), feed_url),
    )


def _iso_date(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, int | float) else ""


# -- shared --------------------------------------------------------------


def _plain_title(value: str, kind: str) -> str:
    if not value:
        return ""
    parts = text_to_paragraphs(value) if kind == "text/plain" else html_to_paragraphs(value)
    return " ".join(parts)[:MAX_TITLE]


def _headline_from(paragraphs: Iterable[str]) -> str:
    first = next(iter(paragraphs), "")
    return first if len(first) <= 100 else first[:99].rsplit(" ", 1)[0] + "…"


def _safe_link(value: object, base: str) -> str | None:
    """An absolute http(s) link, or None: a `javascript:` or `file:` link in
    a feed must never become something the reader opens."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        link = urljoin(base, strip_control(value).strip())
        parts = urlsplit(link)
    except ValueError:
        return None
    return link if parts.scheme.lower() in ALLOWED_SCHEMES and parts.hostname else None


def _item_id(link: str | None, guid: object, feed_url: str) -> str | None:
    if link:
        return article_id_for_link(link)
    if isinstance(guid, str) and guid.strip():
        return article_id_for("guid", feed_url, (guid.strip(),))
    return None


def _domain(url: str) -> str:
    try:
        host = urlsplit(url).hostname or url
    except ValueError:
        return url
    return host.removeprefix("www.")


def _looks_like_html(data: bytes, media_type: str) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or (
        media_type in {"text/html", "application/xhtml+xml"} and b"<rss" not in head and b"<feed" not in head
    )


def _html_reason(data: bytes, url: str) -> str:
    """Say it is a web page, and point at its feed when it advertises one."""
    reason = "this is a web page (HTML), not a feed"
    try:
        page = lxml.html.document_fromstring(data[: 512 * 1024])
    except (lxml.etree.ParserError, ValueError):
        return reason
    for link in page.iterfind(".//link[@rel]"):
        kind = (link.get("type") or "").lower()
        if "alternate" in link.get("rel", "").lower().split() and (
            "rss" in kind or "atom" in kind or "json" in kind
        ):
            found = _safe_link(link.get("href"), url)
            if found:
                return f"{reason}; the page names a feed at {found}"
    return reason
