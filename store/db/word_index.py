"""A word index kept beside the library, so a search reads a few small parts
instead of every article body.

Layout, in a hidden folder beside a disk library's main file (see `IndexFiles`
for why not among its parts), written with the library's atomic storage:

    .library.json.search/
        search-ids.json        the ordinals: article ids (and dates) in the
                               order they were indexed, append-only
        search-words-XX.json   word -> postings, for the words whose first
                               two letters hash to XX (64 shards)
        search-stamp.json      how many ordinals are fully indexed, and the format

A posting list is a string of ordinal deltas ("3 1 1 7"), one for headlines
and one for bodies: small on disk and in memory (a list of 50,000 ints would
cost megabytes once parsed), decoded only for the words of a query.

Sharding by the first two letters (rather than the whole word) puts every
word with the same start in one shard, so the last word of a query can match
as a prefix by reading one shard. A query reads the stamp, the ordinals and
the shards of its words; all are cached by the storage until another process
replaces them.

It reads a library only through `Indexed`: the parts beneath it
(`store.db.Database`) and its stored article records.

Crash safety: `Library.add_articles` stores bodies and the article list
first, then calls `index_added`. An index write goes ordinals, then shards,
then the stamp; a crash in between leaves the stamp behind, readers ignore
ordinals at or past the stamp, and the next write re-indexes those same
ordinals (same articles, same words, so the same shards, whose stale tails it
cuts first). A library whose index is missing or behind (an older library, a
crash, a failed index write) is caught up by the first search, in the
search's thread.
"""

from __future__ import annotations

import contextlib
import operator
import os
import threading
import weakref
import zlib
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Protocol

from store.db.database import Database
from store.db.shards import MAIN_PART, bodies_part
from store.db.storage import AtomicJSONStorage
from store.db.tables import KeyedTinyDB
from store.errors import StoreError
from store.model import PARAGRAPH_SEPARATOR
from store.text.terms import folded_word_set

if TYPE_CHECKING:
    from store.model import Article

FORMAT = 1
"""Bumped when what is indexed changes; an index of another format is rebuilt."""
SHARDS = 64
FOLDER_SUFFIX = ".search"
"""A disk library's index lives in `.<main file name>.search/`."""
IDS_PART = "search-ids"
STAMP_PART = "search-stamp"
WORDS_PREFIX = "search-words-"
HEADLINE, BODY = 0, 1


class Indexed(Protocol):
    """What the index reads of a library (`store.library.Library` is one):
    the parts beneath it, and its stored article records by id (each with
    at least `headline` and `date`), as they are now."""

    database: Database

    def article_records(self) -> Mapping[str, Mapping[str, Any]]: ...


CATCH_UP_CHUNK = 5000
"""Articles indexed per write when catching up (about 40 MB of words in hand)."""

_DECODED_KEPT = 400_000
"""Ordinals kept decoded per library, in all (the words being typed; about 20 MB)."""


def shard_part(word: str) -> str:
    start = word[:2]
    part = _PART_OF.get(start)
    if part is None:
        if len(_PART_OF) >= 100_000:
            _PART_OF.clear()
        part = _PART_OF[start] = f"{WORDS_PREFIX}{zlib.crc32(start.encode()) % SHARDS:02x}"
    return part


_PART_OF: dict[str, str] = {}
"""First two letters → shard part: words are sorted into shards by the
thousand when an index is written."""


# -- posting lists -------------------------------------------------------------
# A stored record is [headline last, headline deltas, body last, body deltas];
# "last" is the highest ordinal in the list (-1 when empty), so appending
# needs no decoding.

_EMPTY_RECORD: list[Any] = [-1, "", -1, ""]


def decode(deltas: str) -> list[int]:
    return list(accumulate(map(int, deltas.split()))) if deltas else []


def _appended(last: int, deltas: str, ordinals: list[int]) -> tuple[int, str]:
    joined = " ".join(map(str, map(operator.sub, ordinals, [max(last, 0), *ordinals[:-1]])))
    return ordinals[-1], (f"{deltas} {joined}" if deltas else joined)


def _cut(last: int, deltas: str, first: int) -> tuple[int, str]:
    """The list without ordinals at or past `first` (left by a crashed write)."""
    if last < first:
        return last, deltas
    kept = [o for o in decode(deltas) if o < first]
    if not kept:
        return -1, ""
    return _appended(-1, "", kept)


def _merged(record: list[Any] | None, first: int, new: tuple[list[int], list[int]]) -> list[Any]:
    h_last, h_deltas, b_last, b_deltas = record if _valid(record) else _EMPTY_RECORD  # type: ignore[misc]
    h_last, h_deltas = _cut(h_last, h_deltas, first)
    b_last, b_deltas = _cut(b_last, b_deltas, first)
    if new[HEADLINE]:
        h_last, h_deltas = _appended(h_last, h_deltas, new[HEADLINE])
    if new[BODY]:
        b_last, b_deltas = _appended(b_last, b_deltas, new[BODY])
    return [h_last, h_deltas, b_last, b_deltas]


