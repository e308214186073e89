"""The schema version of a library's files, and the steps that migrate an
older library forward.

The first write stamps the version into the main file; a library written by
a newer Dateline is refused, an older one is brought up to date step by step
when it is opened.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from store.db.database import Database
from store.db.shards import MAIN_PART, articles_part, events_part
from store.errors import StoreError

SCHEMA_VERSION = 2
"""1: articles and events in the main file. 2: in shards of their own
(`articles-XX`, `events-XX`), so no process reads them all to answer a
question about one."""


def shard_the_main_file(database: Database) -> None:
    """Schema 1 to 2: move articles and events out of the main file into
    their shards. The shards are written first and the main file last, so a
    crash in between leaves every record in a shard (and maybe still in the
    main file, whence the step, run again, copies it once more)."""
    main = database.data(MAIN_PART)
    for table, part_of in (("articles", articles_part), ("events", events_part)):
        by_part: dict[str, dict[str, Any]] = defaultdict(dict)
        for key, record in (main.get(table) or {}).items():
            by_part[part_of(key)][key] = record
        for part, records in sorted(by_part.items()):
            with database.writing(part):
                database.apply(part, {table: records})
    if "articles" in main or "events" in main:
        database.storage(MAIN_PART).write({k: v for k, v in main.items() if k not in ("articles", "events")})
    if database.path is not None:
        # The word index schema 1 kept beside the library: derived, and not read any more.
        shutil.rmtree(database.path.with_name(f".{database.path.name}.search"), ignore_errors=True)


MIGRATIONS: dict[int, Callable[[Database], None]] = {1: shard_the_main_file}
"""Steps from schema version N to N+1, each a function of the library's
parts. A step runs under the write lock and the version is stored after each
step, so a step interrupted by a crash runs again: write steps to be
repeatable."""


def stored_version(database: Database) -> Any:
    """The version stamped in the main file, None before the first write."""
    meta = database.data(MAIN_PART).get("meta", {}).get("schema")
    return meta.get("version") if isinstance(meta, dict) else None


def stamp_if_new(database: Database) -> dict[str, Any]:
    """The change that stamps the schema into a main file that has none yet
    (to be applied with the first write), else nothing."""
    if stored_version(database) is None:
        return {"meta": {"schema": {"version": SCHEMA_VERSION}}}
    return {}


def check(database: Database) -> None:
    """Refuse a library of a newer or unreadable schema; migrate an older one."""
    version = stored_version(database)
    if version is None:
        return
    if not isinstance(version, int) or isinstance(version, bool):
        raise StoreError(f"{database.where()} has an unreadable schema version ({version!r})")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{database.where()} was written by a newer Dateline (schema {version}; this one reads up to"
            f" {SCHEMA_VERSION}): upgrade Dateline to open it"
        )
    if version < SCHEMA_VERSION:
        migrate(database, from_version=version)


def migrate(database: Database, from_version: int) -> None:
    """Bring an older library up to SCHEMA_VERSION, one step at a time."""
    with database.writing(MAIN_PART):
        version = stored_version(database) or from_version
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(
                    f"{database.where()} is at schema {version} and this Dateline cannot bring it"
                    f" to {SCHEMA_VERSION}"
                )
            step(database)
            version += 1
            database.apply(MAIN_PART, {"meta": {"schema": {"version": version}}})
