"""A scroll view that draws its own lines (Textual's line API), with what
every line needs looked up once per render instead of once per line."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """Base of the story list and the article: `render_line` may use
    `_render_width`, `_render_base` and `_component(name)`, which would
    otherwise walk the DOM and blend colours for each of 40 lines."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._render_width = 0
        self._render_base = Style()
        self._render_styles: dict[str, Style] = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        self._render_width = self.scrollable_content_region.width
        self._render_base = self.rich_style
        self._render_styles = {}
        return super().render_lines(crop)

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
