"""Back up a whole library to one JSON file, and restore it into an empty one.

The backup holds every record of every table (outlets, events, articles with
their metadata and bodies, claims, read/star state, side tables such as
feeds) exactly as stored, so nothing is lost on the way. It is deterministic:
keys sorted, no timestamp of its own, so restoring a backup and backing up
again gives the same bytes, and two backups of the same library compare equal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from store.db.user_files import read_user_file, write_user_file
from store.errors import BackupError, UnreadableFileError
from store.library import Library
from store.model import Article, Claim, Event, Outlet
from store.text.clean import clean_text, mark_bidi

BACKUP_FORMAT = "dateline-backup"
BACKUP_VERSION = 1
FAMILIES = frozenset({"main", "bodies", "notes", "side"})

_CHECKS: dict[tuple[str, str], Callable[[dict[str, Any]], object]] = {
    ("main", "outlets"): Outlet.from_record,
    ("main", "events"): Event.from_record,
    ("main", "articles"): Article.from_record,
    ("notes", "claims"): Claim.from_record,
    ("bodies", "bodies"): lambda r: [str.strip(p) for p in r["paragraphs"]],
}
"""Record parsers that tell a damaged backup before anything is written."""


def backup_bytes(library: Library) -> bytes:
    snapshot = library.snapshot()
    document = {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, **snapshot}
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def write_backup(library: Library, path: str | Path) -> Path:
    """Write the library to `path` atomically; returns the path written."""
    return write_user_file(path, backup_bytes(library), example="dateline-backup.json", error=BackupError)


def read_backup(path: str | Path) -> dict[str, Any]:
    """A backup file's snapshot, checked through, or BackupError naming the
    file and what is wrong with it."""
    source = Path(path).expanduser()
    try:
        blob = read_user_file(source)
    except UnreadableFileError as error:
        raise BackupError(f"{source}: {error}") from None
    try:
        document = orjson.loads(blob)
    except orjson.JSONDecodeError as error:
        raise BackupError(f"{source}: not a Dateline backup (not valid JSON: {error})") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise BackupError(f'{source}: not a Dateline backup (no "format": "{BACKUP_FORMAT}")')
    if document.get("version") != BACKUP_VERSION:
        raise BackupError(
            f"{source}: backup version {document.get('version')!r} is not one this Dateline reads"
        )
    schema, tables = document.get("schema"), document.get("tables")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise BackupError(f"{source}: the backup has no schema version")
    if not isinstance(tables, dict):
        raise BackupError(f"{source}: the backup has no tables")
    for family, named in tables.items():
        if family not in FAMILIES or not isinstance(named, dict):
            raise BackupError(f"{source}: unknown section {family!r} in the backup")
        for name, records in named.items():
            _check_table(source, family, name, records)
    return {"schema": schema, "tables": _cleaned(tables)}


def _cleaned(value: Any) -> Any:
    """The backup's text as every other input is stored: a backup file is as
    untrusted as an article, and one written by Dateline holds no controls,
    so cleaning changes nothing in it. Bidirectional controls, which
    libraries kept before they were cleaned at import, are marked rather
    than dropped, so claim anchors after them still point at their quote."""
    if isinstance(value, str):
        return clean_text(mark_bidi(value))
    if isinstance(value, dict):
        return {clean_text(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def _check_table(source: Path, family: str, name: str, records: object) -> None:
    if not isinstance(records, dict):
        raise BackupError(f"{source}: table {family}/{name} is not an object of records")
    check = _CHECKS.get((family, name))
    for key, record in records.items():
        if not isinstance(record, dict):
            raise BackupError(f"{source}: record {family}/{name}/{key} is not an object")
        if check is None:
            continue
        try:
            check(record)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise BackupError(
                f"{source}: record {family}/{name}/{key} is damaged ({type(error).__name__}: {error})"
            ) from None


def restore_backup(library: Library, path: str | Path) -> dict[str, int]:
    """Load a backup into an empty library; returns counts per table.

    A library that holds anything is refused: merging two libraries could
    silently overwrite tags, and a restore must never lose one.
    """
    snapshot = read_backup(path)
    if not library.is_empty():
        where = library.path or "the library"
        raise BackupError(
            f"{where} is not empty; restore into a new library, e.g. `dateline --db NEW.json restore {path}`"
        )
    library.load_snapshot(snapshot)
    return {
        f"{family}/{name}" if family == "side" else name: len(records)
        for family, named in sorted(snapshot["tables"].items())
        for name, records in sorted(named.items())
    }
