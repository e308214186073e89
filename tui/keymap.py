"""User key bindings: `keys.toml` in the user config folder maps binding
ids to keys, e.g. `"outlet.next" = "n,right_square_bracket"`.

Read when the app starts (never at import), with $DATELINE_KEYS as an
override for the file's path. A broken file is reported, not fatal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

ENV_KEYS = "DATELINE_KEYS"


def keymap_path() -> Path:
    """Where the user's key bindings live."""
    from_env = os.environ.get(ENV_KEYS)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_config_dir("dateline", appauthor=False)) / "keys.toml"


@dataclass
class LoadedKeymap:
    """Binding id -> keys, and one line per problem found in the file."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_keymap(path: Path | None = None) -> LoadedKeymap:
    """The keymap in `path` (default `keymap_path()`); empty if there is none."""
    path = path or keymap_path()
    loaded = LoadedKeymap()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return loaded
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as failure:
        loaded.problems.append(f"{path}: not read ({failure}); using the default keys")
        return loaded
    table = data.get("keys", data)
    for binding_id, keys in table.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            loaded.problems.append(f"{path}: {binding_id!r} needs keys as a string or a list of strings")
            continue
        loaded.keys[str(binding_id)] = keys.replace(" ", "")
    return loaded
