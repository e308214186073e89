"""Events: articles that report the same happening, grouped automatically
and corrected by the user (pinned placements and titles are kept)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from store.db.shards import MAIN_PART
from store.errors import StoreError
from store.library.articles import ArticleRecords
from store.library.base import unique_prefix
from store.library.index import EventSummary
from store.model import Event
from store.text.clean import clean_line


class EventRecords(ArticleRecords):
    """Reading events, storing a grouping, renaming."""

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
            found = index.summary(unique_prefix(id_or_prefix, index.events, "event"))
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
        with self.database.writing(MAIN_PART):
            index = self._index()
            was_pinned = {aid for aid in assignments if (a := index.article(aid)) and a.event_pinned}
            wanted = {aid: (eid, aid in pinned or aid in was_pinned) for aid, eid in assignments.items()}
            self._place(events, wanted)

    def restore_grouping(self, events: Sequence[Event], placements: Mapping[str, tuple[str, bool]]) -> None:
        """Put events and articles back as they were before a change (an
        undone merge, split, move or rename): the events as given, and each
        article of `placements` (article id -> (event id, pinned)) in its
        event with its pin as given. Events left without articles are removed."""
        with self.database.writing(MAIN_PART):
            self._place(events, dict(placements))

    def _place(self, events: Sequence[Event], wanted: dict[str, tuple[str, bool]]) -> None:
        """Write `events`, and each stored article of `wanted` into its event
        with its pin; remove events left empty (inside the main file's write)."""
        index = self._index()
        known = set(index.events) | {e.id for e in events}
        unknown = sorted({eid for eid, _ in wanted.values() if eid not in known})
        if unknown:
            raise StoreError(f"no event with id {unknown[0]!r}")
        current = {a.id: a for a in index.article_list(wanted)}
        moved = [
            replace(a, event_id=wanted[aid][0], event_pinned=wanted[aid][1])
            for aid, a in current.items()
            if (a.event_id, a.event_pinned) != wanted[aid]
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
        with self.database.writing(MAIN_PART):
            event = self._index().events.get(event_id)
            if event is None:
                raise StoreError(f"no event with id {event_id!r}")
            renamed = replace(event, title=title, title_pinned=True)
            self._write_main(events=[renamed])
            return renamed
