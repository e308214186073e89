"""User key bindings: `keys.toml` in the user config folder maps binding
ids to keys, e.g. `"outlet.next" = "n,right_square_bracket"`.

Read when the app starts (never at import), with $DATELINE_KEYS as an
override for the file's path. A broken file is reported, not fatal, and so
is each mistake in it (`settle_keymap`): an id that names no binding, or a
key the file gives to an action that another action active at the same
time already has, is reported in one line naming the file, the id and the
key, and left out. No action is ever left without a key: one whose every
new key is left out keeps its own.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from textual.keys import REPLACED_KEYS, key_to_character

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


Scope = Sequence[tuple[str, str]]
"""Bindings that are active at the same time (a focused widget's, its
ancestors', its screen's and the app's), as (binding id, default keys)."""


def settle_keymap(loaded: LoadedKeymap, path: Path, scopes: Iterable[Scope]) -> LoadedKeymap:
    """The keymap to apply, with `loaded`'s problems and one line for each
    binding id that names no binding and each key the file gives to an
    action that another action of the same scope has (by default or by the
    file), which is then left out, from both when the file gave it to both.
    An action whose every key from the file is left out keeps its own.

    A key counts only where the file gives it: two actions that share a key
    by design (help's `q` closes help, the app's quits) are no clash."""
    listed = [list(scope) for scope in scopes]
    defaults: dict[str, list[str]] = {}
    for scope in listed:
        for binding_id, keys in scope:
            defaults.setdefault(binding_id, _split(keys))
    problems = list(loaded.problems)
    wanted: dict[str, list[str]] = {}
    for binding_id, keys in loaded.keys.items():
        if binding_id not in defaults:
            problems.append(f'{path}: "{binding_id}" = "{keys}": no binding has this id (? lists them)')
        elif not _split(keys):
            problems.append(
                f'{path}: "{binding_id}" = "{keys}": names no key; it keeps {_shown(defaults[binding_id])}'
            )
        else:
            wanted[binding_id] = _split(keys)
    clashes: list[tuple[str, str, list[str]]] = []
    """(binding id, key it was refused, the ids that have the key)"""
    while found := _clashes(listed, defaults, wanted):
        for binding_id, key, others in found:
            left = [k for k in wanted[binding_id] if _canonical(k) != _canonical(key)]
            if left:
                wanted[binding_id] = left
            else:
                del wanted[binding_id]
            clashes.append((binding_id, key, others))
    for binding_id, key, others in clashes:
        keeps = wanted.get(binding_id) or defaults[binding_id]
        problems.append(
            f'{path}: "{binding_id}" = "{key}": {" and ".join(others)} already '
            f"{'has' if len(others) == 1 else 'have'} {key}; {binding_id} keeps {_shown(keeps)}"
        )
    return LoadedKeymap({i: ",".join(keys) for i, keys in wanted.items()}, problems)


def _clashes(
    scopes: list[list[tuple[str, str]]], defaults: dict[str, list[str]], wanted: dict[str, list[str]]
) -> list[tuple[str, str, list[str]]]:
    """Each key the file gives an action (not one of its own) that another
    action of a scope has, once, as (id, key, the other ids)."""
    found: dict[tuple[str, str], set[str]] = {}
    for scope in scopes:
        holders: dict[str, set[str]] = {}
        for binding_id, _ in scope:
            for key in wanted.get(binding_id) or defaults[binding_id]:
                holders.setdefault(_canonical(key), set()).add(binding_id)
        for binding_id, _ in scope:
            own = {_canonical(k) for k in defaults[binding_id]}
            for key in wanted.get(binding_id, ()):
                others = holders[_canonical(key)] - {binding_id}
                if others and _canonical(key) not in own:
                    found.setdefault((binding_id, key), set()).update(others)
    return [(binding_id, key, sorted(others)) for (binding_id, key), others in found.items()]


def _split(keys: str) -> list[str]:
    return [k for k in (k.strip() for k in keys.split(",")) if k]


def _canonical(key: str) -> str:
    """One spelling per key: "?" and "question_mark", "/" and "slash"."""
    return key_to_character(REPLACED_KEYS.get(key, key)) or key


def _shown(keys: list[str]) -> str:
    return ", ".join(keys)
