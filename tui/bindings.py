"""The key bindings a screen offers, found by walking it: one walk that
help and the command palette share, so that a new binding appears in both.

A binding counts when it has an id (the ones a user can remap in
keys.toml). It belongs to the class whose own `BINDINGS` declare it, and
is listed under that class's `BINDING_GROUP_TITLE` (Textual's name for a
group of bindings in its key panel). System bindings are left out, as
Textual's key panel leaves them out: the reader screen hosts its parts'
keys as system bindings (see `tui.screens.reader.parts`), and the part's
own declaration is the one listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

Command = tuple[str, str, Callable[[], object]]
"""A palette entry: title, help line, and what choosing it does."""


def key(
    binding_id: str,
    keys: str,
    action: str,
    description: str,
    tooltip: str,
    *,
    show: bool = False,
) -> Binding:
    """A key binding named by the id `keys.toml` remaps it by and explained
    by the tooltip help lists; off the footer unless `show`, since the
    footer has room only for the few keys a reader needs first."""
    return Binding(keys, action, description, show=show, id=binding_id, tooltip=tooltip)


def identified_bindings(owner: type[DOMNode]) -> Iterator[Binding]:
    """The bindings `owner` itself declares that carry an id and are not
    system bindings: the ones a user can remap, and that help and the
    palette list."""
    for binding in owner.__dict__.get("BINDINGS", ()):
        if isinstance(binding, Binding) and binding.id is not None and not binding.system:
            yield binding


@dataclass(frozen=True)
class Declared:
    """A binding with an id, where it was found."""

    binding: Binding
    owner: type[DOMNode]
    """The class whose `BINDINGS` declare it."""
    node: DOMNode | None
    """The node its action runs on; None for a screen's class (one not open)."""

    @property
    def section(self) -> str:
        """The part of the program it works in, as help titles it."""
        return self.owner.BINDING_GROUP_TITLE or self.owner.__name__


def declared_bindings(nodes: Iterable[DOMNode | type[DOMNode]]) -> list[Declared]:
    """Each binding with an id that the nodes' classes (and their bases,
    base first) declare, in the order met; an id met twice counts once,
    on the first node. A class stands for a screen that is not open."""
    found: dict[str, Declared] = {}
    for item in nodes:
        node = None if isinstance(item, type) else item
        cls = item if isinstance(item, type) else type(item)
        for owner in reversed(cls.__mro__):
            for binding in identified_bindings(owner):
                found.setdefault(str(binding.id), Declared(binding, owner, node))
    return list(found.values())


@runtime_checkable
class OpensScreens(Protocol):
    """A node whose keys open screens with keys of their own, which help
    lists after the node's screen (a screen that is not open is not in
    the walk)."""

    @classmethod
    def screens_opened(cls) -> Sequence[type[Screen]]:
        """The screens, imported only when asked: some cost start-up time."""
        ...


def screens_opened(nodes: Iterable[DOMNode]) -> list[type[Screen]]:
    """The screens the nodes open (`OpensScreens`), in the order of the
    nodes, each once."""
    found: dict[type[Screen], None] = {}
    for node in nodes:
        if isinstance(node, OpensScreens):
            found.update(dict.fromkeys(node.screens_opened()))
    return list(found)


def binding_scopes(screen: Screen, closed: Iterable[type[Screen]] = ()) -> list[list[tuple[str, str]]]:
    """The bindings with an id that are active together, as (id, default
    keys): for each node of the open `screen`, its own, its ancestors' and
    the app's (where Textual looks for a key when the node has focus), and
    for each screen in `closed` (not open), its own and the app's. System
    bindings count: the reader screen's hosted keys are where they work."""
    scopes = []
    for node in [screen, *screen.walk_children(Widget)]:
        scopes.append([pair for owner in node.ancestors_with_self for pair in _keyed(type(owner))])
    for screen_class in closed:
        scopes.append([*_keyed(screen_class), *_keyed(type(screen.app))])
    return [scope for scope in scopes if scope]


def _keyed(cls: type[DOMNode]) -> Iterator[tuple[str, str]]:
    for owner in cls.__mro__:
        for binding in owner.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id is not None:
                yield str(binding.id), binding.key


def binding_commands(nodes: Iterable[Widget]) -> Iterator[Command]:
    """A palette entry for each binding with an id the nodes declare
    (`declared_bindings`), running its action on its node as its key would.

    The title is the binding's description and the help line its tooltip.
    Where two bindings share a description ("Page down" in the story list
    and in the article), each title adds its tooltip, or else its id.
    """
    found = [(d.binding, d.node) for d in declared_bindings(nodes) if isinstance(d.node, Widget)]
    shared = Counter(binding.description for binding, _ in found)
    for binding, node in found:
        title = binding.description
        if shared[title] > 1:
            title = f"{title}: {binding.tooltip or binding.id}"
        yield title, binding.tooltip or binding.description, partial(node.run_action, binding.action)
