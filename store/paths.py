"""Where the library lives: `--db`, else $DATELINE_DB, else the user data folder.

Computed when asked, never at import time, and nothing is created here.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DB = "DATELINE_DB"
ENV_SEEDS = "DATELINE_SEEDS"


def default_library_path() -> Path:
    """The main library file when the user named none."""
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("dateline", appauthor=False)) / "library.json"


def resolve_library_path(cli_value: str | None) -> Path:
    return Path(cli_value).expanduser() if cli_value else default_library_path()


def seeds_directory() -> Path:
    """The bundled seed articles: $DATELINE_SEEDS, else `seeds/` of the checkout."""
    from_env = os.environ.get(ENV_SEEDS)
    if from_env:
        return Path(from_env).expanduser()
    return Path(__file__).resolve().parent.parent / "seeds"
