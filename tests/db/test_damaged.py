"""A damaged store file is never overwritten: it is moved aside with a
timestamp, the last good copy comes back where there is one, and the user
is told in one line. A full disk loses nothing already stored."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from store import Library, StoreError
from store.db.shards import articles_part, shard_of
from tests.library.helpers import add_one, store_files
from tui.cli import main

DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "trailing garbage": lambda good: good + b"\x00\xffgarbage",
    "not an object": lambda good: b'["a", "list", "of", "tables"]',
}
REASONS = {
    "empty": "the file is empty",
    "truncated": "not valid JSON",
    "trailing garbage": "not valid JSON",
    "not an object": "not an object",
}


def two_versions(main: Path) -> tuple[str, str, str]:
    """A store whose main file and one notes shard have each been written
    twice, so each has a last good copy (.bak). Returns the first article,
    the second article (whose outlet, Outlet B, is only in the newest main
    file) and the first claim."""
    library = Library.open(main)
    first = add_one(library, headline="First")
    claim = library.add_claim(first, "pure fiction").id
    library.add_claim(first, "Dmitry Peskov")
    second = add_one(library, headline="Second", outlet="Outlet B")
    return first, second, claim


def damage(path: Path, how: str) -> bytes:
    broken = DAMAGES[how](path.read_bytes())
    path.write_bytes(broken)
    return broken


def moved_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".damaged-*"))


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_main_file_is_moved_aside_and_the_last_good_copy_restored(
    disk_library_path: Path, how: str
) -> None:
    first, second, _ = two_versions(disk_library_path)
    broken = damage(disk_library_path, how)

    library = Library.open(disk_library_path)

    [aside] = moved_aside(disk_library_path)
    assert aside.read_bytes() == broken
    assert library.outlet("outlet-a") is not None, "the last good copy is back"
    assert library.outlet("outlet-b") is None, "the newest write was in the damaged file"
    assert library.article(first) is not None and library.article(second) is not None, "kept in their shards"
    [warning] = library.warnings
    assert str(disk_library_path) in warning and REASONS[how] in warning and aside.name in warning
    assert "restored the last good copy" in warning and "\n" not in warning
    assert Library.open(disk_library_path).warnings == [], "recovered once, then clean"


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_notes_shard_is_moved_aside_and_the_last_good_copy_restored(
    disk_library_path: Path, how: str
) -> None:
    first, _, claim = two_versions(disk_library_path)
    shard = disk_library_path.with_name("library.json.parts") / f"notes-{shard_of(first)}.json"
    broken = damage(shard, how)

    library = Library.open(disk_library_path)
    assert library.warnings == [], "shards are read when needed, not at opening"
    assert [c.id for c in library.claims(article_id=first)] == [claim]

    [aside] = moved_aside(shard)
    assert aside.read_bytes() == broken
    [warning] = library.warnings
    assert str(shard) in warning and REASONS[how] in warning


def test_a_damaged_file_without_a_good_copy_starts_empty_but_is_kept(disk_library_path: Path) -> None:
    first = add_one(Library.open(disk_library_path))
    shard = disk_library_path.with_name("library.json.parts") / f"{articles_part(first)}.json"
    broken = damage(shard, "truncated")  # written once: there is no last good copy

    library = Library.open(disk_library_path)

    assert library.articles() == []
    [aside] = moved_aside(shard)
    assert aside.read_bytes() == broken
    [warning] = library.warnings
    assert "no good copy" in warning
    add_one(library, headline="after")
    assert aside.read_bytes() == broken, "a later write does not touch the moved file"


@pytest.mark.parametrize("how", DAMAGES)
def test_the_command_line_says_it_in_one_line(
    disk_library_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    two_versions(disk_library_path)
    damage(disk_library_path, how)

    code = main(["--db", str(disk_library_path), "events"])

    err = capsys.readouterr().err
    assert code == 0
    [line] = err.splitlines()
    assert line.startswith("dateline: ") and str(disk_library_path) in line and REASONS[how] in line
    assert "Traceback" not in err


def fail_writes_with_enospc(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up: each write gets a few bytes out, then ENOSPC."""
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if len(data) > 8:
            real_write(fd, bytes(data)[:8])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)


def test_a_full_disk_fails_the_write_and_keeps_everything_stored_before(
    disk_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, claim = two_versions(disk_library_path)
    library = Library.open(disk_library_path)
    before = library.claims()
    files_before = {p: p.read_bytes() for p in store_files(disk_library_path)}

    with monkeypatch.context() as patch:
        fail_writes_with_enospc(patch)
        with pytest.raises(StoreError, match="No space left on device") as raised:
            library.add_claim(first, "no conversation")
        assert library.add_articles([]).added == ()  # nothing to write: no error
        with pytest.raises(StoreError, match="No space left on device"):
            add_one(library, headline="Third")

    assert str(disk_library_path) in str(raised.value)
    assert library.claims() == before and library.article(second) is not None
    assert len(library.articles()) == 2
    assert {p: p.read_bytes() for p in store_files(disk_library_path)} == files_before
    assert not list(disk_library_path.parent.rglob("*.tmp")), "no temp file is left to fill the disk"
    again = Library.open(disk_library_path)
    assert again.claims() == before and again.warnings == []
    assert library.add_claim(first, "no conversation").id in {
        c.id for c in Library.open(disk_library_path).claims()
    }


def test_a_full_disk_is_one_line_from_the_command_line(
    disk_library_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _, _ = two_versions(disk_library_path)
    fail_writes_with_enospc(monkeypatch)

    code = main(["--db", str(disk_library_path), "claims", "add", first, "--quote", "no conversation"])

    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines() == [f"dateline: could not save to {disk_library_path}: No space left on device"]


def test_an_unreadable_part_is_one_line_from_the_command_line(
    disk_library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _, _ = two_versions(disk_library_path)
    shard = disk_library_path.with_name("library.json.parts") / f"notes-{shard_of(first)}.json"
    shard.unlink()
    shard.mkdir()  # cannot be read as a file: like a permission or I/O error

    code = main(["--db", str(disk_library_path), "claims"])

    assert code == 1
    assert capsys.readouterr().err.splitlines() == [f"dateline: {shard}: Is a directory"]


def test_records_that_do_not_parse_are_skipped_with_a_warning(disk_library_path: Path) -> None:
    first, second, _ = two_versions(disk_library_path)
    parts = disk_library_path.with_name("library.json.parts")
    for article_id, bad in ((second, ["not", "a", "record"]), ("x", {"id": "x", "outlet_id": "outlet-a"})):
        shard = parts / f"{articles_part(article_id)}.json"  # "x": no headline
        data = orjson.loads(shard.read_bytes()) if shard.exists() else {"articles": {}}
        data["articles"][article_id] = bad
        shard.write_bytes(orjson.dumps(data))

    library = Library.open(disk_library_path)

    assert [a.id for a in library.articles()] == [first]
    assert len(library.warnings) == 2 and all(str(disk_library_path) in w for w in library.warnings)


def test_a_file_that_was_never_a_library_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes, not a library\n")

    code = main(["--db", str(notes), "events"])

    [line] = capsys.readouterr().err.splitlines()
    assert code == 1 and line.startswith(f"dateline: {notes} is not a Dateline library")
    assert notes.read_text() == "my own notes, not a library\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notes.txt"]


def test_an_empty_file_that_was_never_a_library_becomes_one(tmp_path: Path) -> None:
    empty = tmp_path / "library.json"
    empty.touch()
    library = Library.open(empty)
    add_one(library)
    assert library.warnings == [] and Library.open(empty).article_count() == 1
