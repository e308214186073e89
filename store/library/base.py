"""What every kind of record in a library builds on: opening, the parts
beneath (`store.db`), the in-memory indexes and freshness.

`Library` (in this package's `__init__`) is made of one class per kind of
record, each in its own module, stacked as the records depend on each other:
outlets ← articles ← events ← claims, beside read/star state, side tables
and snapshots. They share the protected helpers defined here (`_index`,
`_notes_shard`, `_write_main`, `_lock`); nothing outside this package uses
them.

Writes take the write lock (threads and processes alike), reload the parts
they change if another process replaced them, and return only once the
change is on disk. Reads come from in-memory indexes that are built once per
load of a file and then kept up to date by our own writes; `refresh()` picks
up what other processes wrote.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Self

from store.db import schema
from store.db.backend import Backend, DiskBackend, MemoryBackend
from store.db.database import Database
from store.db.shards import MAIN_PART
from store.db.storage import AtomicJSONStorage, is_special_file, paused_gc
from store.db.tables import Changes
from store.errors import ForeignFileError, StoreError
from store.library.index import MainIndex, NotesShard
from store.model import Article, Event, Outlet


class LibraryBase:
    """Opening a library, and the state every kind of record shares."""

    def __init__(self, backend: Backend, warnings: list[str] | None = None) -> None:
        self.database = Database(backend, warnings)
        """The parts beneath, for the derived indexes kept beside the library."""
        self.warnings = self.database.warnings
        """One line per problem found in the files (damage, skipped records)."""
        self._lock = self.database.lock
        self._main: MainIndex | None = None
        self._notes: dict[str, NotesShard] = {}
        self._bodies_read: OrderedDict[str, None] = OrderedDict()
        schema.check(self.database)

    @classmethod
    def open(cls, path: str | Path) -> Self:
        """Open the library whose main file is `path`. Nothing is created
        until the first write."""
        # Resolved, so a library file that is a symlink stays one: writes
        # replace the file it points to, beside which the parts then live.
        main = Path(path).expanduser().resolve()
        if main.is_dir():
            raise StoreError(
                f"{main} is a folder; name the library's main file, e.g. {main / 'library.json'}"
            )
        if is_special_file(main):
            raise StoreError(
                f"{main} is not a regular file (a device or a pipe); name the library's main file"
            )
        warnings: list[str] = []
        try:
            return cls(DiskBackend(main, warnings.append), warnings)
        except ForeignFileError as error:
            raise StoreError(f"{error}: name a new file or an existing library") from None
        except OSError as error:
            raise StoreError(f"cannot open the library {main}: {error.strerror or error}") from error

    @classmethod
    def memory(cls) -> Self:
        """A library that is never written to disk."""
        return cls(MemoryBackend())

    @property
    def path(self) -> Path | None:
        return self.database.path

    def refresh(self) -> bool:
        """Pick up what other processes wrote; True if anything changed.

        Parts other than the main file are simply dropped and reloaded when
        next read (they are small). The main file is read and indexed here,
        without holding the library's lock, so a reader thread keeps
        answering from the old index until the new one is swapped in.
        """
        database = self.database
        with self._lock:
            storages = [(part, database.storage(part)) for part in database.opened_parts()]
            stale = [(part, storage) for part, storage in storages if storage.is_stale()]
            # Only files go stale: what changes on disk is an AtomicJSONStorage.
            main = next(
                (s for part, s in stale if part == MAIN_PART and isinstance(s, AtomicJSONStorage)), None
            )
            for part, storage in stale:
                if part != MAIN_PART:
                    storage.forget()
            based_on = main.signature if main is not None else None
        if main is not None:
            loaded = main.peek()
            index = None
            if loaded is not None:
                with paused_gc():
                    index = MainIndex(loaded[0], -1, database.warn_for(MAIN_PART))
            with self._lock:
                if index is not None and loaded is not None and main.adopt(loaded, based_on):
                    index.generation = main.generation
                    self._main = index
                elif main.signature == based_on:
                    main.forget()
        return bool(stale)

    # -- for the record classes of this package ---------------------------

    def _index(self) -> MainIndex:
        """The main index, rebuilt when the main file was (re)loaded."""
        with self._lock:
            storage = self.database.storage(MAIN_PART)
            index = self._main
            if index is None or not storage.holds(index.generation):
                data = storage.data()
                with paused_gc():
                    index = MainIndex(data, storage.generation, self.database.warn_for(MAIN_PART))
                self._main = index
            return index

    def _notes_shard(self, part: str) -> NotesShard:
        """A notes shard's parsed claims and states (caller holds `_lock`)."""
        shard = self._notes.get(part)
        if shard is not None and shard.storage.holds(shard.generation):
            return shard
        storage = self.database.storage(part)
        data = storage.data()
        shard = NotesShard(storage, data, storage.generation, self.database.warn_for(part))
        self._notes[part] = shard
        return shard

    def _write_main(
        self,
        *,
        outlets: Iterable[Outlet] = (),
        events: Iterable[Event] = (),
        articles: Iterable[Article] = (),
        remove_outlets: Iterable[str] = (),
        remove_events: Iterable[str] = (),
    ) -> None:
        """One atomic write of the main file, then the same change to the
        index (caller is inside `database.writing(MAIN_PART)`)."""
        index = self._index()
        outlets, events, articles = list(outlets), list(events), list(articles)
        remove_outlets, remove_events = list(remove_outlets), list(remove_events)
        changes: Changes = dict(schema.stamp_if_new(self.database))
        if outlets or remove_outlets:
            changes["outlets"] = {o.id: o.to_record() for o in outlets} | dict.fromkeys(remove_outlets)
        if events or remove_events:
            changes["events"] = {e.id: e.to_record() for e in events} | dict.fromkeys(remove_events)
        records = {a.id: a.to_record() for a in articles}
        if records:
            changes["articles"] = records  # type: ignore[assignment]
        self.database.tables(MAIN_PART).apply(changes)
        index.put_outlets(outlets, remove_outlets)
        index.put_events(events)
        index.remove_events(remove_events)
        index.put_articles(articles, records)
        index.generation = self.database.storage(MAIN_PART).generation


def unique_prefix(id_or_prefix: str, ids: Iterable[str], noun: str) -> str:
    """The one id of `ids` that is `id_or_prefix` or starts with it; the
    input itself when none does. Raises StoreError when several do."""
    if not id_or_prefix or id_or_prefix in ids:
        return id_or_prefix
    matches = [i for i in ids if i.startswith(id_or_prefix)]
    if len(matches) > 1:
        raise StoreError(f"{noun} id {id_or_prefix!r} is ambiguous ({len(matches)} {noun}s start with it)")
    return matches[0] if matches else id_or_prefix
