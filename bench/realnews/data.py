"""Reading the real-news evaluation sets from where they live.

The sets are copyrighted news, for evaluation only: they are read through a
path (`$DATELINE_EVAL`, else `../shared/eval` beside the project), never
copied into the project, and everything here copes with their absence.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
