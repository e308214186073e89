"""Claims and coverage reports out of Dateline, in standard formats.

`export(library, fmt, event_id)` renders one format to a string;
`FORMATS` names them (each a module of this package with `render`,
`EXTENSION` and `DESCRIPTION`); `default_export_path` is where the reader's
`E` key writes a file when the user named none.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import platformdirs

from store.db.user_files import write_user_file
from store.errors import StoreError
from store.exchange.export import (
    claimreview,
    csv_claims,
    json_claims,
    jsonl_claims,
    md_report,
    web_annotations,
)
from store.library import EventSummary, Library
from store.model import Event, slugify

FORMATS: dict[str, ModuleType] = {
    "json": json_claims,
    "jsonl": jsonl_claims,
    "csv": csv_claims,
    "md": md_report,
    "claimreview": claimreview,
    "annotations": web_annotations,
}


def _format(fmt: str) -> ModuleType:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise StoreError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})") from None


def export(library: Library, fmt: str, event_id: str | None = None) -> str:
    """The library's claims (or one event's) in format `fmt`."""
    return str(_format(fmt).render(library, event_id))


def default_export_path(event: Event | EventSummary | None, fmt: str) -> Path:
    """Where an export goes when the user named no file: the user's documents
    folder if there is one, else the data folder, under `Dateline exports`.
    Computed when called; nothing is created here."""
    documents = Path(platformdirs.user_documents_dir())
    base = documents if documents.is_dir() else Path(platformdirs.user_data_dir("dateline", appauthor=False))
    stem = "dateline-claims" if event is None else f"{slugify(event.title)[:60].rstrip('-')}-{event.id[:8]}"
    suffix = "" if fmt in ("json", "jsonl", "csv", "md") else f".{fmt}"
    return base / "Dateline exports" / f"{stem}{suffix}.{_format(fmt).EXTENSION}"


def write_export(library: Library, fmt: str, event_id: str | None = None, path: Path | None = None) -> Path:
    """Render and write an export atomically (to the default path if none is
    given, making its folder); returns where it went."""
    if path is None:
        path = default_export_path(library.event(event_id) if event_id else None, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
    example = default_export_path(None, fmt).name
    return write_user_file(path, export(library, fmt, event_id).encode("utf-8"), example=example)


__all__ = ["FORMATS", "default_export_path", "export", "write_export"]
