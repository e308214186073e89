"""The atomic storage itself: versions are always told apart, and two
processes finding the same damaged file recover it once."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store.db.storage import AtomicJSONStorage


def test_every_write_is_seen_as_a_change_even_at_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "part.json"
    writer = AtomicJSONStorage(path, on_recovery=print)
    reader = AtomicJSONStorage(path, on_recovery=print)
    writer.write({"state": {"a": {"read": True}}})
    for i in range(20):
        assert reader.data() == writer.data()
        # Two same-size writes: the first file's inode is freed and may be
        # reused by the second, within the same clock tick.
        writer.write({"state": {"a": {"read": i % 2 == 0}, "b": {"n": 1}}})
        writer.write({"state": {"a": {"read": i % 2 == 1}, "b": {"n": 2}}})
        assert reader.is_stale(), f"write {i} went unnoticed"
        reader.forget()


def test_a_new_version_is_always_newer_than_the_one_it_replaces(tmp_path: Path) -> None:
    """A coarse or skewed clock could give the new file the old one's mtime;
    with a reused inode number and the same size, a reader would then miss
    the change. So the store dates each new version after the old one."""
    path = tmp_path / "part.json"
    storage = AtomicJSONStorage(path, on_recovery=print)
    storage.write({"state": {}})
    ahead = time.time_ns() + 10_000_000_000
    os.utime(path, ns=(ahead, ahead))
    storage.write({"state": {}})
    assert path.stat().st_mtime_ns > ahead


def test_two_readers_of_one_damaged_file_recover_it_once(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    warnings: list[str] = []
    writer = AtomicJSONStorage(path, on_recovery=warnings.append)
    writer.write({"articles": {"a": {"id": "a"}}})
    writer.write({"articles": {"a": {"id": "a"}, "b": {"id": "b"}}})
    path.write_bytes(b"{ cut short")
    first = AtomicJSONStorage(path, on_recovery=warnings.append)

    @contextmanager
    def first_recovers_while_we_wait() -> Iterator[None]:
        first.data()
        yield

    second = AtomicJSONStorage(path, on_recovery=warnings.append, recovery_lock=first_recovers_while_we_wait)

    assert second.data() == {"articles": {"a": {"id": "a"}}}
    assert first.data() == second.data()
    assert len(warnings) == 1 and len(list(tmp_path.glob("library.json.damaged-*"))) == 1


def test_a_version_read_in_the_background_is_not_adopted_over_a_newer_cache(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    mine, theirs = AtomicJSONStorage(path, on_recovery=print), AtomicJSONStorage(path, on_recovery=print)
    mine.write({"articles": {"a": {}}})
    theirs.write({"articles": {"a": {}, "b": {}}})
    based_on, loaded = mine.signature, mine.peek()
    assert loaded is not None and loaded[0] == {"articles": {"a": {}, "b": {}}}

    mine.write({"articles": {"a": {}, "b": {}, "c": {}}})

    assert not mine.adopt(loaded, based_on)
    assert mine.data() == {"articles": {"a": {}, "b": {}, "c": {}}}
