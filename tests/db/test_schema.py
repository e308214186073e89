"""The schema version: stamped by the first write, refused when newer,
migrated step by step when older. Opening never creates anything."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

import store.db.schema as schema_module
from store import Library, StoreError
from store.db.database import Database
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
        data = dict(database.data(""))
        data["articles"] = {
            key: {**record, "headline": record["headline"].capitalize()}
            for key, record in data["articles"].items()
        }
        database.storage("").write(data)

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
