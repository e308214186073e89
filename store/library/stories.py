"""What the reader's story list shows for each event.

The list can hold tens of thousands of events, so this is plain data read
from the catalog in one query (off the UI thread) and then drawn a
screenful at a time; the first screenful is read alone, from the newest
articles, without looking at the rest of the library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.db.catalog import StoryFacts
from store.library import Library
from store.library.index import parsed_date


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One event as a line in the story list."""

    event_id: str
    title: str
    date: dt.date | None
    outlets: int
    articles: int
    read: int
    starred: bool

    @property
    def unread(self) -> bool:
        """Some outlet's article in this event is not read yet."""
        return self.read < self.articles


def _row(facts: StoryFacts) -> StoryRow:
    return StoryRow(
        event_id=facts.event_id,
        title=facts.title,
        date=parsed_date(facts.date) if facts.date else None,
        outlets=facts.outlets,
        articles=facts.articles,
        read=facts.read,
        starred=facts.starred,
    )


def story_rows(library: Library) -> list[StoryRow]:
    """Every event with articles, newest first (undated ones last)."""
    facts = library.catalog.story_facts()
    facts.sort(key=lambda f: (f.date or "", f.event_id), reverse=True)
    return [_row(f) for f in facts]


def first_story_rows(library: Library, count: int) -> list[StoryRow]:
    """The newest `count` events' rows: enough for the first screen, read
    from the newest articles without going through the whole library."""
    newest = library.catalog.newest_event_ids(count)
    facts = {f.event_id: f for f in library.catalog.story_facts(newest)}
    return [_row(facts[e]) for e in newest if e in facts]


def refreshed_row(library: Library, event_id: str) -> StoryRow | None:
    """The row of one event after its articles' state changed."""
    facts = library.catalog.story_facts([event_id])
    return _row(facts[0]) if facts else None
