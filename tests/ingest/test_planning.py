"""A large import's grouping, planned in a process of its own while the
last batch is stored, places every article as planning here would."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import store.ingest.importer
import store.ingest.planning
from store import Library
from store.coverage.grouper import process_count
from store.ingest.importer import import_paths
from store.ingest.planning import ImportPlanner

ARTICLES = Path(__file__).resolve().parents[1] / "coverage" / "eval" / "articles"
"""Our fictional set: several events in one week, on one topic."""


def events_of(library: Library) -> set[frozenset[str]]:
    """Each event as the set of its articles' headlines."""
    return {frozenset(a.headline for a in library.articles(e.event.id)) for e in library.events()}


def test_an_import_planned_in_a_grouping_process_groups_as_one_planned_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if process_count() == 0:
        pytest.skip("one core: an import plans its grouping in its own process")
    monkeypatch.setattr(store.ingest.importer, "BATCH_SIZE", 10)  # the last batch is stored while it plans
    monkeypatch.setattr(store.ingest.planning, "MIN_ARTICLES", 10**9)
    here = Library.open(tmp_path / "here" / "library.json")
    import_paths(here, [str(ARTICLES)])

    in_process: list[bool] = []
    plan = ImportPlanner.plan

    def watched(self: ImportPlanner, *args: Any) -> Callable[[], Any]:
        in_process.append(self.in_process)
        return plan(self, *args)

    monkeypatch.setattr(ImportPlanner, "plan", watched)
    monkeypatch.setattr(store.ingest.planning, "MIN_ARTICLES", 1)
    there = Library.open(tmp_path / "there" / "library.json")
    report = import_paths(there, [str(ARTICLES)])

    assert in_process == [True]
    assert report.imported == there.article_count() == here.article_count() > 20
    assert all(a.event_id for a in there.articles())
    assert events_of(there) == events_of(here)
    assert len(events_of(there)) > 3
    assert multiprocessing.active_children() == []


def test_a_cancelled_import_groups_what_it_stored_and_leaves_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.ingest.importer, "BATCH_SIZE", 10)
    monkeypatch.setattr(store.ingest.planning, "MIN_ARTICLES", 1)
    library = Library.open(tmp_path / "library.json")

    def cancel(done: int, total: int) -> None:
        if done >= 15:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_paths(library, [str(ARTICLES)], on_progress=cancel, progress_every=1)

    assert 10 <= library.article_count() < 27
    assert all(a.event_id for a in library.articles())
    assert multiprocessing.active_children() == []
