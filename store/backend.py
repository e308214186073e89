"""Where a library's files live, and the lock that serialises its writers.

A library is a main TinyDB file (outlets, events, article metadata) plus
companion parts in a folder beside it: article bodies and user notes, each
sharded by article id, and small side tables. Sharding keeps a tag or a read
mark a rewrite of one small file, whatever the size of the library.

Layout for `--db ~/news/library.json`:

    library.json              outlets, events, articles (no bodies), schema
    library.json.lock         taken by every writer, across processes
    library.json.parts/
        bodies-3f.json        bodies of articles whose id starts with 3f
        notes-3f.json         claims and read/star state of those articles
        side-feeds.json       small tables such as feed subscriptions
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from filelock import FileLock
from store.storage import AtomicJSONStorage, MemoryJSONStorage


class Backend(Protocol):
    """Makes storages for parts of a library and locks it for writing."""

    def storage(self, part: str) -> AtomicJSONStorage | MemoryJSONStorage: ...
    def existing_parts(self, prefix: str) -> list[str]: ...
    def write_lock(self) -> AbstractContextManager[None]: ...


class DiskBackend:
    """A library on disk: atomic files and a cross-process lock."""

    def __init__(self, main_path: Path, on_recovery: Callable[[str], None]) -> None:
        self.main_path = main_path
        self.parts_dir = main_path.with_name(main_path.name + ".parts")
        self._on_recovery = on_recovery
        self._thread_lock = threading.RLock()
        self._file_lock = FileLock(str(main_path) + ".lock", thread_local=False)

    def storage(self, part: str) -> AtomicJSONStorage:
        path = self.main_path if part == "" else self.parts_dir / f"{part}.json"
        return AtomicJSONStorage(path, self._on_recovery)

    def existing_parts(self, prefix: str) -> list[str]:
        if not self.parts_dir.is_dir():
            return []
        return sorted(p.stem for p in self.parts_dir.glob(f"{prefix}*.json"))

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._thread_lock:
            self.main_path.parent.mkdir(parents=True, exist_ok=True)
            with self._file_lock:
                yield


class MemoryBackend:
    """A library that lives and dies with the process, for tests."""

    def __init__(self) -> None:
        self._storages: dict[str, MemoryJSONStorage] = {}
        self._lock = threading.RLock()

    def storage(self, part: str) -> MemoryJSONStorage:
        return self._storages.setdefault(part, MemoryJSONStorage())

    def existing_parts(self, prefix: str) -> list[str]:
        return sorted(
            name for name, s in self._storages.items() if name.startswith(prefix) and s.read()
        )

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._lock:
            yield
