"""The claim matrix of an event: claims down, outlets across, each cell
saying how that outlet carried the claim. `enter` on a cell jumps to the
claim in that outlet.

Working the matrix out aligns every statement of the event, which can take
a moment, so it runs in a worker.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from store.coverage.matrix import CellState, ClaimMatrix, MatrixCell, claim_matrix
from store.library import Library
from tui.safe_text import one_line

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
        Binding("escape,M", "close", "Back", id="matrix.close", tooltip="Back to the reader"),
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

    def compose(self) -> ComposeResult:
        yield Label(
            Content.assemble(("Claim matrix · ", "bold"), one_line(self.event_title)), id="matrix-title"
        )
        yield Label("Working out who carried what…", id="matrix-status")
        yield DataTable(id="matrix-table", cursor_type="cell", zebra_stripes=True)
        yield Label(
            Content.styled(
                "quoted · reported · paraphrased · contradicted · — absent   ◇ in one outlet only   "
                "enter: go to the claim in that outlet",
                "$text-muted",
            ),
            id="matrix-legend",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="matrix")
    def compute(self) -> None:
        self.post_message(self.Ready(claim_matrix(self.library, self.event_id)))

    def on_matrix_screen_ready(self, message: Ready) -> None:
        self.matrix = message.matrix
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(Text("Claim"), key="claim", width=48)
        table.add_column(Text("Claimant"), key="claimant", width=22)
        for outlet in self.matrix.outlets:
            wire = " (wire)" if outlet.id in self.matrix.copies else ""
            table.add_column(Text(one_line(outlet.name) + wire), key=outlet.id)
        for index, row in enumerate(self.matrix.rows):
            label = f"{index + 1}. " + ("◇ " if row.single_outlet else "") + one_line(row.label)
            if row.contradicts:
                verb = "denies" if row.denial else "denied by"
                label += f" ({verb} " + ", ".join(str(i + 1) for i in row.contradicts) + ")"
            cells: list[Text] = [Text(label, no_wrap=True, overflow="ellipsis"), Text(one_line(row.claimant))]
            for outlet in self.matrix.outlets:
                cell = row.cells.get(outlet.id)
                state = cell.state if cell else CellState.ABSENT
                shown = (
                    "—" if state is CellState.ABSENT else state.value + (" ✓" if cell and cell.tagged else "")
                )
                cells.append(Text(shown, style=STATE_STYLES[state]))
            table.add_row(*cells, key=str(index))
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
            table.move_cursor(row=0, column=2)

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
