"""The library: the one repository through which everything reads and writes.

The command line and the reader both use `Library`; nothing outside `store/`
touches TinyDB. Records go in and out as the frozen types of `store.model`.

Writes take the library's write lock (threads and processes alike), reload
the parts they change if another process replaced them, and return only once
the change is on disk. Reads come from in-memory indexes that are built once
per load of a file and then kept up to date by our own writes; `refresh()`
picks up what other processes wrote.

Locks, always in this order: the backend's write lock (a thread gate, then a
file lock across processes), then `_lock`, which guards the in-memory state.
Reads take only `_lock`, so the reader's UI thread never waits for another
process; it waits at most for one of its own threads' writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from store.backend import Backend, DiskBackend, MemoryBackend, OwnedRLock
from store.loose_match import find_loosely
from store.model import (
    PARAGRAPH_SEPARATOR,
    Anchor,
    Article,
    ArticleDraft,
    ArticleState,
    Claim,
    ClaimKind,
    Event,
    Outlet,
    Verdict,
    article_id_for,
    slugify,
    utc_now,
)
from store.storage import Data, ForeignFileError, is_special_file, paused_gc
from store.textclean import clean_line, clean_text

SCHEMA_VERSION = 1
ANCHOR_CONTEXT = 32
"""Characters of prefix and suffix kept with a claim's quote."""
BODY_PARTS_KEPT = 24
"""Body parts (of 256) a library keeps parsed after reading or writing them."""
EDITABLE_CLAIM_FIELDS = frozenset({"claimant", "kind", "verdict", "tags", "note", "anchor"})

_HEX = frozenset("0123456789abcdef")
_UNTOUCHED = ArticleState()
_SIDE_TABLE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

Changes = dict[str, dict[str, dict[str, Any] | None]]
"""Per table, records to put by id (None removes the record)."""


class StoreError(Exception):
    """A request the store refuses, with a message meant for the user."""


class KeyedTable(Table):
    """A TinyDB table keyed by our own string ids instead of counters (for
    TinyDB's own table API on our files, e.g. in a migration step)."""

    document_id_class = str  # type: ignore[assignment]


class _KeyedTinyDB(TinyDB):
    table_class = KeyedTable

    def apply(self, changes: Changes) -> None:
        """Change several tables in one atomic write (TinyDB's tables write
        one at a time). Unchanged tables and records are shared, not copied."""
        current: Data = self.storage.data()  # type: ignore[attr-defined]
        new = dict(current)
        for name, records in changes.items():
            table = dict(current.get(name, {}))
            for key, record in records.items():
                if record is None:
                    table.pop(key, None)
                else:
                    table[key] = record
            new[name] = table
        self.storage.write(new)
        for cached in self._tables.values():
            cached.clear_cache()


def shard_of(record_id: str) -> str:
    """The shard (two hex digits) of an article id or claim id.

    Ids are content hashes, so their first two digits spread evenly; any
    other id (from an imported record) is hashed, so a file name never
    carries what a record said.
    """
    head = record_id[:2].lower()
    if len(head) == 2 and head[0] in _HEX and head[1] in _HEX:
        return head
    return hashlib.sha256(record_id.encode()).hexdigest()[:2]


def _claim_id_for(article_id: str) -> str:
    """A new claim id that starts with its article's shard (so `claim(id)`
    finds its file) and, for the usual hex ids, the article id's start."""
    rest = re.sub(r"[^0-9A-Za-z]", "", article_id[2:8])
    return f"{shard_of(article_id)}{rest}-{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True, slots=True)
