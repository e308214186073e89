"""Feed bytes to article drafts: RSS and Atom (through feedparser) and JSON
Feed (its spec is small enough to read directly; feedparser 6.0 does not).

Plain RSS 2.0 in UTF-8, the common case, is read from the tree the safety
screen has already built, without feedparser: feedparser's SAX callbacks
cost about three times the rest of a refresh's parsing. That fast path
reads only what it can read exactly as feedparser would (see
`read_plain_rss`) and hands anything else to feedparser, so the drafts are
the same either way (tests/feeds/test_fast_path.py holds the two to that).

Everything in a feed is untrusted. XML is screened with defusedxml before
feedparser sees it, so entity-expansion payloads (billion laughs, one large
entity referenced thousands of times) and external entities are refused
outright instead of being expanded or fetched. Titles and bodies become
plain paragraphs with control characters removed: no markup is kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import defusedxml
import defusedxml.ElementTree
import feedparser
import feedparser.mixin
import lxml.etree
import lxml.html
import orjson

from store.errors import FeedError
from store.feeds.fetching import ALLOWED_SCHEMES
from store.model import ArticleDraft, article_id_for
from store.text.clean import clean_text, split_paragraphs, strip_control

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


_PLAIN_TEXT = r"[^<>&\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]*"
"""Text the HTML parser hands on unchanged: no markup, no entity, none of
the characters it replaces or rewrites (NUL, carriage returns...)."""
_SIMPLE_PARAGRAPH = re.compile(rf"<p>({_PLAIN_TEXT})</p>")
_SIMPLE_PARAGRAPHS = re.compile(rf"(?:<p>{_PLAIN_TEXT}</p>)+")
_FEEDPARSER_CP1252 = feedparser.mixin._cp1252  # noqa: SLF001 - the table its parser applies to every text


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
    tree = screen_xml(data)
    if tree is not None:
        fast = read_plain_rss(tree, data, url=url, content_type=content_type, outlet=outlet)
        if fast is not None:
            return fast
    return parse_with_feedparser(data, url=url, content_type=content_type, outlet=outlet)


def parse_with_feedparser(data: bytes, *, url: str, content_type: str, outlet: str | None) -> ParsedFeed:
    """The feed as feedparser reads it: the general path, which `parse_feed`
    takes whenever the fast path (`read_plain_rss`) declines."""
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


def screen_xml(data: bytes) -> ElementTree.Element | None:
    """Refuse XML that declares entities or reaches for external ones; the
    document's tree when expat could read it, else None.

    Runs expat through defusedxml, which stops at the first entity
    declaration, so a payload is refused before anything is expanded.
    Other XML errors are left for feedparser, which recovers from many.
    """
    try:
        return defusedxml.ElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
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
        return None


def html_to_paragraphs(html: str) -> tuple[str, ...]:
    """Plain paragraphs from an HTML fragment: block elements and blank
    lines separate paragraphs, `<br>` becomes a space, scripts and styles
    are dropped, and whitespace and control characters are cleaned."""
    if "<" not in html and "&" not in html:
        return text_to_paragraphs(html)
    if _SIMPLE_PARAGRAPHS.fullmatch(html):
        # Plain text in <p> elements and nothing else (most feeds' bodies):
        # the same string the walk below would build, without lxml.
        texts = _SIMPLE_PARAGRAPH.findall(html)
        return text_to_paragraphs("\n\n" + "".join(f"\n\n{t}\n\n" for t in texts) + "\n\n")
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


# -- plain RSS 2.0, without feedparser ---------------------------------

_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
_CHANNEL_TEXT = frozenset({"title", "link", "language"})
_CHANNEL_IGNORED = frozenset(
    {
        *("description", "pubDate", "lastBuildDate", "generator", "docs", "ttl", "copyright"),
        *("managingEditor", "webMaster", "category"),
    }
)
_ITEM_TEXT = frozenset({"title", "link", "description", _CONTENT_ENCODED, "pubDate"})
_ITEM_IGNORED = frozenset(
    {"guid", "author", "category", "comments", "{http://purl.org/dc/elements/1.1/}creator"}
)
_UTF8_PROLOG = re.compile(
    rb"""<\?xml\s+version\s*=\s*["']1\.0["'](\s+encoding\s*=\s*["']utf-?8["'])?"""
    rb"""(\s+standalone\s*=\s*["'](yes|no)["'])?\s*\?>""",
    re.IGNORECASE,
)
SIMPLE_LINK = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/%-]*)?")
"""An absolute link that urljoin, the entity fixes and `_safe_link` all
hand back as it is: lower-case scheme, a host, a path, nothing else."""
_PLAIN_LINK = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/\S*)?")
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([0-9]{4}) ([0-9]{2}):([0-9]{2})(?::([0-9]{2}))? (GMT|UTC?|Z|[+-][0-9]{4})"
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
    )
}
_LINK_ENTITY = re.compile(r"&([A-Za-z0-9_]+);")


class _NotPlain(Exception):
    """The feed has something the fast path does not read like feedparser."""


def read_plain_rss(
    root: ElementTree.Element, data: bytes, *, url: str, content_type: str, outlet: str | None
) -> ParsedFeed | None:
    """The feed read as feedparser would read it, or None when it is not
    plain RSS 2.0 in UTF-8 (other formats, encodings, namespaces,
    attributes, markup inside text elements, unusual dates or links,
    empty or repeated fields): those go to feedparser."""
    if root.tag != "rss" or root.attrib != {"version": "2.0"} or len(root) != 1 or root[0].tag != "channel":
        return None
    if not _is_utf8(data, content_type):
        return None
    channel = root[0]
    try:
        fields, items = _channel_fields(channel)
        if not items:
            return None
        title_text = fields.get("title", "")
        title = _plain_title(title_text, _rss_text_kind(title_text))
        link = None
        if "link" in fields:
            link = _safe_link(_LINK_ENTITY.sub(r"&\g<1>", _resolved(fields["link"], url)), url)
            if link is None:
                return None
        name = outlet or title or _domain(link or url)
        language = fields.get("language") or None
        drafts = tuple(_plain_item(item, feed_url=url, outlet=name, language=language) for item in items)
    except _NotPlain:
        return None
    return ParsedFeed(title=title, link=link, drafts=drafts)


