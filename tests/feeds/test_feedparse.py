"""Feed bytes to drafts: the three formats, untrusted text, dates, and the
payloads a hostile feed may carry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store.errors import FeedError
from store.feeds.feedparse import html_to_paragraphs, parse_feed
from tests.feeds.samples import Item, atom, json_feed, rss

URL = "http://127.0.0.1:9/feed.xml"


def test_rss_items_become_drafts_with_plain_paragraphs() -> None:
    feed = parse_feed(
        rss(
            [
                Item(
                    "Kremlin denies call",
                    "http://127.0.0.1:9/a",
                    "<p>Peskov said <b>no</b>.</p><p>Second.</p>",
                )
            ]
        ).encode(),
        url=URL,
    )
    [draft] = feed.drafts
    assert feed.title == "Test Outlet"
    assert draft.headline == "Kremlin denies call"
    assert draft.paragraphs == ("Peskov said no.", "Second.")
    assert draft.date == dt.date(2024, 11, 11)
    assert draft.url == "http://127.0.0.1:9/a"
    assert draft.outlet_name == "Test Outlet"
    assert draft.source == URL


def test_atom_and_json_feed_carry_the_same_fields() -> None:
    item = Item("Talks resume", "http://127.0.0.1:9/t", "<p>Talks resumed.</p>", date="2024-11-12T08:00:00Z")
    from_atom = parse_feed(atom([item]).encode(), url=URL, content_type="application/atom+xml").drafts[0]
    from_json = parse_feed(json_feed([item]), url=URL, content_type="application/feed+json").drafts[0]
    for draft, outlet in ((from_atom, "Atom Outlet"), (from_json, "JSON Outlet")):
        assert (draft.headline, draft.paragraphs, draft.date, draft.url, draft.outlet_name) == (
            "Talks resume",
            ("Talks resumed.",),
            dt.date(2024, 11, 12),
            "http://127.0.0.1:9/t",
            outlet,
        )


def test_outlet_given_at_subscription_wins_over_the_feed_title() -> None:
    feed = parse_feed(rss([Item("A", "http://127.0.0.1:9/a")]).encode(), url=URL, outlet="Reuters")
    assert feed.drafts[0].outlet_name == "Reuters"


def test_same_link_gives_same_id_even_when_the_summary_changes() -> None:
    first = parse_feed(rss([Item("A", "http://127.0.0.1:9/a", "<p>old</p>")]).encode(), url=URL).drafts[0]
    edited = parse_feed(rss([Item("A!", "http://127.0.0.1:9/a", "<p>new</p>")]).encode(), url=URL).drafts[0]
    assert first.id == edited.id


@pytest.mark.parametrize(
    "date", ["Mon, 45 Nov 2024 10:00:00 GMT", "yesterday-ish", "Sat, 01 Jan 2999 00:00:00 GMT", None]
)
def test_impossible_or_missing_dates_are_unknown(date: str | None) -> None:
    [draft] = parse_feed(rss([Item("A", "http://127.0.0.1:9/a", date=date)]).encode(), url=URL).drafts
    assert draft.date is None


def test_markup_and_dangerous_links_do_not_survive() -> None:
    body = '<p>Hi <script>alert(1)</script><a href="x">there</a> [bold]x[/bold]</p><style>p{}</style>'
    [draft] = parse_feed(rss([Item("Title", "javascript:alert(1)", body)]).encode(), url=URL).drafts
    assert draft.paragraphs == ("Hi there [bold]x[/bold]",)
    assert draft.url is None


def test_terminal_escapes_in_feed_text_are_removed() -> None:
    item = Item("T\x1b]0;owned\x07itle", "http://127.0.0.1:9/a", "<p>\x1b[31mred\x1b[0m text\x9b2J</p>")
    [draft] = parse_feed(json_feed([item]), url=URL).drafts
    assert draft.headline == "Title"
    assert draft.paragraphs == ("red text",)


def test_html_to_paragraphs_splits_blocks_and_double_breaks() -> None:
    assert html_to_paragraphs("<div>One<br>line<br><br>Two</div><ul><li>Three</li></ul>tail") == (
        "One line",
        "Two",
        "Three",
        "tail",
    )


def test_entity_declared_feed_is_refused_billion_laughs() -> None:
    ten = "&lol{};" * 10
    lol = "".join(f'<!ENTITY lol{i} "{ten.format(*[i - 1] * 10)}">' for i in range(1, 10))
    prolog = f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
    data = (
        rss([Item("&lol9;", "http://127.0.0.1:9/a")], prolog=prolog).replace("&amp;lol9;", "&lol9;").encode()
    )
    with pytest.raises(FeedError, match="entit"):
        parse_feed(data, url=URL)


def test_large_entity_referenced_thousands_of_times_is_refused() -> None:
    big = "x" * 100_000
    prolog = f'<!DOCTYPE rss [<!ENTITY big "{big}">]>'
    data = rss([Item("title", "http://127.0.0.1:9/a", "&big;" * 10_000)], prolog=prolog)
    data = data.replace("&amp;big;", "&big;").encode()
    with pytest.raises(FeedError, match="entit"):
        parse_feed(data, url=URL)


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    prolog = f'<!DOCTYPE rss [<!ENTITY ext SYSTEM "{secret.as_uri()}">]>'
    data = rss([Item("&ext;", "http://127.0.0.1:9/a")], prolog=prolog).replace("&amp;ext;", "&ext;").encode()
    with pytest.raises(FeedError) as caught:
        parse_feed(data, url=URL)
    assert "TOP-SECRET" not in str(caught.value)


def test_a_body_that_is_a_local_path_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text(rss([Item("LEAKED", "http://127.0.0.1:9/a")]))
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(str(secret).encode(), url=URL)


def test_html_served_as_a_feed_is_a_clear_error_naming_its_feed() -> None:
    page = (
        b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
        b"</head><body>hi</body></html>"
    )
    with pytest.raises(
        FeedError, match=r"web page \(HTML\), not a feed; the page names a feed at http://127.0.0.1:9/rss"
    ):
        parse_feed(page, url=URL, content_type="text/html; charset=utf-8")


def test_html_without_content_type_is_still_recognised() -> None:
    with pytest.raises(FeedError, match="web page"):
        parse_feed(b"<html><body><p>hello</p></body></html>", url=URL)


@pytest.mark.parametrize(
    "data",
    [
        b"<rss><channel><title>x</title><item><title>unterminated",
        b"just words, no markup",
        b"   ",
        b'{"not": "a feed"}',
        b"{broken json",
    ],
)
def test_malformed_input_is_a_feed_error(data: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(data, url=URL)


def test_recoverable_flaws_still_import() -> None:
    data = rss([Item("Caf&nbsp;é", "http://127.0.0.1:9/a")]).replace("&amp;nbsp;", "&nbsp;").encode()
    assert parse_feed(data, url=URL).drafts[0].headline.startswith("Caf")


@pytest.mark.parametrize(
    ("declared", "actual", "header"),
    [
        ("utf-8", "latin-1", ""),  # declared UTF-8, sent as Latin-1
        ("iso-8859-1", "utf-8", ""),  # declared Latin-1, sent as UTF-8
        ("utf-8", "utf-8", "application/rss+xml; charset=iso-8859-1"),  # header disagrees with the document
        ("utf-16", "utf-16", ""),
    ],
)
def test_wrong_or_disagreeing_encodings_still_read_correctly(declared: str, actual: str, header: str) -> None:
    data = rss([Item("Café naïve façade", "http://127.0.0.1:9/a")], encoding=declared).encode(actual)
    assert parse_feed(data, url=URL, content_type=header).drafts[0].headline == "Café naïve façade"


@pytest.mark.parametrize("encoding", ["shift_jis", "utf-16", "utf-32"])
def test_entities_are_refused_in_encodings_the_screen_cannot_read(encoding: str) -> None:
    prolog = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = rss([Item("&b;", "http://127.0.0.1:9/a")], encoding=encoding, prolog=prolog).replace(
        "&amp;b;", "&b;"
    )
    with pytest.raises(FeedError, match="entities"):
        parse_feed(data.encode(encoding), url=URL)


def test_a_shift_jis_feed_without_entities_reads() -> None:
    data = rss([Item("東京の記事", "http://127.0.0.1:9/a")], encoding="shift_jis").encode("shift_jis")
    assert parse_feed(data, url=URL).drafts[0].headline == "東京の記事"
