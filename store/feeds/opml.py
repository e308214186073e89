"""Subscriptions in and out as OPML, the format every feed reader exchanges.

Reading goes through defusedxml (an OPML file is as untrusted as a feed).
Each feed is an `<outline>` with `xmlUrl`; nested outlines (folders) are
flattened. Dateline's own settings ride along as extra attributes, which
OPML allows: `outlet` and `fullText`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path

import defusedxml
import defusedxml.ElementTree

from store.db.user_files import read_user_file, write_user_file
from store.errors import FetchError, StoreError, UnreadableFileError
from store.feeds.fetching import check_url
from store.feeds.subscriptions import Subscription, add_feed, subscription, subscriptions
from store.library import Library
from store.text.clean import strip_control

MAX_OPML_BYTES = 16 * 1024 * 1024


@dataclass
class OpmlImport:
    """What importing an OPML file did."""

    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def read_opml(data: bytes, name: str = "OPML") -> tuple[list[Subscription], list[tuple[str, str]]]:
    """The feeds in an OPML document (as subscriptions not yet stored), and
    (url, reason) for each outline refused.

    StoreError if the document is not OPML at all.
    """
    try:
        root = defusedxml.ElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException:
        raise StoreError(f"{name}: declares XML entities (refused as unsafe)") from None
    except (ET.ParseError, ValueError) as failure:
        raise StoreError(f"{name}: not valid XML ({failure})") from None
    if _local(root.tag) != "opml":
        raise StoreError(f"{name}: not an OPML file (its root element is <{_local(root.tag)}>)")
    feeds: list[Subscription] = []
    refused: list[tuple[str, str]] = []
    for outline in root.iter():
        if _local(outline.tag) != "outline":
            continue
        url = _attr(outline, "xmlUrl") or _attr(outline, "xmlurl")
        if not url:
            continue  # a folder
        try:
            url = check_url(url)
        except FetchError as failure:
            refused.append((url, str(failure)))
            continue
        feeds.append(
            Subscription(
                url=url,
                title=_attr(outline, "title") or _attr(outline, "text").replace(url, ""),
                outlet=_attr(outline, "outlet") or None,
                full_text=_attr(outline, "fullText").lower() in {"true", "1", "yes"},
            )
        )
    return feeds, refused


def import_opml(library: Library, path: str | Path) -> OpmlImport:
    """Subscribe to every feed in an OPML file; feeds already subscribed
    keep their settings."""
    path = Path(path)
    try:
        data = read_user_file(path, MAX_OPML_BYTES)
    except UnreadableFileError as failure:
        raise StoreError(f"{path}: {failure}") from None
    feeds, refused = read_opml(data, str(path))
    report = OpmlImport(skipped=refused)
    for feed in feeds:
        if subscription(library, feed.url) is not None:
            report.already.append(feed.url)
            continue
        add_feed(library, feed.url, title=feed.title, outlet=feed.outlet, full_text=feed.full_text)
        report.added.append(feed.url)
    return report


def export_opml(library: Library) -> bytes:
    """All subscriptions as an OPML 2.0 document."""
    return opml_document(subscriptions(library))


def write_opml(library: Library, path: str | Path) -> int:
    """Write all subscriptions as OPML to `path`, atomically; returns how many."""
    subs = subscriptions(library)
    write_user_file(path, opml_document(subs), example="dateline.opml")
    return len(subs)


def opml_document(subs: list[Subscription]) -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "Dateline subscriptions"
    ET.SubElement(head, "dateCreated").text = format_datetime(dt.datetime.now(dt.UTC))
    body = ET.SubElement(root, "body")
    for sub in subs:
        attributes = {"type": "rss", "text": _clean(sub.name), "title": _clean(sub.title), "xmlUrl": sub.url}
        if sub.outlet:
            attributes["outlet"] = _clean(sub.outlet)
        if sub.full_text:
            attributes["fullText"] = "true"
        ET.SubElement(body, "outline", {k: v for k, v in attributes.items() if v})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _attr(element: ET.Element, name: str) -> str:
    return " ".join(strip_control(element.get(name, "")).split())


def _clean(text: str) -> str:
    """Text XML 1.0 can carry (control characters are not allowed there)."""
    return strip_control(text).replace("\t", " ").replace("\n", " ")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
