"""A large import's files read ahead in a helper process import exactly as
files read here: the same articles, the same skipped files and reasons, in
the same order; and a helper that dies only means reading here."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import store.ingest.readahead as readahead
from store import Library
from store.coverage.grouper import process_count
from store.ingest.importer import ImportReport, import_paths
from tests.ingest.test_bad_files import BAD_FILES, GOOD, write


def corpus(folder: Path) -> Path:
    """Good articles, every bad file of our corpus, and a JSON list, mixed."""
    for number in range(12):
        write(folder, f"{number:02}-good.txt", GOOD.replace("A good article", f"Good article {number}"))
    for name, (content, _) in BAD_FILES.items():
        write(folder, f"05-{name}", content)
    write(folder, "07-list.json", '[{"title": "Listed", "body": "Text."}, {"title": "No body"}]')
    return folder


def outcome(library: Library, report: ImportReport) -> tuple[object, ...]:
    articles = sorted((a.headline, a.source or "") for a in library.articles())
    return (report.imported, report.skipped, report.warnings, articles)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    if process_count() == 0:
        pytest.skip("one core: files are read here")
    monkeypatch.setattr(readahead, "MIN_FILES", 1)
    monkeypatch.setattr(readahead, "CHUNK", 4)
    monkeypatch.setattr(readahead, "AHEAD", 2)


def import_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_here: list[str] | None = None
) -> tuple[tuple[object, ...], ...]:
    """The import of our corpus read here, then read ahead; `read_here`
    gets the files this process read itself the second time."""
    folder = corpus(tmp_path / "files")
    library = Library.open(tmp_path / "here" / "library.json")
    with monkeypatch.context() as here:
        here.setattr(readahead, "MIN_FILES", 10**9)
        first = outcome(library, import_paths(library, [str(folder)]))
    parent, real_read = os.getpid(), readahead.read_outcome

    def watched(path: Path, credit_hint: str | None) -> readahead.Outcome:
        if os.getpid() == parent and read_here is not None:
            read_here.append(path.name)
        return real_read(path, credit_hint)

    monkeypatch.setattr(readahead, "read_outcome", watched)
    read_ahead = Library.open(tmp_path / "ahead" / "library.json")
    second = outcome(read_ahead, import_paths(read_ahead, [str(folder)]))
    return first, second


def test_files_read_ahead_import_as_files_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    used: list[bool] = []
    real_init = readahead.ReadAhead.__init__

    def watched(self: readahead.ReadAhead, files: Sequence[tuple[Path, str | None]]) -> None:
        real_init(self, files)
        used.append(self.running)

    monkeypatch.setattr(readahead.ReadAhead, "__init__", watched)
    read_here: list[str] = []
    here, ahead = import_both_ways(tmp_path, monkeypatch, read_here)
    assert used == [False, True]
    assert read_here == [], "every file was read by the helper"
    assert ahead == here
    imported, skipped, _, articles = ahead
    assert imported == 13 and len(articles) == 13
    assert len(skipped) == len(BAD_FILES) + 1
    assert multiprocessing.active_children() == []


_real_read_chunk = readahead.read_chunk


def _read_then_die(files: Sequence[tuple[str, str | None]]) -> list[readahead.Packed]:
    """In the helper: read the first files, then die (killed halfway through)."""
    if any(Path(name).name > "06" for name, _ in files):
        os._exit(1)
    return _real_read_chunk(files)


def test_a_helper_that_dies_leaves_the_reading_to_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    monkeypatch.setattr(readahead, "read_chunk", _read_then_die)
    read_here: list[str] = []
    here, ahead = import_both_ways(tmp_path, monkeypatch, read_here)
    names = sorted(path.name for path in (tmp_path / "files").iterdir())
    assert read_here and read_here == names[-len(read_here) :] != names, "the files after its death, here"
    assert ahead == here
    assert multiprocessing.active_children() == []


def test_what_is_read_ahead_is_bounded_in_bytes_whatever_the_count_of_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    monkeypatch.setattr(readahead, "CHUNK", 100)
    monkeypatch.setattr(readahead, "AHEAD", 100)
    monkeypatch.setattr(readahead, "CHUNK_BYTES", 4_000)
    monkeypatch.setattr(readahead, "BYTES_AHEAD", 10_000)
    paragraph = "The harbour reopened after the flood, officials said on Friday. " * 40  # 2.6 kB
    paths = [
        write(tmp_path, f"{n:02}.txt", f" date 2025-01-02 Story {n}\n\n{paragraph}\n") for n in range(40)
    ]
    ahead = readahead.ReadAhead([(path, None) for path in paths])
    try:
        assert ahead.running
        most = ahead.bytes_ahead
        for number, path in enumerate(paths):
            found = ahead.read(path, None)
            assert not isinstance(found, str) and found is not None
            assert [a.headline for a in found] == [f"Story {number}"]  # type: ignore[union-attr]
            most = max(most, ahead.bytes_ahead)
    finally:
        ahead.close()
    assert 0 < most <= 10_000 + 4_000 + 2_700, "about BYTES_AHEAD, not every file at once"
    assert ahead.bytes_ahead == 0
