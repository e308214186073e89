"""One library's parts on disk (or in memory), behind its locks.

`Database` is what every layer above reads and writes parts through: the
typed repository (`store.library`) and the derived indexes beside it. It
knows parts, tables and records as plain JSON, not what they mean.

Locks, always in this order: the backend's write lock (a thread gate, then a
file lock across processes), then `lock`, which guards in-memory state built
from the parts. Reads take only `lock`, so the reader's UI thread never
waits for another process; it waits at most for one of its own threads'
writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from store.db.backend import Backend, OwnedRLock
from store.db.storage import AtomicJSONStorage, Data, MemoryJSONStorage
from store.db.tables import Changes, KeyedTinyDB
from store.errors import StoreError


class PartListener(Protocol):
    """What a derived index is told of each write to a part (see `apply`)."""

    def written(self, part: str, base: str, new: str, changes: Changes) -> None:
        """`part` went from version `base` to `new` by `changes`."""

    def failed(self, part: str) -> None:
        """A write to `part` failed: whether it reached the disk is unknown."""


class Database:
    """The parts of one library, each a TinyDB over an atomic storage."""

    def __init__(self, backend: Backend, warnings: list[str] | None = None) -> None:
        self.backend = backend
        self.lock = OwnedRLock()
        """Guards in-memory state; taken after the write lock, never before."""
        self.warnings: list[str] = warnings if warnings is not None else []
        """One line per problem found in the files (damage, skipped records)."""
        self._tables: dict[str, KeyedTinyDB] = {}
        self.listeners: list[PartListener] = []
        """Derived indexes to tell of every `apply`, right after it."""

    @property
    def path(self) -> Path | None:
        """The main file, or None for a library in memory."""
        return getattr(self.backend, "main_path", None)

    def where(self) -> str:
        """The library as named in a message to the user."""
        return str(self.path) if self.path else "the library"

    def tables(self, part: str) -> KeyedTinyDB:
        """The part as a TinyDB, for `apply`ing changes to it."""
        db = self._tables.get(part)
        if db is None:
            storage = self.backend.storage(part)
            db = KeyedTinyDB(storage=lambda: storage)
            self._tables[part] = db
        return db

    def apply(self, part: str, changes: Changes) -> None:
        """Change records of one part in one atomic write (the caller is
        inside `writing`), then tell the listeners, still under the lock,
        so that what they derive follows the writes in their order."""
        storage = self.storage(part)
        storage.data()  # loaded, so its version is the one the change is based on
        base = storage.version
        try:
            self.tables(part).apply(changes)
        except BaseException:
            for listener in self.listeners:
                listener.failed(part)
            raise
        new = storage.version
        for listener in self.listeners:
            listener.written(part, base, new, changes)

    def storage(self, part: str) -> AtomicJSONStorage | MemoryJSONStorage:
        return self.tables(part).storage  # type: ignore[return-value]

    def data(self, part: str) -> Data:
        """A part's raw tables (shared: never change them)."""
        return self.storage(part).data()

    def opened_parts(self) -> list[str]:
        """The parts this process has opened so far."""
        return list(self._tables)

    def existing_parts(self, prefix: str) -> list[str]:
        """Parts whose names start with `prefix` that hold something."""
        return self.backend.existing_parts(prefix)

    def recovery_lock(self) -> AbstractContextManager[object]:
        """What a reader takes to recover a damaged file (see `AtomicJSONStorage`)."""
        return self.backend.recovery_lock()

    @contextmanager
    def writing(self, *parts: str) -> Iterator[None]:
        """Hold the write lock, with the named parts fresh from disk. A
        failed write (a full disk, a read-only folder) becomes a StoreError."""
        if self.lock.held() and not self.backend.holds_write_lock():
            raise RuntimeError("lock order: take the write lock before the library's lock")
        try:
            with self.backend.write_lock(), self.lock:
                for part in parts:
                    storage = self.storage(part)
                    if storage.is_stale():
                        storage.forget()
                yield
        except OSError as error:
            raise StoreError(f"could not save to {self.where()}: {error.strerror or error}") from error

    def warn_for(self, part: str) -> Callable[[str], None]:
        """A function that records a warning about `part`, naming its file."""
        where = self.storage(part).path if self.path else f"part {part or 'main'}"  # type: ignore[union-attr]

        def warn(message: str) -> None:
            self.warnings.append(f"{where}: {message}")

        return warn
