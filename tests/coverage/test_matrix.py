"""The claim matrix of the seed event, from suggestions and from tags."""

from __future__ import annotations

import datetime as dt

from store import ArticleDraft, ClaimKind, Event, Library
from store.coverage.matrix import CellState, ClaimMatrix, MatrixRow, claim_matrix
from tests.coverage.conftest import SeedEvent


def _outlets(seeds: SeedEvent) -> tuple[str, str]:
    library = seeds.library
    return library.article(seeds.wire).outlet_id, library.article(seeds.other).outlet_id  # type: ignore[union-attr]


def _row(matrix: ClaimMatrix, claimant: str, words: str) -> MatrixRow:
    rows = [
        r
        for r in matrix.rows
        if r.claimant == claimant and any(words in (c.text or "") for c in r.cells.values())
    ]
    assert len(rows) == 1, [(r.claimant, r.label) for r in matrix.rows]
    return rows[0]


def test_fresh_seed_event_shows_who_carried_what(seeds: SeedEvent) -> None:
    wire, other = _outlets(seeds)
    matrix = claim_matrix(seeds.library, seeds.event_id)
    assert [o.id for o in matrix.outlets] == [wire, other]
    peskov = _row(matrix, "Dmitry Peskov", "pure fiction")
    assert (peskov.cells[wire].state, peskov.cells[other].state) == (CellState.QUOTED, CellState.QUOTED)
    assert not peskov.single_outlet
    post = _row(matrix, "Washington Post (anonymous sources)", "spoke to Putin on Thursday")
    assert {post.cells[wire].state, post.cells[other].state} == {CellState.REPORTED}
    trump = _row(matrix, "Donald Trump", "24 hours")
    assert CellState.ABSENT not in (trump.cells[wire].state, trump.cells[other].state)
    cheung = _row(matrix, "Steven Cheung", "historic election")
    assert cheung.single_outlet and cheung.cells[other].state is CellState.ABSENT
    ministry = _row(matrix, "Ukrainian Foreign Ministry spokesman", "informed in advance")
    assert ministry.single_outlet and ministry.cells[wire].state is CellState.ABSENT
    advantage = _row(matrix, "the outlet itself", "advantage on the battlefield")
    assert advantage.single_outlet and advantage.cells[wire].state is CellState.ABSENT
    assert advantage.cells[other].state is CellState.ASSERTED


def test_cells_point_at_the_text_in_each_outlet(seeds: SeedEvent) -> None:
    matrix = claim_matrix(seeds.library, seeds.event_id)
    for row in matrix.rows:
        for cell in row.cells.values():
            if cell.state is CellState.ABSENT:
                assert cell.article_id is None
                continue
            text = seeds.library.text(cell.article_id)  # type: ignore[arg-type]
            assert text[cell.start : cell.end] == cell.text


def test_tagging_marks_cells_and_an_allegation_and_its_denial_are_two_linked_rows(seeds: SeedEvent) -> None:
    library = seeds.library
    wire, other = _outlets(seeds)
    report = library.add_claim(
        seeds.wire,
        "the US president-elect spoke to Putin on Thursday",
        claimant="Washington Post",
        kind=ClaimKind.ALLEGATION,
    )
    denial = library.add_claim(
        seeds.other, "did not have a phone conversation", claimant="Dmitry Peskov", kind=ClaimKind.DENIAL
    )
    library.link_claims(report.id, denial.id)
    matrix = claim_matrix(library, seeds.event_id)
    alleged = next(r for r in matrix.rows if r.cells[wire].claim_id == report.id)
    denied = next(r for r in matrix.rows if r.cells[other].claim_id == denial.id)
    assert alleged is not denied
    assert alleged.claimant.startswith("Washington Post") and denied.claimant == "Dmitry Peskov"
    assert matrix.rows.index(denied) in alleged.contradicts
    assert matrix.rows.index(alleged) in denied.contradicts
    # What each outlet's text does, tagged or not: B reports the Post's claim too.
    assert alleged.cells[wire].tagged and alleged.cells[wire].state is CellState.REPORTED
    assert not alleged.cells[other].tagged and alleged.cells[other].state is CellState.REPORTED
    assert denied.cells[wire].state is CellState.QUOTED and not denied.cells[wire].tagged
    # Tagging in Outlet A hides none of its other claims.
    cheung = _row(matrix, "Steven Cheung", "historic election")
    assert cheung.cells[wire].state is CellState.QUOTED and not cheung.cells[wire].tagged


def test_an_outlet_that_only_carries_the_denial_contradicts_the_claim() -> None:
    library = Library.memory()
    library.add_articles(
        [
            ArticleDraft(
                headline="Minister accused",
                paragraphs=(
                    "The Daily Ledger reported that Minister Jan Kowal took bribes from the port authority.",
                ),
                date=dt.date(2024, 5, 2),
                outlet_name="First",
            ),
            ArticleDraft(
                headline="Minister denies bribes",
                paragraphs=("Minister Jan Kowal denied that he took bribes from the port authority.",),
                date=dt.date(2024, 5, 2),
                outlet_name="Second",
            ),
        ]
    )
    event_id = library.new_event_id()
    library.save_grouping([Event(id=event_id, title="Bribes")], {a.id: event_id for a in library.articles()})
    matrix = claim_matrix(library, event_id)
    first, second = (library.find_outlet(name).id for name in ("First", "Second"))  # type: ignore[union-attr]
    claim = next(r for r in matrix.rows if not r.denial and r.cells[first].state is CellState.REPORTED)
    assert claim.cells[second].state is CellState.CONTRADICTED
    assert claim.single_outlet
    denial = matrix.rows[claim.contradicts[0]]
    assert denial.denial and denial.cells[second].state is CellState.REPORTED
