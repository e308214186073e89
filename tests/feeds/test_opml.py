"""OPML in and out: a round trip keeps titles, URLs, outlets and the
full-text setting; files from other readers import; bad files are refused
with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Library, StoreError
from store.feeds.opml import export_opml, import_opml
from store.feeds.subscriptions import add_feed, subscriptions


def test_round_trip_keeps_titles_urls_outlets_and_full_text(library: Library, tmp_path: Path) -> None:
    add_feed(library, "https://news.example/rss", title="Example News", outlet="Example")
    add_feed(library, "http://wire.example/feed.json", title='Wire & "Co" <live>', full_text=True)
    add_feed(library, "https://plain.example/atom")
    exported = tmp_path / "subs.opml"
    exported.write_bytes(export_opml(library))

    other = Library.memory()
    report = import_opml(other, exported)

    assert len(report.added) == 3 and report.skipped == []
    kept = {(s.url, s.title, s.outlet, s.full_text) for s in subscriptions(other)}
    assert kept == {
        ("https://news.example/rss", "Example News", "Example", False),
        ("http://wire.example/feed.json", 'Wire & "Co" <live>', None, True),
        ("https://plain.example/atom", "", None, False),
    }


def test_nested_folders_from_another_reader_import(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "reader.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head><title>mine</title></head><body>'
        '<outline text="World"><outline text="BBC" type="rss" xmlUrl="https://bbc.example/world.xml"/>'
        '<outline text="Local file" xmlUrl="file:///etc/passwd"/></outline>'
        '<outline title="Reuters" xmlUrl="https://reuters.example/rss"/></body></opml>'
    )
    add_feed(library, "https://reuters.example/rss", outlet="Reuters wire")

    report = import_opml(library, path)

    assert report.added == ["https://bbc.example/world.xml"]
    assert report.already == ["https://reuters.example/rss"]
    assert [url for url, _ in report.skipped] == ["file:///etc/passwd"]
    assert {s.url: s.outlet for s in subscriptions(library)} == {
        "https://bbc.example/world.xml": None,
        "https://reuters.example/rss": "Reuters wire",
    }


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<opml><body><outline", "not valid XML"),
        ("<rss version='2.0'/>", "not an OPML file"),
        (
            '<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body><outline xmlUrl="http://x.example/&a;"/></body></opml>',
            "entities",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(
    library: Library, tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "bad.opml"
    path.write_text(content)
    with pytest.raises(StoreError, match=reason):
        import_opml(library, path)
    assert subscriptions(library) == []


def test_a_missing_file_is_one_line(library: Library, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="(?i)no such file"):
        import_opml(library, tmp_path / "nope.opml")
