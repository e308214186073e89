"""The Dateline reader app: a thin shell around the reader screen.

`make_app` builds it (the command line and the tests both use it);
`run_reader` runs it and returns an exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget

from store.library import Library
from store.library.stories import StoryRow, first_story_rows
from tui.bindings import binding_scopes, declared_bindings, key, screens_opened
from tui.dialogs.help import HelpDialog, HelpEntry
from tui.keymap import LoadedKeymap, keymap_path, load_keymap, settle_keymap
from tui.screens.reader import ReaderScreen, ReaderStart, first_run
from tui.settings import UserSettings


class DatelineApp(App[int]):
    """Read one event through several outlets; tag and compare claims."""

    TITLE = "Dateline"
    CSS_PATH = "reader.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDING_GROUP_TITLE = "Everywhere"

    BINDINGS = [
        key("app.quit", "q", "quit", "Quit", "Quit Dateline", show=True),
        key("app.help", "question_mark", "help", "Help", "Every key binding", show=True),
    ]

    def __init__(
        self, start: ReaderStart, *, keymap: LoadedKeymap | None = None, keymap_file: Path | None = None
    ) -> None:
        super().__init__()
        settings = start.settings or UserSettings.load()
        self.reader_start = replace(start, settings=settings)
        loaded = keymap or LoadedKeymap()
        self.keymap = dict(loaded.keys)
        self.keymap_problems = list(loaded.problems)
        self.keymap_file = keymap_file or keymap_path()
        self.settings = settings
        """The user's settings (config.toml): a theme picked in the palette is saved there."""
        self._use_theme()

    @classmethod
    def screens_opened(cls) -> Sequence[type[Screen]]:
        """The screens the app's own keys open, for help and keys.toml."""
        return (HelpDialog,)

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.reader_start)

    def on_mount(self) -> None:
        self.call_after_refresh(self.apply_keymap)  # once the reader is composed
        for warning in self.reader_start.library.warnings:
            self.notify(warning, title="Library", severity="warning", markup=False)
        for problem in self.settings.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _use_theme(self) -> None:
        """The theme config.toml names (before the first frame, so the
        reader is never drawn in another); the panes are the reader's."""
        settings = self.settings
        theme = settings.settings.theme
        if theme is not None and theme not in self.available_themes:
            settings.problems.append(
                f"{settings.path}: theme {theme!r} is not one Dateline knows; using the default "
                "(ctrl+p, then “theme”, lists them)"
            )
        elif theme is not None:
            self.theme = theme

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.settings.theme:
            self._save_theme(theme.name)

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_theme(self, name: str) -> None:
        problem = self.settings.save(theme=name)
        if problem:
            self.call_from_thread(self.notify, problem, title="Settings", severity="warning", markup=False)

    def apply_keymap(self) -> None:
        """The user's keys, checked against every binding the reader and the
        screens it opens declare (`settle_keymap`), and the problems shown."""
        reader = self.screen_stack[0]
        nodes = [self, reader, *reader.walk_children(Widget)]
        loaded = LoadedKeymap(self.keymap, self.keymap_problems)
        settled = settle_keymap(loaded, self.keymap_file, binding_scopes(reader, screens_opened(nodes)))
        self.keymap, self.keymap_problems = dict(settled.keys), settled.problems
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.keymap_problems:
            self.notify(problem, title="Key bindings", severity="warning", markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpDialog):
            return
        self.push_screen(HelpDialog(self.help_entries(), str(self.keymap_file)))

    def help_entries(self) -> list[HelpEntry]:
        """Every binding with an id, under the part of the program it works
        in: the app's, the reader's (its screen, parts and panes, found as
        the command palette finds them), then those of the screens the
        reader opens."""
        reader = self.screen_stack[0]
        nodes = [self, reader, *reader.walk_children(Widget)]
        entries = [
            HelpEntry("Everywhere", "ctrl+p", "Command palette: every action, and stories by title", "")
        ]
        for declared in declared_bindings([*nodes, *screens_opened(nodes)]):
            binding = declared.binding
            binding_id = str(binding.id)
            keys = self.keymap.get(binding_id, binding.key)
            shown = ", ".join(self.get_key_display(Binding(k, "")) for k in keys.split(","))
            entries.append(
                HelpEntry(declared.section, shown, binding.tooltip or binding.description, binding_id)
            )
        return entries

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key binding", self.action_help)
        if isinstance(screen, ReaderScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)


FIRST_SCREEN_ROWS = 60
"""Stories read before the first screen: more than any terminal shows."""


def make_app(
    library: Library,
    *,
    keymap_file: Path | None = None,
    settings_file: Path | None = None,
    seed: bool = True,
    stories: Sequence[StoryRow] | None = None,
    more_stories: bool = False,
    reopen: bool = True,
) -> DatelineApp:
    """The reader for `library`, with the user's key bindings and settings
    applied (from `keymap_file` and `settings_file`, else where the user
    keeps them); the other arguments are those of `ReaderStart`."""
    path = keymap_file or keymap_path()
    settings = UserSettings.load(settings_file)
    start = ReaderStart(
        library, seed=seed, stories=stories, more_stories=more_stories, settings=settings, reopen=reopen
    )
    return DatelineApp(start, keymap=load_keymap(path), keymap_file=path)


def run_reader(library: Library) -> int:
    """Run the reader until the user quits; the exit code."""
    # The first screenful of stories is read before the screen starts, the
    # rest (the read state of every article: ~0.2 s at 50,000) by a worker
    # once the first screen is up.
    first_run(library)
    app = make_app(library, stories=first_story_rows(library, FIRST_SCREEN_ROWS), more_stories=True)
    app.run()
    return app.return_code or 0
