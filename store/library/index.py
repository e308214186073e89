"""What a library keeps in memory of its files: the main file's outlets,
each notes shard's claims and read/star state (parsed on demand), and the
summary of an event, made from what the catalog says of its articles.

Articles and events are not held here: the catalog (`store.db.catalog`)
answers for them, so no process reads every article to show one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from store.db.storage import Data
from store.model import ArticleState, Claim, Event, Outlet


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
def parsed_date(value: str) -> dt.date | None:
    """A stored date (dates repeat a lot, so parsing is memoised)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def summary_of(event: Event, members: Sequence[tuple[str, str, str | None]]) -> EventSummary:
    """An event's summary from its articles' (id, outlet, ISO date), newest first."""
    newest = next((d for _, _, d in members if d), None)
    oldest = next((d for _, _, d in reversed(members) if d), None)
    return EventSummary(
        event=event,
        article_ids=tuple([m[0] for m in members]),
        outlet_ids=tuple(dict.fromkeys([m[1] for m in members])),
        first_date=parsed_date(oldest) if oldest else None,
        last_date=parsed_date(newest) if newest else None,
    )


def newest_events_first(summaries: Iterable[EventSummary]) -> list[EventSummary]:
    """Events newest first (by their newest article), undated ones last."""
    return sorted(summaries, key=lambda s: (s.last_date or dt.date.min, s.id), reverse=True)


class OutletIndex:
    """The outlets of the main file, by id and by name. Built once per load
    of the file; the library's own writes build it again (outlets are few)."""

    def __init__(self, data: Data, generation: int, warn: Callable[[str], None]) -> None:
        self.generation = generation
        self.outlets: dict[str, Outlet] = parse_records(
            data.get("outlets", {}), Outlet.from_record, "outlet", warn
        )
        self._by_name: dict[str, Outlet] | None = None

    def outlet_named(self, name: str) -> Outlet | None:
        """The outlet with this display name, ignoring case and spaces around."""
        if self._by_name is None:
            self._by_name = {o.name.casefold(): o for o in self.outlets.values()}
        return self._by_name.get(name.strip().casefold())


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
