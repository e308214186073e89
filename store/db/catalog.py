"""The catalog: what a library's parts say, derived into one SQLite database
beside it, so that a question about one article, one event or the newest
stories reads a few rows instead of every part, and search has a real
full-text engine (SQLite FTS5).

It holds nothing the user made: every row is derived from a part of the
library (see `store.db.sqlite_file` for where it lives and how damage is
handled), and the library's TinyDB parts stay the one record.

What is derived from what, by "key" (XX: a shard's two hex digits):

    articles-XX   articles rows (id, outlet, date, event, the record)
    events-XX     events rows (the record) and their titles' full-text rows
    notes-XX      read/star rows and the claims' full-text rows
    text-XX       full-text rows of headlines and bodies, from articles-XX
                  and bodies-XX together

Freshness. The `parts` table records, for each key, the version (inode,
mtime, size) of the part files its rows were derived from. Rows are right
exactly when that version is the files' version now:

- a write through `Database.apply` tells the catalog right after (under the
  library's write lock); if the catalog was in step with the version the
  write started from, the change is applied to the rows and the new version
  recorded, in one transaction; otherwise the key is left stale;
- before answering, the catalog checks the keys a question needs (a stat
  per part file, once per process until `forget_checked`, which the
  library's `refresh` calls) and derives again from the files any key whose
  version differs: a crash between a part's write and the catalog's, a
  write by a process that could not reach the catalog, a catalog that was
  deleted or set aside. Deriving reads the files with their version, and
  commits only if the files still have it, so rows are never labelled with
  a version they do not come from.

Checks and derivations take no library lock (a reader never waits for a
writer of another process); SQLite's own lock orders the transactions, all
of them short (one part each). No library lock is ever taken inside one.

Full-text rows of articles are numbered by date (the day in the high bits,
the id's start below), so "newest first" is FTS5 walking row ids backwards
and stopping at the limit, and a date filter is a range of row ids.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

import orjson

from store.db.database import Database
from store.db.shards import SHARDED_FAMILIES, articles_part, shard_of, shard_of_prefix
from store.db.sqlite_file import DamagedDatabase, SQLiteFile
from store.db.storage import NO_VERSION, Data, paused_gc, version_text
from store.db.tables import Changes
from store.model import PARAGRAPH_SEPARATOR, Article, Claim, Event

FORMAT = 1
"""Bumped when what the catalog holds changes; another format is rebuilt."""
FOLDER_SUFFIX = ".index"
"""A disk library's catalog lives in `.<main file name>.index/`."""
FILE_NAME = "catalog.sqlite"
TOKENIZER = "unicode61 remove_diacritics 2"
"""Words are runs of letters and digits, compared ignoring case and accents."""

STATEMENTS = (
    "CREATE TABLE parts (name TEXT PRIMARY KEY, version TEXT NOT NULL, problems TEXT NOT NULL DEFAULT '')"
    " WITHOUT ROWID",
    "CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)",
    "INSERT INTO changes (id, count) VALUES (1, 0)",
    "CREATE TABLE articles (id TEXT PRIMARY KEY, part TEXT NOT NULL, outlet_id TEXT NOT NULL, date TEXT,"
    " event_id TEXT, record BLOB NOT NULL) WITHOUT ROWID",
    "CREATE INDEX articles_part ON articles (part)",
    "CREATE INDEX articles_event ON articles (event_id, date DESC, id DESC, outlet_id)",
    "CREATE INDEX articles_date ON articles (date DESC, event_id DESC)",
    "CREATE INDEX articles_outlet ON articles (outlet_id)",
    "CREATE TABLE events (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, part TEXT NOT NULL,"
    " record BLOB NOT NULL)",
    "CREATE INDEX events_part ON events (part)",
    "CREATE TABLE states (article_id TEXT PRIMARY KEY, part TEXT NOT NULL, read INTEGER NOT NULL,"
    " starred INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE INDEX states_part ON states (part)",
    "CREATE TABLE claims (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, part TEXT NOT NULL,"
    " article_id TEXT NOT NULL, start INTEGER NOT NULL)",
    "CREATE INDEX claims_part ON claims (part)",
    "CREATE TABLE texts (row INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, part TEXT NOT NULL)",
    "CREATE INDEX texts_part ON texts (part)",
    "CREATE VIRTUAL TABLE text_index USING fts5(headline, body, paragraphs UNINDEXED,"
    f" tokenize = '{TOKENIZER}')",
    f"CREATE VIRTUAL TABLE title_index USING fts5(title, tokenize = '{TOKENIZER}')",
    f"CREATE VIRTUAL TABLE claim_index USING fts5(quote, claimant, note, tags, tokenize = '{TOKENIZER}')",
)

MARK_START, MARK_END = "\x02", "\x03"
"""What FTS5's highlight() puts around matched words: control characters,
which no stored text holds (they are cleaned out at import)."""
_DAY_SHIFT = 32

FAMILY_KEYS = ("articles", "events", "notes", "text")
DERIVED_PER_TRANSACTION = 8
"""Keys derived again in one transaction (text keys read a body part each)."""


# -- keys, parts and versions -------------------------------------------------------


def sources_of(key: str) -> tuple[str, ...]:
    """The parts a key's rows are derived from."""
    family, _, shard = key.partition("-")
    if family == "text":
        return (f"articles-{shard}", f"bodies-{shard}")
    return (key,)


def keys_of(part: str) -> tuple[str, ...]:
    """The keys whose rows a part's records go into."""
    family, _, shard = part.partition("-")
    if family == "articles":
        return (part, f"text-{shard}")
    if family == "bodies":
        return (f"text-{shard}",)
    if family in ("events", "notes"):
        return (part,)
    return ()


def _empty_version(key: str) -> str:
    return "|".join(NO_VERSION for _ in sources_of(key))


