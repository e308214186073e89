"""A footer that rebuilds its keys only when the keys it shows change.

Textual's `Footer` recomposes (removes and mounts a widget per key, then a
layout pass) whenever its screen's bindings are signalled, which happens on
every focus change: opening the tag dialog, or closing it, cost the reader
about 10 ms for a footer that looked the same before and after.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """`Footer`, minus the rebuilds that would show the same keys again."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None

    def _signature(self) -> tuple[object, ...]:
        """What `Footer.compose` would show: the shown bindings and whether each is enabled."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "app.command_palette"
        )

    def bindings_changed(self, screen: Screen) -> None:
        shown_now = screen.app.screen is screen and screen.app.app_focus
        if not (self.is_attached and screen is self.screen and shown_now):
            # Textual asks a screen in the background too; it catches up when shown.
            self._bindings_ready = True
            return
        signature = self._signature()
        if signature == self._shown and self._bindings_ready:
            return
        self._shown = signature
        super().bindings_changed(screen)
