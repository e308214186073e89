"""TinyDB storages that never lose a write that returned.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file. `AtomicJSONStorage` writes a temporary file, fsyncs it,
keeps the previous good version as a hard link (`*.bak`), atomically renames
the new file into place and fsyncs the directory. A file that will not parse
is moved aside with a timestamp, never overwritten, and the last good copy is
restored where there is one.

Parsed data is cached in memory; `is_stale()` tells (by inode, mtime and
size) whether another process has replaced the file since, so readers reload
only when something changed. Every write gives the new file an mtime later
than the one it replaces, so an inode number the filesystem reuses cannot
make a changed file look unchanged.

Writers must hold the library's write lock (see `store.backend`): the
temporary names are fixed, so a file left by a killed writer is simply
overwritten by the next one.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.errors import DamagedFileError, ForeignFileError

Data = dict[str, dict[str, Any]]
Signature = tuple[int, int, int]

_FAT_MTIME_STEP_NS = 2_000_000_000
"""The coarsest mtime granularity we allow for (FAT: two seconds)."""


def _signature_of(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


NO_VERSION = "-"
"""The version of a part that does not exist (yet)."""


def version_text(signature: Signature | None) -> str:
    """A file's version as text, to be stored by what is derived from it:
    its mtime and size. Every write dates the new file after the old one,
    so these tell versions apart; the inode is left out, so that a copy of
    the library that keeps modification times (`cp -a`, `shutil.copytree`,
    rsync -t) keeps its derived files valid instead of rebuilding them."""
    return NO_VERSION if signature is None else f"{signature[1]}.{signature[2]}"


def file_signature(path: Path) -> Signature | None:
    """What identifies one version of a file, or None if there is no file."""
    try:
        return _signature_of(os.stat(path))
    except FileNotFoundError:
        return None


def is_special_file(path: Path) -> bool:
    """Whether `path` exists and is neither a regular file nor a folder (a
    device such as /dev/null, a pipe, a socket): never a file to replace."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def fsync_directory(folder: Path) -> None:
    """Make a rename or a new entry in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_folder(folder: Path) -> None:
    """Create `folder` (and its parents) durably if it does not exist yet."""
    if folder.is_dir():
        return
    ensure_folder(folder.parent)
    try:
        os.mkdir(folder)
    except FileExistsError:
        return
    fsync_directory(folder.parent)


def _write_all(fd: int, blob: bytes) -> None:
    view = memoryview(blob)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: Path, blob: bytes, *, keep_backup: bool = False) -> Signature:
    """Replace `path` with `blob` so that a crash leaves either the old or
    the new content, never a mix, and the new content is on disk on return.

    With `keep_backup` the version being replaced stays as `path.bak` (a hard
    link, so it costs no copy). Returns the new file's signature.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        old: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        old = None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        try:
            if old is not None:
                os.fchmod(fd, old.st_mode & 0o7777)
            _write_all(fd, blob)
            st = os.fstat(fd)
            if old is not None and st.st_mtime_ns <= old.st_mtime_ns:
                for step in (1, _FAT_MTIME_STEP_NS):
                    later = old.st_mtime_ns + step
                    os.utime(fd, ns=(later, later))
                    st = os.fstat(fd)
                    if st.st_mtime_ns > old.st_mtime_ns:
                        break
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and old is not None:
            backup = path.with_name(path.name + ".bak")
            link_tmp = path.with_name(f".{path.name}.baktmp")
            try:
                link_tmp.unlink(missing_ok=True)
                os.link(path, link_tmp)
                os.replace(link_tmp, backup)
            except OSError:
                # A filesystem without hard links: no backup, still a safe write.
                link_tmp.unlink(missing_ok=True)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)
    return _signature_of(st)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived
    objects at once (parsing a store file, indexing it): it would otherwise
    walk them again and again, doubling the time at 50,000 articles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_tinydb_blob(blob: bytes) -> Data:
    """Parse a TinyDB file's bytes, refusing anything that is not one."""
    if not blob.strip():
        raise DamagedFileError("the file is empty")
    try:
        data = orjson.loads(blob)
    except orjson.JSONDecodeError as error:
        raise DamagedFileError(f"not valid JSON: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise DamagedFileError("the JSON is not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(f"table {name!r} is not an object")
    return data


class AtomicJSONStorage(Storage):
    """One TinyDB file, written atomically and durably, cached in memory.

    `on_recovery` is called with one human-readable line when a damaged file
    was moved aside, so the caller can tell the user. `recovery_lock` keeps
    two processes from recovering the same file at once. `ours` tells
    whether the file was written by Dateline at all; a non-empty file that
    was not is refused (ForeignFileError), never moved.

    `generation` changes whenever the cached data is replaced (loaded or
    written), so indexes derived from it know when to rebuild.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        on_recovery: Callable[[str], None],
        recovery_lock: Callable[[], AbstractContextManager[Any]] = nullcontext,
        ours: Callable[[], bool] = lambda: True,
    ) -> None:
        self.path = Path(path)
        self._on_recovery = on_recovery
        self._recovery_lock = recovery_lock
        self._ours = ours
        self._data: Data | None = None
        self._signature: Signature | None = None
        self.generation = 0

    def data(self) -> Data:
        """The parsed file, loaded on first use. Shared, so never change it:
        a write hands over a new top-level dict instead."""
        if self._data is None:
            self._load()
        assert self._data is not None
        return self._data

    def read(self) -> Data | None:
        # A shallow copy: TinyDB swaps whole tables into what we return, and
        # our cache must only change once the write reached the disk.
        return dict(self.data())

    def write(self, data: Data) -> None:
        blob = orjson.dumps(data)
        try:
            ensure_folder(self.path.parent)
            signature = atomic_write_bytes(self.path, blob, keep_backup=True)
        except BaseException:
            # Whether the new file got in place is unknown: read it again.
            self.forget()
            raise
        self._data, self._signature = data, signature
        self.generation += 1

    def close(self) -> None:
        pass

    def holds(self, generation: int) -> bool:
        """True while the cache is loaded and still at `generation`."""
        return self._data is not None and self.generation == generation

    @property
    def loaded(self) -> bool:
        """Whether the file's data is held in memory (read and not let go)."""
        return self._data is not None

    @property
    def signature(self) -> Signature | None:
        return self._signature

    @property
    def version(self) -> str:
        """The version of the file the cache holds (see `version_text`)."""
        return version_text(self._signature)

    def current_version(self) -> str:
        """The version of the file on disk now, whatever the cache holds."""
        return version_text(file_signature(self.path))

    def peek(self) -> tuple[Data, Signature | None] | None:
        """The file's current data, leaving the cache alone; None if the file
        is damaged (the next load recovers it)."""
        try:
            return self._read_file()
        except DamagedFileError:
            return None

    def adopt(self, loaded: tuple[Data, Signature | None], based_on: Signature | None) -> bool:
        """Make `loaded` (from `peek`) the cache, if the cache is still the
        version `based_on`; False if something replaced it meanwhile."""
        if self._data is None or self._signature != based_on:
            return False
        self._data, self._signature = loaded
        self.generation += 1
        return True

    def is_stale(self) -> bool:
        """True when the file on disk is not the one our cache came from."""
        return self._data is not None and file_signature(self.path) != self._signature

    def forget(self) -> None:
        """Drop the cache; the next read loads the file again."""
        self._data = None

    def _load(self) -> None:
        try:
            loaded = self._read_file()
        except DamagedFileError as error:
            if self._ours():
                with self._recovery_lock():
                    # Another process may have recovered it while we waited.
                    try:
                        loaded = self._read_file()
                    except DamagedFileError as still:
                        loaded = self._recover(str(still))
            elif self.path.stat().st_size == 0:
                loaded = {}, file_signature(self.path)  # made empty for us to fill: nothing to keep
            else:
                raise ForeignFileError(
                    f"{self.path} is not a Dateline library ({error}), so it was left alone"
                ) from None
        self._data, self._signature = loaded
        self.generation += 1

    def _read_file(self) -> tuple[Data, Signature | None]:
        """The file's data and signature; raises DamagedFileError."""
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                blob = handle.read()
        except FileNotFoundError:
            return {}, None
        with paused_gc():
            return parse_tinydb_blob(blob), _signature_of(st)

    def _recover(self, reason: str) -> tuple[Data, Signature | None]:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        os.replace(self.path, aside)
        backup = self.path.with_name(self.path.name + ".bak")
        try:
            good = backup.read_bytes()
            restored: Data | None = parse_tinydb_blob(good)
        except (OSError, DamagedFileError):
            restored = None
        if restored is not None:
            signature: Signature | None = atomic_write_bytes(self.path, good)
            outcome = "restored the last good copy"
        else:
            fsync_directory(self.path.parent)
            restored, signature = {}, None
            outcome = "no good copy was found, so it starts empty"
        self._on_recovery(f"{self.path} was damaged ({reason}): moved it to {aside.name}, {outcome}")
        return restored, signature


class MemoryJSONStorage(Storage):
    """The in-memory twin of AtomicJSONStorage, for tests and throwaway use."""

    def __init__(self) -> None:
        self._data: Data = {}
        self.generation = 0

    def data(self) -> Data:
        return self._data

    def read(self) -> Data | None:
        return dict(self._data)

    def write(self, data: Data) -> None:
        # What is stored is a snapshot, as on disk: later changes by the
        # caller to the records it passed must not leak in.
        self._data = orjson.loads(orjson.dumps(data))
        self.generation += 1

    def close(self) -> None:
        pass

    def holds(self, generation: int) -> bool:
        return self.generation == generation

    @property
    def loaded(self) -> bool:
        return True

    @property
    def version(self) -> str:
        """Which write made the data: nothing else ever changes it."""
        return NO_VERSION if self.generation == 0 else f"g{self.generation}"

    def current_version(self) -> str:
        return self.version

    def is_stale(self) -> bool:
        return False

    def forget(self) -> None:
        pass
