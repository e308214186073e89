"""The search dialog: type, see hits in titles, headlines, claims and
bodies with the matched words marked, pick one to open it. Searching runs
in a worker, and an older query's answer is dropped when a newer one is
typed. `ctrl+o` switches between most relevant first and newest first."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from store.library import Library
from store.search.query import ORDERS, SearchHit, parse_query, search
from tui.bindings import key
from tui.safe_text import one_line

LIMIT = 60
MATCH_STYLE = "bold $text-warning"
ORDER_NAMES = {"relevance": "most relevant first", "date": "newest first"}


def marked(text: str, spans: Sequence[tuple[int, int]]) -> Content:
    """Untrusted text on one line with the spans that matched in bold: a
    `Content` made from the text as it is, never parsed as markup."""
    content = Content(one_line(text))
    for start, end in spans:
        content = content.stylize(MATCH_STYLE, start, end)
    return content


class SearchDialog(ModalScreen[SearchHit | None]):
    """Search the library; returns the chosen hit or None."""

    BINDING_GROUP_TITLE = "Search"

    HELP = (
        'Type to search titles, bodies and claims: "a phrase", outlet:NAME, since:2024-11, until:…,'
        " date:…; `enter` opens the highlighted hit."
    )

    BINDINGS = [
        key("search.cancel", "escape", "cancel", "Cancel", "Close the search", show=True),
        key("search.results", "down", "focus_results", "Results", "Move to the results"),
        key(
            "search.order",
            "ctrl+o",
            "switch_order",
            "Order",
            "Most relevant first, or newest first",
            show=True,
        ),
    ]

    class Results(Message):
        def __init__(self, query: str, order: str, hits: Sequence[SearchHit]) -> None:
            self.query = query
            self.order = order
            self.hits = list(hits)
            super().__init__()

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.query_text = query
        self.order = ORDERS[0]
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Label("Search titles, bodies and claims", classes="dialog-title")
            yield Input(
                self.query_text, id="search-input", placeholder='words, "a phrase", outlet:NAME, since:2024'
            )
            yield OptionList(id="search-results")
            yield Label("", id="search-status", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self.query_text:
            self.run_search(self.query_text, self.order)

    @on(Input.Changed, "#search-input")
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value, self.order)

    def action_switch_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.run_search(self.query_one("#search-input", Input).value, self.order)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str, order: str) -> None:
        hits = search(self.library, query, limit=LIMIT, order=order) if query.strip() else []
        self.post_message(self.Results(query, order, hits))

    def on_search_dialog_results(self, message: Results) -> None:
        if message.query != self.query_one("#search-input", Input).value or message.order != self.order:
            return  # an older query's answer
        self.hits = message.hits
        results = self.query_one("#search-results", OptionList)
        results.set_options(
            Option(
                Content.assemble(
                    (f"{hit.where:>8} ", "$text-muted"),
                    (f"{one_line(self._outlet_of(hit.article_id))}: ", "$text-accent"),
                    marked(hit.snippet, hit.highlights),
                ),
                id=str(index),
            )
            for index, hit in enumerate(self.hits)
        )
        if self.hits:
            results.highlighted = 0
        self.query_one("#search-status", Label).update(self._status(message.query))

    def _status(self, query: str) -> str:
        if not query.strip():
            return ""
        problems = parse_query(query).problems
        if problems:
            return problems[0]
        count = f"{len(self.hits)}{'+' if len(self.hits) >= LIMIT else ''} hits"
        return f"{count}, {ORDER_NAMES[self.order]} (ctrl+o: {ORDER_NAMES[self._other_order()]})"

    def _other_order(self) -> str:
        return ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]

    def _outlet_of(self, article_id: str) -> str:
        article = self.library.article(article_id)
        return self.library.outlet_name(article.outlet_id) if article else "?"

    @on(Input.Submitted, "#search-input")
    def open_first(self) -> None:
        results = self.query_one("#search-results", OptionList)
        index = results.highlighted if results.highlighted is not None else 0
        if self.hits:
            self.dismiss(self.hits[index])

    @on(OptionList.OptionSelected, "#search-results")
    def open_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id or 0)])

    def action_focus_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
