"""A scroll view that draws its own lines (Textual's line API), with what
every line needs looked up once per render instead of once per line, and
its own scroll bar.

The scroll bar is the last column of each line rather than Textual's
`ScrollBar` widget: the article and the claims pane get new content on
every story and outlet key, and repainting two scroll-bar widgets line by
line took a sixth of such a key's time. Drawn here it costs one cell per
line. The mouse wheel scrolls as before; the bar cannot be dragged. The
thumb has the colour of the panes' borders: the theme's scroll-bar blue is
the cursor's, and hid the thumb on a highlighted line.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Offset, Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.steady_scroll import follow_virtual_size, virtual_size_without_layout

GUTTER = 1
"""Columns taken by the scroll bar."""


class LineView(ScrollView):
    """Base of the story list, the article and the claims pane. Subclasses
    draw a line in `draw_line`, which may use `_render_width` (the width
    left for text), `_render_base` and `_component(name)`, which would
    otherwise walk the DOM and blend colours for each of 40 lines."""

    COMPONENT_CLASSES = {"line-view--track", "line-view--thumb"}

    DEFAULT_CSS = """
    LineView {
        scrollbar-size-vertical: 0;
    }
    LineView > .line-view--track {
        background: $scrollbar-background;
    }
    LineView > .line-view--thumb {
        background: $panel-lighten-2;
    }
    """

    virtual_size = virtual_size_without_layout()
    """New content (every story and outlet key) repaints the view rather
    than laying out the whole screen (see `steady_scroll`)."""

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        follow_virtual_size(self, old, new)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._render_width = 0
        self._render_base = Style()
        self._render_styles: dict[str, Style] = {}
        self._thumb = (0, 0)

    @property
    def text_width(self) -> int:
        """Columns for the content: the pane less its scroll bar."""
        return max(0, self.scrollable_content_region.width - GUTTER)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._render_width = self.text_width
        self._render_base = self.rich_style
        self._render_styles = {}
        self._thumb = self.scroll_thumb
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.draw_line(y)
        top, bottom = self._thumb
        bar = self._component("line-view--thumb" if top <= y < bottom else "line-view--track")
        return Strip([*line, Segment(" " * GUTTER, bar)], line.cell_length + GUTTER)

    def draw_line(self, y: int) -> Strip:
        """Line `y` of the view (counted from its top) as wide as `_render_width`."""
        raise NotImplementedError

    @property
    def scroll_thumb(self) -> tuple[int, int]:
        """The rows the scroll bar's thumb covers, from the first to just
        after the last; (0, 0) when everything fits."""
        height = self.scrollable_content_region.height
        total = self.virtual_size.height
        if total <= height or height <= 0:
            return (0, 0)
        size = max(1, round(height * height / total))
        top = round(self.scroll_y / (total - height) * (height - size))
        return top, top + size

    def clicked_at(self, event: events.Click) -> Offset | None:
        """Where a click landed in the view's content: (column, line), both
        counted from the top left of all the content, scrolled away or not;
        None on the pane's border or scroll bar."""
        offset = event.get_content_offset(self)
        if offset is None or offset.x >= self.text_width:
            return None
        return offset + self.scroll_offset

    def _component(self, name: str) -> Style:
        """A component class's style, as of this render."""
        style = self._render_styles.get(name)
        if style is None:
            style = self._render_styles[name] = self.get_component_rich_style(name)
        return style

    def _component_over(self, style: Style, name: str) -> Style:
        """A component's colours and text style on `style`'s background.
        Component styles come with the pane's own background, which would
        otherwise paint over a cursor's."""
        return style + self._component(name) + Style(bgcolor=style.bgcolor)
