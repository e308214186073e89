"""Side tables: small tables of plain JSON records beside the library
(feed subscriptions, dismissed suggestions), one file each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from store.db.shards import side_part
from store.errors import StoreError
from store.library.base import LibraryBase


class SideTables(LibraryBase):
    """Reading and writing side-table records."""

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """All records of a small side table (feeds, dismissed suggestions…)."""
        with self._lock:
            rows = self.database.data(side_part(table)).get(table, {})
            return orjson.loads(orjson.dumps(rows)) if rows else {}

    def put_record(self, table: str, key: str, record: dict[str, Any]) -> None:
        self.put_records(table, {key: record})

    def put_records(self, table: str, records: Mapping[str, dict[str, Any] | None]) -> None:
        """Several records of a side table in one write (a refresh's feeds);
        a record given as None is removed."""
        part = side_part(table)
        for key in records:
            if not isinstance(key, str) or not key:
                raise StoreError(f"a {table} record needs a non-empty text key (got {key!r})")
        try:
            stored = orjson.loads(orjson.dumps(records))
        except TypeError as error:
            raise StoreError(f"a {table} record must be plain JSON data ({error})") from error
        with self.database.writing(part):
            self.database.apply(part, {table: stored})

    def delete_record(self, table: str, key: str) -> bool:
        """Remove a side-table record; False if there was none."""
        part = side_part(table)
        with self.database.writing(part):
            if key not in self.database.data(part).get(table, {}):
                return False
            self.database.apply(part, {table: {key: None}})
            return True
