"""Where the library lives: `--db`, else $DATELINE_DB, else the user data folder.

Computed when asked, never at import time, and nothing is created here.
"""

from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path

import platformdirs

ENV_DB = "DATELINE_DB"
ENV_SEEDS = "DATELINE_SEEDS"
DISTRIBUTION = "dateline"
SEEDS_MANIFEST = "manifest.json"


def default_library_path() -> Path:
    """The main library file when the user named none."""
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("dateline", appauthor=False)) / "library.json"


def resolve_library_path(cli_value: str | None) -> Path:
    return Path(cli_value).expanduser() if cli_value else default_library_path()


def seeds_directory() -> Path:
    """The bundled seed articles: $DATELINE_SEEDS, else `seeds/` of the
    checkout this code runs from, else the copy installed with the package
    (a wheel puts them in its data folder, `share/dateline/seeds`)."""
    from_env = os.environ.get(ENV_SEEDS)
    if from_env:
        return Path(from_env).expanduser()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "seeds").is_dir():
        return checkout / "seeds"
    return _installed_seeds() or checkout / "seeds"


def _installed_seeds() -> Path | None:
    """Where the seed files of the installation this code came from are, as
    its record lists them (another installation may come first on the path)."""
    here = Path(__file__).resolve()
    for distribution in importlib.metadata.distributions(name=DISTRIBUTION):
        files = distribution.files or []
        if not any(Path(str(f.locate())).resolve() == here for f in files if f.name == here.name):
            continue
        for file in files:
            if file.name == SEEDS_MANIFEST and file.parent.name == "seeds":
                return Path(str(file.locate())).resolve().parent
    return None
