"""The article pane: header, body paragraphs, a sentence cursor and the
claims tagged in the text, highlighted by kind.

It draws its own lines (the line API) so that it knows, for every cell on
screen, which character of the article is there: clicks land on a
sentence, and nothing in the text is ever interpreted as markup.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from store.model import Article, Claim
from store.text.sentences import Span
from tui.bindings import key
from tui.safe_text import one_line, shown
from tui.widgets.line_view import LineView

PAD = 1
_SINGLE_CELLS = frozenset(chr(c) for c in range(0x20, 0x300) if not 0x7F <= c <= 0x9F) | frozenset(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
)
"""Characters one cell wide (printable Latin, accents, the usual quotes and
dashes); others are measured by `cell_len`."""


@dataclass(frozen=True)
class ShownArticle:
    """An article with what drawing it needs: its body and its sentences."""

    article: Article
    outlet: str
    text: str
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class _Line:
    """One screen line: header text with a style, or a stretch of the body."""

    start: int = -1
    end: int = -1
    header: str = ""
    component: str = ""

    @property
    def is_body(self) -> bool:
        return self.start >= 0


def wrap_range(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text[start:end]` into (start, end) line ranges."""
    # Most paragraphs are all single-cell characters: then a word's width
    # is its length, and wrapping a long article costs a fraction of a ms.
    measure = len if _SINGLE_CELLS.issuperset(text[start:end]) else cell_len
    lines: list[tuple[int, int]] = []
    line_start = start
    used = 0
    position = start
    while position < end:
        word_end = position
        while word_end < end and not text[word_end].isspace():
            word_end += 1
        space_end = word_end
        while space_end < end and text[space_end].isspace():
            space_end += 1
        word_cells = measure(text[position:word_end])
        if used and used + word_cells > width:
            lines.append((line_start, position))
            line_start, used = position, 0
        while word_cells > width:  # a word longer than the line: break it
            cut = position
            cells = 0
            while cut < word_end and cells + measure(text[cut]) <= width:
                cells += measure(text[cut])
                cut += 1
            cut = max(cut, position + 1)
            lines.append((line_start, cut))
            line_start = position = cut
            used = 0
            word_cells = measure(text[position:word_end])
        used += word_cells + (space_end - word_end)
        position = space_end
    lines.append((line_start, end))
    return lines


def _wrap_plain(text: str, width: int) -> list[str]:
    return [text[s:e].rstrip() for s, e in wrap_range(text, 0, len(text), width)] if text else [""]


def caption_lines(captions: Sequence[str]) -> list[str]:
    """Photo captions and credits as shown: one line each, a lone "©"
    joined to the credit after it ("© Chris McGrath/Getty Images")."""
    lines: list[str] = []
    pending = ""
    for caption in captions:
        text = one_line(caption).strip()
        if not text:
            continue
        if text in ("©", "(c)", "(C)"):
            pending = f"{pending} {text}".strip()
            continue
        lines.append(f"{pending} {text}".strip())
        pending = ""
    if pending:
        lines.append(pending)
    return lines


_SENTENCE_END = frozenset(".!?…:;\"”’'")


def repeated_headline(headline: str, text: str) -> int:
    """How much of the start of `text` (an article's body) repeats its
    headline, as when a record without a title was headed by its first
    sentence: the end of the repeat in `text`, or 0 when the body does not
    begin with the whole headline as a sentence or paragraph of its own (or
    as its start cut with "…"). Case and spacing do not count."""
    wanted = " ".join(headline.split())
    cut = wanted.endswith("…")
    wanted = wanted.rstrip("…").rstrip().casefold()
    if not wanted:
        return 0
    position = 0
    while position < len(text) and text[position].isspace():
        position += 1
    for character in wanted:
        if character == " ":
            if position >= len(text) or not text[position].isspace():
                return 0
            while position < len(text) and text[position].isspace() and text[position] != "\n":
                position += 1
            continue
        if position >= len(text) or text[position].casefold() != character:
            return 0
        position += 1
    if position >= len(text) or text[position] == "\n":
        return position  # the whole first paragraph
    if cut and text[position].isspace():
        return position
    if text[position].isspace() and wanted[-1] in _SENTENCE_END:
        return position
    return 0


