"""Reading and writing a file the user named on the command line.

One place decides what such a name may be, so every command answers the same
way. Reading (a manifest, an OPML file, a backup, a claims file): a missing
file, a folder, an unreadable or oversized file each get one short reason.
Writing (`export -o`, `backup`, `feeds export-opml -o`): a folder or a
missing folder is refused with one line naming the path; a regular file is
replaced atomically; and a device or pipe (`/dev/null`, `/dev/stdout`, a
named pipe) is written to as it is, never replaced by a regular file, which
for `/dev/null` run as root would break the machine.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from store.db.storage import atomic_write_bytes, is_special_file
from store.errors import StoreError, UnreadableFileError


def open_user_file(path: Path) -> BinaryIO:
    """`path` open for reading in binary, or UnreadableFileError.

    Opened without blocking and refused unless it is a regular file, so a
    named pipe cannot hang the command. For a file read piece by piece (a
    JSONL file of any size, one record at a time); the caller closes it.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableFileError("no such file") from None
    except OSError as failure:
        raise UnreadableFileError(f"cannot read it ({failure.strerror or failure})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise UnreadableFileError("is a folder, not a file" if stat.S_ISDIR(mode) else "not a regular file")
    return open(descriptor, "rb")


def read_user_file(path: Path, limit: int | None = None, *, head: bool = False) -> bytes:
    """The bytes of `path`, at most `limit` of them, or UnreadableFileError
    (see `open_user_file`). With `head`, the first `limit` bytes of a larger
    file are returned instead of refusing it.
    """
    with open_user_file(path) as stream:
        try:
            data = stream.read() if limit is None else stream.read(limit if head else limit + 1)
        except OSError as failure:
            raise UnreadableFileError(f"cannot read it ({failure.strerror or failure})") from None
    if limit is not None and not head and len(data) > limit:
        raise UnreadableFileError(f"larger than the {limit // (1024 * 1024)} MB limit")
    return data


def write_user_file(
    path: str | Path, blob: bytes, *, example: str, error: type[StoreError] = StoreError
) -> Path:
    """Write `blob` to the file the user named; returns the path written.

    `example` is a file name suggested when the user named a folder. Raises
    `error`, a StoreError (one line: the path and the reason), not OSError.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise error(f"{target} is a folder; name the file, e.g. {target / example}")
    if not target.parent.is_dir():
        raise error(f"{target}: the folder {target.parent} does not exist")
    try:
        if is_special_file(target):
            with target.open("wb") as stream:
                stream.write(blob)
        else:
            # Resolved, so a symlink (`/dev/stdout` into a file) stays a symlink.
            atomic_write_bytes(target.resolve(), blob)
    except OSError as failure:
        raise error(f"{target}: {failure.strerror or failure}") from None
    return target
