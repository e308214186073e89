"""Two libraries open on one store (two processes, in effect): neither loses
the other's writes, and `refresh()` shows what the other wrote."""

from __future__ import annotations

from pathlib import Path

from store import ArticleState, Event, Library
from tests.library.helpers import add_one


def test_writes_through_one_copy_never_undo_the_other(disk_library_path: Path) -> None:
    first = Library.open(disk_library_path)
    article_id = add_one(first)
    second = Library.open(disk_library_path)
    assert second.article(article_id) is not None

    mine = first.add_claim(article_id, "pure fiction")
    theirs = second.add_claim(article_id, "Dmitry Peskov")
    first.set_state(article_id, read=True)
    second.set_state(article_id, starred=True)
    other_article = add_one(second, headline="Second story")
    first.save_grouping([Event("e1", "Call")], {article_id: "e1"})

    final = Library.open(disk_library_path)
    assert {c.id for c in final.claims()} == {mine.id, theirs.id}
    assert final.state(article_id) == ArticleState(read=True, starred=True)
    assert final.article(other_article) is not None
    assert final.event("e1").article_ids == (article_id,)  # type: ignore[union-attr]


def test_refresh_shows_what_another_copy_wrote(disk_library_path: Path) -> None:
    reader = Library.open(disk_library_path)
    writer = Library.open(disk_library_path)
    assert reader.events() == [] and reader.claims() == []

    article_id = add_one(writer)
    writer.save_grouping([Event("e1", "Call")], {article_id: "e1"})
    claim = writer.add_claim(article_id, "pure fiction")
    writer.set_state(article_id, read=True)
    writer.put_record("feeds", "u", {"title": "t"})

    assert reader.refresh()
    assert [e.id for e in reader.events()] == ["e1"]
    assert reader.claims(event_id="e1") == [claim]
    assert reader.state(article_id).read
    assert reader.records("feeds") == {"u": {"title": "t"}}
    assert not reader.refresh()


def test_a_claim_on_an_article_another_copy_just_added_is_accepted(disk_library_path: Path) -> None:
    reader = Library.open(disk_library_path)
    assert reader.articles() == []
    article_id = add_one(Library.open(disk_library_path))
    assert reader.add_claim(article_id, "pure fiction").article_id == article_id


def test_refresh_after_another_copy_damaged_the_file_recovers_it(disk_library_path: Path) -> None:
    writer = Library.open(disk_library_path)
    add_one(writer, headline="First", outlet="Outlet A")
    add_one(writer, headline="Second", outlet="Outlet B")
    reader = Library.open(disk_library_path)
    assert reader.outlet("outlet-b") is not None
    disk_library_path.write_bytes(b'{"outlets": {')

    assert reader.refresh()

    assert reader.outlet("outlet-a") is not None and reader.outlet("outlet-b") is None
    assert len(reader.warnings) == 1 and "restored the last good copy" in reader.warnings[0]


def test_refresh_keeps_our_own_newer_write(disk_library_path: Path) -> None:
    first, second = Library.open(disk_library_path), Library.open(disk_library_path)
    article_id = add_one(first, headline="From the first")
    theirs = add_one(second, headline="From the second")
    assert first.refresh()
    mine = add_one(first, headline="Newest")
    assert not first.refresh()
    assert {a.id for a in first.articles()} == {article_id, theirs, mine}
