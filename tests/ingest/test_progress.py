"""An import reports its progress as often as asked, and stops when the
callback raises (the reader's cancel), keeping and grouping what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Library
from store.ingest.importer import import_paths


def _files(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n}.txt").write_text(
            f" date 2025-01-0{n + 1} Harbour story {n}\n\nThe harbour closed on day {n}.\n", encoding="utf-8"
        )
    return [str(p) for p in sorted(folder.iterdir())]


def test_progress_after_every_file_when_asked(library: Library, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    files = _files(tmp_path / "in", 3)
    import_paths(library, files, on_progress=lambda *a: calls.append(a), progress_every=1)
    assert calls == [(1, 3), (2, 3), (3, 3), (3, 3)]


def test_a_callback_that_raises_stops_the_import(library: Library, tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        import_paths(library, _files(tmp_path / "in", 3), on_progress=stop_after_two, progress_every=1)
    assert library.article_count() < 3
