"""A SQLite database of our own beside a library, for what is derived from
its parts (see `store.db.catalog`): made on first use, shared by every
process that opens the library, and never trusted when damaged.

Where: a hidden folder beside the main file, `.library.json.index/`, not
among the library's parts. It holds nothing the user made, so backups leave
it out, an import walking the folder skips it like any hidden folder, and
deleting it costs only a rebuild. A library in memory keeps it in memory.

Several processes: WAL journaling, so a reader never waits for a writer and
a writer waits for another only as long as its transaction (every writer
keeps its transactions short, and SQLite's busy timeout covers the wait).
`synchronous=NORMAL`: a power cut may take the last transactions back, never
leave the file inconsistent; what it took back is found stale and derived
again, since the database records which version of each part it reflects.

Damage: an error SQLite reports as a damaged file ("malformed", "not a
database") moves the whole folder aside (`.library.json.index.damaged-…`,
only the newest such copy is kept), says so in one line, and a new database
is built from the library. A database of another format is rebuilt without
a word. Where none can be made at all (a read-only folder), the catalog
lives in memory for this process.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 10.0
"""How long a writer waits for another's transaction (they last milliseconds)."""
IDLE_CONNECTIONS_KEPT = 4
CACHE_KIB = 32 * 1024
"""Pages a connection keeps (SQLite's default is 2 MB): an import's batch
goes a third faster into the full-text index. Filled only as pages are read."""
WAL_KEPT_BYTES = 64 * 1024 * 1024
"""What the write-ahead log is cut back to after a checkpoint (an import's
batches grow it; left alone it would keep its largest size)."""
_DAMAGE_CODES = frozenset({11, 26})
"""SQLITE_CORRUPT, SQLITE_NOTADB."""
_OPEN_FILES: weakref.WeakSet[SQLiteFile] = weakref.WeakSet()
_INHERITED: list[sqlite3.Connection] = []
"""Connections a forked child got from its parent: kept, never used or
closed (closing one could checkpoint and remove the parent's log)."""


def _after_fork_in_child() -> None:
    for file in list(_OPEN_FILES):
        file.forget_inherited()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class DamagedDatabase(Exception):
    """The derived database was damaged and has been set aside; what was
    being done should start again (it is rebuilt as it goes)."""


