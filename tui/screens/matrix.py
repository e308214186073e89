"""The claim matrix of an event: claims down, outlets across, each cell
saying how that outlet carried the claim. `enter` on a cell jumps to the
claim in that outlet.

It fits the terminal's width (80 columns and up) and never scrolls sideways
on opening: the outlet columns take what their names and states need, or
abbreviations of them when there are many, and the claim and its claimant
share the rest, cut on the right with "…" (`column_widths`).

Working the matrix out aligns every statement of the event, which can take
a moment, so it runs in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from store.coverage.matrix import CellState, ClaimMatrix, MatrixCell, claim_matrix
from store.library import Library
from tui.bindings import key
from tui.safe_text import one_line

SHORT_STATES = {
    CellState.QUOTED: "Q",
    CellState.REPORTED: "R",
    CellState.PARAPHRASED: "P",
    CellState.ASSERTED: "A",
    CellState.CONTRADICTED: "C",
}
"""The states in a column too narrow for their names (the legend says which is which)."""
FULL_OUTLET = len("contradicted ✓")
"""An outlet column that shows every state by name."""
NARROW_OUTLET = 4
"""An outlet column of letters ("Q ✓"), and an abbreviated name."""
MIN_CLAIM, MIN_CLAIMANT, MAX_CLAIMANT = 20, 10, 32
PADDING = 2
"""Cells a table column adds around its text."""
SCROLL_BAR = 2


@dataclass(frozen=True)
class ColumnWidths:
    """How wide the matrix's columns are (their text, without padding)."""

    claim: int
    claimant: int
    outlet: int

    short_states: bool = False
    """The cells show letters (`SHORT_STATES`), not the states' names."""


