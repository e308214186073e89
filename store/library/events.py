"""Events: articles that report the same happening, grouped automatically
and corrected by the user (pinned placements and titles are kept).

An event's record (its title) lives in an `events-XX` shard; which articles
it holds is each article's `event_id`, so the catalog finds an event's
articles without reading the others."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from store.db.shards import MAIN_PART, articles_part, events_part
from store.errors import StoreError
from store.library.articles import ArticleRecords
from store.library.index import EventSummary, newest_events_first, summary_of
from store.model import Article, Event
from store.text.clean import clean_line


class EventRecords(ArticleRecords):
    """Reading events, storing a grouping, renaming."""

    def events(self) -> list[EventSummary]:
        """Events that have articles, newest first (unknown dates last)."""
        return newest_events_first(
            summary_of(Event.from_record(record), members)
            for record, members in self.catalog.events_with_members()
        )

    def event(self, event_id: str) -> EventSummary | None:
        record = self.catalog.event_record(event_id)
        if record is None:
            return None
        members = [(i, o, d) for i, o, d, _ in self.catalog.event_members(event_id)]
        return summary_of(Event.from_record(record), members)

    def find_event(self, id_or_prefix: str) -> EventSummary:
        """An event by id or unambiguous id prefix."""
        found_id = self._id_from_prefix("events", id_or_prefix, "event")
        found = self.event(found_id) if found_id else None
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

        Written in an order a crash cannot spoil: the events first, then the
        articles that move into them, then the removal of events left empty
        (an event without articles is never listed).
        """
        pinned = set(pinned)
        with self.database.writing(MAIN_PART):
            current = self._current_articles(assignments)
            wanted = {
                aid: (eid, aid in pinned or (aid in current and current[aid].event_pinned))
                for aid, eid in assignments.items()
            }
            self._place(events, wanted, current)

    def restore_grouping(self, events: Sequence[Event], placements: Mapping[str, tuple[str, bool]]) -> None:
        """Put events and articles back as they were before a change (an
        undone merge, split, move or rename): the events as given, and each
        article of `placements` (article id -> (event id, pinned)) in its
        event with its pin as given. Events left without articles are removed."""
        with self.database.writing(MAIN_PART):
            self._place(events, dict(placements))

    def _place(
        self,
        events: Sequence[Event],
        wanted: dict[str, tuple[str, bool]],
        current: dict[str, Article] | None = None,
    ) -> None:
        """Write `events`, and each stored article of `wanted` into its event
        with its pin; remove events left empty. Written in an order a crash
        cannot spoil: the events first, then the articles that move into
        them, then the removal of events left empty (an event without
        articles is never listed). The caller holds the write lock."""
        given = {e.id for e in events}
        unknown = sorted(
            eid
            for eid in {eid for eid, _ in wanted.values()} - given
            if eid not in self._records(events_part(eid), "events")
        )
        if unknown:
            raise StoreError(f"no event with id {unknown[0]!r}")
        self.catalog.recheck("articles")  # what the sizes below count must be the files
        if current is None:
            current = self._current_articles(wanted)
        moved = [
            replace(a, event_id=wanted[aid][0], event_pinned=wanted[aid][1])
            for aid, a in current.items()
            if (a.event_id, a.event_pinned) != wanted[aid]
        ]
        touched = given | {current[a.id].event_id for a in moved} - {None}
        counts = self.catalog.member_counts(sorted(e for e in touched if e is not None))
        sizes = {eid: counts.get(eid, 0) for eid in touched if eid is not None}
        for article in moved:
            before, after = current[article.id].event_id, wanted[article.id][0]
            if before != after:
                if before is not None and before in sizes:
                    sizes[before] -= 1
                sizes[after] = sizes.get(after, 0) + 1
        kept = [e for e in events if sizes.get(e.id, 0) > 0]
        stored_events = {part: self._records(part, "events") for part in {events_part(e) for e in sizes}}
        empty = [eid for eid, size in sizes.items() if size == 0 and eid in stored_events[events_part(eid)]]
        with self.catalog.batch():
            self._write_records("events", events_part, {e.id: e.to_record() for e in kept})
            self._write_records("articles", articles_part, {a.id: a.to_record() for a in moved})
            self._write_records("events", events_part, dict.fromkeys(empty))
        # Reads go to the catalog: what was read to write need not stay.
        for part in {articles_part(a) for a in wanted}:
            self.database.storage(part).forget()

    def rename_event(self, event_id: str, title: str) -> Event:
        title = clean_line(title)
        if not title:
            raise StoreError("an event's title cannot be empty")
        with self.database.writing(events_part(event_id)):
            record = self._records(events_part(event_id), "events").get(event_id)
            if record is None:
                raise StoreError(f"no event with id {event_id!r}")
            renamed = replace(Event.from_record(record), title=title, title_pinned=True)
            self._write_records("events", events_part, {event_id: renamed.to_record()})
            return renamed
