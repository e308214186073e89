"""The story list: every event, drawn a screenful at a time.

A library can hold 25,000 events; making a widget per event would take
seconds, so this is a line-API widget that renders only the visible rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from store.library.stories import StoryRow
from tui.bindings import key
from tui.safe_text import one_line
from tui.widgets.line_view import LineView

ROW_HEIGHT = 2


def _fit(text: str, cells: int) -> str:
    """`text` cut to `cells` cells, with an ellipsis if it was cut."""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(0, cells - 1)) + "…" if cells > 0 else ""


class StoryList(LineView, can_focus=True):
    """Events, newest first: a title line and a line of date and outlets.

    The mark is ● when no outlet's article is read, ◐ when some are."""

    BINDING_GROUP_TITLE = "Story list"

    HELP = "Stories: `j`/`k` move to the next or previous story, `enter` reads it."

    BINDINGS = [
        key("stories.next", "j,down", "cursor_down", "Next story", "Show the next story"),
        key("stories.previous", "k,up", "cursor_up", "Previous story", "Show the previous story"),
        key(
            "stories.page_down",
            "pagedown",
            "page_down",
            "Next page of stories",
            "Move a screenful down the story list",
        ),
        key(
            "stories.page_up",
            "pageup",
            "page_up",
            "Previous page of stories",
            "Move a screenful up the story list",
        ),
        key("stories.first", "home", "first", "First story", "Go to the newest story"),
        key("stories.last", "end", "last", "Last story", "Go to the oldest story"),
        key("stories.open", "enter", "open", "Open story", "Move to the article to read it"),
    ]

    COMPONENT_CLASSES = {
        "story-list--cursor",
        "story-list--meta",
        "story-list--unread",
        "story-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)
    """Moving it repaints only the two rows concerned (see `watch_cursor`),
    not the whole list."""

    class Opened(Message):
        """The user asked to read the highlighted story."""

        def __init__(self, event_id: str) -> None:
            self.event_id = event_id
            super().__init__()

    def __init__(self, *, on_highlight: Callable[[str], None], id: str | None = None) -> None:
        super().__init__(id=id)
        self.on_highlight = on_highlight
        """Called at once with the highlighted event's id, rather than by a
        posted message: the list's repaint and what the owner shows for the
        story then go out in one frame rather than two (~2 ms a key)."""
        self._quiet = False
        self.copies: Mapping[str, int] = {}
        """Event id -> how many of its articles are wire copy (marked, and
        not counted as independent coverage)."""
        self.rows: list[StoryRow] = []
        self._positions: dict[str, int] | None = None
        self.empty_text = "Loading stories…"

    # -- data --------------------------------------------------------------

    def set_rows(self, rows: Sequence[StoryRow], keep: str | None = None) -> None:
        """Show these rows, keeping the cursor on event `keep` if present."""
        self.rows = list(rows)
        self._positions = None
        position = self._position().get(keep, 0) if keep else 0
        self.virtual_size = Size(0, len(self.rows) * ROW_HEIGHT)  # never wider than the pane
        self.set_reactive(StoryList.cursor, min(position, max(0, len(self.rows) - 1)))
        self._show_cursor()
        self.refresh()

    def set_copies(self, copies: Mapping[str, int]) -> None:
        """Mark stories some of whose outlets ran wire copy."""
        self.copies = copies
        self.refresh()

    def replace_row(self, row: StoryRow) -> None:
        index = self._position().get(row.event_id)
        if index is not None:
            self.rows[index] = row
            self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def _position(self) -> dict[str, int]:
        """Row index by event id, built once per `set_rows` (25,000 rows:
        a scan per lookup would cost milliseconds a key)."""
        if self._positions is None:
            self._positions = {r.event_id: i for i, r in enumerate(self.rows)}
        return self._positions

    @property
    def current(self) -> StoryRow | None:
        return self.row_at(self.cursor)

    def row_at(self, index: int) -> StoryRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def select_event(self, event_id: str) -> bool:
        """Move the cursor to an event; False if the list does not show it."""
        index = self._position().get(event_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- cursor ------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(new * ROW_HEIGHT, ROW_HEIGHT)
        self._show_cursor()
        if self.current is not None and not self._quiet:
            self.on_highlight(self.current.event_id)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Move the cursor without telling the owner, which already shows
        the story (e.g. after jumping to it from search)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _show_cursor(self) -> None:
        region = Region(0, self.cursor * ROW_HEIGHT, max(1, self.size.width), ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height // ROW_HEIGHT)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height // ROW_HEIGHT)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current.event_id))

    def on_click(self, event: events.Click) -> None:
        at = self.clicked_at(event)
        index = at.y // ROW_HEIGHT if at is not None else -1
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Opened(self.rows[index].event_id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.rows) * ROW_HEIGHT)

    # -- drawing -----------------------------------------------------------

    def draw_line(self, y: int) -> Strip:
        width = self._render_width
        base = self._render_base
        absolute = y + int(self.scroll_y)
        index, part = divmod(absolute, ROW_HEIGHT)
        if not self.rows:
            if absolute == 0:
                style = base + self._component("story-list--empty")
                return Strip([Segment(self.empty_text, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self.cursor:
            style = style + self._component("story-list--cursor")
            if not self.has_focus:
                style = style + Style(dim=False)
        if part == 0:
            mark = "●" if row.read == 0 else "◐" if row.unread else " "
            star = "★" if row.starred else " "
            mark_style = self._component_over(style, "story-list--unread")
            title_style = style + Style(bold=row.unread)
            segments = [
                Segment(mark, mark_style),
                Segment(star, mark_style),
                Segment(" ", style),
                Segment(_fit(one_line(row.title), width - 3), title_style),
            ]
        else:
            when = row.date.strftime("%d %b %Y") if row.date else "undated"
            outlets = f"{row.outlets} outlet" + ("" if row.outlets == 1 else "s")
            copies = self.copies.get(row.event_id, 0)
            if copies:
                outlets += f" · {copies} wire cop" + ("y" if copies == 1 else "ies")
            meta = self._component_over(style, "story-list--meta")
            segments = [Segment(_fit(f"   {when} · {outlets}", width), meta)]
        return Strip(segments).crop_extend(0, width, style)
