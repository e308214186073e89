"""Wording differences and wire copy in the seed event."""

from __future__ import annotations

import datetime as dt

from store import ArticleDraft, Library
from store.coverage.grouping import group_articles
from store.coverage.matrix import claim_matrix
from store.coverage.provenance import find_copies, independent_count, kept_copies, wire_credit
from store.coverage.wording import wording_differences
from tests.coverage.conftest import SeedEvent


def test_kyiv_and_kiev_war_and_conflict(seeds: SeedEvent) -> None:
    library = seeds.library
    words = {w.outlet_id: w for w in wording_differences(library, seeds.event_id)}
    wire = words[library.article(seeds.wire).outlet_id]  # type: ignore[union-attr]
    other = words[library.article(seeds.other).outlet_id]  # type: ignore[union-attr]
    assert ("Kyiv", "Kiev") in wire.counterparts and ("Kiev", "Kyiv") in other.counterparts
    assert ("war", "conflict") in wire.counterparts
    assert dict(other.terms)["Kiev"] == 3
    assert "Kiev" not in dict(wire.terms) and "Kyiv" not in dict(other.terms)
    shared = set(dict(wire.terms)) & set(dict(other.terms))
    assert not shared


def test_the_wire_seed_is_marked_as_wire_copy(seeds: SeedEvent) -> None:
    copies = find_copies(seeds.library, seeds.event_id)
    assert set(copies) == {seeds.wire}
    assert copies[seeds.wire].agency and copies[seeds.wire].source == "Associated Press"
    assert kept_copies(seeds.library)[seeds.event_id] == copies  # noted when the import grouped them
    articles = seeds.library.articles(seeds.event_id)
    assert independent_count(articles, copies) == 2  # the agency's story and Outlet B's own


def test_credit_lines_name_their_agency() -> None:
    assert wire_credit("LONDON (Reuters) - Shares fell") == "Reuters"
    assert wire_credit("Reporting by staff; told Reuters on Sunday") is None


def test_near_identical_text_from_two_outlets_is_wire_copy(library: Library) -> None:
    body = (
        "The regional council approved the new tram line on Tuesday after a four hour debate, "
        "with twenty one votes in favour and nine against, ending a dispute that lasted two years."
    )
    drafts = [
        ArticleDraft(
            headline="Council backs tram line",
            paragraphs=(body,),
            date=dt.date(2025, 4, 1),
            outlet_name="Gazette One",
        ),
        ArticleDraft(
            headline="Tram line approved",
            paragraphs=(body + " Work starts in May.",),
            date=dt.date(2025, 4, 2),
            outlet_name="Gazette Two",
        ),
    ]
    added = library.add_articles(drafts).added
    group_articles(library, [a.id for a in added])
    event_id = library.article(added[0].id).event_id  # type: ignore[union-attr]
    assert event_id == library.article(added[1].id).event_id  # type: ignore[union-attr]
    copies = find_copies(library, event_id)  # type: ignore[arg-type]
    assert set(copies) == {added[1].id}  # the later copies the earlier
    assert copies[added[1].id].source == added[0].id
    assert "nearly the same text as Gazette One" in copies[added[1].id].reason
    assert independent_count(added, copies) == 1
    matrix = claim_matrix(library, event_id)  # type: ignore[arg-type]
    assert matrix.copies == {added[1].outlet_id: copies[added[1].id].reason}
    assert all(row.single_outlet for row in matrix.rows)  # one source, however many outlets ran it