def _channel_fields(channel: ElementTree.Element) -> tuple[dict[str, str], list[ElementTree.Element]]:
    fields: dict[str, str] = {}
    items: list[ElementTree.Element] = []
    for child in channel:
        tag = child.tag
        if tag == "item":
            if child.attrib:
                raise _NotPlain
            items.append(child)
        elif tag in _CHANNEL_TEXT:
            if tag in fields:
                raise _NotPlain
            fields[tag] = _leaf_text(child)
        elif tag in _CHANNEL_IGNORED:
            _leaf_text(child, attributes={"domain"} if tag == "category" else ())
        elif tag == _ATOM_LINK and child.get("rel") == "self" and child.get("href") and not len(child):
            continue  # the feed's own address: feedparser files it under `links` only
        else:
            raise _NotPlain
    return fields, items


def _plain_item(
    item: ElementTree.Element, *, feed_url: str, outlet: str, language: str | None
) -> ArticleDraft:
    fields: dict[str, str] = {}
    for child in item:
        tag = child.tag
        if tag in _ITEM_TEXT:
            if tag in fields:
                raise _NotPlain
            fields[tag] = _leaf_text(child)
        elif tag in _ITEM_IGNORED:
            allowed = {"isPermaLink"} if tag == "guid" else {"domain"} if tag == "category" else set()
            _leaf_text(child, attributes=allowed)
        else:
            raise _NotPlain
    raw_link = fields.get("link", "")
    # A simple link is what resolving and screening it would give back.
    link = raw_link if SIMPLE_LINK.fullmatch(raw_link) else item_link(raw_link, feed_url)
    summary, content = fields.get("description", ""), fields.get(_CONTENT_ENCODED, "")
    if summary and content and len(summary) == len(content) and summary != content:
        raise _NotPlain  # which one feedparser keeps depends on the order of earlier items
    body = content if len(content) >= len(summary) else summary
    paragraphs = html_to_paragraphs(body) if body else ()
    title_text = fields.get("title", "")
    headline = (
        _plain_title(title_text, _rss_text_kind(title_text)) or _headline_from(paragraphs) or "(untitled)"
    )
    published = fields.get("pubDate")
    return ArticleDraft(
        headline=headline,
        paragraphs=paragraphs,
        date=plausible_date(_rfc822_utc_date(published)) if published is not None else None,
        outlet_name=outlet,
        url=link,
        source=feed_url,
        lang=language,
        id=article_id_for_link(link),
    )


def item_link(raw_link: str, feed_url: str) -> str:
    """An item's link as feedparser would give it, for the fast path."""
    if not _PLAIN_LINK.fullmatch(raw_link):
        raise _NotPlain
    link = _safe_link(
        _LINK_ENTITY.sub(r"&\g<1>", _resolved(raw_link, feed_url).replace("&amp;", "&")), feed_url
    )
    if link is None:
        raise _NotPlain
    return link


def _leaf_text(element: ElementTree.Element, attributes: Iterable[str] = ()) -> str:
    """The element's text as feedparser hands it on: stripped, with its
    fixes for UTF-8 read as Latin-1 and for Windows-1252 code points."""
    if len(element) or not set(element.attrib) <= set(attributes):
        raise _NotPlain
    text = (element.text or "").strip()
    if text.isascii():
        return text
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_FEEDPARSER_CP1252)


def _rss_text_kind(text: str) -> str:
    """feedparser's guess for an RSS title: plain text unless it looks like HTML."""
    looks_like_html = feedparser.mixin._FeedParserMixin.looks_like_html  # noqa: SLF001
    return "text/html" if looks_like_html(text) else "text/plain"


def _resolved(link: str, base: str) -> str:
    """The link made absolute against the feed's URL, as feedparser does
    before handing it on (only plain http(s) links reach this)."""
    if not _PLAIN_LINK.fullmatch(link):
        raise _NotPlain
    return urljoin(base, link)


def _rfc822_utc_date(value: str) -> dt.date | None:
    """The UTC day of an RFC 822 date in its usual form; anything else goes
    to feedparser's many date parsers."""
    found = _RFC822.fullmatch(value)
    if not found:
        raise _NotPlain
    day, month, year, hour, minute, second, zone = found.groups()
    offset = dt.timedelta(0)
    if zone[0] in "+-":
        offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * (1 if zone[0] == "+" else -1)
    try:
        when = dt.datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        raise _NotPlain from None
    return (when - offset).date()


def _is_utf8(data: bytes, content_type: str) -> bool:
    """True when both feedparser and expat read the bytes as UTF-8: no
    byte-order mark, a prolog that says UTF-8 (or nothing), and no other
    charset in the HTTP header."""
    charset = next(
        (p.split("=", 1)[1].strip().strip("\"'").lower() for p in content_type.split(";")[1:] if "=" in p),
        "",
    )
    if charset not in {"", "utf-8", "utf8"}:
        return False
    if not data.startswith(b"<?xml"):
        return data.lstrip()[:1] == b"<"
    return bool(_UTF8_PROLOG.match(data))


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
