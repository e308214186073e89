"""Plain RSS read without feedparser gives the same drafts as feedparser,
and everything else still goes through feedparser."""

from __future__ import annotations

import pytest

from store.feeds.feedparse import parse_feed, parse_with_feedparser, read_plain_rss, screen_xml
from tests.feeds.samples import Item, atom, rss

URL = "http://127.0.0.1:9/feed.xml"
CONTENT_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
DC_NS = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'


def _rss(items: str, *, channel: str = "<title>Outlet</title><link>http://127.0.0.1:9/</link>") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" {CONTENT_NS} {DC_NS} '
        f'xmlns:atom="http://www.w3.org/2005/Atom"><channel>{channel}{items}</channel></rss>'
    ).encode()


def _item(*parts: str) -> str:
    return "<item>" + "".join(parts) + "</item>"


LINK = "<link>http://127.0.0.1:9/a</link>"
FAST = {
    "sample feed": rss(
        [Item("Kremlin denies call", "http://127.0.0.1:9/a"), Item("B", "https://x.example/b")]
    ).encode(),
    "longer content:encoded wins": _rss(
        _item(
            "<title>T</title>",
            LINK,
            "<description>short</description>",
            "<content:encoded><![CDATA[<p>Long body.</p><p>Two.</p>]]></content:encoded>",
        )
    ),
    "content:encoded first, longer description": _rss(
        _item(
            "<title>T</title>",
            LINK,
            "<content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded>",
            "<description>&lt;p&gt;A longer summary.&lt;/p&gt;</description>",
        )
        + _item("<title>U</title>", "<link>http://127.0.0.1:9/u</link>", "<description>only</description>")
    ),
    "ignored fields and guids either side of the link": _rss(
        _item(
            "<guid>http://127.0.0.1:9/guid</guid>",
            "<title>T</title>",
            LINK,
            "<dc:creator>Ann</dc:creator>",
            '<category domain="x">World</category>',
            "<author>a@b.example</author>",
            "<comments>c</comments>",
        )
        + _item(
            "<title>U</title>", "<link>http://127.0.0.1:9/u</link>", '<guid isPermaLink="false">u1</guid>'
        ),
        channel='<title>Outlet</title><atom:link rel="self" href="http://127.0.0.1:9/feed.xml"/>'
        "<description>About</description><lastBuildDate>Mon, 11 Nov 2024 10:00:00 GMT</lastBuildDate>"
        "<language>de</language><generator>x</generator><category>News</category>",
    ),
    "text that is not ASCII, mis-encoded or Windows-1252": _rss(
        _item(
            "<title>Café &#x93;naïve&#x94; CafÃ© — 東京</title>",
            LINK,
            "<description>&lt;p&gt;Bj&#xC3;&#xB6;rk &#x80;5 caf\u00e9&lt;/p&gt;</description>",
        )
    ),
    "titles that look like HTML or not": _rss(
        _item("<title>AT&amp;T &amp; Q&amp;A</title>", LINK)
        + _item("<title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title>", "<link>http://127.0.0.1:9/b</link>")
        + _item("<title>a &lt; b and c &gt; d</title>", "<link>http://127.0.0.1:9/c</link>")
        + _item(
            "<title>  </title>",
            "<link>http://127.0.0.1:9/d</link>",
            "<description>&lt;p&gt;The headline comes from here.&lt;/p&gt;</description>",
        ),
        channel="<title>&lt;i&gt;Outlet&lt;/i&gt; &amp;amp; Co</title>",
    ),
    "dates in every usual form and time zone": _rss(
        "".join(
            _item("<title>T</title>", f"<link>http://127.0.0.1:9/{n}</link>", f"<pubDate>{date}</pubDate>")
            for n, date in enumerate(
                [
                    "Mon, 11 Nov 2024 02:00:00 +0500",
                    "Sun, 10 Nov 2024 23:30:00 -0800",
                    "11 Nov 2024 10:00 GMT",
                    "Mon, 1 Jan 1799 00:00:00 UT",
                    "Sat, 01 Jan 2999 00:00:00 Z",
                    "Mon, 11 Nov 2024 10:00:00 UTC",
                ]
            )
        )
    ),
    "links with queries, ports and odd characters": _rss(
        _item("<title>T</title>", "<link>  http://127.0.0.1:9/a?x=1&amp;y=2&amp;amp;z=3  </link>")
        + _item("<title>U</title>", "<link>https://x.example:8443/a/../b/./c?q=&amp;copy;#f</link>")
        + _item("<title>V</title>", "<link>http://x.example</link>"),
        channel="<title></title><link>http://www.127.0.0.1.example/home?a=1&amp;b=2</link>",
    ),
    "no charset anywhere": b'<rss version="2.0"><channel><item><title>Caf\xc3\xa9</title>'
    b"<link>http://127.0.0.1:9/a</link></item></channel></rss>",
}
SLOW = {
    "Atom": atom([Item("A", "http://127.0.0.1:9/a", date="2024-11-12T08:00:00Z")]).encode(),
    "a relative link": _rss(_item("<title>T</title>", "<link>/a</link>")),
    "a javascript link": _rss(_item("<title>T</title>", "<link>javascript:alert(1)</link>")),
    "no link, a guid": _rss(_item("<title>T</title>", "<guid>http://127.0.0.1:9/g</guid>")),
    "a named time zone": _rss(
        _item("<title>T</title>", LINK, "<pubDate>Mon, 11 Nov 2024 22:00:00 EST</pubDate>")
    ),
    "an impossible date": _rss(
        _item("<title>T</title>", LINK, "<pubDate>Mon, 45 Nov 2024 10:00:00 GMT</pubDate>")
    ),
    "a dc:date": _rss(_item("<title>T</title>", LINK, "<dc:date>2024-11-11T10:00:00Z</dc:date>")),
    "markup inside the description": _rss(
        _item("<title>T</title>", LINK, "<description><p>x</p></description>")
    ),
    "an attribute on the title": _rss(_item('<title type="html">T</title>', LINK)),
    "two links": _rss(_item("<title>T</title>", LINK, LINK)),
    "Latin-1": rss([Item("Café", "http://127.0.0.1:9/a")], encoding="iso-8859-1").encode("iso-8859-1"),
    "an image in the channel": _rss(
        _item("<title>T</title>", LINK),
        channel="<title>O</title><image><title>Logo</title><url>http://x.example/l.png</url></image>",
    ),
    "RSS 0.91": _rss(_item("<title>T</title>", LINK)).replace(b'version="2.0"', b'version="0.91"'),
    "no items": _rss(""),
}


