"""Child process for the kill tests: adds articles, one per call, each with
a word of its own, and prints each id once `add_articles` returned.

    python crash_writer.py DB [KILL_AT]

With KILL_AT, the child kills itself inside the catalog's transaction for
article number KILL_AT: its article and body files are written, the
catalog's rows for them half made and never committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from store import ArticleDraft, Library


def main(db: str, kill_at: int | None) -> None:
    if kill_at is not None:
        from store.db.sqlite_file import SQLiteFile

        real_transaction = SQLiteFile.transaction

        @contextmanager
        def dying(self: SQLiteFile) -> Iterator[sqlite3.Connection]:
            with real_transaction(self) as conn:
                yield conn
                marked = conn.execute(
                    "SELECT 1 FROM text_index WHERE headline = ?", (f"Report {kill_at}",)
                ).fetchone()
                if marked:  # its rows are made, not committed
                    os.kill(os.getpid(), signal.SIGKILL)

        SQLiteFile.transaction = dying  # type: ignore[assignment,method-assign]
    library = Library.open(db)
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        draft = ArticleDraft(
            headline=f"Report {number}",
            paragraphs=(f"Common words about weather. Marker tag{number}x here.",),
            outlet_name="Outlet A",
        )
        [article] = library.add_articles([draft]).added
        print(f"{article.id} {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
