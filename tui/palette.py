"""The command palette's entries beyond Textual's own: every action a key
binding names (`binding_commands`), and a search over story titles (a
`Provider`, since the list of stories is data, not a fixed set of commands)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial

from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget

from tui.safe_text import one_line

MAX_HITS = 40

Command = tuple[str, str, Callable[[], object]]
"""A palette entry: title, help line, and what choosing it does."""


def identified_bindings(owner: type[DOMNode]) -> Iterator[Binding]:
    """The bindings `owner` itself declares that carry an id: the ones a
    user can remap, and that help and the palette list."""
    for binding in owner.__dict__.get("BINDINGS", ()):
        if isinstance(binding, Binding) and binding.id is not None:
            yield binding


def binding_commands(nodes: Iterable[Widget]) -> Iterator[Command]:
    """A palette entry for each binding with an id that the nodes' classes
    (and their bases) declare, running its action on the node as its key
    would; an id met twice counts once, on the first node.

    The title is the binding's description and the help line its tooltip.
    Where two bindings share a description ("Page down" in the story list
    and in the article), each title adds its tooltip, or else its id.
    """
    found: dict[str, tuple[Binding, Widget]] = {}
    for node in nodes:
        for owner in reversed(type(node).__mro__):
            for binding in identified_bindings(owner):
                found.setdefault(str(binding.id), (binding, node))
    shared = Counter(binding.description for binding, _ in found.values())
    for binding, node in found.values():
        title = binding.description
        if shared[title] > 1:
            title = f"{title}: {binding.tooltip or binding.id}"
        yield title, binding.tooltip or binding.description, partial(node.run_action, binding.action)


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
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen) or not query.strip():
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
