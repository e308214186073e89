"""The seed event against DESIGN.md's table: what a user should see at a
glance in the claim matrix of the two seed articles, with nothing tagged.

Each expected row names words that identify it in an outlet's cell, the
claimant, and what each outlet's text does with the claim ("absent" where
it does not carry it). A row is met when some matrix row carries those
words and has that claimant and those states.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from store import Library
from store.coverage.matrix import ClaimMatrix, MatrixRow, claim_matrix
from store.ingest.importer import import_paths
from store.library.paths import seeds_directory


@dataclass(frozen=True)
class ExpectedRow:
    claim: str
    words: tuple[str, ...]
    """Words one present cell's text holds (case ignored)."""
    claimant: str
    """A word the row's claimant holds (case ignored)."""
    states: tuple[str, str]
    """What Outlet A's and Outlet B's text does with the claim."""


EXPECTED = (
    ExpectedRow("Trump and Putin spoke by phone", ("thursday",), "post", ("reported", "reported")),
    ExpectedRow('No conversation; "pure fiction"', ("pure fiction",), "peskov", ("quoted", "quoted")),
    ExpectedRow("Ukraine was told in advance", ("informed",), "post", ("absent", "reported")),
    ExpectedRow("…denied by Ukraine's foreign ministry", ("in advance",), "ministry", ("absent", "quoted")),
    ExpectedRow("Leaders are building ties with Trump", ("relationships",), "cheung", ("quoted", "absent")),
    ExpectedRow('Trump could end the war "in 24 hours"', ("24 hours",), "trump", ("reported", "reported")),
    ExpectedRow(
        "Russia has the advantage on the battlefield", ("advantage",), "outlet", ("absent", "asserted")
    ),
)
OUTLETS = ("Outlet A", "Outlet B")


def seed_matrix() -> tuple[Library, ClaimMatrix]:
    """The seeds imported with their manifest, and their event's matrix."""
    library = Library.memory()
    folder = seeds_directory()
    import_paths(library, [str(folder)])
    [event] = library.events()
    return library, claim_matrix(library, event.id)


def states_of(matrix: ClaimMatrix, row: MatrixRow) -> tuple[str, ...]:
    by_name = {o.name: o.id for o in matrix.outlets}
    return tuple(row.cells[by_name[name]].state.value for name in OUTLETS)


def found(matrix: ClaimMatrix, expected: ExpectedRow) -> MatrixRow | None:
    """The matrix row that carries the expected claim, if any: of the rows
    with its words, the one with its claimant (an allegation and its denial
    share their words)."""
    rows = [
        row
        for row in matrix.rows
        if any(all(w in c.text.casefold() for w in expected.words) for c in row.cells.values() if c.text)
    ]
    return next((r for r in rows if expected.claimant in r.claimant.casefold()), rows[0] if rows else None)


def met(matrix: ClaimMatrix, expected: ExpectedRow) -> bool:
    row = found(matrix, expected)
    return (
        row is not None
        and expected.claimant in row.claimant.casefold()
        and states_of(matrix, row) == expected.states
    )


def main(argv: Sequence[str] = ()) -> int:
    _, matrix = seed_matrix()
    print(f"{'seed event, DESIGN.md row':46} {'claimant shown':32} {'A':11} {'B':11} met")
    for expected in EXPECTED:
        row = found(matrix, expected)
        claimant = row.claimant if row else "(no row)"
        states = states_of(matrix, row) if row else ("", "")
        mark = (
            "yes" if met(matrix, expected) else f"no (want {expected.claimant}, {'/'.join(expected.states)})"
        )
        print(f"{expected.claim:46} {claimant[:32]:32} {states[0]:11} {states[1]:11} {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
