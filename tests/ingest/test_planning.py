"""A large import's grouping, planned in a process of its own while the
last batch is stored, places every article as planning here would."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import store.ingest.importer
import store.ingest.planning
from store import Library
from store.coverage.grouper import process_count
from store.coverage.grouping import Placing
from store.ingest.importer import import_paths
from store.ingest.planning import ImportPlanner
from store.library.articles import AddResult
from store.model import ArticleDraft

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


BRIDGED = {
    "a.txt": (
        "Wire",
        "Tweed bursts its banks at Kelso",
        "The river Tweed burst its banks at Kelso overnight, flooding riverside farms and the town square.",
    ),
    "b.txt": (
        "Herald",
        "Kelso evacuated after Tweed bursts banks; rescuers use boats",
        "The Tweed burst its banks at Kelso and flooded farms; "
        "rescuers used boats to evacuate homes near the bridge.",
    ),
    "c.txt": (
        "Wire",
        "Rescuers use boats to evacuate homes near the bridge",
        "Rescuers used boats on Monday to evacuate homes near the old bridge, "
        "where elderly residents were trapped.",
    ),
}
"""One happening in three reports: a and c alone are too far apart to join,
b bridges them; b's outlet is new, a's and c's is known."""


def test_a_last_batch_with_a_new_outlet_is_grouped_with_the_rest_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its ids are not all known before it is stored, so it is stored first
    and everything is grouped in one pass after, as without a process."""
    monkeypatch.setattr(store.ingest.planning, "MIN_ARTICLES", 1)
    folder = tmp_path / "files"
    folder.mkdir()
    for name, (_, headline, lead) in BRIDGED.items():
        (folder / name).write_text(f" date 2025-03-03 {headline}\n\n{lead}\n", encoding="utf-8")
    manifest = {name: outlet for name, (outlet, _, _) in BRIDGED.items()}
    (folder / "manifest.json").write_text(json.dumps({"files": manifest}), encoding="utf-8")
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(" date 2024-06-01 Budget passes\n\nThe council passed its budget.\n", encoding="utf-8")
    library = Library.open(tmp_path / "library" / "library.json")
    import_paths(library, [str(earlier)], outlet="Wire")

    import_paths(library, [str(folder)])

    headlines = {headline for _, headline, _ in BRIDGED.values()}
    assert headlines in events_of(library), "the three reports are one event"


def test_an_import_stopped_while_its_last_batch_is_stored_groups_only_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if process_count() == 0:
        pytest.skip("one core: an import plans its grouping in its own process")
    monkeypatch.setattr(store.ingest.importer, "BATCH_SIZE", 10)
    monkeypatch.setattr(store.ingest.planning, "MIN_ARTICLES", 1)
    library = Library.open(tmp_path / "library.json")
    real_add = library.add_articles
    calls: list[int] = []

    def stopped_on_the_last(drafts: list[ArticleDraft]) -> AddResult:
        calls.append(len(drafts))
        if len(calls) == 3:  # the last batch, asked to be planned already
            raise KeyboardInterrupt
        return real_add(drafts)

    monkeypatch.setattr(library, "add_articles", stopped_on_the_last)
    with pytest.raises(KeyboardInterrupt):
        import_paths(library, [str(ARTICLES)])

    assert calls[:2] == [10, 10] and len(calls) == 3
    stored = {a.headline for a in library.articles()}
    assert len(stored) == library.article_count() == 20
    assert all(a.event_id for a in library.articles())
    assert {e.event.title for e in library.events()} <= stored, "no title from an article never stored"
    assert multiprocessing.active_children() == []


def test_a_plan_never_collected_is_not_taken_for_the_next_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """An import stopped while its plan was worked out groups what it
    stored with a plan of its own, not the answer to the first question."""
    if process_count() == 0:
        pytest.skip("one core: an import plans its grouping in its own process")
    monkeypatch.setattr(store.ingest.planning, "MIN_ARTICLES", 1)
    texts = [
        Placing(f"article-{n}", None, f"Headline {n}", (f"Lead paragraph number {n}.",)) for n in range(6)
    ]
    planner = ImportPlanner(expected=len(texts))
    try:
        assert planner.in_process
        planner.send(texts)
        planner.plan([], texts)  # asked, never collected (the import was stopped)
        second = planner.plan([], texts[:2])()
    finally:
        planner.close()
    assert set(second.assignments) == {"article-0", "article-1"}
