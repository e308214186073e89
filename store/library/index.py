"""What a library keeps in memory of its files: the main file's outlets,
events and articles with the views the reader asks for on every keystroke,
and each notes shard's claims and read/star state, parsed on demand.

Built once per load of a file; the library's own writes update them in
place, so nothing here is recomputed from scratch on a keystroke.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from store.db.storage import Data, paused_gc
from store.model import Article, ArticleState, Claim, Event, Outlet


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


def parse_records(
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


class MainIndex:
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
        self.outlets: dict[str, Outlet] = parse_records(
            data.get("outlets", {}), Outlet.from_record, "outlet", warn
        )
        self.events: dict[str, Event] = parse_records(
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


class NotesShard:
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

            self._states = parse_records(self._data.get("state", {}), parse, "read/star", self._warn)
        return self._states

    @property
    def claims(self) -> dict[str, Claim]:
        if self._claims is None:
            self._claims = parse_records(self._data.get("claims", {}), Claim.from_record, "claim", self._warn)
        return self._claims

    def claims_of(self, article_id: str) -> list[Claim]:
        if self._by_article is None:
            by_article: dict[str, list[Claim]] = defaultdict(list)
            for claim in self.claims.values():
                by_article[claim.article_id].append(claim)
            self._by_article = dict(by_article)
        return self._by_article.get(article_id, [])
