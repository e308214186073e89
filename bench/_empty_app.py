"""The floor for launch-to-first-screen: an empty Textual app showing one line.

Started by `bench/reader_figures.py` in tmux exactly as the reader is, so the
difference between the two is what Dateline itself adds to start-up.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "Empty app ready"


class EmptyApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    EmptyApp().run()
