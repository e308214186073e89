"""The reader's main screen and its parts.

- `screen`: `ReaderScreen`, the layout, the reading keys, and what is shown;
- `state`: `ReaderState`, what is shown, in one place;
- `parts`: what a part of the screen is, and how the screen hosts its keys;
- `claim_tools`, `story_tools`: the parts (tagging claims; story tools);
- `story_search`: the command palette's search over story titles;
- `start`: `ReaderStart`, what the reader starts with, and start-up helpers.
"""

from tui.screens.reader.screen import ReaderScreen
from tui.screens.reader.start import ReaderStart, first_run

__all__ = ["ReaderScreen", "ReaderStart", "first_run"]