class ArticleView(LineView, can_focus=True):
    """One article, read a sentence at a time."""

    BINDING_GROUP_TITLE = "Article"

    HELP = (
        "Article: `j`/`k` move the sentence cursor, `shift+↑/↓` widen it, "
        "`t` tags the sentence as a claim, `[`/`]` flip to another outlet."
    )

    BINDINGS = [
        key(
            "article.next", "j,down", "next_sentence", "Next sentence", "Move the cursor to the next sentence"
        ),
        key(
            "article.previous",
            "k,up",
            "previous_sentence",
            "Previous sentence",
            "Move the cursor to the previous sentence",
        ),
        key(
            "article.widen_down",
            "shift+down",
            "widen_down",
            "Widen down",
            "Add the next sentence to the span to tag",
        ),
        key(
            "article.widen_up",
            "shift+up",
            "widen_up",
            "Widen up",
            "Add the previous sentence to the span to tag",
        ),
        key(
            "article.page_down",
            "pagedown,space",
            "page_sentences(1)",
            "Page down",
            "Move the cursor a screenful down the article",
        ),
        key(
            "article.page_up",
            "pageup",
            "page_sentences(-1)",
            "Page up",
            "Move the cursor a screenful up the article",
        ),
        key("article.top", "home", "first_sentence", "Top", "Go to the first sentence"),
        key("article.bottom", "end", "last_sentence", "Bottom", "Go to the last sentence"),
    ]

    COMPONENT_CLASSES = {
        "article--cursor",
        "article--outlet",
        "article--headline",
        "article--credit",
        "article--caption",
        "article--empty",
        *(
            f"article--{kind}"
            for kind in ("statement", "quote", "denial", "allegation", "figure", "prediction", "opinion")
        ),
    }

    class CursorMoved(Message):
        """The sentence cursor moved; `start` is its offset in the text."""

        def __init__(self, view: ArticleView, start: int) -> None:
            self.view = view
            self.start = start
            super().__init__()

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shown: ShownArticle | None = None
        self._sentence_starts: list[int] = []
        self.claims: tuple[Claim, ...] = ()
        self.empty_text = "Loading…"
        self.first = 0
        self.last = 0
        self._lines: list[_Line] = []
        self._line_starts: list[int] = []
        self._body_line_index: list[int] = []
        self._layout_width = 0
        self._headline_end = 0
        """Where in the text a body that begins with its headline stops repeating it."""

    # -- what is shown -------------------------------------------------------

    def show(
        self, shown_article: ShownArticle | None, position: int = 0, claims: Sequence[Claim] = ()
    ) -> None:
        """Show an article with the cursor on the sentence at `position`."""
        self.shown = shown_article
        self._sentence_starts = [s.start for s in shown_article.sentences] if shown_article else []
        self.claims = tuple(claims)
        self._layout()
        self.first = self.last = self.sentence_at(position)
        self.scroll_to(y=0, animate=False, immediate=True)
        if position > 0:
            # A kept reading position (a flip, a claim) is brought into view;
            # a fresh article starts at the top, with its outlet and headline.
            self._show_cursor(notify=False)
        self.refresh()

    def set_claims(self, claims: Sequence[Claim]) -> None:
        self.claims = tuple(claims)
        self.refresh()

    def show_empty(self, text: str) -> None:
        self.shown = None
        self._sentence_starts = []
        self.empty_text = text
        self._layout()
        self.refresh()

    @property
    def sentences(self) -> tuple[Span, ...]:
        return self.shown.sentences if self.shown else ()

    @property
    def selection(self) -> tuple[int, int] | None:
        """The character range under the cursor (widened span included)."""
        if not self.sentences:
            return None
        return self.sentences[self.first].start, self.sentences[self.last].end

    @property
    def cursor_start(self) -> int:
        return self.sentences[self.first].start if self.sentences else 0

    @property
    def relative_position(self) -> float:
        """How far through the article the cursor is, from 0 to 1."""
        count = len(self.sentences)
        return self.first / (count - 1) if count > 1 else 0.0

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence containing (or nearest before) `offset`."""
        if not self.sentences:
            return 0
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def move_to(self, offset: int, notify: bool = True) -> None:
        """Put the cursor on the sentence at `offset` and scroll to it."""
        self.first = self.last = self.sentence_at(offset)
        self._show_cursor(notify=notify)

    # -- layout --------------------------------------------------------------

    def _content_width(self) -> int:
        return max(4, self.text_width - 2 * PAD)

    def _layout(self) -> None:
        width = self._content_width()
        self._layout_width = width
        lines: list[_Line] = []
        self._headline_end = 0
        if self.shown is None:
            lines.append(_Line(header=self.empty_text, component="article--empty"))
        else:
            article = self.shown.article
            when = article.date.strftime("%d %b %Y") if article.date else "undated"
            lines += [
                _Line(header=t, component="article--outlet")
                for t in _wrap_plain(f"{one_line(self.shown.outlet)} · {when}", width)
            ]
            text = self.shown.text
            # A body that begins with its headline shows it once, in the
            # headline's style; the text (and claim offsets) stay as they are.
            self._headline_end = repeated_headline(article.headline, text)
            if not self._headline_end:
                lines += [
                    _Line(header=t, component="article--headline")
                    for t in _wrap_plain(one_line(article.headline), width)
                ]
            if article.credit:
                lines += [
                    _Line(header=t, component="article--credit")
                    for t in _wrap_plain(one_line(article.credit), width)
                ]
            for caption in caption_lines(article.captions):
                lines += [_Line(header=t, component="article--caption") for t in _wrap_plain(caption, width)]
            position = 0
            for paragraph in text.split("\n"):
                p_start, p_end = position, position + len(paragraph)
                position = p_end + 1
                if not paragraph.strip():
                    continue
                lines.append(_Line())
                for s, e in wrap_range(text, p_start, p_end, width):
                    while e > s and text[e - 1].isspace():
                        e -= 1
                    lines.append(_Line(start=s, end=e))
        self._lines = lines
        self._body_line_index = [i for i, line in enumerate(lines) if line.is_body]
        self._line_starts = [lines[i].start for i in self._body_line_index]
        self.virtual_size = Size(width + 2 * PAD, len(lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width() != self._layout_width:
            self._layout()
            self._show_cursor(notify=False)
            self.refresh()

    def _line_of(self, offset: int) -> int:
        if not self._line_starts:
            return 0
        index = max(0, bisect.bisect_right(self._line_starts, offset) - 1)
        return self._body_line_index[index]

    # -- cursor --------------------------------------------------------------

    def _show_cursor(self, notify: bool = True) -> None:
        if not self.sentences:
            return
        top = self._line_of(self.sentences[self.first].start)
        bottom = self._line_of(max(self.sentences[self.last].end - 1, 0))
        height = min(bottom - top + 1, max(1, self.scrollable_content_region.height))
        self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True, immediate=True)
        self.refresh()
        if notify:
            self.post_message(self.CursorMoved(self, self.cursor_start))

    def _set_cursor(self, index: int) -> None:
        if not self.sentences:
            return
        self.first = self.last = max(0, min(index, len(self.sentences) - 1))
        self._show_cursor()

    def action_next_sentence(self) -> None:
        self._set_cursor(self.last + 1)

    def action_previous_sentence(self) -> None:
        self._set_cursor(self.first - 1)

    def action_first_sentence(self) -> None:
        self._set_cursor(0)

    def action_last_sentence(self) -> None:
        self._set_cursor(len(self.sentences) - 1)

    def action_page_sentences(self, direction: int) -> None:
        if not self.sentences:
            return
        target_line = self._line_of(self.cursor_start) + direction * max(1, self.size.height - 2)
        target_line = max(0, min(target_line, len(self._lines) - 1))
        body = self._body_line_index
        if not body:
            return
        at = bisect.bisect_left(body, target_line)
        nearest = min(body[max(0, at - 1) : at + 1], key=lambda i: abs(i - target_line))
        self._set_cursor(self.sentence_at(self._lines[nearest].start))

    def action_widen_down(self) -> None:
        if self.sentences and self.last < len(self.sentences) - 1:
            self.last += 1
            self._show_cursor()

    def action_widen_up(self) -> None:
        if self.sentences and self.first > 0:
            self.first -= 1
            self._show_cursor()

    def on_click(self, event: events.Click) -> None:
        at = self.clicked_at(event)
        if at is None or not self.shown or not 0 <= at.y < len(self._lines):
            return
        line = self._lines[at.y]
        if not line.is_body:
            return
        column = at.x - PAD
        offset = line.start
        cells = 0
        while offset < line.end and cells + cell_len(self.shown.text[offset]) <= column:
            cells += cell_len(self.shown.text[offset])
            offset += 1
        self.focus()
        self._set_cursor(self.sentence_at(offset))

    # -- drawing -------------------------------------------------------------

    def draw_line(self, y: int) -> Strip:
        width = self._render_width
        base = self._render_base
        index = y + int(self.scroll_y)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        pad = Segment(" " * PAD, base)
        if not line.is_body:
            style = base + self._component(line.component) if line.component else base
            return Strip([pad, Segment(line.header, style)]).crop_extend(0, width, base)
        segments = [pad, *self._body_segments(line.start, line.end, base)]
        return Strip(segments).crop_extend(0, width, base)

    def _body_segments(self, start: int, end: int, base: Style) -> list[Segment]:
        assert self.shown is not None
        text = self.shown.text
        marks: list[tuple[int, int, Style]] = []
        if self._headline_end > start:
            marks.append((0, self._headline_end, self._component("article--headline")))
        for claim in self.claims:
            if claim.anchor.end > start and claim.anchor.start < end:
                style = self._component(f"article--{claim.kind.value}")
                marks.append((claim.anchor.start, claim.anchor.end, style))
        selection = self.selection
        if selection and selection[1] > start and selection[0] < end:
            marks.append((selection[0], selection[1], self._component("article--cursor")))
        cuts = sorted({start, end, *(max(start, min(end, p)) for m in marks for p in m[:2])})
        segments: list[Segment] = []
        for left, right in zip(cuts, cuts[1:], strict=False):
            style = base
            for m_start, m_end, m_style in marks:
                if m_start <= left and right <= m_end:
                    style = style + m_style
            segments.append(Segment(shown(text[left:right]).replace("\n", " "), style))
        return segments
