"""The user's settings and where the reader was left, both outside the library.

`config.toml` sits beside `keys.toml` in the user config folder
($DATELINE_CONFIG names another file)::

    theme = "nord"
    export_folder = "~/dateline-exports"

    [panes]
    stories = true
    claims = true

Read when the app starts (never at import); a file that cannot be read or
holds a bad value is told in one line naming the file and the reason, and
the defaults stand in. The reader saves a setting the user changes in it
(a theme picked in the palette, a pane shown or hidden, an export folder)
by rewriting that one line, so the file's comments and order stay.

Where the reader was left (the story, the outlet and the position) is kept
per library in `places.json` in the user state folder ($DATELINE_PLACES
names another file); a missing, unreadable or stale place is ignored.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

ENV_CONFIG = "DATELINE_CONFIG"
ENV_PLACES = "DATELINE_PLACES"
DEFAULT_EXPORT_FOLDER = "~/dateline-exports"
"""Visible, and without spaces, so the path can be typed in a shell as shown."""
PLACES_KEPT = 20
"""Libraries whose place is remembered; the least recently left go first."""


def config_path() -> Path:
    """Where the user's settings live: beside keys.toml."""
    from_env = os.environ.get(ENV_CONFIG)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_config_dir("dateline", appauthor=False)) / "config.toml"


def places_path() -> Path:
    """Where the reader keeps the place it was left at, for each library."""
    from_env = os.environ.get(ENV_PLACES)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_state_dir("dateline", appauthor=False)) / "places.json"


@dataclass(frozen=True)
class Settings:
    """What config.toml can set; the defaults where it does not."""

    theme: str | None = None
    """A Textual theme's name; None keeps Textual's default."""
    show_stories: bool = True
    show_claims: bool = True
    export_folder: str = DEFAULT_EXPORT_FOLDER


_KEYS: dict[str, tuple[str | None, str, type]] = {
    # field: (table, key, type) in the file
    "theme": (None, "theme", str),
    "export_folder": (None, "export_folder", str),
    "show_stories": ("panes", "stories", bool),
    "show_claims": ("panes", "claims", bool),
}


@dataclass
class UserSettings:
    """The settings as read from `path`, the problems found, and saving
    one changed setting back (`save`)."""

    path: Path
    settings: Settings = field(default_factory=Settings)
    problems: list[str] = field(default_factory=list)
    readable: bool = True
    """False when the file exists but could not be read: it is then never
    overwritten, so nothing the user wrote in it is lost."""
    _saving: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> UserSettings:
        path = path or config_path()
        loaded = cls(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return loaded
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as failure:
            loaded.readable = False
            loaded.problems.append(f"{path}: not read ({failure}); using the default settings")
            return loaded
        values: dict[str, Any] = {}
        known = {key for table, key, _ in _KEYS.values() if table is None} | {"panes"}
        for key in sorted(set(data) - known):
            loaded.problems.append(f"{path}: {key!r} is not a setting (known: {', '.join(sorted(known))})")
        panes = data.get("panes", {})
        if not isinstance(panes, dict):
            loaded.problems.append(f"{path}: 'panes' must be a table ([panes]); showing every pane")
            panes = {}
        for name, (table, key, kind) in _KEYS.items():
            source = panes if table == "panes" else data
            if key not in source:
                continue
            value = source[key]
            where = f"{table}.{key}" if table else key
            if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
                wanted = "true or false" if kind is bool else "text"
                loaded.problems.append(f"{path}: {where} must be {wanted}; using the default")
                continue
            values[name] = value.strip() if isinstance(value, str) else value
        loaded.settings = Settings(**values)
        return loaded

    def save(self, **changes: Any) -> str | None:
        """Change settings (fields of `Settings`) and write them to the file,
        one line each; the reason if the file was left as it was."""
        with self._saving:  # saves from several threads: one read-change-write at a time
            self.settings = replace(self.settings, **changes)
            if not self.readable:
                return f"{self.path}: not saved, as the file could not be read (fix or remove it)"
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                text = ""
            except (OSError, UnicodeDecodeError) as failure:
                return f"{self.path}: not saved ({failure})"
            for name, value in changes.items():
                table, key, _ = _KEYS[name]
                text = _with_value(text, table, key, value)
            try:
                tomllib.loads(text)
                write_atomically(self.path, text.encode("utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as failure:
                return f"{self.path}: not saved ({failure})"
            return None


def _with_value(text: str, table: str | None, key: str, value: object) -> str:
    """`text` (a TOML file) with `key` in `table` (None: the top) set to
    `value`: its line replaced if there is one, else added to the table."""
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    lines = text.splitlines()
    assignment = re.compile(rf"\s*{re.escape(key)}\s*=")
    header = re.compile(r"\s*\[([^\]]+)\]")
    section: str | None = None
    insert_at = 0 if table is None else None
    """After the table's last setting (or its header); None: no such table yet."""
    for number, existing in enumerate(lines):
        found = header.match(existing)
        if found:
            section = found.group(1).strip()
            if section == table:
                insert_at = number + 1
        elif section == table:
            if assignment.match(existing):
                lines[number] = line
                return "\n".join(lines) + "\n"
            if existing.strip() and not existing.lstrip().startswith("#"):
                insert_at = number + 1
    if insert_at is None:
        lines += [*([""] if lines else []), f"[{table}]", line]
    else:
        lines.insert(insert_at, line)
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a small user file so that a crash leaves the old one or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Place:
    """Where the reader was left in a library."""

    event_id: str
    article_id: str | None = None
    offset: int = 0


def load_place(library: Path | None, path: Path | None = None) -> Place | None:
    """The place the reader was left at in `library`, if one was kept."""
    if library is None:
        return None
    try:
        record = json.loads((path or places_path()).read_bytes()).get(str(library))
        return Place(str(record["event"]), record.get("article"), int(record.get("offset") or 0))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def save_place(library: Path | None, place: Place, path: Path | None = None) -> None:
    """Keep where the reader is in `library` (never in the library itself).
    Quiet: a place that cannot be kept is not worth a message."""
    if library is None:
        return
    path = path or places_path()
    try:
        try:
            places = json.loads(path.read_bytes())
            if not isinstance(places, dict):
                places = {}
        except (OSError, ValueError):
            places = {}
        places.pop(str(library), None)
        places[str(library)] = {"event": place.event_id, "article": place.article_id, "offset": place.offset}
        kept = dict(list(places.items())[-PLACES_KEPT:])
        write_atomically(path, json.dumps(kept, indent=1).encode("utf-8"))
    except OSError:
        pass