def column_widths(
    width: int, outlets: int, longest_name: int, longest_state: int = FULL_OUTLET
) -> ColumnWidths:
    """Columns for a table `width` cells wide with `outlets` outlet columns:
    an outlet column as wide as its longest cell (`longest_state`) and, room
    allowing, its name (`longest_name`, else cut to 10 cells or
    abbreviated), so that the claim and claimant keep 50, 40 or at least
    30 cells; else as narrow as letters. The claimant gets a third of the
    rest (within bounds), the claim what remains."""
    room = width - SCROLL_BAR - PADDING * (2 + outlets)
    outlet = NARROW_OUTLET
    for name, claims_keep in ((min(longest_name, 24), 50), (min(longest_name, 10), 40), (0, 30)):
        wanted = max(longest_state, name)
        if room - outlets * wanted >= claims_keep:
            outlet = wanted
            break
    rest = max(MIN_CLAIM + MIN_CLAIMANT, room - outlets * outlet)
    claimant = max(MIN_CLAIMANT, min(MAX_CLAIMANT, rest // 3))
    return ColumnWidths(rest - claimant, claimant, outlet, short_states=outlet < longest_state)


def abbreviated(name: str, width: int) -> str:
    """An outlet's name in `width` cells: whole, else its initials
    ("Associated Press" → "AP"), else cut with "…"."""
    name = one_line(name).strip()
    if len(name) <= width:
        return name
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if len(words) > 1:
        initials = "".join(w[0].upper() for w in words)
        if len(initials) <= width:
            return initials
    return name[: max(1, width - 1)] + "…"


STATE_STYLES = {
    CellState.QUOTED: "bold green",
    CellState.REPORTED: "cyan",
    CellState.PARAPHRASED: "yellow",
    CellState.ASSERTED: "magenta",
    CellState.CONTRADICTED: "bold red",
    CellState.ABSENT: "dim",
}


class MatrixScreen(Screen[MatrixCell | None]):
    """Who carried which claim. Returns the chosen cell, or None."""

    BINDING_GROUP_TITLE = "Claim matrix"

    HELP = "Claim matrix: arrows move between cells, `enter` jumps to the claim in that outlet."

    BINDINGS = [
        key("matrix.close", "escape,M", "close", "Back", "Back to the reader", show=True),
    ]

    class Ready(Message):
        def __init__(self, matrix: ClaimMatrix) -> None:
            self.matrix = matrix
            super().__init__()

    def __init__(self, library: Library, event_id: str, title: str) -> None:
        super().__init__()
        self.library = library
        self.event_id = event_id
        self.event_title = title
        self.matrix: ClaimMatrix | None = None
        self._widths: ColumnWidths | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            Content.assemble(("Claim matrix · ", "bold"), one_line(self.event_title)), id="matrix-title"
        )
        yield Label("Working out who carried what…", id="matrix-status")
        yield DataTable(id="matrix-table", cursor_type="cell", zebra_stripes=True)
        yield Label(_legend(ColumnWidths(0, 0, 0), starred=False), id="matrix-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="matrix")
    def compute(self) -> None:
        self.post_message(self.Ready(claim_matrix(self.library, self.event_id)))

    def on_matrix_screen_ready(self, message: Ready) -> None:
        self.matrix = message.matrix
        self._fill()
        status = self.query_one("#matrix-status", Label)
        copies = len(self.matrix.copies)
        status.update(
            f"{len(self.matrix.rows)} claims across {len(self.matrix.outlets)} outlets"
            + (f" ({copies} ran wire copy)" if copies else "")
            + " · ✓ tagged by you · ◇ only one source"
            if self.matrix.rows
            else "No claims found in this story yet (tag some with t)"
        )
        if self.matrix.rows and self.matrix.outlets:
            table = self.query_one(DataTable)
            table.move_cursor(row=0, column=2, scroll=False)
            table.scroll_to(x=0, y=0, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if self.matrix is not None and self._widths != self._fitted():
            self._fill()

    def _fitted(self) -> ColumnWidths:
        assert self.matrix is not None
        outlets = self.matrix.outlets
        longest = max(
            (len(one_line(o.name)) + (7 if o.id in self.matrix.copies else 0) for o in outlets), default=0
        )
        return column_widths(self.size.width, len(outlets), longest)

    def _fill(self) -> None:
        """The table, its columns fitted to the screen's width."""
        assert self.matrix is not None
        matrix = self.matrix
        widths = self._widths = self._fitted()
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(Text("Claim"), key="claim", width=widths.claim)
        table.add_column(Text("Claimant"), key="claimant", width=widths.claimant)
        starred = False
        for outlet in matrix.outlets:
            wire = outlet.id in matrix.copies
            name = f"{one_line(outlet.name)} (wire)" if wire else one_line(outlet.name)
            if len(name) > widths.outlet:
                name = abbreviated(outlet.name, widths.outlet - (1 if wire else 0)) + ("*" if wire else "")
                starred = starred or wire
            table.add_column(
                Text(name, no_wrap=True, overflow="ellipsis"), key=outlet.id, width=widths.outlet
            )
        for index, row in enumerate(matrix.rows):
            label = f"{index + 1}. " + ("◇ " if row.single_outlet else "")
            if row.contradicts:  # first: a denial reads like what it denies until it is cut
                verb = "denies" if row.denial else "denied by"
                label += f"({verb} " + ", ".join(str(i + 1) for i in row.contradicts) + ") "
            label += one_line(row.label)
            cells: list[Text] = [
                Text(label, no_wrap=True, overflow="ellipsis"),
                Text(one_line(row.claimant), no_wrap=True, overflow="ellipsis"),
            ]
            for outlet in matrix.outlets:
                cell = row.cells.get(outlet.id)
                state = cell.state if cell else CellState.ABSENT
                shown = _cell_text(cell, short=widths.short_states)
                cells.append(Text(shown, style=STATE_STYLES[state], no_wrap=True, overflow="ellipsis"))
            table.add_row(*cells, key=str(index))
        self.query_one("#matrix-legend", Label).update(_legend(widths, starred))
        if cursor.row < table.row_count and cursor.column < len(table.columns):
            table.move_cursor(row=cursor.row, column=cursor.column, scroll=False)

    def cell_at(self, row: int, column: int) -> MatrixCell | None:
        """The matrix cell under the table's cursor, if it is an outlet's."""
        if self.matrix is None or not 0 <= row < len(self.matrix.rows) or column < 2:
            return None
        outlets = self.matrix.outlets
        if column - 2 >= len(outlets):
            return None
        return self.matrix.rows[row].cells.get(outlets[column - 2].id)

    @on(DataTable.CellSelected)
    def jump(self, event: DataTable.CellSelected) -> None:
        cell = self.cell_at(event.coordinate.row, event.coordinate.column)
        if cell is None or cell.article_id is None or cell.state is CellState.ABSENT:
            self.notify("That outlet does not carry this claim; pick a filled cell", severity="information")
            return
        self.dismiss(cell)

    def action_close(self) -> None:
        self.dismiss(None)


def _cell_text(cell: MatrixCell | None, short: bool) -> str:
    """How an outlet carried a claim: the state's name (or letter), ✓ if tagged."""
    state = cell.state if cell else CellState.ABSENT
    if state is CellState.ABSENT:
        return "—"
    shown = SHORT_STATES[state] if short else state.value
    return shown + (" ✓" if cell and cell.tagged else "")


def _legend(widths: ColumnWidths, starred: bool) -> Content:
    """What the cells and marks mean, as the columns show them."""
    named = (
        f"{letter} {state.value}" if widths.short_states else state.value
        for state, letter in SHORT_STATES.items()
    )
    states = " · ".join(named) + " · — absent"
    wire = "  * wire copy" if starred else ""
    return Content.styled(f"{states}   ◇ one outlet only{wire}   enter: go to the claim there", "$text-muted")
