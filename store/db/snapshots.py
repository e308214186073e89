"""A whole library's records as one value, independent of how its parts are
split into files (for backup and restore)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson

from store.db import schema
from store.db.database import Database
from store.db.shards import DERIVED, MAIN_PART, shard_of
from store.db.tables import Changes

FAMILIES = ("bodies", "notes", "side", "main")
"""Part families in the order a restore writes them: bodies and notes
before the article list, so a listed article always has its body."""


def family_parts(database: Database, family: str) -> list[str]:
    """The parts of one family that exist (the main file always does),
    less the side tables that are derived caches (see `shards.DERIVED`)."""
    if family == "main":
        return [MAIN_PART]
    return [p for p in database.existing_parts(f"{family}-") if not p.startswith(f"side-{DERIVED}")]


def has_parts_beside_main(database: Database) -> bool:
    """Whether any body, notes or side-table part holds something."""
    return any(family_parts(database, f) for f in ("bodies", "notes", "side"))


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


def write_snapshot(database: Database, snapshot: dict[str, Any]) -> None:
    """Write a snapshot's records into their parts; the caller holds the
    write lock and has checked that the library is empty."""
    by_part: dict[str, Changes] = defaultdict(dict)
    for family in FAMILIES:
        for name, records in snapshot["tables"].get(family, {}).items():
            for key, record in records.items():
                part = {"main": MAIN_PART, "side": f"side-{name}"}.get(family, f"{family}-{shard_of(key)}")
                by_part[part].setdefault(name, {})[key] = record
    by_part[MAIN_PART]["meta"] = {"schema": {"version": snapshot["schema"]}}
    # Bodies and notes first, the main file (which lists articles) last.
    for part in sorted(by_part, key=lambda p: (p == MAIN_PART, p)):
        with database.writing(part):
            database.tables(part).apply(by_part[part])
