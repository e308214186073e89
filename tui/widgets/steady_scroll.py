"""Scroll views whose content height changes without a layout of the screen.

Textual asks for a layout of the whole screen whenever a widget's virtual
size changes, only so that its scroll bar learns the new height. The line
views (story list, article, claims pane) get new content on every story and
outlet key, are always scrollable (`overflow-y: scroll`) and draw their own
scroll bar, so nothing else moves: repainting the view itself is enough.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView


def virtual_size_without_layout() -> Reactive[Size]:
    """A `virtual_size` that repaints its widget instead of asking for a layout."""
    return Reactive(Size(0, 0), layout=False)


def follow_virtual_size(view: ScrollView, old: Size, new: Size) -> None:
    """Bring the scroll bars up to date after a change of virtual size; a
    layout only where the change could move or resize something."""
    if old.width != new.width or view.styles.overflow_y != "scroll" or not view.is_mounted:
        view.refresh(layout=True)
    else:
        view._scroll_update(new)  # what the layout would do for this widget
