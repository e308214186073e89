"""`dateline feeds …` and `dateline refresh` as a script would use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.feeds.samples import Item, rss
from tests.feeds.server import FeedServer, Route
from tests.tui.cli.helpers import run


def test_subscribe_refresh_list_and_unsubscribe(
    capsys: pytest.CaptureFixture[str], server: FeedServer
) -> None:
    good = server.add(
        "/rss", rss([Item("Talks resume", server.url("/a")), Item("Talks stall", server.url("/b"))]).encode()
    )
    broken = server.add("/broken", Route(b"oops", status=500))

    assert run(capsys, "feeds", "add", good, "--outlet", "Wire")[0] == 0
    assert run(capsys, "feeds", "add", broken)[0] == 0
    code, out, err = run(capsys, "refresh")

    assert code == 1
    assert out.splitlines()[-1] == "2 new articles from 2 feeds, 1 failed"
    assert {"1/2", "2/2"} == {line.split()[0] for line in out.splitlines()[:-1]}, (
        "plain progress lines off a terminal"
    )
    assert err == f"dateline: {broken}: HTTP 500 Internal Server Error\n"

    _, out, _ = run(capsys, "feeds", "--json")
    listed = {f["url"]: f for f in json.loads(out)}
    assert (
        listed[good]["item_count"] == 2
        and listed[good]["outlet"] == "Wire"
        and listed[good]["last_error"] is None
    )
    assert listed[broken]["last_error"] == "HTTP 500 Internal Server Error"
    assert listed[broken]["last_refresh"]

    _, out, _ = run(capsys, "articles", "--json")
    assert {a["outlet"] for a in json.loads(out)} == {"Wire"}

    assert run(capsys, "feeds", "rm", broken)[0] == 0
    code, out, err = run(capsys, "refresh")
    assert (code, out.splitlines()[-1], err) == (0, "0 new articles from 1 feeds, 0 failed", "")


def test_bad_urls_and_unknown_feeds_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "feeds", "add", "file:///etc/passwd")
    assert (
        code == 1
        and err == "dateline: file:///etc/passwd: only http and https URLs can be fetched (got file:)\n"
    )
    code, _, err = run(capsys, "feeds", "rm", "https://nowhere.example/rss")
    assert code == 1 and err.count("\n") == 1 and "not subscribed" in err


def test_opml_export_then_import_into_another_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "feeds", "add", "https://news.example/rss", "--outlet", "Example", "--full-text")
    target = tmp_path / "out.opml"
    code, out, _ = run(capsys, "feeds", "export-opml", "-o", str(target))
    assert code == 0 and "wrote 1 feeds" in out

    other = str(tmp_path / "other" / "library.json")
    code, out, _ = run(capsys, "--db", other, "feeds", "import-opml", str(target))
    assert code == 0 and out.startswith("subscribed to 1 feeds")
    _, out, _ = run(capsys, "--db", other, "feeds", "--json")
    [feed] = json.loads(out)
    assert (feed["url"], feed["outlet"], feed["full_text"]) == ("https://news.example/rss", "Example", True)

    code, out, _ = run(capsys, "feeds", "export-opml")
    assert code == 0 and 'xmlUrl="https://news.example/rss"' in out


def test_export_into_a_missing_folder_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "subs.opml"
    code, _, err = run(capsys, "feeds", "export-opml", "-o", str(target))
    assert code == 1 and err == f"dateline: {target}: the folder {target.parent} does not exist\n"
