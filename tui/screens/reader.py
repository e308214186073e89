"""The reader's main screen: reading (`reader_core`), tagging
(`claim_actions`) and story tools (`story_actions`) together, and every
action of it and its panes offered in the command palette."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from tui.palette import Command, binding_commands
from tui.screens.claim_actions import ClaimActions
from tui.screens.reader_core import first_run
from tui.screens.story_actions import StoryActions

__all__ = ["ReaderScreen", "first_run"]


class ReaderScreen(ClaimActions, StoryActions):
    """The main screen."""

    def commands(self) -> Iterator[Command]:
        """Every action of this screen and its panes, for the command
        palette: one for each key binding with an id, so a new binding is
        in the palette too."""
        return binding_commands([self, *self.walk_children(Widget)])
