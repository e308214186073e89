"""What the reader shows, in one place: the stories listed and the filter
they are seen through, the event open, its outlets' articles and claims,
and which outlet is being read.

The reader screen changes it; its parts (`claim_tools`, `story_tools`)
read it, and ask the screen with a message when what is shown should
change.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from store.library import EventSummary, Library
from store.library.stories import StoryRow
from store.model import Article, Claim
from tui.screens.reader.undo import UndoHistory
from tui.settings import UserSettings, config_path

FILTERS = ("all", "unread", "starred")


class ReaderState:
    """The reader's state (see the module)."""

    def __init__(self, library: Library, settings: UserSettings | None = None) -> None:
        self.library = library
        self.write_lock = threading.Lock()
        """Held by every worker that writes, so writes happen in the order asked."""
        self.history = UndoHistory()
        """The session's changes, for `u` (workers add to it once a change is on disk)."""
        self.settings = settings or UserSettings(config_path())
        """The user's settings (config.toml), saved as the user changes them."""
        self._all_rows: list[StoryRow] = []
        self._all_positions: dict[str, int] | None = None
        self.filter = "all"
        """Which stories the list shows: one of `FILTERS`."""
        self.event: EventSummary | None = None
        self.articles: list[Article] = []
        """The event's articles, one per outlet, in the order the outlet bar shows them."""
        self.outlet_names: list[str] = []
        self.index = 0
        """Which of `articles` is being read."""
        self.event_claims: list[Claim] = []
        """The claims of every article of the event."""
        self.copies: Mapping[str, Mapping[str, object]] = {}
        """Event id -> its articles that are wire copy (id -> how), as kept."""

    # -- the stories -------------------------------------------------------------

    @property
    def all_rows(self) -> list[StoryRow]:
        """Every story, unfiltered."""
        return self._all_rows

    @all_rows.setter
    def all_rows(self, rows: list[StoryRow]) -> None:
        self._all_rows = rows
        self._all_positions = None

    def replace_row(self, row: StoryRow) -> None:
        """Put a changed row in place: a dict lookup, not a copy of 25,000 rows."""
        if self._all_positions is None:
            self._all_positions = {r.event_id: i for i, r in enumerate(self._all_rows)}
        index = self._all_positions.get(row.event_id)
        if index is not None:
            self._all_rows[index] = row

    def visible_rows(self) -> list[StoryRow]:
        """The stories the filter lets through."""
        if self.filter == "unread":
            return [r for r in self.all_rows if r.unread]
        if self.filter == "starred":
            return [r for r in self.all_rows if r.starred]
        return self.all_rows

    def next_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]

    # -- the event being read ----------------------------------------------------

    @property
    def article(self) -> Article | None:
        """The article being read."""
        return self.articles[self.index] if 0 <= self.index < len(self.articles) else None

    @property
    def outlet_name(self) -> str:
        """The name of the outlet being read."""
        return self.outlet_names[self.index]

    def own_claims(self) -> list[Claim]:
        """The claims of the article being read."""
        article = self.article
        return [c for c in self.event_claims if article and c.article_id == article.id]

    def other_claims(self) -> list[tuple[Claim, str]]:
        """The claims of the event's other articles, each with its outlet's name."""
        article = self.article
        names = {a.id: n for a, n in zip(self.articles, self.outlet_names, strict=True)}
        return [
            (c, names.get(c.article_id, "?"))
            for c in self.event_claims
            if article and c.article_id != article.id
        ]
