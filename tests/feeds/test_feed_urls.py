"""A feed URL or title with control characters never gets stored.

A URL pasted with a terminal escape in it used to be subscribed, written
back out by `feeds export-opml` with the raw escape byte, and failed on every
refresh with an "unexpected error"; an OPML title could carry C1 controls.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Library
from store.feeds.subscriptions import add_feed, subscriptions
from tests.tui.cli.helpers import run


@pytest.mark.parametrize(
    "url",
    ["http://example.test/feed\x1b[31m.xml", "http://example.test/a feed.xml", "http://example.test/\u200b"],
)
def test_a_url_with_controls_or_spaces_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    db = str(tmp_path / "library.json")
    code, out, err = run(capsys, "--db", db, "feeds", "add", url)
    assert (code, out) == (1, "")
    assert "a URL cannot contain spaces or control characters" in err and "\x1b" not in err
    assert run(capsys, "--db", db, "feeds", "--json")[1] == "[]\n"


def test_feed_titles_and_outlets_are_stored_clean() -> None:
    library = Library.memory()
    add_feed(
        library, "http://example.test/feed.xml", title="News\x9b31m  Desk\x07", outlet=" Gazette\x1b[1m "
    )
    (sub,) = subscriptions(library)
    assert (sub.title, sub.outlet) == ("News Desk", "Gazette")
