"""What every kind of record in a library builds on: opening, the parts
beneath (`store.db`), the catalog beside them, and freshness.

`Library` (in this package's `__init__`) is made of one class per kind of
record, each in its own module, stacked as the records depend on each other:
outlets ← articles ← events ← claims, beside read/star state, side tables
and snapshots. They share the protected helpers defined here (`_outlet_index`,
`_notes_shard`, `_write_records`, `_lock`); nothing outside this package
uses them.

Writes take the write lock (threads and processes alike), reload the parts
they change if another process replaced them, and return only once the
change is on disk; the catalog follows each write at once. Reads of
articles and events come from the catalog, checked against the parts they
come from once per process; outlets, notes and bodies from the parts
themselves, kept in memory once read. `refresh()` picks up what other
processes wrote.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Self

from store.db import schema
from store.db.backend import Backend, DiskBackend, MemoryBackend
from store.db.catalog import Catalog
from store.db.database import Database
from store.db.shards import MAIN_PART, articles_part
from store.db.storage import is_special_file
from store.db.tables import Changes
from store.errors import ForeignFileError, StoreError
from store.library.index import NotesShard, OutletIndex
from store.model import Article


class LibraryBase:
    """Opening a library, and the state every kind of record shares."""

    def __init__(self, backend: Backend, warnings: list[str] | None = None) -> None:
        self.database = Database(backend, warnings)
        """The parts beneath, for the derived indexes kept beside the library."""
        self.warnings = self.database.warnings
        """One line per problem found in the files (damage, skipped records)."""
        self._lock = self.database.lock
        self._outlets: OutletIndex | None = None
        self._notes: dict[str, NotesShard] = {}
        self._bodies_read: OrderedDict[str, None] = OrderedDict()
        schema.check(self.database)
        self.catalog = Catalog(self.database)
        """What the parts say, in SQLite: lists, lookups and full-text search."""

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

        Parts held in memory that another process replaced are let go (the
        next read loads them again), and the catalog checks again what it
        had checked, deriving what changed, here rather than in whichever
        thread reads next.
        """
        database = self.database
        with self._lock:
            stale = [
                storage
                for storage in (database.storage(part) for part in database.opened_parts())
                if storage.is_stale()
            ]
            for storage in stale:
                storage.forget()
        changed = self.catalog.refresh()
        return bool(stale) or changed

    # -- for the record classes of this package ---------------------------

    def _outlet_index(self) -> OutletIndex:
        """The outlets of the main file, indexed again when it was (re)loaded."""
        with self._lock:
            storage = self.database.storage(MAIN_PART)
            index = self._outlets
            if index is None or not storage.holds(index.generation):
                data = storage.data()
                index = OutletIndex(data, storage.generation, self.database.warn_for(MAIN_PART))
                self._outlets = index
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

    def _records(self, part: str, table: str) -> dict[str, Any]:
        """A part's table as it is on disk now: what a write starts from
        (the caller is inside `database.writing`, which reloaded it if
        another process had replaced it)."""
        storage = self.database.storage(part)
        if storage.is_stale():
            storage.forget()
        table_data: dict[str, Any] = storage.data().get(table, {})
        return table_data

    def _current_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles of these ids, as the files hold them now (the
        caller holds the write lock); unreadable ones are passed over, as
        the catalog passes over them."""
        found: dict[str, Article] = {}
        tables: dict[str, dict[str, Any]] = {}
        for article_id in article_ids:
            part = articles_part(article_id)
            table = tables.get(part)
            if table is None:
                table = tables[part] = self._records(part, "articles")
            record: Any = table.get(article_id)
            if record is None:
                continue
            try:
                found[article_id] = Article.from_record(record)
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return found

    def _write_records(
        self,
        table: str,
        part_of: Callable[[str], str],
        records: dict[str, dict[str, Any] | None],
        *,
        let_go: bool = False,
    ) -> None:
        """Put (None: remove) records of a sharded table, one atomic write
        per part; with `let_go`, a part written is not kept in memory."""
        by_part: dict[str, dict[str, dict[str, Any] | None]] = defaultdict(dict)
        for key, record in records.items():
            by_part[part_of(key)][key] = record
        for part, chunk in sorted(by_part.items()):
            with self.database.writing(part):
                self.database.apply(part, {table: chunk})
                if let_go:
                    self.database.storage(part).forget()

    def _id_from_prefix(self, table: str, id_or_prefix: str, noun: str) -> str:
        """`unique_prefix` asking the catalog, for articles or events: the id
        itself if it exists, else the one id starting with it, else the
        input unchanged."""
        catalog = self.catalog
        if not id_or_prefix or catalog.record(table, id_or_prefix) is not None:
            return id_or_prefix
        return unique_prefix(id_or_prefix, catalog.ids_starting(table, id_or_prefix, limit=1000), noun)

    def _write_main(self, changes: Changes) -> None:
        """One atomic write of the main file (outlets), stamped with the
        schema if it is the first."""
        with self.database.writing(MAIN_PART):
            self.database.apply(MAIN_PART, {**schema.stamp_if_new(self.database), **changes})


def unique_prefix(id_or_prefix: str, ids: Iterable[str], noun: str) -> str:
    """The one id of `ids` that is `id_or_prefix` or starts with it; the
    input itself when none does. Raises StoreError when several do."""
    if not id_or_prefix or id_or_prefix in ids:
        return id_or_prefix
    matches = [i for i in ids if i.startswith(id_or_prefix)]
    if len(matches) > 1:
        raise StoreError(f"{noun} id {id_or_prefix!r} is ambiguous ({len(matches)} {noun}s start with it)")
    return matches[0] if matches else id_or_prefix
