"""The reader's command-palette search over story titles: a `Provider`,
since the list of stories is data, not a fixed set of commands. Only the
reader uses it (`ReaderScreen.COMMANDS`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import Hit, Hits, Provider
from textual.content import Content

from store.library.stories import StoryRow
from tui.safe_text import one_line

MAX_HITS = 40


@runtime_checkable
class StoryOpener(Protocol):
    """What the search needs of its screen."""

    @property
    def all_rows(self) -> list[StoryRow]:
        """Every story, unfiltered."""
        ...

    def go_to(self, event_id: str | None, article_id: str | None = None, offset: int = 0) -> None:
        """Open an event and show it in the story list."""
        ...


def _highlighted(title: str, offsets: Sequence[int]) -> Content:
    """The title with matched letters marked. (The matcher's own `highlight`
    parses the title as markup, which untrusted titles must never be.)"""
    content = Content(title)
    for offset in offsets:
        if offset < len(title) and not title[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content


class StoryProvider(Provider):
    """Open a story by typing part of its title."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, StoryOpener) or not query.strip():
            return
        matcher = self.matcher(query)
        folded = query.casefold()
        found = 0
        for row in screen.all_rows:
            if folded[:1] not in row.title.casefold():
                continue
            score = matcher.match(row.title)
            if score > 0:
                found += 1
                yield Hit(
                    score,
                    _highlighted(one_line(row.title), matcher.fuzzy_search.match(query, row.title)[1]),
                    partial(screen.go_to, row.event_id),
                    help="Open this story",
                )
                if found >= MAX_HITS:
                    return
