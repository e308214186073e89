"""The whole library as one value and back (what backup and restore use)."""

from __future__ import annotations

from typing import Any

from store.db import schema
from store.db.snapshots import has_parts_beside_main, take_snapshot, write_snapshot
from store.errors import StoreError
from store.library.base import LibraryBase


class Snapshots(LibraryBase):
    """Taking a snapshot of every record, and filling an empty library from one."""

    def snapshot(self) -> dict[str, Any]:
        """Every record, as {"schema": N, "tables": {family: {table: {id: record}}}}.

        Shards are merged (all claims in one table), so a snapshot does not
        depend on how the store splits its files; empty tables are left out.
        """
        with self.database.writing():
            self.refresh()
            return take_snapshot(self.database)

    def is_empty(self) -> bool:
        """True when the library holds nothing at all (not even an outlet)."""
        self.refresh()
        if self._outlet_index().outlets:
            return False
        return not has_parts_beside_main(self.database)

    def load_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Fill an EMPTY library with what `snapshot()` returned."""
        version = snapshot["schema"]
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"the snapshot is of schema {version}; this Dateline reads up to {schema.SCHEMA_VERSION}"
            )
        with self.database.writing():
            if not self.is_empty():
                raise StoreError(f"{self.path or 'this library'} is not empty; restore into a new library")
            write_snapshot(self.database, snapshot)
        if version < schema.SCHEMA_VERSION:
            schema.migrate(self.database, from_version=version)
