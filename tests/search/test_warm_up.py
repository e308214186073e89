"""Warming search up: the first search of a library then finds its hits
without reading every title again."""

from __future__ import annotations

import pytest

import store.search.query as search_module
from store import Library
from store.ingest.importer import import_paths
from store.search.query import search, warm_up
from tests.conftest import SEEDS


def test_after_warming_up_a_search_finds_titles_without_reading_them_again(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_paths(library, [str(p) for p in sorted(SEEDS.glob("*.txt"))], manifest=SEEDS / "manifest.json")
    warm_up(library)
    spaced_again: list[str] = []
    original = search_module.spaced_words

    def counting(text: str) -> str:
        spaced_again.append(text)
        return original(text)

    monkeypatch.setattr(search_module, "spaced_words", counting)
    hits = search(library, "Putin")
    assert {hit.where for hit in hits} >= {"title", "body"}
    assert spaced_again == []
