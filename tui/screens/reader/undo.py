"""Undo's memory: every change the reader made to the library in this
session, newest last, each with what puts the library back as it was.

The parts record a change once it is on disk (`ReaderState.history`), from
the worker that made it, with the constructors below; the `History` part
(`history`) takes the newest off and undoes it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.library import Library
from store.model import ArticleState, Claim, Event, Outlet

if TYPE_CHECKING:  # the suggestions module is loaded when first used, not at start-up
    from store.coverage.suggestions import DismissedSuggestion


@dataclass(frozen=True)
class Where:
    """Where the reader goes once a change is undone."""

    event_id: str | None
    article_id: str | None = None
    offset: int = 0
    claim_id: str | None = None
    """The claim to highlight in the claims pane."""


@dataclass(frozen=True)
class Change:
    """A change made in the session: what it was ("claim tagged"), and what
    undoes it (run in a worker, under the write lock)."""

    what: str
    undo: Callable[[Library], Where]
    stories: bool = True
    """Undoing it changes the story list (its rows are read again); a
    claim's change does not."""


@dataclass
class UndoHistory:
    """The session's changes, newest last. Workers push, `u` pops."""

    changes: list[Change] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, change: Change) -> None:
        with self._lock:
            self.changes.append(change)

    def pop(self) -> Change | None:
        with self._lock:
            return self.changes.pop() if self.changes else None


# -- what undoes each kind of change ------------------------------------------------


def at_article(library: Library, article_id: str, offset: int = 0, claim_id: str | None = None) -> Where:
    """A place in an article, in whatever story it is now."""
    article = library.article(article_id)
    return Where(article.event_id if article else None, article_id, offset, claim_id)


def _at_claim(library: Library, claim: Claim, focus: bool = True) -> Where:
    return at_article(library, claim.article_id, claim.anchor.start, claim.id if focus else None)


def claim_added(claim: Claim, what: str = "claim tagged") -> Change:
    """A claim was tagged (or a suggestion accepted): undone, it goes."""

    def undo(library: Library) -> Where:
        library.remove_claim(claim.id)
        return _at_claim(library, claim, focus=False)

    return Change(what, undo, stories=False)


def claim_changed(before: Claim, what: str = "claim edited") -> Change:
    """A claim was edited or given a verdict: undone, it is as it was."""

    def undo(library: Library) -> Where:
        library.update_claim(
            before.id,
            claimant=before.claimant,
            kind=before.kind,
            verdict=before.verdict,
            tags=before.tags,
            note=before.note,
            anchor=before.anchor,
        )
        return _at_claim(library, before)

    return Change(what, undo, stories=False)


def claim_deleted(claim: Claim) -> Change:
    """A claim was deleted: undone, it is back with the links that still hold."""

    def undo(library: Library) -> Where:
        restored = library.restore_claim(claim)
        return _at_claim(library, restored)

    return Change("claim deleted", undo, stories=False)


def suggestion_dismissed(article_id: str, key: str, offset: int) -> Change:
    """A suggestion was dismissed: undone, it is offered again."""

    def undo(library: Library) -> Where:
        from store.coverage.suggestions import restore_suggestion

        restore_suggestion(library, key)
        return at_article(library, article_id, offset)

    return Change("suggestion dismissed", undo, stories=False)


def suggestion_restored(dismissed: DismissedSuggestion) -> Change:
    """A dismissed suggestion was brought back: undone, it is dismissed again."""

    def undo(library: Library) -> Where:
        from store.coverage.suggestions import dismiss_again

        dismiss_again(library, dismissed)
        return at_article(library, dismissed.article_id, dismissed.start)

    return Change("suggestion restored", undo, stories=False)


Grouping = tuple[list[Event], dict[str, tuple[str, bool]]]
"""Events as they were, and their articles' places: article id -> (event id, pinned)."""


def grouping_of(library: Library, event_ids: Iterable[str | None]) -> Grouping:
    """The events' records and their articles' places, to restore later."""
    events: list[Event] = []
    placements: dict[str, tuple[str, bool]] = {}
    for event_id in dict.fromkeys(e for e in event_ids if e):
        summary = library.event(event_id)
        if summary is None:
            continue
        events.append(summary.event)
        for article in library.articles(event_id=event_id):
            placements[article.id] = (event_id, article.event_pinned)
    return events, placements


def stories_changed(what: str, before: Grouping, article_id: str | None = None) -> Change:
    """Stories were merged, split, moved between or renamed: undone, every
    article is back in its story, pinned or not as it was, and each story
    has its title back."""
    events, placements = before

    def undo(library: Library) -> Where:
        from store.coverage.provenance import note_copies

        library.restore_grouping(events, placements)
        note_copies(library, [e.id for e in events])
        if article_id is not None and article_id in placements:
            return Where(placements[article_id][0], article_id)
        return Where(events[0].id if events else None, article_id)

    return Change(what, undo)


def outlet_renamed(before: Outlet, moved: Sequence[str], where: Where) -> Change:
    """An outlet was renamed, or merged into another (its articles `moved`):
    undone, it is back with its name and its articles."""

    def undo(library: Library) -> Where:
        library.put_outlet(before, moved)
        return where

    return Change("outlet merged" if moved else "outlet renamed", undo)


def marks_changed(what: str, before: Mapping[str, ArticleState], where: Where) -> Change:
    """Articles were marked read or unread, starred or unstarred: undone,
    each has its marks back."""

    def undo(library: Library) -> Where:
        for article_id, state in before.items():
            library.set_state(article_id, read=state.read, starred=state.starred)
        return where

    return Change(what, undo)
