"""Fixtures for coverage tests: the seed event imported into a library."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from store import Library
from store.ingest.importer import import_paths
from tests.conftest import SEEDS


@dataclass(frozen=True)
class SeedEvent:
    library: Library
    event_id: str
    wire: str
    """The article that credits Associated Press (seed 000)."""
    other: str
    """The article that writes "Kiev" (seed 004)."""


def import_seeds(library: Library) -> SeedEvent:
    files = sorted(SEEDS.glob("*.txt"))
    import_paths(library, [str(f) for f in files], manifest=str(SEEDS / "manifest.json"))
    by_file = {a.source.rsplit("/", 1)[-1]: a.id for a in library.articles() if a.source}
    wire, other = by_file[files[0].name], by_file[files[1].name]
    event_id = library.article(wire).event_id  # type: ignore[union-attr]
    assert event_id is not None
    return SeedEvent(library, event_id, wire, other)


@pytest.fixture
def seeds(library: Library) -> SeedEvent:
    return import_seeds(library)
