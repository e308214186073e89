"""Completing a path as it is typed, as a shell's tab would: the rest of the
one name in the folder that starts with what was typed last, or the part
that all such names share."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.suggester import Suggester

MAX_ENTRIES = 5000
"""Names read from one folder; a larger folder is completed from these."""


class PathSuggester(Suggester):
    """Suggests the rest of a file or folder name (folders end in `/`).
    URLs and text with several words are left alone."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or "://" in value or value.startswith(("http:", "https:")):
            return None
        return await asyncio.to_thread(complete_path, value)


def complete_path(value: str) -> str | None:
    """`value` completed (see the module), or None if nothing completes it."""
    folder_part, _, typed = value.rpartition("/")
    folder = Path(os.path.expanduser(folder_part + "/" if folder_part or value.startswith("/") else "."))
    try:
        names = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(typed) and (typed.startswith(".") or not entry.name.startswith(".")):
                    names.append(entry.name + ("/" if entry.is_dir() else ""))
                if len(names) >= MAX_ENTRIES:
                    break
    except OSError:
        return None
    if not names:
        return None
    shared = os.path.commonprefix(names)
    if len(shared) <= len(typed):
        return None
    return value + shared[len(typed) :]
