"""TinyDB storages that never lose a write that returned.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file. `AtomicJSONStorage` writes a temporary file, fsyncs it,
keeps the previous good version as a hard link (`*.bak`), atomically renames
the new file into place and fsyncs the directory. A file that will not parse
is moved aside with a timestamp, never overwritten, and the last good copy is
restored where there is one.

Parsed data is cached in memory; `is_stale()` tells (by inode, mtime and
size) whether another process has replaced the file since, so readers reload
only when something changed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

Data = dict[str, dict[str, Any]]
Signature = tuple[int, int, int]


class DamagedFileError(Exception):
    """A store file does not hold a TinyDB document (empty, cut short, garbage)."""


def _signature(path: Path) -> Signature | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, blob: bytes, *, keep_backup: bool = False) -> None:
    """Replace `path` with `blob` so that a crash leaves either the old or
    the new content, never a mix, and the new content is on disk on return."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    if keep_backup and path.exists():
        backup = path.with_name(path.name + ".bak")
        link_tmp = path.with_name(f".{path.name}.{os.getpid()}.baktmp")
        try:
            link_tmp.unlink(missing_ok=True)
            os.link(path, link_tmp)
            os.replace(link_tmp, backup)
        except OSError:
            link_tmp.unlink(missing_ok=True)
    os.replace(tmp, path)
    fsync_directory(path.parent)


def parse_tinydb_blob(blob: bytes) -> Data:
    """Parse a TinyDB file's bytes, refusing anything that is not one."""
    if not blob.strip():
        raise DamagedFileError("the file is empty")
    try:
        data = orjson.loads(blob)
    except orjson.JSONDecodeError as error:
        raise DamagedFileError(f"not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise DamagedFileError("JSON is not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(f"table {name!r} is not an object")
    return data


class AtomicJSONStorage(Storage):
    """One TinyDB file, written atomically and durably, cached in memory.

    `on_recovery` is called with one human-readable line when a damaged file
    was moved aside, so the caller can tell the user.
    """

    def __init__(self, path: str | os.PathLike[str], on_recovery: Callable[[str], None]) -> None:
        self.path = Path(path)
        self._on_recovery = on_recovery
        self._data: Data | None = None
        self._signature: Signature | None = None

    def read(self) -> Data | None:
        if self._data is None:
            self._load()
        assert self._data is not None
        # A shallow copy: TinyDB swaps whole tables into what we return, and
        # our cache must only change once the write reached the disk.
        return dict(self._data)

    def write(self, data: Data) -> None:
        blob = orjson.dumps(data)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, blob, keep_backup=True)
        except BaseException:
            # TinyDB may already have changed cached documents in place:
            # forget them so the next read comes from the disk.
            self._data = None
            raise
        self._data = data
        self._signature = _signature(self.path)

    def close(self) -> None:
        pass

    def is_stale(self) -> bool:
        """True when the file on disk is not the one our cache came from."""
        return self._data is not None and _signature(self.path) != self._signature

    def forget(self) -> None:
        """Drop the cache; the next read loads the file again."""
        self._data = None

    def _load(self) -> None:
        signature = _signature(self.path)
        if signature is None:
            self._data, self._signature = {}, None
            return
        blob = self.path.read_bytes()
        try:
            self._data = parse_tinydb_blob(blob)
            self._signature = signature
        except DamagedFileError as error:
            self._recover(str(error))

    def _recover(self, reason: str) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        os.replace(self.path, aside)
        backup = self.path.with_name(self.path.name + ".bak")
        restored: Data | None = None
        try:
            restored = parse_tinydb_blob(backup.read_bytes())
        except (OSError, DamagedFileError):
            restored = None
        if restored is not None:
            atomic_write_bytes(self.path, backup.read_bytes())
            self._data, self._signature = restored, _signature(self.path)
            outcome = "restored the last good copy"
        else:
            self._data, self._signature = {}, None
            outcome = "no good copy was found, starting it empty"
        fsync_directory(self.path.parent)
        self._on_recovery(f"{self.path} was damaged ({reason}): moved it to {aside.name}, {outcome}")


class MemoryJSONStorage(Storage):
    """The in-memory twin of AtomicJSONStorage, for tests and throwaway use."""

    def __init__(self) -> None:
        self._data: Data = {}

    def read(self) -> Data | None:
        return dict(self._data)

    def write(self, data: Data) -> None:
        self._data = data

    def is_stale(self) -> bool:
        return False

    def forget(self) -> None:
        pass
