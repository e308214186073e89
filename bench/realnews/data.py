"""Reading the real-news evaluation sets from where they live.

The sets are copyrighted news, for evaluation only: they are read through a
path (`$DATELINE_EVAL`, else `../shared/eval` beside the project), never
copied into the project, and everything here copes with their absence.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from store import Library
from store.ingest.importer import import_paths, record_article_id

PROJECT = Path(__file__).resolve().parents[2]
ENVIRONMENT_VARIABLE = "DATELINE_EVAL"


class Missing(Exception):
    """An evaluation set is not on this machine (as on a user's)."""


def eval_folder() -> Path:
    """Where the evaluation sets are: `$DATELINE_EVAL`, else `../shared/eval`."""
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(named).expanduser() if named else PROJECT.parent / "shared" / "eval"


def records(name: str) -> Iterator[dict[str, Any]]:
    """The records of one set (e.g. `allsides-dev.jsonl`), one dict a line."""
    path = eval_folder() / name
    if not path.is_file():
        raise Missing(f"{path} is not there (set ${ENVIRONMENT_VARIABLE} to the folder of the sets)")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def load(name: str) -> list[dict[str, Any]]:
    return list(records(name))


def imported(records: Sequence[Mapping[str, Any]], *, daily: bool = False) -> tuple[Library, dict[str, str]]:
    """The records imported as a user's `dateline import FILE.jsonl` does it,
    into a fresh memory library (outlet, date, title, body and url of each,
    then grouping), and each record's article id. A record the import skips
    (BASIL has one without a title) has none. `daily`: one import per day,
    in date order, as a reader refreshing every day would get them."""
    library = Library.memory()
    batches: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        batches.setdefault(record["date"] if daily else "", []).append(record)
    with tempfile.TemporaryDirectory() as folder:
        for number, day in enumerate(sorted(batches)):
            path = Path(folder) / f"set-{number}.jsonl"
            path.write_text("".join(_jsonl_line(r) for r in batches[day]), encoding="utf-8")
            import_paths(library, [str(path)])
    stored = set(library.article_ids())
    found = ((r["id"], record_article_id(r["outlet"], r["id"])) for r in records)
    return library, {record: article for record, article in found if article in stored}


def _jsonl_line(record: Mapping[str, Any]) -> str:
    fields = {k: record[k] for k in ("id", "outlet", "date", "title", "body", "url") if k in record}
    return json.dumps(fields, ensure_ascii=False) + "\n"
