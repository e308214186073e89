"""TinyDB over our parts: tables keyed by our own ids, and one atomic write
for a change that spans several tables."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from store.db.storage import Data

Changes = dict[str, dict[str, dict[str, Any] | None]]
"""Per table, records to put by id (None removes the record)."""


class KeyedTable(Table):
    """A TinyDB table keyed by our own string ids instead of counters (for
    TinyDB's own table API on our files, e.g. in a migration step)."""

    document_id_class = str  # type: ignore[assignment]


class KeyedTinyDB(TinyDB):
    """A TinyDB whose tables are keyed by our ids, with `apply` for changes
    that must land together."""

    table_class = KeyedTable

    def apply(self, changes: Changes) -> None:
        """Change several tables in one atomic write (TinyDB's tables write
        one at a time). Unchanged tables and records are shared, not copied."""
        current: Data = self.storage.data()  # type: ignore[attr-defined]
        new = dict(current)
        for name, records in changes.items():
            table = dict(current.get(name, {}))
            for key, record in records.items():
                if record is None:
                    table.pop(key, None)
                else:
                    table[key] = record
            new[name] = table
        self.storage.write(new)
        for cached in self._tables.values():
            cached.clear_cache()
