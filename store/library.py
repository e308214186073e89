"""The library: the one repository through which everything reads and writes.

The command line and the reader both use `Library`; nothing outside `store/`
touches TinyDB. Records go in and out as the frozen types of `store.model`.

Writes take the library's lock (threads and processes alike), reload the
part they change if another process replaced it, and return only once the
change is on disk. Reads come from in-memory indexes built once per load;
`refresh()` picks up what other processes wrote.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from store.backend import Backend, DiskBackend, MemoryBackend
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

SCHEMA_VERSION = 1
ANCHOR_CONTEXT = 32
"""Characters of prefix and suffix kept with a claim's quote."""


class StoreError(Exception):
    """A request the store refuses, with a message meant for the user."""


class KeyedTable(Table):
    """A TinyDB table keyed by our own string ids instead of counters, with
    a bulk put: TinyDB's upsert searches per record, which is O(n) each."""

    document_id_class = str  # type: ignore[assignment]

    def put_many(self, records: dict[str, dict[str, Any]]) -> None:
        """Insert or replace whole records by id, in one write."""
        if not records:
            return

        def update(docs: dict[str, Any]) -> None:
            docs.update(records)

        self._update_table(update)

    def put(self, key: str, record: dict[str, Any]) -> None:
        self.put_many({key: record})


class _KeyedTinyDB(TinyDB):
    table_class = KeyedTable


def shard_of(record_id: str) -> str:
    """The shard a record of this article (or claim) id lives in."""
    return record_id[:2].lower().ljust(2, "0")


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