def is_damage(error: BaseException) -> bool:
    """Whether SQLite says the file itself is damaged (not busy, not full)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    text = str(error)
    return "malformed" in text or "not a database" in text


class SQLiteFile:
    """Connections to one derived database: a pool of them on disk (one per
    thread using it at a time), one shared connection in memory.

    `statements` create the schema; `format` is stored as the database's
    `user_version`, and a database of another version is made afresh.
    `warn` takes one line for the user; `recovery_lock` is the library's
    lock for recovering files, so two processes never set aside one file
    twice.
    """

    def __init__(
        self,
        path: Path | None,
        *,
        format: int,
        statements: Sequence[str],
        warn: Callable[[str], None],
        recovery_lock: Callable[[], AbstractContextManager[object]] = nullcontext,
    ) -> None:
        self.path = path
        self.format = format
        self._statements = statements
        self._warn = warn
        self._recovery_lock = recovery_lock
        self._guard = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._epoch = 0
        """Counts the databases this process has used: a connection to an
        earlier one (set aside since) is closed, not reused."""
        self._opened_inode: int | None = None
        self._memory: sqlite3.Connection | None = None
        self._empty: sqlite3.Connection | None = None
        self._memory_lock = threading.RLock()
        self.changed = 0
        """Counts rebuilds: those who remember what they checked forget it."""
        _OPEN_FILES.add(self)

    @property
    def in_memory(self) -> bool:
        return self.path is None or self._memory is not None

    # -- connections -----------------------------------------------------------

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for reading (or for `transaction`). On disk each
        thread has its own, so a long search does not hold up a read."""
        if self.in_memory:
            with self._memory_lock:
                yield self._memory_connection()
            return
        with self._guard:
            epoch = self._epoch
            conn = self._idle.pop() if self._idle else None
        if conn is None and self.path is not None and not self.path.parent.parent.is_dir():
            # No library on disk yet: nothing to derive, and reading must not
            # create its folder. The first write makes it; then we open ours.
            with self._memory_lock:
                if self._empty is None:
                    self._empty = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                    self._make_schema(self._empty)
                yield self._empty
            return
        if conn is None:
            assert self.path is not None
            try:
                found = _inode(self.path)
                conn = self._open()
            except sqlite3.Error as error:
                if is_damage(error):
                    self.recover(str(error), epoch, found)
                    raise DamagedDatabase(str(error)) from None
                self.fall_back_to_memory()
                with self._memory_lock:
                    yield self._memory_connection()
                return
            except OSError:
                self.fall_back_to_memory()
                with self._memory_lock:
                    yield self._memory_connection()
                return
        try:
            yield conn
        except sqlite3.Error as error:
            _roll_back(conn)
            if is_damage(error):
                conn.close()
                conn = None
                self.recover(str(error), epoch, self._opened_inode)
                raise DamagedDatabase(str(error)) from None
            raise
        except BaseException:
            _roll_back(conn)
            raise
        finally:
            if conn is not None:
                self._give_back(conn, epoch)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (BEGIN IMMEDIATE) so that it
        never has to be retried halfway; committed when the block ends."""
        with self.connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                _roll_back(conn)
                raise
            conn.execute("COMMIT")

    def _give_back(self, conn: sqlite3.Connection, epoch: int) -> None:
        with self._guard:
            if epoch == self._epoch and len(self._idle) < IDLE_CONNECTIONS_KEPT:
                self._idle.append(conn)
                return
        conn.close()

    def forget_inherited(self) -> None:
        """In a forked child: set the parent's connections aside untouched
        (SQLite connections must not cross a fork) and open new ones."""
        _INHERITED.extend(self._idle)
        self._idle = []
        self._epoch += 1
        self._guard = threading.Lock()

    def close(self) -> None:
        with self._guard:
            idle, self._idle = self._idle, []
            self._epoch += 1
        for conn in idle:
            conn.close()

    def _open(self) -> sqlite3.Connection:
        assert self.path is not None
        _ensure_hidden_folder(self.path.parent)
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute(f"PRAGMA journal_size_limit = {WAL_KEPT_BYTES}")
            if conn.execute("PRAGMA user_version").fetchone()[0] != self.format:
                self._make_schema(conn)
            inode = os.stat(self.path).st_ino
        except BaseException:
            conn.close()
            raise
        with self._guard:
            if self._opened_inode is not None and inode != self._opened_inode:
                # Another process set ours aside and made a new one.
                self._epoch += 1
                idle, self._idle = self._idle, []
                for other in idle:
                    other.close()
                self.changed += 1
            self._opened_inode = inode
        return conn

    def _memory_connection(self) -> sqlite3.Connection:
        if self._memory is None:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._make_schema(conn)
            self._memory = conn
        return self._memory

    def fall_back_to_memory(self) -> None:
        """No database can be kept beside the library (a read-only folder, a
        pseudo file system, a disk that fails): this process keeps one in
        memory instead, built again from the library as it is asked."""
        with self._memory_lock:
            if self._memory is None:
                self._memory_connection()
                self.changed += 1

    def _make_schema(self, conn: sqlite3.Connection) -> None:
        """Create the tables, replacing those of another format."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != self.format:
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
                ).fetchall():
                    conn.execute(f'DROP TABLE IF EXISTS "{name}"')
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).fetchall():
                    conn.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in self._statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(self.format)}")
        except BaseException:
            _roll_back(conn)
            raise
        conn.execute("COMMIT")
        self.changed += 1

    # -- damage ----------------------------------------------------------------

    def recover(self, reason: str, epoch: int, damaged: int | None) -> None:
        """Set the damaged database aside (once, whichever thread or process
        finds it first) and start a new one. `damaged` is the inode of the
        file found damaged."""
        assert self.path is not None
        folder = self.path.parent
        with self._guard:
            if epoch != self._epoch:
                return  # another thread of ours has already done it
            self._epoch += 1
            idle, self._idle = self._idle, []
            self._opened_inode = None
        for conn in idle:
            conn.close()
        with self._recovery_lock():
            now = _inode(self.path)
            if now is None or now != damaged:
                return  # another process set it aside and started a new one
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            aside = folder.with_name(f"{folder.name}.damaged-{stamp}")
            for older in folder.parent.glob(f"{folder.name}.damaged-*"):
                shutil.rmtree(older, ignore_errors=True)  # derived: one copy to look at is enough
            os.replace(folder, aside)
        self.changed += 1
        self._warn(
            f"{self.path} was damaged ({reason}): moved it to {aside.name}, and it is being rebuilt from"
            " the library"
        )


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _roll_back(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _ensure_hidden_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(parents=False, exist_ok=True)
