"""Outlets: made once, renamed, and merged when renamed onto another."""

from __future__ import annotations

from dataclasses import replace

import pytest

from store import Library, StoreError
from tests.library.helpers import add_one, reopen


def test_ensure_outlet_makes_it_once_whatever_the_case(library: Library) -> None:
    first = library.ensure_outlet("The Guardian", homepage="https://theguardian.com")
    again = library.ensure_outlet("the guardian")
    assert again == first
    assert [o.name for o in reopen(library).outlets()] == ["The Guardian"]


def test_outlets_whose_names_slug_alike_keep_their_own_names(library: Library) -> None:
    plain = library.ensure_outlet("Le Monde")
    accented = library.ensure_outlet("Le Monde!")
    assert plain.id != accented.id
    assert {o.name for o in reopen(library).outlets()} == {"Le Monde", "Le Monde!"}


def test_renaming_an_unnamed_outlet_names_it_and_keeps_its_articles(library: Library) -> None:
    article_id = add_one(library, outlet=None)
    placeholder = library.outlet(library.article(article_id).outlet_id)  # type: ignore[union-attr]
    assert placeholder is not None and not placeholder.named

    renamed = library.rename_outlet(placeholder.name, "Reuters")

    assert renamed.named and renamed.id == placeholder.id
    again = reopen(library)
    assert again.find_outlet("reuters") == renamed
    assert again.article(article_id).outlet_id == renamed.id  # type: ignore[union-attr]


def test_renaming_onto_an_existing_name_merges_the_two(library: Library) -> None:
    a = add_one(library, headline="One", outlet="AP")
    b = add_one(library, headline="Two", outlet="Associated Press")
    target = library.find_outlet("Associated Press")

    merged = library.rename_outlet("AP", "associated press")

    assert merged == target
    again = reopen(library)
    assert [o.name for o in again.outlets()] == ["Associated Press"]
    assert {again.article(a).outlet_id, again.article(b).outlet_id} == {target.id}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "message"), [("Nobody", "X", "no outlet named"), ("AP", "  ", "empty")]
)
def test_bad_renames_are_refused(library: Library, old: str, new: str, message: str) -> None:
    library.ensure_outlet("AP")
    with pytest.raises(StoreError, match=message):
        library.rename_outlet(old, new)


def test_put_outlet_undoes_a_merge_id_name_and_articles_and_all(library: Library) -> None:
    a = add_one(library, headline="One", outlet=None)
    b = add_one(library, headline="Two", outlet="Reuters")
    placeholder = library.outlet(library.article(a).outlet_id)  # type: ignore[union-attr]
    assert placeholder is not None and not placeholder.named
    library.rename_outlet(placeholder.name, "reuters")  # a merge
    assert library.outlet(placeholder.id) is None

    library.put_outlet(placeholder, [a, "no-such-article"])

    again = reopen(library)
    assert again.outlet(placeholder.id) == placeholder  # unnamed again
    assert again.article(a).outlet_id == placeholder.id  # type: ignore[union-attr]
    assert again.article(b).outlet_id == again.find_outlet("Reuters").id  # type: ignore[union-attr]


def test_put_outlet_refuses_an_empty_name(library: Library) -> None:
    outlet = library.ensure_outlet("AP")
    with pytest.raises(StoreError):
        library.put_outlet(replace(outlet, name="  "))
