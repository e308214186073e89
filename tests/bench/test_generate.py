"""The benchmark generator makes what the benchmarks rely on: seed-format
files that import cleanly, and a ready store holding the same articles in
the generator's own events."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bench.generate import OUTLET_COUNT, generate_articles, generated_library
from store import Library
from store.ingest.importer import import_paths

SIZE = 50


def test_generation_is_deterministic_and_shaped_like_news() -> None:
    outlets, articles = generate_articles(SIZE, seed=7)
    again = generate_articles(SIZE, seed=7)[1]
    other = generate_articles(SIZE, seed=8)[1]

    assert len(outlets) == OUTLET_COUNT == len(set(outlets))
    assert [a.draft for a in articles] == [a.draft for a in again]
    assert [a.draft for a in articles] != [a.draft for a in other]
    events: dict[int, list] = {}
    for article in articles:
        events.setdefault(article.event_index, []).append(article)
    assert all(1 <= len(members) <= 10 for members in events.values())
    for members in events.values():
        names = [m.draft.outlet_name for m in members]
        assert len(set(names)) == len(names), "an event's articles come from different outlets"
        if len(members) > 1:
            assert len({m.draft.headline for m in members}) > 1, "outlets word the same event differently"
    assert any(a.quote and a.quote in " ".join(a.draft.paragraphs) for a in articles)


def test_files_import_and_ready_store_opens_with_the_same_articles(tmp_path: Path) -> None:
    generated = generated_library(tmp_path / "work", SIZE, seed=7, log=lambda line: None)
    files = sorted(generated.articles_dir.iterdir())
    truth = generated.truth()
    manifest = json.loads(generated.manifest.read_text())["files"]
    assert len(files) == SIZE == sum(len(v) for v in truth.values())
    assert set(manifest) == {f.name for f in files}

    ready = Library.open(generated.store_path)
    assert ready.article_count() == SIZE
    assert len(ready.events()) == len(truth)
    assert sorted(len(e.article_ids) for e in ready.events()) == sorted(len(v) for v in truth.values())
    assert ready.claims(), "the ready store has claims for search to find"

    imported = Library.open(tmp_path / "imported" / "library.json")
    report = import_paths(imported, [str(generated.articles_dir)], manifest=generated.manifest)
    assert (report.imported, report.skipped) == (SIZE, [])
    assert {a.id for a in imported.articles()} == {a.id for a in ready.articles()}
    by_outlet = Counter(o.name for o in imported.outlets())
    assert set(by_outlet) <= set(json.loads(generated.events_file.read_text())["outlets"])


def test_a_cached_library_is_reused(tmp_path: Path) -> None:
    first = generated_library(tmp_path, SIZE, seed=7, log=lambda line: None)
    stamp = first.store_path.stat().st_mtime_ns
    again = generated_library(tmp_path, SIZE, seed=7, log=lambda line: None)
    assert again.root == first.root
    assert again.store_path.stat().st_mtime_ns == stamp
