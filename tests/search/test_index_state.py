"""An index that is missing, behind or half-written never loses or invents
hits: the first search catches it up, from the stored articles."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from store import Library
from store.db import word_index as search_index
from store.db.storage import file_signature
from store.errors import StoreError
from store.search.query import search
from tests.search.helpers import add


def _found(library: Library, query: str) -> set[str]:
    return {h.article_id for h in search(library, query)}


def test_a_library_without_an_index_searches_and_catches_up(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:  # as an older Dateline stored them
        patched.setattr(search_index, "index_added", lambda library, articles: None)
        old = add(library, "Old story", "Floods in the delta.")
    assert search_index.is_behind(library)
    new = add(library, "New story", "Floods again in the delta.")
    assert search_index.is_behind(library)  # the new one is indexed, the old one not yet
    assert _found(library, "floods delta") == {old, new}
    assert not search_index.is_behind(library)
    assert _found(library, "floods") == {old, new}


def test_a_disk_library_whose_index_files_were_removed(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib" / "library.json")
    article = add(library, "Mine collapse", "Rescuers reached the miners.")
    folder = tmp_path / "lib" / ".library.json.search"
    assert (folder / "search-stamp.json").exists()
    shutil.rmtree(folder)
    reopened = Library.open(tmp_path / "lib" / "library.json")
    assert _found(reopened, "rescuers") == {article}
    assert (folder / "search-stamp.json").exists()


class _Crash:
    """Makes an index write fail where a crash would stop it: at its
    `at`-th write of a word shard (1 = right after the ordinals), or, with
    `at` None, after every shard and before the stamp."""

    def __init__(self, library: Library, monkeypatch: pytest.MonkeyPatch, at: int | None = None) -> None:
        files = search_index.index_files(library)
        real_db = files.db
        self.writes = 0

        def db(part: str):  # type: ignore[no-untyped-def]
            found = real_db(part)
            if part == search_index.STAMP_PART or part.startswith(search_index.WORDS_PREFIX):
                real_apply = found.apply

                def apply(changes: object) -> None:
                    if part == search_index.STAMP_PART:
                        self.fail()
                    self.writes += 1
                    if at is not None and self.writes >= at:
                        self.fail()
                    real_apply(changes)  # type: ignore[arg-type]

                monkeypatch.setattr(found, "apply", apply)
            return found

        monkeypatch.setattr(files, "db", db)

    @staticmethod
    def fail() -> None:
        raise OSError(28, "No space left on device")


CRASH_POINTS = pytest.mark.parametrize(
    "at", [1, 2, None], ids=["after-ordinals", "after-a-shard", "before-stamp"]
)


@CRASH_POINTS
@pytest.mark.parametrize("first_write", [True, False], ids=["first-index-write", "later-write"])
def test_bodies_stored_but_the_index_write_stopped_halfway(
    library: Library, monkeypatch: pytest.MonkeyPatch, first_write: bool, at: int | None
) -> None:
    with monkeypatch.context() as patched:
        if first_write:
            _Crash(library, patched, at)
        first = add(library, "Bridge opens", "A new bridge over the river.")
    with monkeypatch.context() as patched:
        _Crash(library, patched, at)
        lagging = add(library, "Bridge closes", "The bridge shut after cracks appeared.")
    assert library.article(lagging) is not None  # the article is kept whatever the index did
    assert search_index.is_behind(library)
    assert _found(library, "cracks") == {lagging}
    assert _found(library, "bridge") == {first, lagging}
    assert not search_index.is_behind(library)
    third = add(library, "Ferry", "A ferry replaced the bridge while cracks were fixed.")
    assert _found(library, "cracks") == {lagging, third}
    assert _found(library, "ferry") == {third}


@CRASH_POINTS
def test_a_half_written_index_is_finished_by_the_next_import(
    library: Library, monkeypatch: pytest.MonkeyPatch, at: int | None
) -> None:
    add(library, "Mountain", "Snow on the peak.")
    with monkeypatch.context() as patched:
        _Crash(library, patched, at)
        lagging = add(library, "Volcano", "Ash fell on the village.")
    later = add(library, "Village", "The village cleared the ash.")
    assert not search_index.is_behind(library)
    assert _found(library, "ash") == {lagging, later}
    assert _found(library, "volcano") == {lagging}  # no hits invented for ordinals written twice
    assert _found(library, "cleared") == {later}


def test_an_index_of_another_format_is_rebuilt(library: Library) -> None:
    article = add(library, "Harvest", "Wheat yields fell sharply.")
    files = search_index.index_files(library)
    files.db(search_index.STAMP_PART).apply(
        {"stamp": {"index": {"count": 1, "format": search_index.FORMAT + 1}}}
    )
    stale = {"barley": [0, "0", 0, "0"]}  # what an index of the other format said
    files.db(search_index.shard_part("barley")).apply({"words": stale})  # type: ignore[dict-item]
    assert search_index.is_behind(library)
    assert _found(library, "wheat yields") == {article}
    assert _found(library, "barley") == set()
    assert not search_index.is_behind(library)


def test_articles_another_process_adds_are_found_after_a_refresh(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    reader = Library.open(path)
    add(reader, "Quiet day", "Nothing about the sky.")
    assert _found(reader, "eclipse") == set()
    writer = Library.open(path)
    article = add(writer, "Eclipse", "The eclipse drew crowds.")
    assert article not in _found(reader, "crowds")  # the reader has not looked yet: no broken hit
    reader.refresh()
    assert _found(reader, "eclipse crowds") == {article}


def test_claims_and_read_marks_do_not_touch_the_index(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib" / "library.json")
    article = add(library, "Budget", "The minister said the budget was balanced.")
    parts = sorted((tmp_path / "lib" / ".library.json.search").glob("search-*.json"))
    assert parts
    before = [file_signature(p) for p in parts]
    library.add_claim(article, "the budget was balanced", claimant="The minister")
    library.set_state(article, read=True, starred=True)
    assert [file_signature(p) for p in parts] == before
    assert [h.where for h in search(library, "minister")] == ["claim", "body"]


def test_an_index_that_cannot_be_written_still_finds_everything(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed = add(library, "Storm", "Gales hit the coast.")

    def cannot_write(*args: object) -> None:
        raise StoreError("could not save to the library: read-only file system")

    monkeypatch.setattr(search_index, "_write", cannot_write)
    older = add(library, "Storm passes", "Gales eased by noon.", date=dt.date(2024, 1, 1))
    newer = add(library, "Storm returns", "Gales again, and hail.", date=dt.date(2025, 1, 1))
    assert search_index.is_behind(library)
    assert [h.article_id for h in search(library, "gales") if h.where == "body"] == [indexed, newer, older]
    assert [h.article_id for h in search(library, "hai")] == [newer]
    assert [h.article_id for h in search(library, "storm returns") if h.where == "headline"] == [newer]


@CRASH_POINTS
def test_a_reader_finishes_what_another_process_left_half_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int | None
) -> None:
    path = tmp_path / "lib" / "library.json"
    reader = Library.open(path)
    add(reader, "Quiet day", "Nothing happened.")
    assert _found(reader, "nothing") != set()
    writer = Library.open(path)
    with monkeypatch.context() as patched:
        _Crash(writer, patched, at)
        article = add(writer, "Landslide", "A landslide blocked the pass.")
    assert _found(reader, "landslide blocked") == {article}
    assert _found(Library.open(path), "landslide") == {article}
