"""A whole library's records as one value, independent of how its parts are
split into files (for backup and restore)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson

from store.db import schema
from store.db.database import Database
from store.db.shards import DERIVED, MAIN_PART, articles_part, events_part, shard_of
from store.db.tables import Changes

FAMILIES = ("bodies", "notes", "side", "main")
"""The families of a snapshot, in the order a restore writes them. They are
the records' kinds, not the files': "main" holds outlets, events and
articles, wherever the store keeps them (since schema 2, events and articles
have shards of their own), so a snapshot reads the same whatever the layout
and a backup made by an older Dateline restores into a newer one."""

_MAIN_FAMILY_SHARDS = ("events", "articles")
"""The sharded parts that hold tables of the "main" family."""


def family_parts(database: Database, family: str) -> list[str]:
    """The parts of one family that exist (the main file always does),
    less the side tables that are derived caches (see `shards.DERIVED`)."""
    if family == "main":
        return [MAIN_PART, *(p for f in _MAIN_FAMILY_SHARDS for p in database.existing_parts(f"{f}-"))]
    return [p for p in database.existing_parts(f"{family}-") if not p.startswith(f"side-{DERIVED}")]


def has_parts_beside_main(database: Database) -> bool:
    """Whether any part but the main file holds something."""
    return any(database.existing_parts(f"{f}-") for f in ("bodies", "notes", "side", *_MAIN_FAMILY_SHARDS))


def take_snapshot(database: Database) -> dict[str, Any]:
    """Every record, as {"schema": N, "tables": {family: {table: {id: record}}}}.

    Shards are merged (all claims in one table), so a snapshot does not
    depend on how the store splits its files; empty tables are left out.
    The caller holds the write lock, with what other processes wrote picked up.
    """
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for family in FAMILIES:
        merged: dict[str, dict[str, Any]] = {}
        for part in family_parts(database, family):
            for name, rows in sorted(database.data(part).items()):
                if part == MAIN_PART and name == "meta":
                    continue
                if rows:
                    merged.setdefault(name, {}).update(orjson.loads(orjson.dumps(rows)))
        if merged:
            tables[family] = merged
    return {"schema": schema.stored_version(database) or schema.SCHEMA_VERSION, "tables": tables}


def part_for(family: str, table: str, key: str) -> str:
    """The part a record of a snapshot goes into."""
    if family == "main":
        return {"articles": articles_part, "events": events_part}.get(table, lambda _: MAIN_PART)(key)
    if family == "side":
        return f"side-{table}"
    return f"{family}-{shard_of(key)}"


def write_snapshot(database: Database, snapshot: dict[str, Any]) -> None:
    """Write a snapshot's records into their parts; the caller holds the
    write lock and has checked that the library is empty."""
    by_part: dict[str, Changes] = defaultdict(dict)
    for family in FAMILIES:
        for name, records in snapshot["tables"].get(family, {}).items():
            for key, record in records.items():
                by_part[part_for(family, name, key)].setdefault(name, {})[key] = record
    by_part[MAIN_PART]["meta"] = {"schema": {"version": snapshot["schema"]}}

    def order(part: str) -> tuple[int, str]:
        # Bodies and notes first, then the outlets, events, and the articles
        # that list them all last: a listed article always has what it names.
        family = part.partition("-")[0]
        return ({"": 1, "events": 2, "articles": 3}.get(family, 0), part)

    for part in sorted(by_part, key=order):
        with database.writing(part):
            database.apply(part, by_part[part])
