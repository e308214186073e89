"""Events: grouping saved in one go, summaries that follow every change."""

from __future__ import annotations

import datetime as dt

import pytest

from store import Event, Library, StoreError
from tests.library.helpers import add_one, reopen


def three_articles(library: Library) -> tuple[str, str, str]:
    a = add_one(library, headline="a", date=dt.date(2024, 11, 10), outlet="A")
    b = add_one(library, headline="b", date=dt.date(2024, 11, 12), outlet="B")
    c = add_one(library, headline="c", date=None, outlet="A")
    return a, b, c


def test_saved_grouping_gives_summaries_with_dates_and_outlets(library: Library) -> None:
    a, b, c = three_articles(library)
    library.save_grouping([Event("e1", "The call")], {a: "e1", b: "e1", c: "e1"})

    for lib in (library, reopen(library)):
        [summary] = lib.events()
        assert summary.title == "The call"
        assert summary.article_ids == (b, a, c)
        assert [lib.outlet(o).name for o in summary.outlet_ids] == ["B", "A"]  # type: ignore[union-attr]
        assert (summary.first_date, summary.last_date) == (dt.date(2024, 11, 10), dt.date(2024, 11, 12))
        assert [x.id for x in lib.articles(event_id="e1")] == [b, a, c]


def test_summaries_follow_articles_that_move(library: Library) -> None:
    a, b, c = three_articles(library)
    library.save_grouping([Event("e1", "One"), Event("e2", "Two")], {a: "e1", b: "e1", c: "e2"})
    assert library.event("e1").last_date == dt.date(2024, 11, 12)  # type: ignore[union-attr]

    library.save_grouping([], {b: "e2"}, pinned=[b])

    one, two = library.event("e1"), library.event("e2")
    assert one is not None and two is not None
    assert one.article_ids == (a,) and one.last_date == dt.date(2024, 11, 10)
    assert two.article_ids == (b, c) and two.first_date == dt.date(2024, 11, 12)
    assert library.article(b).event_pinned and not library.article(a).event_pinned  # type: ignore[union-attr]
    assert [e.id for e in reopen(library).events()] == ["e2", "e1"]


def test_events_left_empty_are_removed(library: Library) -> None:
    a, b, _ = three_articles(library)
    library.save_grouping([Event("e1", "One"), Event("e2", "Two")], {a: "e1", b: "e2"})
    library.save_grouping([], {b: "e1"})
    assert library.event("e2") is None
    assert [e.id for e in reopen(library).events()] == ["e1"]


def test_events_sort_newest_first_with_undated_events_last(library: Library) -> None:
    a, b, c = three_articles(library)
    library.save_grouping(
        [Event("old", "Old"), Event("new", "New"), Event("undated", "?")], {a: "old", b: "new", c: "undated"}
    )
    assert [e.id for e in library.events()] == ["new", "old", "undated"]


def test_assigning_to_an_unknown_event_is_refused(library: Library) -> None:
    a, _, _ = three_articles(library)
    with pytest.raises(StoreError, match="no event"):
        library.save_grouping([], {a: "nowhere"})
    assert library.article(a).event_id is None  # type: ignore[union-attr]


def test_renaming_an_event_pins_its_title(library: Library) -> None:
    a, _, _ = three_articles(library)
    library.save_grouping([Event("e1", "Auto title")], {a: "e1"})
    renamed = library.rename_event("e1", "  Kremlin denies the call ")
    assert renamed.title == "Kremlin denies the call" and renamed.title_pinned
    assert reopen(library).find_event("e").event == renamed
    with pytest.raises(StoreError, match="empty"):
        library.rename_event("e1", " ")
    with pytest.raises(StoreError, match="no event"):
        library.rename_event("e9", "x")


def test_restore_grouping_puts_events_articles_and_pins_back(library: Library) -> None:
    a, b, c = three_articles(library)
    library.save_grouping([Event("e1", "The call"), Event("e2", "Other")], {a: "e1", b: "e1", c: "e2"})
    before = {x: (library.article(x).event_id, library.article(x).event_pinned) for x in (a, b, c)}  # type: ignore[union-attr]
    events = [s.event for s in library.events()]
    # A merge of e2 into e1 pins everything and removes e2.
    library.save_grouping([], {a: "e1", b: "e1", c: "e1"}, pinned=[a, b, c])
    assert [s.id for s in library.events()] == ["e1"]

    library.restore_grouping(events, before)

    for lib in (library, reopen(library)):
        assert {s.id: s.article_ids for s in lib.events()} == {"e1": (b, a), "e2": (c,)}
        assert {x: (lib.article(x).event_id, lib.article(x).event_pinned) for x in (a, b, c)} == before  # type: ignore[union-attr]


def test_restore_grouping_removes_an_event_a_split_made(library: Library) -> None:
    a, b, _ = three_articles(library)
    library.save_grouping([Event("e1", "The call")], {a: "e1", b: "e1"})
    library.save_grouping([Event("e9", "Split off")], {b: "e9"}, pinned=[a, b])
    library.restore_grouping([Event("e1", "The call")], {a: ("e1", False), b: ("e1", False)})
    assert [s.id for s in reopen(library).events()] == ["e1"]
    assert not reopen(library).article(b).event_pinned  # type: ignore[union-attr]
