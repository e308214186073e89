"""The full-text index (the catalog beside the library) never loses or
invents hits, whether it is missing, behind the library's files, half
written, damaged, of another format, impossible to write, or written by two
processes at once: whatever is out of step with the files is derived again
from them before a search answers, and a damaged file is set aside."""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import orjson
import pytest

from store import Library
from store.db.catalog import FORMAT, Catalog
from store.db.sqlite_file import SQLiteFile
from store.search.query import search
from tests.conftest import ROOT
from tests.search.helpers import add

CHILD = ROOT / "tests" / "db" / "crash_child.py"


def _found(library: Library, query: str) -> set[str]:
    return {h.article_id for h in search(library, query)}


def _index_folder(path: Path) -> Path:
    return path.with_name(f".{path.name}.index")


def _versions(path: Path) -> dict[str, str]:
    """What the catalog says it reflects, key by key."""
    with closing(sqlite3.connect(_index_folder(path) / "catalog.sqlite")) as conn:
        return dict(conn.execute("SELECT name, version FROM parts"))


def test_a_library_whose_index_was_deleted_searches_and_builds_it_again(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    library = Library.open(path)
    article = add(library, "Mine collapse", "Rescuers reached the miners.")
    assert (_index_folder(path) / "catalog.sqlite").exists()
    shutil.rmtree(_index_folder(path))

    assert _found(Library.open(path), "rescuers") == {article}
    assert (_index_folder(path) / "catalog.sqlite").exists()
    library.refresh()
    assert _found(library, "rescuers miners") == {article}


def test_writes_the_index_never_heard_of_are_found_and_nothing_else(tmp_path: Path) -> None:
    """A writer killed between its files and the catalog, or one that could
    not reach the catalog: its writes are found, by the next process and by
    a running one once it refreshes."""
    path = tmp_path / "lib" / "library.json"
    reader = Library.open(path)
    quiet = add(reader, "Quiet day", "Nothing happened at the pass.")
    assert _found(reader, "pass") == {quiet}
    writer = Library.open(path)
    writer.database.listeners.clear()  # its writes never reach the catalog
    landslide = add(writer, "Landslide", "A landslide blocked the pass.")
    writer.add_claim(landslide, "blocked the pass", claimant="Ranger Olsen")

    assert reader.refresh()
    assert _found(reader, "landslide blocked") == {landslide}
    assert _found(reader, "olsen") == {landslide}
    assert _found(reader, "pass") == {quiet, landslide}
    fresh = Library.open(path)
    assert _found(fresh, "landslide") == {landslide} and _found(fresh, "quiet") == {quiet}


def test_a_catalog_write_that_fails_costs_the_writer_nothing(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = add(library, "Bridge opens", "A new bridge over the river.")

    real_written, real_transaction = Catalog.written, SQLiteFile.transaction
    telling = threading.local()

    def written(self: Catalog, *args: Any) -> None:
        telling.now = True
        try:
            real_written(self, *args)
        finally:
            telling.now = False

    @contextmanager
    def transaction(self: SQLiteFile) -> Iterator[sqlite3.Connection]:
        with real_transaction(self) as conn:
            yield conn
            if getattr(telling, "now", False):
                raise sqlite3.OperationalError("disk I/O error")  # the catalog's own write, before it commits

    with monkeypatch.context() as patched:
        patched.setattr(Catalog, "written", written)
        patched.setattr(SQLiteFile, "transaction", transaction)
        lagging = add(library, "Bridge closes", "The bridge shut after cracks appeared.")
        claim = library.add_claim(lagging, "cracks appeared", note="check the inspector's report")
    assert library.article(lagging) is not None and library.claim(claim.id) == claim
    assert _found(library, "cracks") == {lagging}
    assert _found(library, "bridge") == {first, lagging}
    assert _found(library, "inspector") == {lagging}


DAMAGES = {
    "garbage": lambda good: b"this is not a database at all " * 200,
    "empty": lambda good: b"",
    "pages overwritten": lambda good: good[:4096] + bytes(range(256)) * ((len(good) - 4096) // 256),
}


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_index_is_set_aside_and_built_again(tmp_path: Path, how: str) -> None:
    path = tmp_path / "lib" / "library.json"
    library = Library.open(path)
    article = add(library, "Harvest", "Wheat yields fell sharply.")
    library.catalog.file.close()
    catalog = _index_folder(path) / "catalog.sqlite"
    with closing(sqlite3.connect(catalog)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for extra in ("-wal", "-shm"):
        Path(f"{catalog}{extra}").unlink(missing_ok=True)
    catalog.write_bytes(DAMAGES[how](catalog.read_bytes()))

    reopened = Library.open(path)
    assert _found(reopened, "wheat yields") == {article}
    assert _found(reopened, "barley") == set()

    if how != "empty":  # an empty file is a new database to SQLite: nothing to set aside
        [warning] = reopened.warnings
        assert str(catalog) in warning and "moved it to .library.json.index.damaged-" in warning
        assert "\n" not in warning
        [aside] = tmp_path.joinpath("lib").glob(".library.json.index.damaged-*")
        assert (aside / "catalog.sqlite").exists()
    again = Library.open(path)
    assert _found(again, "wheat") == {article} and again.warnings == []


def test_an_index_of_another_format_is_built_again_quietly(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    library = Library.open(path)
    article = add(library, "Harvest", "Wheat yields fell sharply.")
    library.catalog.file.close()
    with closing(sqlite3.connect(_index_folder(path) / "catalog.sqlite")) as conn:
        conn.execute(f"PRAGMA user_version = {FORMAT + 1}")
        conn.execute("UPDATE parts SET version = 'what another format said'")

    reopened = Library.open(path)
    assert _found(reopened, "wheat") == {article}
    assert reopened.warnings == []


def test_an_index_that_cannot_be_written_still_finds_everything(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    path.parent.mkdir()
    _index_folder(path).write_text("a file where the index's folder would be")
    library = Library.open(path)
    older = add(library, "Storm", "Gales hit the coast.")
    newer = add(library, "Storm returns", "Gales again, and hail.")
    assert _found(library, "gales") == {older, newer}
    assert _found(library, "hai") == {newer}
    assert library.warnings == []
    assert _found(Library.open(path), "gales hail") == {newer}


def test_articles_another_process_adds_never_give_a_broken_hit(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    reader = Library.open(path)
    add(reader, "Quiet day", "Nothing about the sky.")
    assert _found(reader, "eclipse") == set()
    writer = Library.open(path)
    article = add(writer, "Eclipse", "The eclipse drew crowds.")
    for hit in search(reader, "crowds"):  # before the reader refreshed: found or not, never broken
        assert reader.article(hit.article_id) is not None and reader.text(hit.article_id)
    reader.refresh()
    assert _found(reader, "eclipse crowds") == {article}


def test_two_processes_adding_articles_at_once_keep_the_index_in_step(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    add(Library.open(path), "First", "Before the writers.")
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CRASH_CHILD_GO": str(go)}
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), str(path), "articles", "25"], stdout=subprocess.PIPE, env=env
        )
        for _ in range(2)
    ]
    for child in children:
        assert child.stdout is not None and b"ready" in child.stdout.readline()
    go.touch()
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    printed = [orjson.loads(line) for line in itertools.chain(*(o.decode().splitlines() for o in outputs))]
    assert len(printed) == 50

    library = Library.open(path)
    current = {key: library.catalog.current_version(key) for key in _versions(path)}
    assert _versions(path) == current, "both writers told the catalog, in order"
    for record in printed:
        headline = record["paragraphs"][0].removeprefix("Paragraph one of ").rstrip(".")
        assert _found(library, f'"{headline}"') == {record["id"]}


def test_claims_and_read_marks_leave_the_article_text_rows_alone(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    library = Library.open(path)
    article = add(library, "Budget", "The minister said the budget was balanced.")
    before = {k: v for k, v in _versions(path).items() if k.startswith("text-")}
    library.add_claim(article, "the budget was balanced", claimant="The minister")
    library.set_state(article, read=True, starred=True)
    assert {k: v for k, v in _versions(path).items() if k.startswith("text-")} == before
    assert [h.where for h in search(library, "minister")] == ["claim", "body"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_leaves_the_parents_connections_alone(tmp_path: Path) -> None:
    """Refreshing feeds forks helper processes; SQLite connections must not
    cross a fork, so a child opens its own and never closes its parent's."""
    path = tmp_path / "lib" / "library.json"
    library = Library.open(path)
    article = add(library, "Harvest", "Wheat yields fell sharply.")
    assert _found(library, "wheat") == {article}  # the parent holds connections now
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit code
        ok = _found(library, "wheat") == {article}
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    later = add(library, "Harvest again", "Barley yields rose.")
    assert _found(library, "yields") == {article, later}
    assert _found(Library.open(path), "barley") == {later}