def text_row(article_id: str, date: str | None) -> int:
    """The full-text row number of an article: its day, then its id's start
    (ties in a day go by id, as they do everywhere else)."""
    try:
        day = dt.date.fromisoformat(date).toordinal() if date else 0
    except ValueError:
        day = 0
    try:
        low = int(article_id[:8], 16) if len(article_id) >= 8 else zlib.crc32(article_id.encode())
    except ValueError:
        low = zlib.crc32(article_id.encode())
    return (day << _DAY_SHIFT) | (low & 0xFFFFFFFF)


def day_rows(since: dt.date | None, until: dt.date | None) -> tuple[int, int]:
    """The range of full-text row numbers of articles dated in [since, until]
    (undated articles, numbered from 0, are in it only with no date filter)."""
    if since is None and until is None:
        return 0, 1 << 62
    low = since.toordinal() << _DAY_SHIFT if since else 1 << _DAY_SHIFT
    high = ((until.toordinal() + 1) << _DAY_SHIFT) - 1 if until else (1 << 62)
    return low, high


# -- rows derived from records ----------------------------------------------------------


def _article_row(key: str, record: Any) -> tuple[str, str, str | None, str | None, bytes] | None:
    """(id, outlet, date, event, record) of a readable article record, else None."""
    if type(record) is not dict or record.get("id") != key:
        return None
    outlet, date, event = record.get("outlet_id"), record.get("date") or None, record.get("event_id")
    if type(outlet) is not str or (date is not None and type(date) is not str):
        return None
    if event is not None and type(event) is not str:
        return None
    try:
        Article.from_record(record)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return key, outlet, date, event, orjson.dumps(record)


def _event_title(key: str, record: Any) -> str | None:
    if type(record) is not dict or record.get("id") != key:
        return None
    try:
        return Event.from_record(record).title
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _claim(record: Any) -> Claim | None:
    try:
        return Claim.from_record(record)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _body(record: Any) -> tuple[str, bytes | None]:
    """A body record's text, and its paragraphs when the text does not give
    them back by splitting (a paragraph holding a blank line, say)."""
    paragraphs = record.get("paragraphs") if type(record) is dict else None
    if type(paragraphs) is not list:
        return "", orjson.dumps([])
    text = PARAGRAPH_SEPARATOR.join(p for p in paragraphs if type(p) is str)
    exact = paragraphs and text.split(PARAGRAPH_SEPARATOR) == paragraphs
    return _unmarked(text), None if exact else orjson.dumps(paragraphs)


def _unmarked(text: str) -> str:
    if MARK_START in text or MARK_END in text:
        return text.replace(MARK_START, " ").replace(MARK_END, " ")
    return text


def _count(what: str, bad: int) -> list[str]:
    return [f"{bad} unreadable {what} record(s) were skipped"] if bad else []


class StoryFacts(NamedTuple):
    """What the story list shows of an event, straight from the catalog."""

    event_id: str
    title: str
    date: str | None
    articles: int
    outlets: int
    read: int
    starred: bool


class Match(NamedTuple):
    """One full-text hit: what matched and the matched column's text with
    MARK_START/MARK_END around the matched words."""

    article_id: str
    event_id: str | None
    date: str | None
    marked: str
    claim_id: str | None = None
    start: int = 0


class Filters(NamedTuple):
    """What a search keeps: articles of these outlets (None: any), dated
    within [since, until] (an undated article passes no date filter)."""

    outlet_ids: tuple[str, ...] | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None