class Library:
    """A Dateline library. Open one with `Library.open(path)` or `Library.memory()`."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend
        self._lock = threading.RLock()
        self.warnings: list[str] = []
        self._dbs: dict[str, TinyDB] = {}
        self._articles: dict[str, Article] | None = None
        self._outlets: dict[str, Outlet] = {}
        self._events: dict[str, Event] = {}
        self._event_members: dict[str, list[str]] = {}
        self._states: dict[str, ArticleState] | None = None
        self._check_schema()

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Library:
        """Open (or start) the library whose main file is `path`."""
        main = Path(path).expanduser()
        if main.is_dir():
            raise StoreError(f"{main} is a folder; name the library's main file, e.g. {main / 'library.json'}")
        warnings: list[str] = []
        library = cls(DiskBackend(main, warnings.append))
        library.warnings = warnings
        return library

    @classmethod
    def memory(cls) -> Library:
        """A library that is never written to disk."""
        return cls(MemoryBackend())

    @property
    def path(self) -> Path | None:
        return getattr(self._backend, "main_path", None)

    def _db(self, part: str) -> TinyDB:
        db = self._dbs.get(part)
        if db is None:
            storage = self._backend.storage(part)
            db = _KeyedTinyDB(storage=lambda: storage)
            self._dbs[part] = db
        return db

    def _table(self, part: str, name: str) -> KeyedTable:
        return self._db(part).table(name, cache_size=0)  # type: ignore[return-value]

    def _storage(self, part: str) -> Any:
        return self._db(part).storage

    def _schema_version(self) -> int | None:
        meta = self._table("", "meta").get(doc_id="schema")
        return meta["version"] if meta else None

    def _check_schema(self) -> None:
        version = self._schema_version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer Dateline (schema {version}, this one reads {SCHEMA_VERSION})"
            )
        if version is not None and version < SCHEMA_VERSION:
            migrate(self, from_version=version)

    # -- locking and freshness -------------------------------------------

    @contextmanager
    def _writing(self, *parts: str) -> Iterator[None]:
        """Hold the write lock, with the named parts fresh from disk."""
        with self._lock, self._backend.write_lock():
            for part in parts:
                storage = self._storage(part)
                if storage.is_stale():
                    storage.forget()
                    self._forget_indexes(part)
            if "" in parts and self._schema_version() is None:
                self._table("", "meta").put("schema", {"version": SCHEMA_VERSION})
            yield

    def _forget_indexes(self, part: str) -> None:
        if part == "":
            self._articles = None
        elif part.startswith("notes-"):
            self._states = None

    def refresh(self) -> bool:
        """Reload whatever another process changed; True if anything did."""
        changed = False
        with self._lock:
            for part, db in list(self._dbs.items()):
                storage = db.storage
                if storage.is_stale():  # type: ignore[attr-defined]
                    storage.forget()  # type: ignore[attr-defined]
                    self._forget_indexes(part)
                    changed = True
            if self._states is not None:
                known = {p for p in self._dbs if p.startswith("notes-")}
                if set(self._backend.existing_parts("notes-")) - known:
                    self._states = None
                    changed = True
        return changed

    # -- indexes ---------------------------------------------------------

    def _index(self) -> dict[str, Article]:
        with self._lock:
            if self._articles is None:
                self._outlets = {
                    r["id"]: Outlet.from_record(r) for r in self._table("", "outlets").all()
                }
                self._events = {r["id"]: Event.from_record(r) for r in self._table("", "events").all()}
                self._articles = {
                    r["id"]: Article.from_record(r) for r in self._table("", "articles").all()
                }
                self._rebuild_members()
            return self._articles

    def _rebuild_members(self) -> None:
        members: dict[str, list[str]] = defaultdict(list)
        for article in (self._articles or {}).values():
            if article.event_id is not None:
                members[article.event_id].append(article.id)
        self._event_members = dict(members)

    # -- outlets ---------------------------------------------------------

    def outlets(self) -> list[Outlet]:
        self._index()
        return sorted(self._outlets.values(), key=lambda o: o.name.casefold())

    def outlet(self, outlet_id: str) -> Outlet | None:
        self._index()
        return self._outlets.get(outlet_id)

    def find_outlet(self, name_or_id: str) -> Outlet | None:
        """An outlet by id or by display name, ignoring case."""
        self._index()
        if name_or_id in self._outlets:
            return self._outlets[name_or_id]
        wanted = name_or_id.casefold()
        return next((o for o in self._outlets.values() if o.name.casefold() == wanted), None)

    def ensure_outlet(self, name: str, homepage: str | None = None) -> Outlet:
        """The outlet with this name, made if it does not exist yet."""
        existing = self.find_outlet(name)
        if existing is not None:
            return existing
        outlet = Outlet(id=slugify(name), name=name, homepage=homepage)
        with self._writing(""):
            self._index()
            self._table("", "outlets").put(outlet.id, outlet.to_record())
            self._outlets[outlet.id] = outlet
        return outlet

    def rename_outlet(self, old: str, new: str) -> Outlet:
        """Rename an outlet. Renaming onto an existing outlet's name merges
        the two: the articles move over and the old one is removed."""
        new = new.strip()
        if not new:
            raise StoreError("an outlet's name cannot be empty")
        with self._writing(""):
            source = self.find_outlet(old)
            if source is None:
                raise StoreError(f"no outlet named {old!r} (see `dateline outlets`)")
            target = self.find_outlet(new)
            if target is None or target.id == source.id:
                renamed = replace(source, name=new, named=True)
                self._table("", "outlets").put(renamed.id, renamed.to_record())
                self._outlets[renamed.id] = renamed
                return renamed
            moved = [replace(a, outlet_id=target.id) for a in self._index().values() if a.outlet_id == source.id]
            self._put_articles(moved)
            self._table("", "outlets").remove(doc_ids=[source.id])
            del self._outlets[source.id]
            return target

    # -- articles --------------------------------------------------------

    def articles(self, event_id: str | None = None) -> list[Article]:
        """Articles, newest first (unknown dates last)."""
        index = self._index()
        if event_id is None:
            chosen: Iterable[Article] = index.values()
        else:
            chosen = (index[i] for i in self._event_members.get(event_id, ()))
        return sorted(chosen, key=lambda a: (a.sort_date, a.id), reverse=True)

    def article(self, article_id: str) -> Article | None:
        return self._index().get(article_id)

    def find_article(self, id_or_prefix: str) -> Article:
        """An article by id or unambiguous id prefix, as typed on a command line."""
        index = self._index()
        if id_or_prefix in index:
            return index[id_or_prefix]
        matches = [a for i, a in index.items() if i.startswith(id_or_prefix)] if id_or_prefix else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError(f"no article with id {id_or_prefix!r} (see `dateline articles`)")
        raise StoreError(f"article id {id_or_prefix!r} is ambiguous ({len(matches)} articles start with it)")

    def article_count(self) -> int:
        return len(self._index())

    def paragraphs(self, article_id: str) -> tuple[str, ...]:
        """An article's body, paragraph by paragraph (loaded on demand)."""
        with self._lock:
            record = self._table(f"bodies-{shard_of(article_id)}", "bodies").get(doc_id=article_id)
        return tuple(record["paragraphs"]) if record else ()

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
            seen: set[str] = set()
            new_outlets: dict[str, Outlet] = {}
            bodies: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
            for draft in drafts:
                outlet = self._outlet_for_draft(draft, new_outlets)
                article_id = draft.id or article_id_for(outlet.id, draft.headline, draft.paragraphs)
                if article_id in index or article_id in seen:
                    existing.append(article_id)
                    continue
                seen.add(article_id)
                article = Article(
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
                added.append(article)
                bodies[shard_of(article_id)][article_id] = {"paragraphs": list(draft.paragraphs)}
            for shard, records in bodies.items():
                part = f"bodies-{shard}"
                with self._writing(part):
                    self._table(part, "bodies").put_many(records)
            if new_outlets:
                self._table("", "outlets").put_many({o.id: o.to_record() for o in new_outlets.values()})
                self._outlets.update(new_outlets)
            if added:
                self._table("", "articles").put_many({a.id: a.to_record() for a in added})
                index.update((a.id, a) for a in added)
        return AddResult(tuple(added), tuple(existing))

    def _outlet_for_draft(self, draft: ArticleDraft, new_outlets: dict[str, Outlet]) -> Outlet:
        if draft.outlet_name:
            found = self.find_outlet(draft.outlet_name)
            if found is None:
                wanted = draft.outlet_name.casefold()
                found = next((o for o in new_outlets.values() if o.name.casefold() == wanted), None)
            if found is None:
                found = Outlet(id=slugify(draft.outlet_name), name=draft.outlet_name)
                new_outlets[found.id] = found
            return found
        # No outlet known: a placeholder per article, renamed by the user later.
        key = article_id_for("", draft.headline, draft.paragraphs)[:6]
        outlet_id = f"unnamed-{key}"
        found = self._outlets.get(outlet_id) or new_outlets.get(outlet_id)
        if found is None:
            found = Outlet(id=outlet_id, name=f"Unnamed outlet {key}", named=False)
            new_outlets[outlet_id] = found
        return found

    def _put_articles(self, articles: Sequence[Article]) -> None:
        """Rewrite article records in one write (caller holds the lock)."""
        if not articles:
            return
        changed = {a.id: a for a in articles}
        self._table("", "articles").put_many({i: a.to_record() for i, a in changed.items()})
        index = self._index()
        index.update(changed)
        self._rebuild_members()

    # -- events ----------------------------------------------------------

    def events(self) -> list[EventSummary]:
        """Events that have articles, newest first (unknown dates last)."""
        self._index()
        summaries = [self._summarise(e) for e in self._events.values() if self._event_members.get(e.id)]
        return sorted(
            summaries, key=lambda s: (s.last_date or dt.date.min, s.id), reverse=True
        )

    def event(self, event_id: str) -> EventSummary | None:
        self._index()
        found = self._events.get(event_id)
        return self._summarise(found) if found else None

    def find_event(self, id_or_prefix: str) -> EventSummary:
        """An event by id or unambiguous id prefix."""
        self._index()
        if id_or_prefix in self._events:
            return self._summarise(self._events[id_or_prefix])
        matches = [e for i, e in self._events.items() if id_or_prefix and i.startswith(id_or_prefix)]
        if len(matches) == 1:
            return self._summarise(matches[0])
        if not matches:
            raise StoreError(f"no event with id {id_or_prefix!r} (see `dateline events`)")
        raise StoreError(f"event id {id_or_prefix!r} is ambiguous ({len(matches)} events start with it)")

    def _summarise(self, event: Event) -> EventSummary:
        index = self._index()
        members = sorted(
            (index[i] for i in self._event_members.get(event.id, ())),
            key=lambda a: (a.sort_date, a.id),
            reverse=True,
        )
        dates = [a.date for a in members if a.date]
        outlets = list(dict.fromkeys(a.outlet_id for a in members))
        return EventSummary(
            event=event,
            article_ids=tuple(a.id for a in members),
            outlet_ids=tuple(outlets),
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
        )

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
            self._put_events(events)
            moved = [
                replace(index[aid], event_id=eid, event_pinned=index[aid].event_pinned or aid in pinned)
                for aid, eid in assignments.items()
                if aid in index and (index[aid].event_id != eid or aid in pinned)
            ]
            self._put_articles(moved)
            empty = [eid for eid in self._events if not self._event_members.get(eid)]
            if empty:
                self._table("", "events").remove(doc_ids=empty)
                for eid in empty:
                    del self._events[eid]

    def _put_events(self, events: Sequence[Event]) -> None:
        changed = {e.id: e for e in events}
        self._table("", "events").put_many({i: e.to_record() for i, e in changed.items()})
        self._events.update(changed)

    def rename_event(self, event_id: str, title: str) -> Event:
        title = title.strip()
        if not title:
            raise StoreError("an event's title cannot be empty")
        with self._writing(""):
            self._index()
            event = self._events.get(event_id)
            if event is None:
                raise StoreError(f"no event with id {event_id!r}")
            renamed = replace(event, title=title, title_pinned=True)
            self._put_events([renamed])
            return renamed

    # -- read and star state ---------------------------------------------

    def _state_index(self) -> dict[str, ArticleState]:
        with self._lock:
            if self._states is None:
                states: dict[str, ArticleState] = {}
                for part in self._backend.existing_parts("notes-"):
                    for record in self._table(part, "state").all():
                        states[record.doc_id] = ArticleState(  # type: ignore[attr-defined]
                            read=record.get("read", False), starred=record.get("starred", False)
                        )
                self._states = states
            return self._states

    def state(self, article_id: str) -> ArticleState:
        return self._state_index().get(article_id, ArticleState())

    def set_state(self, article_id: str, *, read: bool | None = None, starred: bool | None = None) -> ArticleState:
        """Mark an article read/unread or starred/unstarred, durably."""
        part = f"notes-{shard_of(article_id)}"
        with self._writing(part):
            current = self.state(article_id)
            new = ArticleState(
                read=current.read if read is None else read,
                starred=current.starred if starred is None else starred,
            )
            self._table(part, "state").put(article_id, {"read": new.read, "starred": new.starred})
            self._state_index()[article_id] = new
            return new

    # -- claims ----------------------------------------------------------

    def _claims_in(self, part: str) -> list[Claim]:
        return [Claim.from_record(r) for r in self._table(part, "claims").all()]

    def claims(self, *, article_id: str | None = None, event_id: str | None = None) -> list[Claim]:
        """Claims of one article, of one event, or all, in reading order."""
        with self._lock:
            if article_id is not None:
                wanted = {article_id}
            elif event_id is not None:
                summary = self.event(event_id)
                wanted = set(summary.article_ids) if summary else set()
            else:
                wanted = None
            if wanted is None:
                parts = self._backend.existing_parts("notes-")
            else:
                parts = sorted({f"notes-{shard_of(a)}" for a in wanted})
            found = [
                c
                for part in parts
                for c in self._claims_in(part)
                if wanted is None or c.article_id in wanted
            ]
        return sorted(found, key=lambda c: (c.article_id, c.anchor.start, c.created))

    def claim(self, claim_id: str) -> Claim | None:
        with self._lock:
            record = self._table(f"notes-{shard_of(claim_id)}", "claims").get(doc_id=claim_id)
        return Claim.from_record(record) if record else None

    def anchor_for(self, article_id: str, quote: str, start: int | None = None) -> Anchor:
        """An anchor for `quote` in the article's text: at `start` if given,
        else its first occurrence. Raises StoreError if it is not there."""
        text = self.text(article_id)
        quote = quote.strip()
        if not quote:
            raise StoreError("the quote is empty")
        if start is None or text[start : start + len(quote)] != quote:
            start = text.find(quote)
        if start < 0:
            raise StoreError(f"the quote does not occur in article {article_id}: {quote[:60]!r}")
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
        if self.article(article_id) is None:
            raise StoreError(f"no article with id {article_id!r}")
        anchor = self.anchor_for(article_id, quote, start)
        now = utc_now()
        claim = Claim(
            id=f"{article_id[:8]}-{uuid.uuid4().hex[:12]}",
            article_id=article_id,
            anchor=anchor,
            claimant=claimant.strip(),
            kind=ClaimKind(kind),
            verdict=Verdict(verdict),
            tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
            note=note,
            created=now,
            updated=now,
        )
        self.put_claim(claim)
        return claim

    def put_claim(self, claim: Claim) -> Claim:
        """Store a claim as given (an edit, or an undone delete)."""
        part = f"notes-{shard_of(claim.id)}"
        with self._writing(part):
            self._table(part, "claims").put(claim.id, claim.to_record())
        return claim

    def update_claim(self, claim_id: str, **changes: Any) -> Claim:
        """Change some fields of a claim (claimant, kind, verdict, tags, note)."""
        with self._lock:
            current = self.claim(claim_id)
            if current is None:
                raise StoreError(f"no claim with id {claim_id!r}")
            if "kind" in changes:
                changes["kind"] = ClaimKind(changes["kind"])
            if "verdict" in changes:
                changes["verdict"] = Verdict(changes["verdict"])
            if "tags" in changes:
                changes["tags"] = tuple(changes["tags"])
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
            self._table(part, "claims").remove(doc_ids=[claim_id])
            return claim

    def restore_claim(self, claim: Claim) -> Claim:
        """Put back a removed claim, with the links that still make sense."""
        with self._lock:
            links = tuple(i for i in claim.links if self.claim(i) is not None)
            restored = self.put_claim(replace(claim, links=links))
            for other_id in links:
                self._set_link(other_id, claim.id, linked=True)
            return restored

    def link_claims(self, first_id: str, second_id: str, *, linked: bool = True) -> None:
        """Mark two claims as the same claim in different articles (or not)."""
        if first_id == second_id:
            raise StoreError("a claim cannot be linked to itself")
        with self._lock:
            for claim_id in (first_id, second_id):
                if self.claim(claim_id) is None:
                    raise StoreError(f"no claim with id {claim_id!r}")
            self._set_link(first_id, second_id, linked=linked)
            self._set_link(second_id, first_id, linked=linked)

    def _set_link(self, claim_id: str, other_id: str, *, linked: bool) -> None:
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
            return {d.doc_id: dict(d) for d in self._table(f"side-{table}", table).all()}  # type: ignore[attr-defined]

    def put_record(self, table: str, key: str, record: dict[str, Any]) -> None:
        part = f"side-{table}"
        with self._writing(part):
            self._table(part, table).put(key, record)

    def delete_record(self, table: str, key: str) -> bool:
        """Remove a side-table record; False if there was none."""
        part = f"side-{table}"
        with self._writing(part):
            found = self._table(part, table)
            if not found.contains(doc_id=key):
                return False
            found.remove(doc_ids=[key])
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
        with self._lock, self._backend.write_lock():
            self.refresh()
            tables: dict[str, dict[str, dict[str, Any]]] = {}
            for family in self._SNAPSHOT_FAMILIES:
                merged: dict[str, dict[str, Any]] = {}
                for part in self._family_parts(family):
                    for name in sorted(self._db(part).tables()):
                        if part == "" and name == "meta":
                            continue
                        records = {str(d.doc_id): dict(d) for d in self._table(part, name).all()}
                        if records:
                            merged.setdefault(name, {}).update(records)
                if merged:
                    tables[family] = merged
            return {"schema": self._schema_version() or SCHEMA_VERSION, "tables": tables}

    def is_empty(self) -> bool:
        """True when the library holds nothing at all (not even an outlet)."""
        with self._lock:
            self.refresh()
            if self._index() or self._outlets or self._events:
                return False
            return not any(self._family_parts(f) for f in ("bodies", "notes", "side"))

    def load_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Fill an EMPTY library with what `snapshot()` returned."""
        schema = snapshot["schema"]
        if schema > SCHEMA_VERSION:
            raise StoreError(f"the snapshot is of schema {schema}; this Dateline reads up to {SCHEMA_VERSION}")
        with self._lock, self._backend.write_lock():
            if not self.is_empty():
                raise StoreError(f"{self.path or 'this library'} is not empty; restore into a new library")
            for family in self._SNAPSHOT_FAMILIES:
                for name, records in snapshot["tables"].get(family, {}).items():
                    by_part: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
                    for key, record in records.items():
                        part = {"main": "", "side": f"side-{name}"}.get(family, f"{family}-{shard_of(key)}")
                        by_part[part][key] = record
                    for part, chunk in sorted(by_part.items()):
                        self._table(part, name).put_many(chunk)
            self._table("", "meta").put("schema", {"version": schema})
            self._articles = None
            self._states = None
        if schema < SCHEMA_VERSION:
            migrate(self, from_version=schema)


MIGRATIONS: dict[int, Any] = {}
"""Steps from schema version N to N+1, each a function of the library."""


def migrate(library: Library, from_version: int) -> None:
    """Bring an older library up to SCHEMA_VERSION, one step at a time."""
    with library._writing(""):
        for version in range(from_version, SCHEMA_VERSION):
            MIGRATIONS[version](library)
        library._table("", "meta").put("schema", {"version": SCHEMA_VERSION})
