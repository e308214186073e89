"""Warming search up: once the reader has done it in the background, the
first search a user types derives nothing, whatever state the index was in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store import Library
from store.db.catalog import Catalog
from store.ingest.importer import import_paths
from store.search.query import search, warm_up
from tests.conftest import SEEDS


def _no_deriving(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Catalog, key: str, attempts: int = 3) -> None:
        raise AssertionError(f"{key} derived during the search")

    monkeypatch.setattr(Catalog, "_derive", refuse)


def test_after_warming_up_a_search_derives_nothing(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import_paths(library, [str(p) for p in sorted(SEEDS.glob("*.txt"))], manifest=SEEDS / "manifest.json")
    warm_up(library)
    _no_deriving(monkeypatch)
    hits = search(library, "Putin")
    assert {hit.where for hit in hits} >= {"title", "body"}


def test_warming_up_builds_a_missing_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lib" / "library.json"
    import_paths(Library.open(path), [str(SEEDS)])
    shutil.rmtree(path.with_name(".library.json.index"))
    library = Library.open(path)
    warm_up(library)
    assert path.with_name(".library.json.index").joinpath("catalog.sqlite").exists()
    _no_deriving(monkeypatch)
    assert {hit.where for hit in search(library, "Peskov")} >= {"body"}
