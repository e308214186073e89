"""Builders for fixture feeds and pages, so each test shows the items it
cares about and nothing else. The benchmark uses them too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Item:
    title: str
    link: str | None = None
    body_html: str = "<p>A first paragraph.</p><p>A second paragraph.</p>"
    date: str | None = "Mon, 11 Nov 2024 10:00:00 GMT"
    guid: str | None = None


def rss(
    items: list[Item],
    *,
    title: str = "Test Outlet",
    link: str = "http://127.0.0.1/",
    encoding: str = "utf-8",
    prolog: str = "",
) -> str:
    """An RSS 2.0 document (as text; encode it as the test needs)."""
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>"]
        if item.link:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.guid:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.date:
            parts.append(f"<pubDate>{escape(item.date)}</pubDate>")
        parts.append(f"<description>{escape(item.body_html)}</description>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{prolog}'
        f'<rss version="2.0"><channel><title>{escape(title)}</title><link>{escape(link)}</link>'
        f"<language>en</language>{''.join(entries)}</channel></rss>\n"
    )


def atom(items: list[Item], *, title: str = "Atom Outlet") -> str:
    """An Atom 1.0 document; `date` is taken as RFC 3339."""
    entries = []
    for n, item in enumerate(items):
        link = f'<link rel="alternate" href="{escape(item.link, {chr(34): "&quot;"})}"/>' if item.link else ""
        updated = f"<updated>{item.date}</updated>" if item.date else ""
        entries.append(
            f"<entry><title>{escape(item.title)}</title>{link}<id>{escape(item.guid or f'urn:test:{n}')}</id>"
            f'{updated}<content type="html">{escape(item.body_html)}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:feed</id>{''.join(entries)}</feed>\n"
    )


def json_feed(items: list[Item], *, title: str = "JSON Outlet") -> bytes:
    """A JSON Feed 1.1 document; `date` is taken as RFC 3339."""
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "home_page_url": "http://127.0.0.1/",
            "items": [
                {
                    "id": item.guid or item.link or item.title,
                    **({"url": item.link} if item.link else {}),
                    "title": item.title,
                    "content_html": item.body_html,
                    **({"date_published": item.date} if item.date else {}),
                }
                for item in items
            ],
        }
    ).encode()


def article_page(
    *,
    title: str,
    paragraphs: list[str],
    site: str | None = "The Daily Test",
    date: str | None = "2024-11-11T09:00:00Z",
) -> bytes:
    """A news page with navigation and a footer around the article."""
    meta = ""
    if site:
        meta += f'<meta property="og:site_name" content="{escape(site)}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{escape(title)}</title>{meta}</head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright 2024 The Daily Test. All rights reserved. Subscribe now.</footer></body></html>"
    ).encode()
