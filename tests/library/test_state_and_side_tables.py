"""Read/star state and the small side tables."""

from __future__ import annotations

import pytest

from store import ArticleState, Library
from tests.library.helpers import add_one, reopen


def test_read_and_star_marks_are_kept_apart(library: Library) -> None:
    article_id = add_one(library)
    assert library.state(article_id) == ArticleState()
    library.set_state(article_id, read=True)
    library.set_state(article_id, starred=True)
    assert reopen(library).state(article_id) == ArticleState(read=True, starred=True)
    library.set_state(article_id, read=False)
    assert reopen(library).state(article_id) == ArticleState(read=False, starred=True)


def test_side_table_records_round_trip_and_are_copies(library: Library) -> None:
    library.put_record("feeds", "https://example.org/rss", {"title": "Example", "tags": ["a"]})
    records = library.records("feeds")
    records["https://example.org/rss"]["tags"].append("changed by the caller")
    assert reopen(library).records("feeds") == {
        "https://example.org/rss": {"title": "Example", "tags": ["a"]}
    }
    assert library.delete_record("feeds", "https://example.org/rss")
    assert not library.delete_record("feeds", "https://example.org/rss")
    assert reopen(library).records("feeds") == {}


def test_side_table_names_cannot_reach_outside_the_store(library: Library) -> None:
    with pytest.raises(ValueError, match="side table names"):
        library.put_record("../escape", "k", {})


def test_states_of_many_articles_at_once(library: Library) -> None:
    ids = [add_one(library, headline=f"Story {i}") for i in range(5)]
    library.set_state(ids[1], read=True)
    library.set_state(ids[3], starred=True)
    assert reopen(library).states(ids) == {
        ids[0]: ArticleState(),
        ids[1]: ArticleState(read=True),
        ids[2]: ArticleState(),
        ids[3]: ArticleState(starred=True),
        ids[4]: ArticleState(),
    }