class EventSummary:
    """An event with what the story list shows of it, derived from articles."""

    event: Event
    article_ids: tuple[str, ...]
    outlet_ids: tuple[str, ...]
    first_date: dt.date | None
    last_date: dt.date | None

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def title(self) -> str:
        return self.event.title


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add_articles` did: the new articles, and ids already stored."""

    added: tuple[Article, ...]
    existing: tuple[str, ...]


def _parse_records(
    table: dict[str, Any], parse: Callable[[dict[str, Any]], Any], what: str, warn: Callable[[str], None]
) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    bad = 0
    for key, record in table.items():
        try:
            parsed[key] = parse(record)
        except (KeyError, TypeError, ValueError, AttributeError):
            bad += 1
    if bad:
        warn(f"{bad} unreadable {what} record(s) were skipped")
    return parsed


@functools.lru_cache(maxsize=8192)
def _date(value: str) -> dt.date | None:
    """A stored date (dates repeat a lot, so parsing is memoised)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


Facts = tuple[str, str, str]
"""What listing needs of an article: (ISO date or "", id, outlet id). Such
tuples sort newest first when reversed (ISO dates sort as text, and an
unknown date, "", sorts last), without a key function."""


def _facts(record: dict[str, Any]) -> Facts:
    return (record.get("date") or "", record["id"], record["outlet_id"])


class _MainIndex:
    """Outlets, events and articles of the main file, with the derived views
    the reader asks for on every keystroke (event members, summaries, the
    sorted lists). Built once per load of the file; our own writes update it
    in place and only the summaries they touch are recomputed.

    Articles stay raw records until asked for: listing events at start-up
    needs only their dates, outlets and events, not 50,000 objects.
    """

    def __init__(self, data: Data, generation: int, warn: Callable[[str], None]) -> None:
        self.generation = generation
        self._warn = warn
        self.outlets: dict[str, Outlet] = _parse_records(
            data.get("outlets", {}), Outlet.from_record, "outlet", warn
        )
        self.events: dict[str, Event] = _parse_records(
            data.get("events", {}), Event.from_record, "event", warn
        )
        self.raw: dict[str, dict[str, Any]] = {}
        self.facts: dict[str, Facts] = {}
        self.members: dict[str, set[str]] = defaultdict(set)
        bad = 0
        for key, record in data.get("articles", {}).items():
            # Only what listing needs is checked here; the rest when an
            # article is first asked for (see `article`).
            if (
                type(record) is not dict
                or record.get("id") != key
                or type(record.get("outlet_id")) is not str
                or type(record.get("date") or "") is not str
            ):
                bad += 1
                continue
            self.raw[key] = record
            self.facts[key] = _facts(record)
            event_id = record.get("event_id")
            if event_id is not None:
                self.members[event_id].add(key)
        if bad:
            warn(f"{bad} unreadable article record(s) were skipped")
        self._objects: dict[str, Article] = {}
        self._outlets_by_name: dict[str, Outlet] | None = None
        self.summaries: dict[str, EventSummary] = {}
        self._sorted: list[Article] | None = None
        self.sorted_events: list[EventSummary] | None = None

    def outlet_named(self, name: str) -> Outlet | None:
        """The outlet with this display name, ignoring case and spaces around."""
        if self._outlets_by_name is None:
            self._outlets_by_name = {o.name.casefold(): o for o in self.outlets.values()}
        return self._outlets_by_name.get(name.strip().casefold())

    def put_outlets(self, outlets: Iterable[Outlet], removed: Iterable[str]) -> None:
        for outlet_id in removed:
            self.outlets.pop(outlet_id, None)
        self.outlets.update((o.id, o) for o in outlets)
        self._outlets_by_name = None

    # -- articles --------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        found = self._objects.get(article_id)
        if found is None:
            record = self.raw.get(article_id)
            if record is None:
                return None
            try:
                found = Article.from_record(record)
            except (KeyError, TypeError, ValueError):
                self._warn(f"article {article_id} is unreadable and was skipped")
                self._drop(article_id)
                return None
            self._objects[article_id] = found
        return found

    def _drop(self, article_id: str) -> None:
        record = self.raw.pop(article_id)
        del self.facts[article_id]
        if record.get("event_id") is not None:
            self.members[record["event_id"]].discard(article_id)
            self._touch(record["event_id"])
        self._sorted = None

    def all_articles(self) -> list[Article]:
        """Every article, newest first (kept until an article changes)."""
        if self._sorted is None:
            with paused_gc():
                ordered = sorted(self.facts.values(), reverse=True)
                self._sorted = self.article_list([f[1] for f in ordered])
        return self._sorted

    def article_list(self, ids: Iterable[str]) -> list[Article]:
        return [a for a in map(self.article, list(ids)) if a is not None]

    # -- updates after our own writes ------------------------------------

    def put_articles(self, articles: Iterable[Article], records: dict[str, dict[str, Any]]) -> None:
        for article in articles:
            old = self.raw.get(article.id)
            old_event = old.get("event_id") if old else None
            if old_event is not None and old_event != article.event_id:
                self.members[old_event].discard(article.id)
                self._touch(old_event)
            if article.event_id is not None:
                self.members[article.event_id].add(article.id)
                self._touch(article.event_id)
            self.raw[article.id] = records[article.id]
            self.facts[article.id] = _facts(records[article.id])
            self._objects[article.id] = article
            self._sorted = None

    def put_events(self, events: Iterable[Event]) -> None:
        for event in events:
            self.events[event.id] = event
            self._touch(event.id)

    def remove_events(self, event_ids: Iterable[str]) -> None:
        for event_id in event_ids:
            self.events.pop(event_id, None)
            self._touch(event_id)

    def _touch(self, event_id: str) -> None:
        self.summaries.pop(event_id, None)
        self.sorted_events = None

    # -- events ----------------------------------------------------------

    def summary(self, event_id: str) -> EventSummary | None:
        found = self.summaries.get(event_id)
        if found is None:
            event = self.events.get(event_id)
            if event is None:
                return None
            members = sorted(map(self.facts.__getitem__, self.members.get(event_id, ())), reverse=True)
            newest, oldest = members[0][0] if members else "", ""
            for fact in reversed(members):
                if fact[0]:
                    oldest = fact[0]
                    break
            found = EventSummary(
                event=event,
                article_ids=tuple([f[1] for f in members]),
                outlet_ids=tuple(dict.fromkeys([f[2] for f in members])),
                first_date=_date(oldest) if oldest else None,
                last_date=_date(newest) if newest else None,
            )
            self.summaries[event_id] = found
        return found

    def event_list(self) -> list[EventSummary]:
        if self.sorted_events is None:
            summary, members = self.summary, self.members
            with paused_gc():
                summaries = [summary(e) for e in self.events if members.get(e)]
            self.sorted_events = sorted(
                (s for s in summaries if s is not None),
                key=lambda s: (s.last_date or dt.date.min, s.id),
                reverse=True,
            )
        return self.sorted_events


class _NotesShard:
    """The claims and read/star state of one notes shard, parsed on demand."""

    def __init__(self, storage: Any, data: Data, generation: int, warn: Callable[[str], None]) -> None:
        self.storage = storage
        self.generation = generation
        self._data = data
        self._warn = warn
        self._states: dict[str, ArticleState] | None = None
        self._claims: dict[str, Claim] | None = None
        self._by_article: dict[str, list[Claim]] | None = None

    @property
    def states(self) -> dict[str, ArticleState]:
        if self._states is None:

            def parse(record: dict[str, Any]) -> ArticleState:
                return ArticleState(read=bool(record.get("read")), starred=bool(record.get("starred")))

            self._states = _parse_records(self._data.get("state", {}), parse, "read/star", self._warn)
        return self._states

    @property
    def claims(self) -> dict[str, Claim]:
        if self._claims is None:
            self._claims = _parse_records(
                self._data.get("claims", {}), Claim.from_record, "claim", self._warn
            )
        return self._claims

    def claims_of(self, article_id: str) -> list[Claim]:
        if self._by_article is None:
            by_article: dict[str, list[Claim]] = defaultdict(list)
            for claim in self.claims.values():
                by_article[claim.article_id].append(claim)
            self._by_article = dict(by_article)
        return self._by_article.get(article_id, [])


class Library:
    """A Dateline library. Open one with `Library.open(path)` or `Library.memory()`."""

    def __init__(self, backend: Backend, warnings: list[str] | None = None) -> None:
        self._backend = backend
        self._lock = OwnedRLock()
        self.warnings: list[str] = warnings if warnings is not None else []
        """One line per problem found in the files (damage, skipped records)."""
        self._dbs: dict[str, _KeyedTinyDB] = {}
        self._main: _MainIndex | None = None
        self._notes: dict[str, _NotesShard] = {}
        self._bodies_read: OrderedDict[str, None] = OrderedDict()
        self._check_schema()

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Library:
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
    def memory(cls) -> Library:
        """A library that is never written to disk."""
        return cls(MemoryBackend())

    @property
    def path(self) -> Path | None:
        return getattr(self._backend, "main_path", None)

    def _where(self) -> str:
        return str(self.path) if self.path else "the library"

    def _db(self, part: str) -> _KeyedTinyDB:
        db = self._dbs.get(part)
        if db is None:
            storage = self._backend.storage(part)
            db = _KeyedTinyDB(storage=lambda: storage)
            self._dbs[part] = db
        return db

    def _storage(self, part: str) -> Any:
        return self._db(part).storage

    def _data(self, part: str) -> Data:
        """A part's raw tables (shared: never change them)."""
        data: Data = self._storage(part).data()
        return data

    def _schema_version(self) -> Any:
        meta = self._data("").get("meta", {}).get("schema")
        return meta.get("version") if isinstance(meta, dict) else None

    def _check_schema(self) -> None:
        version = self._schema_version()
        if version is None:
            return
        if not isinstance(version, int) or isinstance(version, bool):
            raise StoreError(f"{self._where()} has an unreadable schema version ({version!r})")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self._where()} was written by a newer Dateline (schema {version}; this one reads up to"
                f" {SCHEMA_VERSION}): upgrade Dateline to open it"
            )
        if version < SCHEMA_VERSION:
            migrate(self, from_version=version)

    # -- locking and freshness -------------------------------------------

    @contextmanager
    def _writing(self, *parts: str) -> Iterator[None]:
        """Hold the write lock, with the named parts fresh from disk. A
        failed write (a full disk, a read-only folder) becomes a StoreError."""
        if self._lock.held() and not self._backend.holds_write_lock():
            raise RuntimeError("lock order: take the write lock before the library's lock")
        try:
            with self._backend.write_lock(), self._lock:
                for part in parts:
                    storage = self._storage(part)
                    if storage.is_stale():
                        storage.forget()
                yield
        except OSError as error:
            raise StoreError(f"could not save to {self._where()}: {error.strerror or error}") from error

    def refresh(self) -> bool:
        """Pick up what other processes wrote; True if anything changed.

        Parts other than the main file are simply dropped and reloaded when
        next read (they are small). The main file is read and indexed here,
        without holding the library's lock, so a reader thread keeps
        answering from the old index until the new one is swapped in.
        """
        with self._lock:
            storages = [(part, self._storage(part)) for part in list(self._dbs)]
            stale = [(part, storage) for part, storage in storages if storage.is_stale()]
            main = next((storage for part, storage in stale if part == ""), None)
            for part, storage in stale:
                if part:
                    storage.forget()
            based_on = main.signature if main is not None else None
        if main is not None:
            loaded = main.peek()
            index = None
            if loaded is not None:
                with paused_gc():
                    index = _MainIndex(loaded[0], -1, self._warn(""))
            with self._lock:
                if index is not None and loaded is not None and main.adopt(loaded, based_on):
                    index.generation = main.generation
                    self._main = index
                elif main.signature == based_on:
                    main.forget()
        return bool(stale)

    # -- indexes ---------------------------------------------------------

    def _index(self) -> _MainIndex:
        """The main index, rebuilt when the main file was (re)loaded."""
        with self._lock:
            storage = self._storage("")
            index = self._main
            if index is None or not storage.holds(index.generation):
                data = storage.data()
                with paused_gc():
                    index = _MainIndex(data, storage.generation, self._warn(""))
                self._main = index
            return index

    def _shard(self, part: str) -> _NotesShard:
        """A notes shard's parsed claims and states (caller holds `_lock`)."""
        shard = self._notes.get(part)
        if shard is not None and shard.storage.holds(shard.generation):
            return shard
        storage = self._storage(part)
        data = storage.data()
        shard = _NotesShard(storage, data, storage.generation, self._warn(part))
        self._notes[part] = shard
        return shard

    def _warn(self, part: str) -> Callable[[str], None]:
        where = self._storage(part).path if self.path else f"part {part or 'main'}"

        def warn(message: str) -> None:
            self.warnings.append(f"{where}: {message}")

        return warn

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
        index (caller is inside `_writing("")`)."""
        index = self._index()
        outlets, events, articles = list(outlets), list(events), list(articles)
        remove_outlets, remove_events = list(remove_outlets), list(remove_events)
        changes: Changes = {}
        if self._schema_version() is None:
            changes["meta"] = {"schema": {"version": SCHEMA_VERSION}}
        if outlets or remove_outlets:
            changes["outlets"] = {o.id: o.to_record() for o in outlets} | dict.fromkeys(remove_outlets)
        if events or remove_events:
            changes["events"] = {e.id: e.to_record() for e in events} | dict.fromkeys(remove_events)
        records = {a.id: a.to_record() for a in articles}
        if records:
            changes["articles"] = records  # type: ignore[assignment]
        self._db("").apply(changes)
        index.put_outlets(outlets, remove_outlets)
        index.put_events(events)
        index.remove_events(remove_events)
        index.put_articles(articles, records)
        index.generation = self._storage("").generation

    # -- outlets ---------------------------------------------------------

    def outlets(self) -> list[Outlet]:
        with self._lock:
            return sorted(self._index().outlets.values(), key=lambda o: (o.name.casefold(), o.id))

    def outlet(self, outlet_id: str) -> Outlet | None:
        with self._lock:
            return self._index().outlets.get(outlet_id)

    def outlet_name(self, outlet_id: str) -> str:
        """The outlet's display name, or its id if the outlet is gone."""
        outlet = self.outlet(outlet_id)
        return outlet.name if outlet else outlet_id

    def find_outlet(self, name_or_id: str) -> Outlet | None:
        """An outlet by id or by display name, ignoring case."""
        with self._lock:
            index = self._index()
            return index.outlets.get(name_or_id) or index.outlet_named(name_or_id)

    def ensure_outlet(self, name: str, homepage: str | None = None) -> Outlet:
        """The outlet with this name, made if it does not exist yet."""
        name = clean_line(name)
        if not name:
            raise StoreError("an outlet's name cannot be empty")
        existing = self.find_outlet(name)
        if existing is not None:
            return existing
        with self._writing(""):
            existing = self.find_outlet(name)
            if existing is not None:
                return existing
            outlet = Outlet(id=self._free_outlet_id(slugify(name), {}), name=name, homepage=homepage)
            self._write_main(outlets=[outlet])
            return outlet

    def _free_outlet_id(self, slug: str, pending: dict[str, Outlet]) -> str:
        """`slug`, or `slug-2`, `slug-3`… when another outlet has it."""
        taken = self._index().outlets
        candidate, number = slug, 1
        while candidate in taken or candidate in pending:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def rename_outlet(self, old: str, new: str) -> Outlet:
        """Rename an outlet. Renaming onto an existing outlet's name merges
        the two: the articles move over and the old one is removed."""
        new = clean_line(new)
        if not new:
            raise StoreError("an outlet's name cannot be empty")
        with self._writing(""):
            source = self.find_outlet(old)
            if source is None:
                raise StoreError(f"no outlet named {old!r} (see `dateline outlets`)")
            target = self.find_outlet(new)
            if target is None or target.id == source.id:
                renamed = replace(source, name=new, named=True)
                self._write_main(outlets=[renamed])
                return renamed
            index = self._index()
            moving = [i for i, r in index.raw.items() if r["outlet_id"] == source.id]
            moved = [replace(a, outlet_id=target.id) for a in index.article_list(moving)]
            self._write_main(articles=moved, remove_outlets=[source.id])
            return target

    # -- articles --------------------------------------------------------

    def articles(self, event_id: str | None = None) -> list[Article]:
        """Articles, newest first (unknown dates last)."""
        with self._lock:
            index = self._index()
            if event_id is None:
                return list(index.all_articles())
            summary = index.summary(event_id)
            return index.article_list(summary.article_ids) if summary else []

    def article(self, article_id: str) -> Article | None:
        with self._lock:
            return self._index().article(article_id)

    def find_article(self, id_or_prefix: str) -> Article:
        """An article by id or unambiguous id prefix, as typed on a command line."""
        with self._lock:
            index = self._index()
            found = index.article(_unique_prefix(id_or_prefix, index.raw, "article"))
        if found is None:
            raise StoreError(f"no article with id {id_or_prefix!r} (see `dateline articles`)")
        return found

    def article_count(self) -> int:
        with self._lock:
            return len(self._index().raw)

    def article_ids(self) -> list[str]:
        """The ids of all stored articles, in no order (cheaper than `articles`)."""
        with self._lock:
            return list(self._index().raw)

    def paragraphs(self, article_id: str) -> tuple[str, ...]:
        """An article's body, paragraph by paragraph (loaded on demand)."""
        with self._lock:
            part = f"bodies-{shard_of(article_id)}"
            record = self._data(part).get("bodies", {}).get(article_id)
            self._keep_bodies(part)
            return tuple(record.get("paragraphs", ())) if isinstance(record, dict) else ()

    def _keep_bodies(self, part: str, let_go: bool = True) -> None:
        """Keep the body parts used last in memory, and let older ones go:
        a reader going through a large library, or refreshing feeds into
        it, would otherwise end up holding every body it showed or wrote.
        Writes do not let parts go (an import writes to every part, batch
        after batch); the next read does."""
        self._bodies_read[part] = None
        self._bodies_read.move_to_end(part)
        while let_go and len(self._bodies_read) > BODY_PARTS_KEPT:
            oldest, _ = self._bodies_read.popitem(last=False)
            self._storage(oldest).forget()

    def text(self, article_id: str) -> str:
        """An article's body as one string; claim offsets count in this."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs(article_id))

    def add_articles(self, drafts: Sequence[ArticleDraft]) -> AddResult:
        """Store new articles; ones already stored (same id) are left alone.

        Bodies are written before metadata, so an article that is listed
        always has its body, even if the process dies in between.
        """
        added: list[Article] = []
        existing: list[str] = []
        with self._writing(""):
            index = self._index()
            new_outlets: dict[str, Outlet] = {}
            bodies: dict[str, dict[str, dict[str, Any] | None]] = defaultdict(dict)
            for draft in drafts:
                outlet = self._outlet_for_draft(draft, new_outlets)
                article_id = draft.id or article_id_for(outlet.id, draft.headline, draft.paragraphs)
                if article_id in index.raw or article_id in bodies[shard_of(article_id)]:
                    existing.append(article_id)
                    continue
                added.append(
                    Article(
                        id=article_id,
                        outlet_id=outlet.id,
                        headline=draft.headline,
                        date=draft.date,
                        credit=draft.credit,
                        url=draft.url,
                        source=draft.source,
                        lang=draft.lang,
                        imported_at=utc_now(),
                    )
                )
                bodies[shard_of(article_id)][article_id] = {"paragraphs": list(draft.paragraphs)}
            for shard, records in sorted(bodies.items()):
                if records:
                    part = f"bodies-{shard}"
                    with self._writing(part):
                        self._db(part).apply({"bodies": records})
                        self._keep_bodies(part, let_go=False)
            if added:
                self._write_main(outlets=new_outlets.values(), articles=added)
                from store.search_index import index_added  # after the articles: see its docstring

                index_added(self, added)
        return AddResult(tuple(added), tuple(existing))

    def _outlet_for_draft(self, draft: ArticleDraft, new_outlets: dict[str, Outlet]) -> Outlet:
        name = (draft.outlet_name or "").strip()
        if name:
            found = self.find_outlet(name)
            if found is None:
                wanted = name.casefold()
                found = next((o for o in new_outlets.values() if o.name.casefold() == wanted), None)
            if found is None:
                found = Outlet(id=self._free_outlet_id(slugify(name), new_outlets), name=name)
                new_outlets[found.id] = found
            return found
        # No outlet known: a placeholder per article, renamed by the user later.
        outlet_id = self.placeholder_outlet_id(draft.headline, draft.paragraphs)
        found = self._index().outlets.get(outlet_id) or new_outlets.get(outlet_id)
        if found is None:
            key = outlet_id.removeprefix("unnamed-")
            found = Outlet(id=outlet_id, name=f"Unnamed outlet {key}", named=False)
            new_outlets[outlet_id] = found
        return found

    @staticmethod
    def placeholder_outlet_id(headline: str, paragraphs: tuple[str, ...]) -> str:
        """The id of the unnamed outlet an article with this text is given
        when its outlet is not known: one per text, renamed by the user."""
        return f"unnamed-{article_id_for('', headline, paragraphs)[:6]}"

    # -- events ----------------------------------------------------------

    def events(self) -> list[EventSummary]:
        """Events that have articles, newest first (unknown dates last)."""
        with self._lock:
            return list(self._index().event_list())

    def event(self, event_id: str) -> EventSummary | None:
        with self._lock:
            return self._index().summary(event_id)

    def find_event(self, id_or_prefix: str) -> EventSummary:
        """An event by id or unambiguous id prefix."""
        with self._lock:
            index = self._index()
            found = index.summary(_unique_prefix(id_or_prefix, index.events, "event"))
        if found is None:
            raise StoreError(f"no event with id {id_or_prefix!r} (see `dateline events`)")
        return found

    def new_event_id(self) -> str:
        return uuid.uuid4().hex[:12]

    def save_grouping(
        self, events: Sequence[Event], assignments: dict[str, str], pinned: Iterable[str] = ()
    ) -> None:
        """Store events and move articles into them in one go.

        `assignments` maps article id to event id; articles named in `pinned`
        were placed by the user and are marked so automatic grouping leaves
        them alone. Events left without articles are removed.
        """
        pinned = set(pinned)
        with self._writing(""):
            index = self._index()
            known = set(index.events) | {e.id for e in events}
            unknown = sorted({eid for eid in assignments.values() if eid not in known})
            if unknown:
                raise StoreError(f"no event with id {unknown[0]!r}")
            current = {a.id: a for a in index.article_list(assignments)}
            moved = [
                replace(a, event_id=assignments[aid], event_pinned=a.event_pinned or aid in pinned)
                for aid, a in current.items()
                if a.event_id != assignments[aid] or aid in pinned
            ]
            sizes = {eid: len(index.members.get(eid, ())) for eid in known}
            for article in moved:
                before = current[article.id].event_id
                if before != article.event_id:
                    if before is not None and before in sizes:
                        sizes[before] -= 1
                    sizes[article.event_id] += 1  # type: ignore[index]
            empty = [eid for eid, size in sizes.items() if size == 0 and eid in index.events]
            kept = [e for e in events if sizes.get(e.id, 0) > 0]
            if kept or moved or empty:
                self._write_main(events=kept, articles=moved, remove_events=empty)

    def rename_event(self, event_id: str, title: str) -> Event:
        title = clean_line(title)
        if not title:
            raise StoreError("an event's title cannot be empty")
        with self._writing(""):
            event = self._index().events.get(event_id)
            if event is None:
                raise StoreError(f"no event with id {event_id!r}")
            renamed = replace(event, title=title, title_pinned=True)
            self._write_main(events=[renamed])
            return renamed

    # -- read and star state ---------------------------------------------

    def state(self, article_id: str) -> ArticleState:
        with self._lock:
            return self._shard(f"notes-{shard_of(article_id)}").states.get(article_id, _UNTOUCHED)

    def states(self, article_ids: Iterable[str]) -> dict[str, ArticleState]:
        """The state of many articles at once (the story list at start-up)."""
        with self._lock:
            shard = self._shard
            return {a: shard(f"notes-{shard_of(a)}").states.get(a, _UNTOUCHED) for a in article_ids}

    def set_state(
        self, article_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> ArticleState:
        """Mark an article read/unread or starred/unstarred, durably."""
        part = f"notes-{shard_of(article_id)}"
        with self._writing(part):
            current = self.state(article_id)
            new = ArticleState(
                read=current.read if read is None else bool(read),
                starred=current.starred if starred is None else bool(starred),
            )
            if new != current:
                self._db(part).apply({"state": {article_id: {"read": new.read, "starred": new.starred}}})
            return new

    # -- claims ----------------------------------------------------------

    def claims(self, *, article_id: str | None = None, event_id: str | None = None) -> list[Claim]:
        """Claims of one article, of one event, or all, in reading order."""
        with self._lock:
            if article_id is not None:
                wanted: Iterable[str] | None = [article_id]
            elif event_id is not None:
                summary = self.event(event_id)
                wanted = summary.article_ids if summary else ()
            else:
                wanted = None
            if wanted is None:
                found = [
                    c
                    for part in self._backend.existing_parts("notes-")
                    for c in self._shard(part).claims.values()
                ]
            else:
                found = [c for a in wanted for c in self._shard(f"notes-{shard_of(a)}").claims_of(a)]
        return sorted(found, key=lambda c: (c.article_id, c.anchor.start, c.created))

    def claim(self, claim_id: str) -> Claim | None:
        with self._lock:
            return self._shard(f"notes-{shard_of(claim_id)}").claims.get(claim_id)

    def find_claim(self, id_or_prefix: str) -> Claim:
        """A claim by id or unambiguous id prefix, as typed on a command line."""
        found = self.claim(id_or_prefix) if id_or_prefix else None
        if found is None:
            ids = {c.id for c in self.claims()}
            found = self.claim(_unique_prefix(id_or_prefix, ids, "claim"))
        if found is None:
            raise StoreError(f"no claim with id {id_or_prefix!r} (see `dateline claims`)")
        return found

    def anchor_for(self, article_id: str, quote: str, start: int | None = None) -> Anchor:
        """An anchor for `quote` in the article's text: at `start` if given,
        else its first occurrence. Raises StoreError if it is not there."""
        text = self.text(article_id)
        quote = quote.strip()
        if not quote:
            raise StoreError("the quote is empty")
        if start is None or start < 0 or text[start : start + len(quote)] != quote:
            start = text.find(quote)
        if start < 0:
            # Typed with straight quotes, hyphens or single spaces, say.
            span = find_loosely(text, quote)
            if span is None:
                raise StoreError(f"the quote does not occur in article {article_id}: {quote[:60]!r}")
            start, quote = span[0], text[span[0] : span[1]]
        end = start + len(quote)
        return Anchor(
            exact=quote,
            prefix=text[max(0, start - ANCHOR_CONTEXT) : start],
            suffix=text[end : end + ANCHOR_CONTEXT],
            start=start,
            end=end,
        )

    def add_claim(
        self,
        article_id: str,
        quote: str,
        *,
        start: int | None = None,
        claimant: str = "",
        kind: ClaimKind = ClaimKind.STATEMENT,
        verdict: Verdict = Verdict.UNVERIFIED,
        tags: Sequence[str] = (),
        note: str = "",
    ) -> Claim:
        """Tag a claim; it is on disk when this returns."""
        with self._writing(f"notes-{shard_of(article_id)}"):
            if self.article(article_id) is None and not (self.refresh() and self.article(article_id)):
                raise StoreError(f"no article with id {article_id!r}")
            now = utc_now()
            claim = Claim(
                id=_claim_id_for(article_id),
                article_id=article_id,
                anchor=self.anchor_for(article_id, quote, start),
                claimant=clean_line(claimant),
                kind=_member(ClaimKind, kind),
                verdict=_member(Verdict, verdict),
                tags=clean_tags(tags),
                note=clean_text(note),
                created=now,
                updated=now,
            )
            return self.put_claim(claim)

    def put_claim(self, claim: Claim) -> Claim:
        """Store a claim as given (an edit, or an undone delete)."""
        part = f"notes-{shard_of(claim.article_id)}"
        if shard_of(claim.id) != shard_of(claim.article_id):
            raise StoreError(f"claim id {claim.id!r} does not belong to article {claim.article_id!r}")
        with self._writing(part):
            self._db(part).apply({"claims": {claim.id: claim.to_record()}})
        return claim

    def update_claim(self, claim_id: str, **changes: Any) -> Claim:
        """Change some fields of a claim (claimant, kind, verdict, tags, note, anchor)."""
        unknown = sorted(set(changes) - EDITABLE_CLAIM_FIELDS)
        if unknown:
            raise StoreError(f"a claim has no editable field {unknown[0]!r}")
        if "kind" in changes:
            changes["kind"] = _member(ClaimKind, changes["kind"])
        if "verdict" in changes:
            changes["verdict"] = _member(Verdict, changes["verdict"])
        if "tags" in changes:
            changes["tags"] = clean_tags(changes["tags"])
        if "claimant" in changes:
            changes["claimant"] = clean_line(str(changes["claimant"]))
        if "note" in changes:
            changes["note"] = clean_text(str(changes["note"]))
        with self._writing(f"notes-{shard_of(claim_id)}"):
            current = self.claim(claim_id)
            if current is None:
                raise StoreError(f"no claim with id {claim_id!r}")
            return self.put_claim(current.with_changes(**changes))

    def remove_claim(self, claim_id: str) -> Claim:
        """Delete a claim and its links; returns it so it can be put back."""
        part = f"notes-{shard_of(claim_id)}"
        with self._writing(part):
            claim = self.claim(claim_id)
            if claim is None:
                raise StoreError(f"no claim with id {claim_id!r} (see `dateline claims`)")
            for other_id in claim.links:
                self._set_link(other_id, claim_id, linked=False)
            self._db(part).apply({"claims": {claim_id: None}})
            return claim

    def restore_claim(self, claim: Claim) -> Claim:
        """Put back a removed claim, with the links that still make sense."""
        with self._writing(f"notes-{shard_of(claim.article_id)}"):
            links = tuple(i for i in claim.links if i != claim.id and self.claim(i) is not None)
            restored = self.put_claim(replace(claim, links=links))
            for other_id in links:
                self._set_link(other_id, claim.id, linked=True)
            return restored

    def link_claims(self, first_id: str, second_id: str, *, linked: bool = True) -> None:
        """Mark two claims as the same claim in different articles (or not)."""
        if first_id == second_id:
            raise StoreError("a claim cannot be linked to itself")
        with self._writing(f"notes-{shard_of(first_id)}", f"notes-{shard_of(second_id)}"):
            for claim_id in (first_id, second_id):
                if self.claim(claim_id) is None:
                    raise StoreError(f"no claim with id {claim_id!r}")
            self._set_link(first_id, second_id, linked=linked)
            self._set_link(second_id, first_id, linked=linked)

    def _set_link(self, claim_id: str, other_id: str, *, linked: bool) -> None:
        with self._writing(f"notes-{shard_of(claim_id)}"):
            claim = self.claim(claim_id)
            if claim is None:
                return
            links = [i for i in claim.links if i != other_id]
            if linked:
                links.append(other_id)
            if tuple(links) != claim.links:
                self.put_claim(claim.with_changes(links=tuple(links)))

    # -- side tables -----------------------------------------------------

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """All records of a small side table (feeds, dismissed suggestions…)."""
        with self._lock:
            rows = self._data(_side_part(table)).get(table, {})
            return orjson.loads(orjson.dumps(rows)) if rows else {}

    def put_record(self, table: str, key: str, record: dict[str, Any]) -> None:
        self.put_records(table, {key: record})

    def put_records(self, table: str, records: dict[str, dict[str, Any]]) -> None:
        """Several records of a side table in one write (a refresh's feeds)."""
        part = _side_part(table)
        for key in records:
            if not isinstance(key, str) or not key:
                raise StoreError(f"a {table} record needs a non-empty text key (got {key!r})")
        try:
            stored = orjson.loads(orjson.dumps(records))
        except TypeError as error:
            raise StoreError(f"a {table} record must be plain JSON data ({error})") from error
        with self._writing(part):
            self._db(part).apply({table: stored})

    def delete_record(self, table: str, key: str) -> bool:
        """Remove a side-table record; False if there was none."""
        part = _side_part(table)
        with self._writing(part):
            if key not in self._data(part).get(table, {}):
                return False
            self._db(part).apply({table: {key: None}})
            return True

    # -- whole-library snapshots (backup and restore) --------------------

    _SNAPSHOT_FAMILIES = ("bodies", "notes", "side", "main")
    """Part families in the order a restore writes them: bodies and notes
    before the article list, so a listed article always has its body."""

    def _family_parts(self, family: str) -> list[str]:
        return [""] if family == "main" else self._backend.existing_parts(f"{family}-")

    def snapshot(self) -> dict[str, Any]:
        """Every record, as {"schema": N, "tables": {family: {table: {id: record}}}}.

        Shards are merged (all claims in one table), so a snapshot does not
        depend on how the store splits its files; empty tables are left out.
        """
        with self._writing():
            self.refresh()
            tables: dict[str, dict[str, dict[str, Any]]] = {}
            for family in self._SNAPSHOT_FAMILIES:
                merged: dict[str, dict[str, Any]] = {}
                for part in self._family_parts(family):
                    for name, rows in sorted(self._data(part).items()):
                        if part == "" and name == "meta":
                            continue
                        if rows:
                            merged.setdefault(name, {}).update(orjson.loads(orjson.dumps(rows)))
                if merged:
                    tables[family] = merged
            return {"schema": self._schema_version() or SCHEMA_VERSION, "tables": tables}

    def is_empty(self) -> bool:
        """True when the library holds nothing at all (not even an outlet)."""
        with self._lock:
            self.refresh()
            index = self._index()
            if index.raw or index.outlets or index.events:
                return False
            return not any(self._family_parts(f) for f in ("bodies", "notes", "side"))

    def load_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Fill an EMPTY library with what `snapshot()` returned."""
        schema = snapshot["schema"]
        if schema > SCHEMA_VERSION:
            raise StoreError(
                f"the snapshot is of schema {schema}; this Dateline reads up to {SCHEMA_VERSION}"
            )
        with self._writing():
            if not self.is_empty():
                raise StoreError(f"{self.path or 'this library'} is not empty; restore into a new library")
            by_part: dict[str, Changes] = defaultdict(dict)
            for family in self._SNAPSHOT_FAMILIES:
                for name, records in snapshot["tables"].get(family, {}).items():
                    for key, record in records.items():
                        part = {"main": "", "side": f"side-{name}"}.get(family, f"{family}-{shard_of(key)}")
                        by_part[part].setdefault(name, {})[key] = record
            by_part[""]["meta"] = {"schema": {"version": schema}}
            # Bodies and notes first, the main file (which lists articles) last.
            for part in sorted(by_part, key=lambda p: (p == "", p)):
                with self._writing(part):
                    self._db(part).apply(by_part[part])
        if schema < SCHEMA_VERSION:
            migrate(self, from_version=schema)


def _member(kind: Any, value: Any) -> Any:
    """`value` as a member of the enum `kind`, or a StoreError naming the choices."""
    try:
        return kind(value)
    except ValueError:
        what = {ClaimKind: "claim kind", Verdict: "verdict"}.get(kind, kind.__name__)
        choices = ", ".join(m.value for m in kind)
        raise StoreError(f"{value!r} is not a {what} (choose from {choices})") from None


def _unique_prefix(id_or_prefix: str, ids: Iterable[str], noun: str) -> str:
    """The one id of `ids` that is `id_or_prefix` or starts with it; the
    input itself when none does. Raises StoreError when several do."""
    if not id_or_prefix or id_or_prefix in ids:
        return id_or_prefix
    matches = [i for i in ids if i.startswith(id_or_prefix)]
    if len(matches) > 1:
        raise StoreError(f"{noun} id {id_or_prefix!r} is ambiguous ({len(matches)} {noun}s start with it)")
    return matches[0] if matches else id_or_prefix


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: each one line, cleaned, without empties or repeats."""
    if isinstance(tags, str):
        tags = [tags]
    cleaned = (clean_line(t) for t in tags)
    return tuple(dict.fromkeys(t for t in cleaned if t))


def _side_part(table: str) -> str:
    if not _SIDE_TABLE.fullmatch(table):
        raise ValueError(f"side table names are lower-case letters, digits, - and _ (got {table!r})")
    return f"side-{table}"


MIGRATIONS: dict[int, Callable[[Library], None]] = {}
"""Steps from schema version N to N+1, each a function of the library. A
step runs under the write lock and the version is stored after each step,
so a step interrupted by a crash runs again: write steps to be repeatable."""


def migrate(library: Library, from_version: int) -> None:
    """Bring an older library up to SCHEMA_VERSION, one step at a time."""
    with library._writing(""):
        version = library._schema_version() or from_version
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(
                    f"{library._where()} is at schema {version} and this Dateline cannot bring it"
                    f" to {SCHEMA_VERSION}"
                )
            step(library)
            version += 1
            library._db("").apply({"meta": {"schema": {"version": version}}})
