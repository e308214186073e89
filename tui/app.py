"""The Dateline reader app: a thin shell around the reader screen.

`make_app` builds it (the command line and the tests both use it);
`run_reader` runs it and returns an exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from store.library import Library
from store.library.stories import StoryRow, first_story_rows
from tui.dialogs.help import HelpDialog, HelpEntry
from tui.keymap import keymap_path, load_keymap
from tui.palette import StoryProvider, identified_bindings


class DatelineApp(App[int]):
    """Read one event through several outlets; tag and compare claims."""

    TITLE = "Dateline"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {StoryProvider}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit Dateline"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key binding"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        keymap: dict[str, str] | None = None,
        keymap_problems: Iterable[str] = (),
        keymap_file: Path | None = None,
        seed: bool = True,
        stories: Sequence[StoryRow] | None = None,
        more_stories: bool = False,
    ) -> None:
        super().__init__()
        self.stories = stories
        self.more_stories = more_stories
        self.library = library
        self.keymap = dict(keymap or {})
        self.keymap_problems = list(keymap_problems)
        self.keymap_file = keymap_file or keymap_path()
        self.seed = seed

    def get_default_screen(self) -> Screen:
        from tui.screens.reader import ReaderScreen

        return ReaderScreen(
            self.library, seed=self.seed, stories=self.stories, more_stories=self.more_stories
        )

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.keymap_problems:
            self.notify(problem, title="Key bindings", severity="warning", markup=False)
        for warning in self.library.warnings:
            self.notify(warning, title="Library", severity="warning", markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpDialog):
            return
        self.push_screen(HelpDialog(self.help_entries(), str(self.keymap_file)))

    def help_entries(self) -> list[HelpEntry]:
        """Every binding with an id, under the part of the screen it works in."""
        from tui.dialogs.search import SearchDialog
        from tui.dialogs.tag_claim import TagClaimDialog
        from tui.screens.claim_actions import ClaimActions
        from tui.screens.compare import CompareScreen
        from tui.screens.matrix import MatrixScreen
        from tui.screens.reader_core import ReaderCore
        from tui.screens.story_actions import StoryActions
        from tui.widgets.article_view import ArticleView
        from tui.widgets.claims_pane import ClaimsPane
        from tui.widgets.story_list import StoryList

        sections: list[tuple[str, type[DOMNode]]] = [
            ("Everywhere", DatelineApp),
            ("Reading", ReaderCore),
            ("Claims", ClaimActions),
            ("Stories", StoryActions),
            ("Story list", StoryList),
            ("Article", ArticleView),
            ("Claims pane", ClaimsPane),
            ("Compare", CompareScreen),
            ("Claim matrix", MatrixScreen),
            ("Tag dialog", TagClaimDialog),
            ("Search", SearchDialog),
        ]
        entries = [
            HelpEntry("Everywhere", "ctrl+p", "Command palette: every action, and stories by title", "")
        ]
        for section, owner in sections:
            for binding in identified_bindings(owner):
                binding_id = str(binding.id)
                keys = self.keymap.get(binding_id, binding.key)
                shown = ", ".join(self.get_key_display(Binding(k, "")) for k in keys.split(","))
                entries.append(HelpEntry(section, shown, binding.tooltip or binding.description, binding_id))
        return entries

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key binding", self.action_help)
        commands = getattr(screen, "commands", None)
        if callable(commands):
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)


FIRST_SCREEN_ROWS = 60
"""Stories read before the first screen: more than any terminal shows."""


def make_app(
    library: Library,
    *,
    keymap_file: Path | None = None,
    seed: bool = True,
    stories: Sequence[StoryRow] | None = None,
    more_stories: bool = False,
) -> DatelineApp:
    """The reader for `library`, with the user's key bindings applied.
    `stories`, if given, is the story list already read, or its start if
    `more_stories` (else a worker reads it once the screen is up)."""
    path = keymap_file or keymap_path()
    loaded = load_keymap(path)
    return DatelineApp(
        library,
        keymap=loaded.keys,
        keymap_problems=loaded.problems,
        keymap_file=path,
        seed=seed,
        stories=stories,
        more_stories=more_stories,
    )


def run_reader(library: Library) -> int:
    """Run the reader until the user quits; the exit code."""
    from tui.screens.reader_core import first_run

    # The first screenful of stories is read before the screen starts, the
    # rest (the read state of every article: ~0.2 s at 50,000) by a worker
    # once the first screen is up.
    first_run(library)
    app = make_app(library, stories=first_story_rows(library, FIRST_SCREEN_ROWS), more_stories=True)
    app.run()
    return app.return_code or 0