def _fast(data: bytes, content_type: str = "") -> object:
    tree = screen_xml(data)
    assert tree is not None
    return read_plain_rss(tree, data, url=URL, content_type=content_type, outlet=None)


@pytest.mark.parametrize("name", FAST)
def test_plain_rss_is_read_directly_with_the_same_drafts_as_feedparser(name: str) -> None:
    data = FAST[name]
    assert _fast(data) is not None, "the fast path declined a plain RSS feed"
    assert parse_feed(data, url=URL) == parse_with_feedparser(data, url=URL, content_type="", outlet=None)


def test_the_outlet_given_at_subscription_is_kept_on_the_fast_path() -> None:
    data = FAST["sample feed"]
    fast = parse_feed(data, url=URL, outlet="Reuters")
    assert fast == parse_with_feedparser(data, url=URL, content_type="", outlet="Reuters")
    assert {d.outlet_name for d in fast.drafts} == {"Reuters"}


@pytest.mark.parametrize("name", SLOW)
def test_anything_else_goes_to_feedparser(name: str) -> None:
    data = SLOW[name]
    assert _fast(data) is None
    assert parse_feed(data, url=URL) == parse_with_feedparser(data, url=URL, content_type="", outlet=None)


def test_a_charset_in_the_header_other_than_utf8_goes_to_feedparser() -> None:
    data = FAST["text that is not ASCII, mis-encoded or Windows-1252"]
    header = "application/rss+xml; charset=iso-8859-1"
    assert _fast(data, header) is None
    assert _fast(data, "application/rss+xml; charset=UTF-8") is not None
    assert parse_feed(data, url=URL, content_type=header) == parse_with_feedparser(
        data, url=URL, content_type=header, outlet=None
    )
