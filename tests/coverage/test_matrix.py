"""The claim matrix of the seed event, from suggestions and from tags."""

from __future__ import annotations

from store import ClaimKind
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
    post = _row(matrix, "Washington Post (anonymous sources)", "Trump called Putin")
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


def test_tagged_claims_replace_suggestions_and_denials_contradict(seeds: SeedEvent) -> None:
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
    row = next(r for r in matrix.rows if r.cells[wire].claim_id == report.id)
    assert row.cells[other].claim_id == denial.id
    assert row.cells[wire].state is CellState.REPORTED
    assert row.cells[other].state is CellState.CONTRADICTED
    tagged_ids = {c.claim_id for r in matrix.rows for c in r.cells.values() if c.claim_id}
    assert tagged_ids == {report.id, denial.id}
    assert all(
        r.cells[wire].claim_id is not None or r.cells[wire].state is CellState.ABSENT for r in matrix.rows
    )
