"""The schema version: stamped by the first write, refused when newer,
migrated step by step when older (a library of schema 1, as Dateline wrote
it before articles had shards, opens with nothing lost). Opening never
creates anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

import store.db.schema as schema_module
from store import ArticleState, Library, StoreError
from store.db.database import Database
from store.db.storage import AtomicJSONStorage
from store.search.query import search
from tests.library.helpers import add_one


def stored_version(main: Path) -> int:
    return orjson.loads(main.read_bytes())["meta"]["schema"]["version"]


def set_stored_version(main: Path, version: int) -> None:
    data = orjson.loads(main.read_bytes())
    data["meta"]["schema"]["version"] = version
    main.write_bytes(orjson.dumps(data))


def test_opening_and_reading_create_no_files(tmp_path: Path) -> None:
    main = tmp_path / "new" / "library.json"
    library = Library.open(main)
    assert library.events() == [] and library.articles() == [] and library.claims() == []
    assert library.records("feeds") == {} and library.state("ab12") is not None
    assert not (tmp_path / "new").exists()


def test_the_first_write_stamps_the_schema(disk_library_path: Path) -> None:
    add_one(Library.open(disk_library_path))
    assert stored_version(disk_library_path) == schema_module.SCHEMA_VERSION


def test_a_library_from_a_newer_dateline_is_refused_clearly(disk_library_path: Path) -> None:
    add_one(Library.open(disk_library_path))
    set_stored_version(disk_library_path, schema_module.SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer Dateline") as raised:
        Library.open(disk_library_path)
    assert str(disk_library_path) in str(raised.value) and "\n" not in str(raised.value)


def test_an_older_library_is_migrated_once(disk_library_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = add_one(Library.open(disk_library_path), headline="kremlin denies call")
    old = schema_module.SCHEMA_VERSION
    runs: list[int] = []

    def step(database: Database) -> None:
        runs.append(1)
        for part in database.existing_parts("articles-"):
            data = dict(database.data(part))
            data["articles"] = {
                key: {**record, "headline": record["headline"].capitalize()}
                for key, record in data["articles"].items()
            }
            database.storage(part).write(data)

    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", old + 1)
    monkeypatch.setitem(schema_module.MIGRATIONS, old, step)

    migrated = Library.open(disk_library_path)
    assert migrated.article(article_id).headline == "Kremlin denies call"  # type: ignore[union-attr]
    assert stored_version(disk_library_path) == old + 1
    Library.open(disk_library_path)
    assert runs == [1]


def test_an_older_library_without_a_migration_step_is_refused(
    disk_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_one(Library.open(disk_library_path))
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", schema_module.SCHEMA_VERSION + 2)
    with pytest.raises(StoreError, match="cannot bring it"):
        Library.open(disk_library_path)


def test_a_library_file_that_is_a_symlink_stays_one(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "library.json"
    add_one(Library.open(real), headline="First")
    link = tmp_path / "library.json"
    link.symlink_to(real)

    second = add_one(Library.open(link), headline="Second")

    assert link.is_symlink()
    assert Library.open(real).article(second) is not None


SCHEMA_1 = Path(__file__).with_name("schema1")
"""A library written by Dateline before schema 2 (articles and events in the
main file): the seeds, a claim, read and star marks, a renamed event, a feed."""


def schema_1_library(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    shutil.copytree(SCHEMA_1, folder)
    (folder / ".library.json.search").mkdir()  # the word index it kept beside it
    (folder / ".library.json.search" / "search-stamp.json").write_text("{}")
    return folder / "library.json"


def test_a_schema_1_library_opens_with_everything_moved_to_shards(tmp_path: Path) -> None:
    main = schema_1_library(tmp_path)
    before = orjson.loads(main.read_bytes())

    library = Library.open(main)

    assert library.warnings == []
    assert stored_version(main) == 2
    after = orjson.loads(main.read_bytes())
    assert "articles" not in after and "events" not in after and after["outlets"] == before["outlets"]
    parts = sorted(p.name for p in main.with_name("library.json.parts").glob("*.json"))
    assert [p for p in parts if p.startswith(("articles-", "events-"))] == [
        "articles-05.json",
        "articles-c9.json",
        "events-0a.json",
    ]
    assert not main.with_name(".library.json.search").exists()
    for lib in (library, Library.open(main)):
        assert {a.id: a.to_record() for a in lib.articles()} == before["articles"]
        [event] = lib.events()
        assert (event.title, event.event.title_pinned) == ("Kremlin denies Trump–Putin call", True)
        [claim] = lib.claims(event_id=event.id)
        assert (claim.claimant, claim.quote) == ("Dmitry Peskov", "pure fiction")
        assert lib.state(claim.article_id) == ArticleState(read=True, starred=True)
        assert lib.records("feeds") == {"https://example.org/rss": {"title": "Example"}}
        assert {h.where for h in search(lib, "pure fiction")} == {"claim", "body"}


def test_a_migration_cut_short_runs_again_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = schema_1_library(tmp_path)
    before = orjson.loads(main.read_bytes())
    real_write = AtomicJSONStorage.write

    def dies_on_the_main_file(storage: AtomicJSONStorage, data: object) -> None:
        if storage.path == main:
            raise KeyboardInterrupt  # killed after the shards, before the main file
        real_write(storage, data)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(AtomicJSONStorage, "write", dies_on_the_main_file)
        with pytest.raises(KeyboardInterrupt):
            Library.open(main)
    assert stored_version(main) == 1

    library = Library.open(main)
    assert stored_version(main) == 2
    assert {a.id: a.to_record() for a in library.articles()} == before["articles"]
    assert [e.id for e in library.events()] == list(before["events"])
