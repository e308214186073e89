"""What the reader's story list shows for each event, computed in one pass.

The list can hold tens of thousands of events, so this is plain data built
once (off the UI thread) and then drawn a screenful at a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.db.storage import paused_gc
from store.library import EventSummary, Library
from store.model import ArticleState


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


def story_row(
    library: Library, summary: EventSummary, known: dict[str, ArticleState] | None = None
) -> StoryRow:
    """One event's row; `known` holds article states already looked up."""
    if known is None:
        known = library.states(summary.article_ids)
    states = [known[article_id] for article_id in summary.article_ids]
    return StoryRow(
        event_id=summary.id,
        title=summary.title,
        date=summary.last_date,
        outlets=len(summary.outlet_ids),
        articles=len(states),
        read=sum(s.read for s in states),
        starred=any(s.starred for s in states),
    )


def story_rows(library: Library) -> list[StoryRow]:
    """Every event with articles, newest first."""
    with paused_gc():  # tens of thousands of long-lived rows: no point in walking them
        summaries = library.events()
        known = library.states(a for s in summaries for a in s.article_ids)
        return [story_row(library, summary, known) for summary in summaries]


def first_story_rows(library: Library, count: int) -> list[StoryRow]:
    """The newest `count` events' rows: enough for the first screen, without
    looking up the read state of every article in the library."""
    summaries = library.events()[:count]
    known = library.states(a for s in summaries for a in s.article_ids)
    return [story_row(library, summary, known) for summary in summaries]


def refreshed_row(library: Library, event_id: str) -> StoryRow | None:
    """The row of one event after its articles' state changed."""
    summary = library.event(event_id)
    return story_row(library, summary) if summary else None
