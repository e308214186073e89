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

Locking: a writer takes the backend's thread lock, then the file lock (so
one thread of one process writes at a time). Nothing is created until the
first write.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from store.db.storage import AtomicJSONStorage, MemoryJSONStorage, ensure_folder

if TYPE_CHECKING:
    from filelock import FileLock


class Backend(Protocol):
    """Makes storages for parts of a library and locks it for writing."""

    def storage(self, part: str) -> AtomicJSONStorage | MemoryJSONStorage: ...
    def existing_parts(self, prefix: str) -> list[str]: ...
    def write_lock(self) -> AbstractContextManager[None]: ...
    def holds_write_lock(self) -> bool: ...
    def recovery_lock(self) -> AbstractContextManager[object]: ...


class OwnedRLock:
    """A re-entrant lock that can tell whether the calling thread holds it,
    so code can check that locks are taken in the agreed order."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._local = threading.local()

    def held(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    def __enter__(self) -> None:
        self._lock.acquire()
        self._local.depth = getattr(self._local, "depth", 0) + 1

    def __exit__(self, *exc_info: object) -> None:
        self._local.depth -= 1
        self._lock.release()


class DiskBackend:
    """A library on disk: atomic files and a cross-process lock."""

    def __init__(self, main_path: Path, on_recovery: Callable[[str], None]) -> None:
        self.main_path = main_path
        self.parts_dir = main_path.with_name(main_path.name + ".parts")
        self._on_recovery = on_recovery
        self._gate = OwnedRLock()
        self._lock_file_made = False
        self._file_lock_made: FileLock | None = None

    @property
    def _file_lock(self) -> FileLock:
        """Made on the first write: importing filelock costs a reader's
        start-up time, and a reader may never write."""
        if self._file_lock_made is None:
            from filelock import FileLock

            # Not thread-local: within this process the gate orders threads, and
            # a recovery on a reading thread may take it while a writer holds it.
            # A short poll: a waiting writer gets the lock soon after it is free.
            # The lock file stays, so no process ever locks a file just unlinked.
            self._file_lock_made = FileLock(
                str(self.main_path) + ".lock",
                thread_local=False,
                poll_interval=0.002,
                preserve_lock_file=True,
            )
        return self._file_lock_made

    def storage(self, part: str) -> AtomicJSONStorage:
        path = self.main_path if part == "" else self.parts_dir / f"{part}.json"
        ours = self._is_a_library if part == "" else (lambda: True)
        return AtomicJSONStorage(path, self._on_recovery, recovery_lock=self.recovery_lock, ours=ours)

    def _is_a_library(self) -> bool:
        """Whether the main file was written by Dateline: every write leaves
        the lock file, and most a backup or parts beside it."""
        siblings = (self.main_path.name + suffix for suffix in (".lock", ".bak", ".parts"))
        return any(self.main_path.with_name(name).exists() for name in siblings)

    def existing_parts(self, prefix: str) -> list[str]:
        try:
            names = os.listdir(self.parts_dir)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(n[:-5] for n in names if n.startswith(prefix) and n.endswith(".json"))

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._gate:
            ensure_folder(self.main_path.parent)
            if not self._lock_file_made:
                # Made once by hand: where it cannot be made (a folder on a
                # pseudo file system), filelock would retry it for ever.
                os.close(os.open(self._file_lock.lock_file, os.O_RDWR | os.O_CREAT, 0o644))
                self._lock_file_made = True
            with self._file_lock:
                yield

    def holds_write_lock(self) -> bool:
        return self._gate.held()

    def recovery_lock(self) -> AbstractContextManager[object]:
        """What a reader takes to recover a damaged file."""
        # Only the file lock: a reader recovering a file must not wait for a
        # writer thread of its own process that may be waiting for the reader.
        return self._file_lock


class MemoryBackend:
    """A library that lives and dies with the process, for tests."""

    def __init__(self) -> None:
        self._storages: dict[str, MemoryJSONStorage] = {}
        self._gate = OwnedRLock()

    def storage(self, part: str) -> MemoryJSONStorage:
        return self._storages.setdefault(part, MemoryJSONStorage())

    def existing_parts(self, prefix: str) -> list[str]:
        return sorted(
            name for name, s in list(self._storages.items()) if name.startswith(prefix) and s.data()
        )

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._gate:
            yield

    def holds_write_lock(self) -> bool:
        return self._gate.held()

    def recovery_lock(self) -> AbstractContextManager[object]:
        return nullcontext()
