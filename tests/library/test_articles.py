"""Articles: added once, bodies kept apart, found by id prefix, sorted by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import Library, StoreError
from store.model import PARAGRAPH_SEPARATOR
from tests.library.helpers import PARAGRAPHS, add_one, draft, reopen


def test_added_articles_keep_their_fields_and_body(library: Library) -> None:
    result = library.add_articles([draft()])
    [article] = result.added
    again = reopen(library)
    assert again.article(article.id) == article
    assert again.paragraphs(article.id) == PARAGRAPHS
    assert again.text(article.id) == PARAGRAPH_SEPARATOR.join(PARAGRAPHS)
    assert again.outlet(article.outlet_id).name == "Outlet A"  # type: ignore[union-attr]


def test_re_adding_the_same_article_is_a_no_op(library: Library) -> None:
    [first] = library.add_articles([draft()]).added
    second = library.add_articles([draft(), draft(), draft(headline="Another story")])
    assert second.existing == (first.id, first.id)
    assert [a.headline for a in second.added] == ["Another story"]
    assert reopen(library).article_count() == 2


def test_the_same_text_from_two_outlets_is_two_articles(library: Library) -> None:
    result = library.add_articles([draft(outlet="A"), draft(outlet="B")])
    assert len(result.added) == 2 and result.added[0].id != result.added[1].id


def test_articles_sort_newest_first_with_unknown_dates_last(library: Library) -> None:
    old = add_one(library, headline="old", date=dt.date(2020, 1, 1))
    unknown = add_one(library, headline="undated", date=None)
    new = add_one(library, headline="new", date=dt.date(2024, 11, 11))
    assert [a.id for a in library.articles()] == [new, old, unknown]
    assert [a.id for a in reopen(library).articles()] == [new, old, unknown]


def test_find_article_by_unambiguous_prefix(library: Library) -> None:
    ids = [add_one(library, article_id=i, headline=i) for i in ("abc123", "abd456", "ff0000")]
    assert library.find_article("abc").id == ids[0]
    assert library.find_article("ff0000").id == ids[2]
    with pytest.raises(StoreError, match="ambiguous"):
        library.find_article("ab")
    with pytest.raises(StoreError, match="no article"):
        library.find_article("99")


def test_ids_that_are_not_hex_still_store_bodies_and_claims(library: Library) -> None:
    article_id = add_one(library, article_id="feed:item/../42 é")
    claim = library.add_claim(article_id, "pure fiction")
    again = reopen(library)
    assert again.paragraphs(article_id) == PARAGRAPHS
    assert again.claim(claim.id) == claim
    assert again.claims(article_id=article_id) == [claim]


def test_an_article_without_an_outlet_gets_a_placeholder(library: Library) -> None:
    article_id = add_one(library, outlet=None)
    outlet = library.outlet(library.article(article_id).outlet_id)  # type: ignore[union-attr]
    assert outlet is not None and not outlet.named and outlet.name.startswith("Unnamed outlet")


def test_loading_leaves_the_garbage_collector_as_it_found_it(library: Library) -> None:
    import gc

    add_one(library)
    reopen(library).events()
    assert gc.isenabled()
    gc.disable()
    try:
        reopen(library).articles()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_bodies_read_from_many_parts_stay_right_as_older_parts_are_let_go(library: Library) -> None:
    from store.library import BODY_PARTS_KEPT

    drafts = [draft(headline=f"Story {n}", paragraphs=(f"Body of story {n}.",)) for n in range(150)]
    articles = library.add_articles(drafts).added
    assert len({a.id[:2] for a in articles}) > BODY_PARTS_KEPT  # more parts than are kept
    for _ in range(2):  # the second pass reads parts that were let go again
        assert [library.text(a.id) for a in articles] == [f"Body of story {n}." for n in range(150)]
    library.add_claim(articles[0].id, "Body of story 0.")  # writing after a part was let go
    assert library.text(articles[0].id) == "Body of story 0."


def test_after_an_import_reading_lets_all_but_the_last_body_parts_go(tmp_path: Path) -> None:
    from store.library import BODY_PARTS_KEPT

    path = tmp_path / "store" / "library.json"
    library = Library.open(path)
    drafts = [draft(headline=f"Story {n}", paragraphs=(f"Body of story {n}.",)) for n in range(300)]
    articles = library.add_articles(drafts).added
    library.text(articles[0].id)
    parts_dir = path.with_name(path.name + ".parts")
    body_parts = [p.stem for p in parts_dir.glob("bodies-*.json")]
    assert len(body_parts) > BODY_PARTS_KEPT
    held = [part for part in body_parts if library.database.storage(part).loaded]
    assert len(held) <= BODY_PARTS_KEPT