def _valid(record: Any) -> bool:
    return (
        type(record) is list
        and len(record) == 4
        and type(record[0]) is int
        and type(record[1]) is str
        and type(record[2]) is int
        and type(record[3]) is str
    )


# -- the state of a library's index -------------------------------------------


@dataclass
class _View:
    """What one read of the index parts gives: the fully indexed ordinals."""

    count: int
    ids: list[str]
    dates: list[str]
    rebuild: bool = False
    """True when the parts are of another format or do not fit together."""


class IndexFiles:
    """The index's parts. A disk library keeps them in a hidden folder of
    their own beside the main file (`.library.json.search/`), not among its
    parts: they hold nothing the user made, so backups and restores leave
    them out, an import walking the folder skips them as it skips any hidden
    folder, and deleting the folder only costs a rebuild. They are written with the same
    atomic storage, under the library's write lock. A memory library keeps
    them as parts of its own."""

    def __init__(self, database: Database) -> None:
        self._database = database
        main = database.path
        self.folder = main.with_name(f".{main.name}{FOLDER_SUFFIX}") if main else None
        self._dbs: dict[str, KeyedTinyDB] = {}

    def _storage(self, part: str) -> Any:
        if self.folder is None:
            return self._database.backend.storage(part)
        return AtomicJSONStorage(
            self.folder / f"{part}.json",
            self._database.warnings.append,
            recovery_lock=self._database.recovery_lock,
        )

    def db(self, part: str) -> KeyedTinyDB:
        """A TinyDB over the part, for the library's atomic `apply`."""
        db = self._dbs.get(part)
        if db is None:
            storage = self._storage(part)
            db = self._dbs[part] = KeyedTinyDB(storage=lambda: storage)
        return db

    def fresh(self, part: str) -> tuple[dict[str, Any], int]:
        """A part's tables, reloaded if another process replaced the file,
        and the generation of the cached copy."""
        storage: Any = self.db(part).storage
        if storage.is_stale():
            storage.forget()
        return storage.data(), storage.generation

    def existing(self, prefix: str) -> list[str]:
        if self.folder is None:
            return self._database.existing_parts(prefix)
        try:
            names = os.listdir(self.folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(n[:-5] for n in names if n.startswith(prefix) and n.endswith(".json"))


_files_of: weakref.WeakKeyDictionary[Database, IndexFiles] = weakref.WeakKeyDictionary()


def index_files(library: Indexed) -> IndexFiles:
    """The index's parts for a library (made once per library)."""
    database = library.database
    with database.lock:
        files = _files_of.get(database)
        if files is None:
            files = _files_of[database] = IndexFiles(database)
        return files


def _fresh(library: Indexed, part: str) -> dict[str, Any]:
    """One of the index's parts, as it is on disk now."""
    with library.database.lock:
        return index_files(library).fresh(part)[0]


@contextmanager
def _writing(library: Indexed, part: str) -> Iterator[Any]:
    """The write lock, and the part (fresh from disk) to `apply` changes to."""
    with library.database.writing():
        files = index_files(library)
        files.fresh(part)
        yield files.db(part)


def _read_view(library: Indexed) -> _View:
    with library.database.lock:
        stamp = _fresh(library, STAMP_PART).get("stamp", {}).get("index")
        ordinals = _fresh(library, IDS_PART).get("ordinals", {})
    ids, dates = ordinals.get("ids", []), ordinals.get("dates", [])
    if not isinstance(stamp, dict):
        return _View(0, ids, dates, rebuild=bool(ids) or bool(index_files(library).existing(WORDS_PREFIX)))
    count = stamp.get("count")
    if (
        stamp.get("format") != FORMAT
        or type(count) is not int
        or not 0 <= count <= len(ids)
        or len(dates) != len(ids)
    ):
        return _View(0, [], [], rebuild=True)
    return _View(count, ids, dates)


@dataclass
class _Pending:
    article_id: str
    date: str
    words: tuple[set[str], set[str]]
    stored: bool = True
    """False when the article or its body was not found (in this process's view)."""


def _bodies(library: Indexed, part: str) -> dict[str, Any]:
    """The bodies of one shard. A shard not loaded yet is read without
    keeping it, so catching up does not leave every body in memory."""
    database = library.database
    storage: Any = database.storage(part)
    if not storage.holds(storage.generation) and hasattr(storage, "peek"):
        loaded = storage.peek()
        if loaded is not None:
            return loaded[0].get("bodies", {})  # type: ignore[no-any-return]
    with database.lock:
        if storage.is_stale():
            storage.forget()
        return database.data(part).get("bodies", {})


def _work_out(library: Indexed, article_ids: Sequence[str]) -> dict[str, _Pending]:
    """What the index needs of stored articles (no words for one that is gone)."""
    by_part: dict[str, list[str]] = {}
    for article_id in article_ids:
        by_part.setdefault(bodies_part(article_id), []).append(article_id)
    raw = library.article_records()
    worked: dict[str, _Pending] = {}
    for part, members in sorted(by_part.items()):
        bodies = _bodies(library, part)
        for article_id in members:
            record = raw.get(article_id)
            body = bodies.get(article_id)
            if record is None or not isinstance(body, dict):
                worked[article_id] = _Pending(article_id, "", (set(), set()), stored=False)
                continue
            headline = record.get("headline")
            text = PARAGRAPH_SEPARATOR.join(p for p in body.get("paragraphs", ()) if isinstance(p, str))
            worked[article_id] = _Pending(
                article_id,
                record.get("date") or "",
                (folded_word_set(headline if isinstance(headline, str) else ""), folded_word_set(text)),
            )
    return worked


def _write(library: Indexed, view: _View, pending: Sequence[_Pending]) -> None:
    """Index `pending` after the first `view.count` ordinals (caller holds the
    write lock): ordinals, then shards, then the stamp."""
    first = view.count
    ids = view.ids[:first] + [p.article_id for p in pending]
    dates = view.dates[:first] + [p.date for p in pending]
    if view.rebuild:
        for part in index_files(library).existing(WORDS_PREFIX):
            with _writing(library, part) as db:
                table = db.storage.data().get("words", {})
                if table:
                    db.apply({"words": dict.fromkeys(table)})
    with _writing(library, IDS_PART) as db:
        db.apply({"ordinals": {"ids": ids, "dates": dates}})
    postings: tuple[defaultdict[str, list[int]], defaultdict[str, list[int]]] = (
        defaultdict(list),
        defaultdict(list),
    )
    for where in (HEADLINE, BODY):
        lists = postings[where]
        for ordinal, item in enumerate(pending, first):
            for word in item.words[where]:
                lists[word].append(ordinal)
    by_part: dict[str, dict[str, tuple[list[int], list[int]]]] = {}
    for word in postings[HEADLINE].keys() | postings[BODY].keys():
        entry = (postings[HEADLINE].get(word, []), postings[BODY].get(word, []))
        by_part.setdefault(shard_part(word), {})[word] = entry
    for part, words in sorted(by_part.items()):
        with _writing(library, part) as db:
            table = db.storage.data().get("words", {})
            changes: dict[str, Any] = {
                word: _merged(record, first, ([], []))
                for word, record in table.items()
                if word not in words and (not _valid(record) or max(record[0], record[2]) >= first)
            }
            for word, new in words.items():
                changes[word] = _merged(table.get(word), first, new)
            db.apply({"words": changes})
    with _writing(library, STAMP_PART) as db:
        db.apply({"stamp": {"index": {"count": len(ids), "format": FORMAT}}})
    _caches.pop(library.database, None)


def _missing(library: Indexed, view: _View) -> list[str]:
    """Stored articles the index does not hold: first those a crashed write
    gave ordinals to (kept at those ordinals), then any others."""
    indexed = set(view.ids[: view.count])
    half_done = view.ids[view.count :]
    seen = indexed.union(half_done)
    stored = list(library.article_records())
    return half_done + [a for a in stored if a not in seen]


def index_added(library: Indexed, articles: Sequence[Article]) -> None:
    """Index articles `add_articles` just stored (it holds the write lock).

    A failure here leaves the index behind, never the articles: the next
    search catches up.
    """
    try:
        view = _read_view(library)
        if view.rebuild:
            view = _View(0, [], [], rebuild=True)  # start again; searches catch up the rest
        known = set(view.ids)
        wanted = view.ids[view.count :] + [a.id for a in articles if a.id not in known]
        if wanted:
            worked = _work_out(library, wanted)
            _write(library, view, [worked[a] for a in wanted])
    except StoreError:
        pass


def is_behind(library: Indexed, view: _View | None = None) -> bool:
    """Cheap: whether stored articles are missing from the index (by count)."""
    view = view or _read_view(library)
    stored = len(library.article_records())
    return view.rebuild or view.count < stored or view.count < len(view.ids)


def catch_up(library: Indexed) -> None:
    """Bring the index up to date with the stored articles, a chunk at a
    time (bounded memory at any library size). The words are worked out
    before taking the write lock, so writers wait only for the index write."""
    while True:
        view = _read_view(library)
        if not is_behind(library, view):
            return
        if view.rebuild:
            view = _View(0, [], [], rebuild=True)
        worked = _work_out(library, _missing(library, view)[:CATCH_UP_CHUNK])
        with library.database.writing(MAIN_PART):  # the article list as it is on disk now
            current = _read_view(library)
            if current.rebuild:
                current = _View(0, [], [], rebuild=True)
            missing = _missing(library, current)[:CATCH_UP_CHUNK]
            if not missing:
                return
            late = [a for a in missing if a not in worked or not worked[a].stored]
            if late:
                worked.update(_work_out(library, late))
            _write(library, current, [worked[a] for a in missing])


# -- querying ------------------------------------------------------------------


@dataclass
class _Cache:
    """Per library: the newest-first rank of each ordinal and decoded
    posting sets, valid for one version of the index parts."""

    key: tuple[Any, ...] = ()
    ids: list[str] = field(default_factory=list)
    """Kept so the id() in `key` cannot be reused by another list."""
    rank: list[int] = field(default_factory=list)
    order: list[int] = field(default_factory=list)
    decoded: dict[tuple[str, int, str, int], frozenset[int]] = field(default_factory=dict)
    decoded_size: int = 0


_caches: weakref.WeakKeyDictionary[Database, _Cache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


@dataclass
class Matches:
    """Ordinals of articles whose headline / body hold every query word,
    newest first, with what turns them into article ids."""

    headlines: list[int]
    bodies: list[int]
    ids: list[str]


def _cache_for(library: Indexed, view: _View) -> _Cache:
    key = (id(view.ids), view.count)
    with _caches_lock:
        cache = _caches.get(library.database)
        if cache is None or cache.key != key:
            dates, ids = view.dates, view.ids
            order = sorted(range(view.count), key=lambda o: (dates[o], ids[o]), reverse=True)
            rank = [0] * view.count
            for position, ordinal in enumerate(order):
                rank[ordinal] = position
            cache = _Cache(key, ids, rank, order)
            _caches[library.database] = cache
        return cache


def _postings(library: Indexed, cache: _Cache, word: str, where: int, prefix: bool) -> frozenset[int]:
    part = shard_part(word)
    with library.database.lock:
        data, generation = index_files(library).fresh(part)
    table = data.get("words", {})
    key = (word, where, part + ("*" if prefix else ""), generation)
    found = cache.decoded.get(key)
    if found is not None:
        return found
    records = [r for w, r in table.items() if w.startswith(word)] if prefix else [table.get(word)]
    ordinals: set[int] = set()
    for record in records:
        if _valid(record):
            ordinals.update(decode(record[1 + 2 * where]))
    found = frozenset(ordinals)
    cache.decoded[key] = found
    cache.decoded_size += len(found)
    while cache.decoded_size > _DECODED_KEPT and len(cache.decoded) > 1:
        cache.decoded_size -= len(cache.decoded.pop(next(iter(cache.decoded))))
    return found


def _newest_first(cache: _Cache, ordinals: set[int] | frozenset[int], count: int) -> list[int]:
    if len(ordinals) * 8 > len(cache.order):
        return [o for o in cache.order if o in ordinals]
    return sorted((o for o in ordinals if o < count), key=cache.rank.__getitem__)


def match(library: Indexed, words: Sequence[str], prefix: str | None) -> Matches:
    """Articles whose headline, and those whose body, hold every word in
    `words` and a word starting with `prefix` (if given). Catches the index
    up first if it is behind; if it cannot be written (a read-only folder, a
    full disk), the articles it lacks are read and matched one by one."""
    view = _read_view(library)
    if is_behind(library, view):
        with contextlib.suppress(StoreError):
            catch_up(library)
        view = _read_view(library)
    if view.rebuild:
        view = _View(0, [], [])
    cache = _cache_for(library, view)
    found: list[list[int]] = []
    for where in (HEADLINE, BODY):
        sets = [_postings(library, cache, w, where, False) for w in dict.fromkeys(words)]
        if prefix:
            sets.append(_postings(library, cache, prefix, where, True))
        sets.sort(key=len)
        hits: set[int] | frozenset[int] = sets[0] if sets else frozenset()
        for other in sets[1:]:
            if not hits:
                break
            hits = hits & other
        found.append(_newest_first(cache, hits, view.count))
    ids = view.ids
    if is_behind(library, view):
        unindexed = _missing(library, view)
        worked = _work_out(library, unindexed)
        ids = view.ids[: view.count] + unindexed
        for where in (HEADLINE, BODY):
            extra = [
                (worked[a].date, a, ordinal)
                for ordinal, a in enumerate(unindexed, view.count)
                if _holds(worked[a].words[where], words, prefix)
            ]
            found[where] += [ordinal for _, _, ordinal in sorted(extra, reverse=True)]
    return Matches(found[HEADLINE], found[BODY], ids)


def _holds(words_of_text: set[str], words: Sequence[str], prefix: str | None) -> bool:
    return all(w in words_of_text for w in words) and (
        prefix is None or any(w.startswith(prefix) for w in words_of_text)
    )