class Catalog:
    """A library's catalog (see the module). `Library` makes one and asks
    it; `store.search` asks it too."""

    def __init__(self, database: Database) -> None:
        self.database = database
        main = database.path
        folder = main.with_name(f".{main.name}{FOLDER_SUFFIX}") if main else None
        self.file = SQLiteFile(
            folder / FILE_NAME if folder else None,
            format=FORMAT,
            statements=STATEMENTS,
            warn=database.warnings.append,
            recovery_lock=database.recovery_lock,
        )
        self._guard = threading.Lock()
        self._checked: dict[str, str] = {}
        """Keys this process found in step, with the version they were at."""
        self._families_checked: set[str] = set()
        self._file_changes = self.file.changed
        self._told: set[tuple[str, str]] = set()
        self._seen: int | None = None
        """The count of catalog changes when this process last looked (see `refresh`)."""
        self._missed = False
        """Another process changed the catalog between two of our writes."""
        self._batching: int | None = None
        """The thread whose writes are being gathered (see `batch`)."""
        self._pending: list[_Update] | None = None
        database.listeners.append(self)

    # -- checking and deriving ---------------------------------------------------------

    def forget_checked(self) -> None:
        """Check every key again before trusting it (what other processes
        did since is picked up)."""
        with self._guard:
            self._checked.clear()
            self._families_checked.clear()

    def refresh(self) -> bool:
        """Whether anything changed since this process last looked: another
        process changed the catalog (every change counts one, see
        `_count_change`), or a part this process checked changed without a
        word to the catalog (a writer killed halfway). Then check again what
        had been checked, deriving what changed."""
        with self._guard:
            checked = dict(self._checked)
            families = sorted(self._families_checked)
            seen, missed, self._missed = self._seen, self._missed, False
        changed = missed or any(self.current_version(k) != v for k, v in checked.items())
        if not changed:
            changed = any(set(self._family_keys(f, [])) - checked.keys() for f in families)
        count = self.answer(self._change_count)
        changed = changed or (seen is not None and count != seen)
        self.forget_checked()
        with self._guard:
            self._seen = count
        if families:
            self.answer(lambda: self.ensure_families(*families))
        return changed

    def _change_count(self) -> int:
        with self.file.connection() as conn:
            return int(conn.execute("SELECT count FROM changes").fetchone()[0])

    def _count_change(self, conn: sqlite3.Connection) -> None:
        """Count one change (inside its transaction), noting whether another
        process changed something since this one last looked."""
        count = int(conn.execute("SELECT count FROM changes").fetchone()[0])
        conn.execute("UPDATE changes SET count = ?", (count + 1,))
        with self._guard:
            if self._seen is not None and self._seen != count:
                self._missed = True
            self._seen = count + 1

    def recheck(self, *families: str) -> None:
        """Check these families again now, whatever was checked before (a
        write that counts on them, such as a regrouping, calls this under
        the write lock)."""
        with self._guard:
            for key in [k for k in self._checked if k.partition("-")[0] in families]:
                del self._checked[key]
            self._families_checked.difference_update(families)
        self.answer(lambda: self.ensure_families(*families))

    def _family_keys(self, family: str, stored_keys: Sequence[str]) -> list[str]:
        """The keys of a family: of the parts that exist, and of those the
        catalog has rows of (a part since removed)."""
        if family == "text":
            shards = {p.partition("-")[2] for s in ("articles-", "bodies-") for p in self._existing(s)}
            keys = [f"text-{shard}" for shard in sorted(shards)]
        else:
            keys = self._existing(f"{family}-")
        return keys + [k for k in stored_keys if k.startswith(f"{family}-")]

    def current_version(self, key: str) -> str:
        """The version of the files a key's rows derive from, as they are now."""
        return "|".join(self.database.storage(p).current_version() for p in sources_of(key))

    def ensure(self, keys: Iterable[str]) -> None:
        """Make sure these keys' rows are in step with their parts."""
        if (
            isinstance(keys, list)
            and len(keys) == 1
            and keys[0] in self._checked
            and self._file_changes == self.file.changed
        ):
            return  # the common case, a key checked before: no lock, no list
        self._notice_new_file()
        with self._guard:
            todo = [k for k in dict.fromkeys(keys) if k not in self._checked]
        if not todo:
            return
        if self._seen is None:
            count = self._change_count()
            with self._guard:
                if self._seen is None:
                    self._seen = count
        current = {key: self.current_version(key) for key in todo}
        stored = self._stored(todo)
        stale = []
        for key in todo:
            version, problems = stored.get(key, (_empty_version(key), ""))
            if version == current[key]:
                self._mark_checked(key, version, problems)
            else:
                stale.append(key)
        if stale:
            self._derive(stale)

    def _in_step(self, key: str) -> bool:
        """Whether a key's rows are in step with its parts now (then it
        counts as checked); stale rows are left as they are."""
        version, problems = self._stored([key]).get(key, (_empty_version(key), ""))
        if version != self.current_version(key):
            return False
        self._mark_checked(key, version, problems)
        return True

    def _notice_new_file(self) -> None:
        """Forget what was checked if the database was made anew (set aside
        as damaged, another format, kept in memory) since."""
        if self._file_changes != self.file.changed:
            with self._guard:
                self._file_changes = self.file.changed
                self._checked.clear()
                self._families_checked.clear()

    def ensure_families(self, *families: str) -> None:
        """Make sure every key of these families is in step (for questions
        about the whole library: the story list, search)."""
        self._notice_new_file()
        if all(f in self._families_checked for f in families):
            return
        with self._guard:
            wanted = [f for f in families if f not in self._families_checked]
        if not wanted:
            return
        stored_keys = self._stored_keys()
        self.ensure(k for family in wanted for k in self._family_keys(family, stored_keys))
        with self._guard:
            self._families_checked.update(wanted)

    def _existing(self, prefix: str) -> list[str]:
        return self.database.existing_parts(prefix)

    def _stored(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        with self.file.connection() as conn:
            if len(keys) > 64:
                rows = conn.execute("SELECT name, version, problems FROM parts").fetchall()
            else:
                marks = ",".join("?" * len(keys))
                rows = conn.execute(
                    f"SELECT name, version, problems FROM parts WHERE name IN ({marks})", list(keys)
                ).fetchall()
        return {name: (version, problems) for name, version, problems in rows}

    def _stored_keys(self) -> list[str]:
        with self.file.connection() as conn:
            return [name for (name,) in conn.execute("SELECT name FROM parts")]

    def _mark_checked(self, key: str, version: str, problems: str) -> None:
        with self._guard:
            self._checked[key] = version
            tell = problems and (key, version) not in self._told
            if tell:
                self._told.add((key, version))
        if tell:
            warn = self.database.warn_for(sources_of(key)[0])
            for line in problems.splitlines():
                warn(line)

    def _read_part(self, part: str) -> tuple[Data, str]:
        """A part's data with the version it is (a damaged file is recovered
        by the storage, as any read of it would)."""
        storage: Any = self.database.storage(part)
        if not storage.loaded or storage.is_stale():
            peeked = storage.peek() if hasattr(storage, "peek") else None
            if peeked is not None:
                return peeked[0], version_text(peeked[1])
        with self.database.lock:
            if storage.is_stale():
                storage.forget()
            return storage.data(), storage.version

    def _derive(self, keys: Sequence[str], attempts: int = 3) -> None:
        """Derive keys' rows again from their parts' files, a few keys per
        transaction (reading a few parts at a time keeps memory bounded, and
        short transactions keep other writers waiting little)."""
        todo = list(keys)
        while todo:
            group, todo = todo[:DERIVED_PER_TRANSACTION], todo[DERIVED_PER_TRANSACTION:]
            for _ in range(attempts):
                group = self._derive_group(group)
                if not group:
                    break

    def _derive_group(self, keys: Sequence[str]) -> list[str]:
        """Derive these keys in one transaction; the keys whose parts were
        written again meanwhile (to be read again) are returned."""
        made = []
        for key in keys:
            read = [self._read_part(part) for part in sources_of(key)]
            with paused_gc():
                rows, found = _DERIVE[key.partition("-")[0]](key, [d for d, _ in read])
            made.append((key, "|".join(v for _, v in read), rows, "\n".join(found)))
        again: list[str] = []
        checked: list[tuple[str, str, str]] = []
        with self.file.transaction() as conn:
            texts: list[_TextRow] = []
            for key, version, rows, problems in made:
                stored = conn.execute("SELECT version, problems FROM parts WHERE name = ?", (key,)).fetchone()
                if stored is not None and stored[0] == version:
                    checked.append((key, version, stored[1]))  # another process derived it meanwhile
                elif self.current_version(key) != version:
                    again.append(key)  # written again meanwhile: read it again
                else:
                    texts += rows(conn)
                    conn.execute(
                        "INSERT OR REPLACE INTO parts (name, version, problems) VALUES (?, ?, ?)",
                        (key, version, problems),
                    )
                    checked.append((key, version, problems))
            _insert_texts(conn, texts)
            if len(checked) > len(again):
                self._count_change(conn)
        for key, version, problems in checked:
            self._mark_checked(key, version, problems)
        return again

    # -- told of writes (PartListener) ---------------------------------------------------

    def written(self, part: str, base: str, new: str, changes: Changes) -> None:
        keys = keys_of(part)
        if not keys:
            return
        versions: list[tuple[str, str, str]] = []
        for key in keys:
            sources = sources_of(key)
            was = [base if s == part else self.database.storage(s).current_version() for s in sources]
            now = [new if s == part else v for s, v in zip(sources, was, strict=True)]
            versions.append((key, "|".join(was), "|".join(now)))
        update = _Update(part, versions, changes, self._bodies_for(part, changes))
        with self._guard:
            if self._pending is not None and self._batching == threading.get_ident():
                # Until the batch lands, readers in other threads see the rows
                # as they were before it, like a process that has not refreshed.
                self._pending.append(update)
                return
        self._apply([update])

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Tell the catalog of the writes made in this block when it ends, in
        one transaction (an import's batch writes hundreds of parts: one
        transaction rather than hundreds, and its full-text rows in one go).
        The caller holds the write lock for the whole block."""
        with self._guard:
            if self._batching is not None:
                outer = True
            else:
                outer = False
                self._batching, self._pending = threading.get_ident(), []
        if outer:
            yield
            return
        try:
            yield
        finally:
            with self._guard:
                updates, self._pending, self._batching = self._pending or [], None, None
            if updates:
                self._apply(updates)

    def _apply(self, updates: Sequence[_Update]) -> None:
        """Apply writes' changes to the rows of the keys that were in step
        with the versions the writes started from; record the new versions."""
        keys = list(dict.fromkeys(k for u in updates for k, _, _ in u.versions))
        applied: dict[str, str] = {}
        try:
            with self.file.transaction() as conn:
                stored = self._versions_in(conn, keys)
                texts: list[_TextRow] = []
                for update in updates:
                    for key, was, now in update.versions:
                        if stored.get(key, _empty_version(key)) != was:
                            continue
                        texts += _DELTA[key.partition("-")[0]](
                            conn, key, update.part, update.changes, update.bodies
                        )
                        stored[key] = applied[key] = now
                _insert_texts(conn, texts)
                conn.executemany(
                    "INSERT INTO parts (name, version) VALUES (?, ?)"
                    " ON CONFLICT (name) DO UPDATE SET version = excluded.version",
                    list(applied.items()),
                )
                self._count_change(conn)
        except (sqlite3.Error, DamagedDatabase):
            applied = {}  # derived: whatever this missed is found stale and derived again
        with self._guard:
            for key in keys:
                self._checked.pop(key, None)
            self._checked.update(applied)

    @staticmethod
    def _versions_in(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                conn.execute(
                    f"SELECT name, version FROM parts WHERE name IN ({','.join('?' * len(chunk))})", chunk
                )
            )
        return found

    def failed(self, part: str) -> None:
        with self._guard:
            for key in keys_of(part):
                self._checked.pop(key, None)

    def _bodies_for(self, part: str, changes: Changes) -> dict[str, Any]:
        """The bodies a write of articles needs for their full-text rows."""
        family, _, shard = part.partition("-")
        written = changes.get("articles")
        if family != "articles" or not written:
            return {}
        bodies = self.database.data(f"bodies-{shard}").get("bodies", {})
        return {a: bodies.get(a) for a, record in written.items() if record is not None}

    # -- reading -------------------------------------------------------------------------

    def answer(self, question: Callable[[], Any]) -> Any:
        """Ask `question` (which checks what it needs and reads); once more
        if the database turned out damaged and was set aside meanwhile, or
        could not be written (then this process keeps one in memory)."""
        try:
            return question()
        except DamagedDatabase:
            self.forget_checked()
            return question()
        except sqlite3.OperationalError:
            if self.file.in_memory:
                raise
            self.file.fall_back_to_memory()
            self.forget_checked()
            return question()

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        return self.record("articles", article_id)

    def event_record(self, event_id: str) -> dict[str, Any] | None:
        return self.record("events", event_id)

    def record(self, table: str, key: str) -> dict[str, Any] | None:
        """One article's or event's record, None if there is none."""
        assert table in ("articles", "events")

        def ask() -> dict[str, Any] | None:
            self.ensure([f"{table}-{shard_of(key)}"])
            with self.file.connection() as conn:
                row = conn.execute(f"SELECT record FROM {table} WHERE id = ?", (key,)).fetchone()
            return orjson.loads(row[0]) if row else None

        result: dict[str, Any] | None = self.answer(ask)
        return result

    def article_records(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The records of these articles that exist, by id."""

        def ask() -> dict[str, dict[str, Any]]:
            self.ensure(articles_part(a) for a in article_ids)
            found: dict[str, dict[str, Any]] = {}
            with self.file.connection() as conn:
                for start in range(0, len(article_ids), 500):
                    chunk = list(article_ids[start : start + 500])
                    marks = ",".join("?" * len(chunk))
                    for key, record in conn.execute(
                        f"SELECT id, record FROM articles WHERE id IN ({marks})", chunk
                    ):
                        found[key] = orjson.loads(record)
            return found

        result: dict[str, dict[str, Any]] = self.answer(ask)
        return result

    def ids_starting(self, table: str, prefix: str, limit: int = 2) -> list[str]:
        """Up to `limit` ids of articles or events starting with `prefix`."""
        assert table in ("articles", "events")

        def ask() -> list[str]:
            shard = shard_of_prefix(prefix)
            if shard is not None:
                self.ensure([f"{table}-{shard}"])
            else:
                self.ensure_families(table)
            with self.file.connection() as conn:
                rows = conn.execute(
                    f"SELECT id FROM {table} WHERE id >= ? AND substr(id, 1, ?) = ? ORDER BY id LIMIT ?",
                    (prefix, len(prefix), prefix, limit),
                ).fetchall()
            return [r[0] for r in rows]

        result: list[str] = self.answer(ask)
        return result

    def article_count(self) -> int:
        def ask() -> int:
            self.ensure_families("articles")
            with self.file.connection() as conn:
                return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

        result: int = self.answer(ask)
        return result

    def has_articles(self) -> bool:
        def ask() -> bool:
            self.ensure_families("articles")
            with self.file.connection() as conn:
                return conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

        result: bool = self.answer(ask)
        return result

    def article_ids(self, outlet_id: str | None = None) -> list[str]:
        """Every article's id (of one outlet), in no order."""

        def ask() -> list[str]:
            self.ensure_families("articles")
            with self.file.connection() as conn:
                if outlet_id is None:
                    return [r[0] for r in conn.execute("SELECT id FROM articles")]
                return [
                    r[0] for r in conn.execute("SELECT id FROM articles WHERE outlet_id = ?", (outlet_id,))
                ]

        result: list[str] = self.answer(ask)
        return result

    def all_article_records(self) -> list[dict[str, Any]]:
        """Every article's record, newest first (unknown dates last)."""

        def ask() -> list[dict[str, Any]]:
            self.ensure_families("articles")
            with self.file.connection() as conn, paused_gc():
                rows = conn.execute("SELECT record FROM articles ORDER BY date DESC, id DESC").fetchall()
                return [orjson.loads(r[0]) for r in rows]

        result: list[dict[str, Any]] = self.answer(ask)
        return result

    def event_members(self, event_id: str) -> list[tuple[str, str, str | None, dict[str, Any]]]:
        """(id, outlet, date, record) of an event's articles, newest first."""

        def ask() -> list[tuple[str, str, str | None, dict[str, Any]]]:
            self.ensure_families("articles")
            with self.file.connection() as conn:
                rows = conn.execute(
                    "SELECT id, outlet_id, date, record FROM articles WHERE event_id = ?"
                    " ORDER BY date DESC, id DESC",
                    (event_id,),
                ).fetchall()
            return [(i, o, d, orjson.loads(r)) for i, o, d, r in rows]

        result: list[tuple[str, str, str | None, dict[str, Any]]] = self.answer(ask)
        return result

    def member_counts(self, event_ids: Sequence[str]) -> dict[str, int]:
        """How many articles each of these events has (those with none are left out)."""

        def ask() -> dict[str, int]:
            self.ensure_families("articles")
            counts: dict[str, int] = {}
            with self.file.connection() as conn:
                for start in range(0, len(event_ids), 500):
                    chunk = list(event_ids[start : start + 500])
                    counts.update(
                        conn.execute(
                            "SELECT event_id, count(*) FROM articles"
                            f" WHERE event_id IN ({','.join('?' * len(chunk))}) GROUP BY event_id",
                            chunk,
                        )
                    )
            return counts

        result: dict[str, int] = self.answer(ask)
        return result

    def events_with_members(self) -> list[tuple[dict[str, Any], list[tuple[str, str, str | None]]]]:
        """Every event that has articles: its record and its articles' (id,
        outlet, date), newest first."""

        def ask() -> list[tuple[dict[str, Any], list[tuple[str, str, str | None]]]]:
            self.ensure_families("articles", "events")
            with self.file.connection() as conn, paused_gc():
                records = {i: r for i, r in conn.execute("SELECT id, record FROM events")}
                grouped: dict[str, list[tuple[str, str, str | None]]] = {}
                for event_id, article_id, outlet_id, date in conn.execute(
                    "SELECT event_id, id, outlet_id, date FROM articles WHERE event_id IS NOT NULL"
                    " ORDER BY event_id, date DESC, id DESC"
                ):
                    if event_id in records:
                        grouped.setdefault(event_id, []).append((article_id, outlet_id, date))
                return [(orjson.loads(records[e]), members) for e, members in grouped.items()]

        result: list[tuple[dict[str, Any], list[tuple[str, str, str | None]]]] = self.answer(ask)
        return result

    def newest_event_ids(self, count: int) -> list[str]:
        """The `count` events with the newest articles, newest first: the
        articles walked newest first, each event taken where it is first
        met (at its newest article), so it reads about `count` events'
        worth of rows, not the library."""

        def ask() -> list[str]:
            self.ensure_families("articles", "events")
            found: dict[str, None] = {}
            with self.file.connection() as conn:
                known = conn.cursor()
                cursor = conn.execute(
                    "SELECT event_id FROM articles INDEXED BY articles_date WHERE event_id IS NOT NULL"
                    " ORDER BY date DESC, event_id DESC"
                )
                for (event_id,) in cursor:
                    if event_id in found:
                        continue
                    if known.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
                        found[event_id] = None
                        if len(found) >= count:
                            break
                cursor.close()
            return list(found)

        result: list[str] = self.answer(ask)
        return result

    def story_facts(self, event_ids: Sequence[str] | None = None) -> list[StoryFacts]:
        """The story list's facts of these events (all: None), in no order."""

        def ask() -> list[StoryFacts]:
            self.ensure_families("articles", "events", "notes")
            where, args = "", list(event_ids or ())
            if event_ids is not None:
                if not event_ids:
                    return []
                where = f" AND a.event_id IN ({','.join('?' * len(args))})"
            with self.file.connection() as conn, paused_gc():
                titles = {
                    i: orjson.loads(r)["title"]
                    for i, r in conn.execute(
                        "SELECT id, record FROM events"
                        + (f" WHERE id IN ({','.join('?' * len(args))})" if event_ids is not None else ""),
                        args,
                    )
                }
                marks = {
                    e: (int(r or 0), bool(s))
                    for e, r, s in conn.execute(
                        "SELECT a.event_id, sum(s.read), max(s.starred) FROM states s"
                        " JOIN articles a ON a.id = s.article_id WHERE a.event_id IS NOT NULL"
                        + where
                        + " GROUP BY a.event_id",
                        args,
                    )
                }
                facts = []
                for event_id, date, articles, outlets in conn.execute(
                    "SELECT a.event_id, max(a.date), count(*), count(DISTINCT a.outlet_id) FROM articles a"
                    " WHERE a.event_id IS NOT NULL" + where + " GROUP BY a.event_id",
                    args,
                ):
                    title = titles.get(event_id)
                    if title is None:
                        continue
                    read, starred = marks.get(event_id, (0, False))
                    facts.append(StoryFacts(event_id, title, date, articles, outlets, read, starred))
                return facts

        result: list[StoryFacts] = self.answer(ask)
        return result

    def paragraphs(self, article_id: str) -> list[Any] | None:
        """An article's paragraphs from the full-text rows, if these are in
        step (None: read the part instead; nothing is derived here, so a
        stale shard costs the reader one part, not a derivation)."""
        key = f"text-{shard_of(article_id)}"
        with self._guard:
            checked = key in self._checked
        try:
            if not checked and not self._in_step(key):
                return None
            with self.file.connection() as conn:
                row = conn.execute(
                    "SELECT body, paragraphs FROM text_index WHERE rowid ="
                    " (SELECT row FROM texts WHERE article_id = ?)",
                    (article_id,),
                ).fetchone()
        except (sqlite3.Error, DamagedDatabase):
            return None
        if row is None:
            return None
        body, exact = row
        return list(orjson.loads(exact)) if exact is not None else body.split(PARAGRAPH_SEPARATOR)

    # -- full text ---------------------------------------------------------------------

    def prepare_search(self) -> None:
        """Bring everything search reads into step (the first search of a
        library whose full-text rows are missing builds them here)."""
        self.answer(lambda: self.ensure_families("articles", "events", "notes", "text"))

    def match_titles(self, expression: str, filters: Filters, order: str, limit: int) -> list[Match]:
        """Events whose title matches, each at its newest article that passes
        the filters."""

        def ask() -> list[Match]:
            self.ensure_families("articles", "events")
            member, args = _member_filter(filters)
            ordering = "title_index.rank" if order == "relevance" else "newest DESC, e.id DESC"
            with self.file.connection() as conn:
                rows = conn.execute(
                    "SELECT e.id, highlight(title_index, 0, char(2), char(3)),"
                    f" (SELECT a.id FROM articles a WHERE a.event_id = e.id{member}"
                    "  ORDER BY a.date DESC, a.id DESC LIMIT 1) AS first,"
                    f" (SELECT max(a.date) FROM articles a WHERE a.event_id = e.id{member}) AS newest"
                    " FROM title_index JOIN events e ON e.row = title_index.rowid"
                    f" WHERE title_index MATCH ? AND first IS NOT NULL ORDER BY {ordering} LIMIT ?",
                    [*args, *args, expression, limit],
                ).fetchall()
            return [Match(first, event_id, newest, marked) for event_id, marked, first, newest in rows]

        result: list[Match] = self.answer(ask)
        return result

    def match_texts(
        self, expression: str, column: str, filters: Filters, order: str, limit: int
    ) -> list[Match]:
        """Articles whose headline or body (`column`) holds the expression."""
        assert column in ("headline", "body")

        def ask() -> list[Match]:
            self.ensure_families("articles", "text")
            low, high = day_rows(filters.since, filters.until)
            outlets, args = _outlet_filter(filters, "a")
            ordering = "text_index.rank" if order == "relevance" else "text_index.rowid DESC"
            number = 0 if column == "headline" else 1
            with self.file.connection() as conn:
                rows = conn.execute(
                    "SELECT t.article_id, a.event_id, a.date,"
                    f" highlight(text_index, {number}, char(2), char(3))"
                    " FROM text_index JOIN texts t ON t.row = text_index.rowid"
                    " JOIN articles a ON a.id = t.article_id"
                    f" WHERE text_index MATCH ? AND text_index.rowid BETWEEN ? AND ?{outlets}"
                    f" ORDER BY {ordering} LIMIT ?",
                    [f"{{{column}}} : ({expression})", low, high, *args, limit],
                ).fetchall()
            return [Match(a, e, d, m) for a, e, d, m in rows]

        result: list[Match] = self.answer(ask)
        return result

    def match_claims(self, expression: str, filters: Filters, order: str, limit: int) -> list[Match]:
        """Claims whose quote, claimant, note or tags hold the expression."""

        def ask() -> list[Match]:
            self.ensure_families("articles", "notes")
            outlets, args = _outlet_filter(filters, "a")
            dates, date_args = _date_filter(filters, "a")
            ordering = "claim_index.rank" if order == "relevance" else "a.date DESC, c.id DESC"
            with self.file.connection() as conn:
                rows = conn.execute(
                    "SELECT c.article_id, a.event_id, a.date, highlight(claim_index, 0, char(2), char(3)),"
                    " c.id, c.start FROM claim_index JOIN claims c ON c.row = claim_index.rowid"
                    " JOIN articles a ON a.id = c.article_id"
                    f" WHERE claim_index MATCH ?{outlets}{dates} ORDER BY {ordering} LIMIT ?",
                    [expression, *args, *date_args, limit],
                ).fetchall()
            return [Match(a, e, d, m, c, s) for a, e, d, m, c, s in rows]

        result: list[Match] = self.answer(ask)
        return result


def _outlet_filter(filters: Filters, alias: str) -> tuple[str, list[Any]]:
    if filters.outlet_ids is None:
        return "", []
    if not filters.outlet_ids:
        return " AND 0", []
    return f" AND {alias}.outlet_id IN ({','.join('?' * len(filters.outlet_ids))})", list(filters.outlet_ids)


def _date_filter(filters: Filters, alias: str) -> tuple[str, list[Any]]:
    sql, args = "", []
    if filters.since is not None:
        sql += f" AND {alias}.date >= ?"
        args.append(filters.since.isoformat())
    if filters.until is not None:
        sql += f" AND {alias}.date <= ?"
        args.append(filters.until.isoformat())
    return sql, args


def _member_filter(filters: Filters) -> tuple[str, list[Any]]:
    outlets, args = _outlet_filter(filters, "a")
    dates, date_args = _date_filter(filters, "a")
    return outlets + dates, args + date_args


# -- deriving a key's rows, and changing them after a write -----------------------------------

_TextRow = tuple[int, str, str, bytes | None]
"""A full-text row of an article: number, headline, body, paragraphs."""
Rows = Callable[[sqlite3.Connection], list[_TextRow]]
"""Replaces a key's rows (given a connection inside a transaction); returns
the full-text rows of articles to put in once the transaction's other
changes are made (see `_insert_texts`)."""


class _Update(NamedTuple):
    """What a write told the catalog: the part, each key's versions before
    and after it, the changes, and the bodies of articles it wrote."""

    part: str
    versions: list[tuple[str, str, str]]
    changes: Changes
    bodies: dict[str, Any]


def _delete_rows(conn: sqlite3.Connection, index: str, table: str, key: str) -> None:
    """Delete a key's full-text rows one by one: FTS5 finds a row by its
    number, but `rowid IN (SELECT …)` would read the whole index."""
    rows = conn.execute(f"SELECT row FROM {table} WHERE part = ?", (key,)).fetchall()
    conn.executemany(f"DELETE FROM {index} WHERE rowid = ?", rows)


def _derive_articles(key: str, data: Sequence[Data]) -> tuple[Rows, list[str]]:
    table = data[0].get("articles", {})
    rows, bad = [], 0
    for article_id, record in table.items():
        row = _article_row(article_id, record)
        if row is None:
            bad += 1
        else:
            rows.append((row[0], key, *row[1:]))

    def replace(conn: sqlite3.Connection) -> list[_TextRow]:
        conn.execute("DELETE FROM articles WHERE part = ?", (key,))
        conn.executemany(
            "INSERT OR REPLACE INTO articles (id, part, outlet_id, date, event_id, record)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        return []

    return replace, _count("article", bad)


def _delta_articles(
    conn: sqlite3.Connection, key: str, part: str, changes: Changes, bodies: Mapping[str, Any]
) -> list[_TextRow]:
    put, gone = [], []
    for article_id, record in changes.get("articles", {}).items():
        row = _article_row(article_id, record) if record is not None else None
        if row is None:
            gone.append((article_id,))
        else:
            put.append((row[0], key, *row[1:]))
    conn.executemany("DELETE FROM articles WHERE id = ?", gone)
    conn.executemany(
        "INSERT OR REPLACE INTO articles (id, part, outlet_id, date, event_id, record)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        put,
    )
    return []


def _drop_indexed(conn: sqlite3.Connection, table: str, index: str, column: str, key: str) -> None:
    """Remove the row of `table` whose `column` is `key`, and its full-text row."""
    found = conn.execute(f"SELECT row FROM {table} WHERE {column} = ?", (key,)).fetchone()
    if found is not None:
        conn.execute(f"DELETE FROM {index} WHERE rowid = ?", found)
        conn.execute(f"DELETE FROM {table} WHERE row = ?", found)


def _put_event(conn: sqlite3.Connection, key: str, event_id: str, record: Any) -> None:
    """Put (or with `record` None remove) an event and its title's row."""
    _drop_indexed(conn, "events", "title_index", "id", event_id)
    title = _event_title(event_id, record) if record is not None else None
    if title is None:
        return
    row = conn.execute(
        "INSERT INTO events (id, part, record) VALUES (?, ?, ?)", (event_id, key, orjson.dumps(record))
    ).lastrowid
    conn.execute("INSERT INTO title_index (rowid, title) VALUES (?, ?)", (row, _unmarked(title)))


def _derive_events(key: str, data: Sequence[Data]) -> tuple[Rows, list[str]]:
    table = data[0].get("events", {})
    bad = sum(1 for k, r in table.items() if _event_title(k, r) is None)

    def replace(conn: sqlite3.Connection) -> list[_TextRow]:
        _delete_rows(conn, "title_index", "events", key)
        conn.execute("DELETE FROM events WHERE part = ?", (key,))
        for event_id, record in table.items():
            _put_event(conn, key, event_id, record)
        return []

    return replace, _count("event", bad)


def _delta_events(
    conn: sqlite3.Connection, key: str, part: str, changes: Changes, bodies: Mapping[str, Any]
) -> list[_TextRow]:
    for event_id, record in changes.get("events", {}).items():
        _put_event(conn, key, event_id, record)
    return []


def _put_claim(conn: sqlite3.Connection, key: str, claim_id: str, record: Any) -> None:
    """Put (or with `record` None remove) a claim and its full-text row."""
    _drop_indexed(conn, "claims", "claim_index", "id", claim_id)
    claim = _claim(record) if record is not None else None
    if claim is None:
        return
    row = conn.execute(
        "INSERT INTO claims (id, part, article_id, start) VALUES (?, ?, ?, ?)",
        (claim.id, key, claim.article_id, claim.anchor.start),
    ).lastrowid
    conn.execute(
        "INSERT INTO claim_index (rowid, quote, claimant, note, tags) VALUES (?, ?, ?, ?, ?)",
        (row, *(_unmarked(t) for t in (claim.quote, claim.claimant, claim.note, " ".join(claim.tags)))),
    )


def _state_row(article_id: str, key: str, record: Any) -> tuple[str, str, int, int] | None:
    if type(record) is not dict:
        return None
    return article_id, key, int(bool(record.get("read"))), int(bool(record.get("starred")))


def _derive_notes(key: str, data: Sequence[Data]) -> tuple[Rows, list[str]]:
    claims = data[0].get("claims", {})
    states = data[0].get("state", {})
    bad_claims = sum(1 for r in claims.values() if _claim(r) is None)
    state_rows = [row for a, r in states.items() if (row := _state_row(a, key, r)) is not None]

    def replace(conn: sqlite3.Connection) -> list[_TextRow]:
        _delete_rows(conn, "claim_index", "claims", key)
        conn.execute("DELETE FROM claims WHERE part = ?", (key,))
        conn.execute("DELETE FROM states WHERE part = ?", (key,))
        for claim_id, record in claims.items():
            _put_claim(conn, key, claim_id, record)
        conn.executemany(
            "INSERT OR REPLACE INTO states (article_id, part, read, starred) VALUES (?, ?, ?, ?)", state_rows
        )
        return []

    return replace, _count("claim", bad_claims) + _count("read/star", len(states) - len(state_rows))


def _delta_notes(
    conn: sqlite3.Connection, key: str, part: str, changes: Changes, bodies: Mapping[str, Any]
) -> list[_TextRow]:
    for claim_id, record in changes.get("claims", {}).items():
        _put_claim(conn, key, claim_id, record)
    for article_id, record in changes.get("state", {}).items():
        conn.execute("DELETE FROM states WHERE article_id = ?", (article_id,))
        row = _state_row(article_id, key, record) if record is not None else None
        if row is not None:
            conn.execute("INSERT INTO states (article_id, part, read, starred) VALUES (?, ?, ?, ?)", row)
    return []


def _remove_text(conn: sqlite3.Connection, article_id: str) -> None:
    _drop_indexed(conn, "texts", "text_index", "article_id", article_id)


def _records_of(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, Any]:
    """The catalog's records of those of these articles it lists."""
    found: dict[str, Any] = {}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        for article_id, record in conn.execute(
            f"SELECT id, record FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            found[article_id] = orjson.loads(record)
    return found


def _indexed(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """Headline and day of those of these articles that have a full-text row."""
    found: dict[str, tuple[str, int]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        for article_id, row, headline in conn.execute(
            "SELECT t.article_id, t.row, i.headline FROM texts t JOIN text_index i ON i.rowid = t.row"
            f" WHERE t.article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            found[article_id] = (headline, row >> _DAY_SHIFT)
    return found


def _number_texts(
    conn: sqlite3.Connection, key: str, articles: Iterable[tuple[str, Any, Any]]
) -> list[_TextRow]:
    """Number the full-text rows of (article id, record, body) not indexed
    yet, and list them to be put in (`_insert_texts`)."""
    numbered: list[_TextRow] = []
    ids: list[str] = []
    for article_id, record, body in articles:
        if _article_row(article_id, record) is None:
            continue
        headline = record.get("headline")
        row = text_row(article_id, record.get("date") or None)
        numbered.append((row, _unmarked(headline if type(headline) is str else ""), *_body(body)))
        ids.append(article_id)
    conn.execute("SAVEPOINT numbering")
    try:
        conn.executemany(
            "INSERT INTO texts (row, article_id, part) VALUES (?, ?, ?)",
            [(n[0], a, key) for n, a in zip(numbered, ids, strict=True)],
        )
    except sqlite3.IntegrityError:
        # Two articles of one day whose ids start alike: number them one by one.
        conn.execute("ROLLBACK TO numbering")
        for index, (row, *rest) in enumerate(numbered):
            while True:
                try:
                    conn.execute(
                        "INSERT INTO texts (row, article_id, part) VALUES (?, ?, ?)", (row, ids[index], key)
                    )
                    break
                except sqlite3.IntegrityError:
                    row += 1
            numbered[index] = (row, *rest)  # type: ignore[assignment]
    conn.execute("RELEASE numbering")
    return numbered


def _insert_texts(conn: sqlite3.Connection, rows: list[_TextRow]) -> None:
    """Put full-text rows in, by number: FTS5 writes out what it holds each
    time a row comes before the one it took last, which would make every
    row a segment of its own."""
    rows.sort()
    conn.executemany("INSERT INTO text_index (rowid, headline, body, paragraphs) VALUES (?, ?, ?, ?)", rows)


def _derive_text(key: str, data: Sequence[Data]) -> tuple[Rows, list[str]]:
    articles, bodies = data[0].get("articles", {}), data[1].get("bodies", {})

    def replace(conn: sqlite3.Connection) -> list[_TextRow]:
        _delete_rows(conn, "text_index", "texts", key)
        conn.execute("DELETE FROM texts WHERE part = ?", (key,))
        return _number_texts(conn, key, ((a, r, bodies.get(a)) for a, r in articles.items()))

    return replace, []


def _delta_text(
    conn: sqlite3.Connection, key: str, part: str, changes: Changes, bodies: Mapping[str, Any]
) -> list[_TextRow]:
    fresh: list[tuple[str, Any, Any]] = []
    if part.startswith("bodies-"):
        # A body changed under an article already listed (bodies are written
        # before their articles, so usually there is none yet).
        changed = changes.get("bodies", {})
        for article_id, record in _records_of(conn, list(changed)).items():
            _remove_text(conn, article_id)
            fresh.append((article_id, record, changed[article_id]))
    written = changes.get("articles", {}) if part.startswith("articles-") else {}
    indexed = _indexed(conn, list(written))
    for article_id, record in written.items():
        if article_id in indexed:
            if record is not None and indexed[article_id] == (
                record.get("headline"),
                text_row(article_id, record.get("date")) >> _DAY_SHIFT,
            ):
                continue  # regrouped or renamed outlet: its words are the same
            _remove_text(conn, article_id)
        if record is not None:
            fresh.append((article_id, record, bodies.get(article_id)))
    return _number_texts(conn, key, fresh)


_DERIVE: dict[str, Callable[[str, Sequence[Data]], tuple[Rows, list[str]]]] = {
    "articles": _derive_articles,
    "events": _derive_events,
    "notes": _derive_notes,
    "text": _derive_text,
}
_DELTA: dict[str, Callable[[sqlite3.Connection, str, str, Changes, Mapping[str, Any]], list[_TextRow]]] = {
    "articles": _delta_articles,
    "events": _delta_events,
    "notes": _delta_notes,
    "text": _delta_text,
}

assert set(FAMILY_KEYS) == set(_DERIVE) and set(SHARDED_FAMILIES) >= {"articles", "events", "notes"}
