"""Import manifests: which outlet (and wire credit) each file belongs to.

Article files often do not name their publisher. A manifest is a JSON file:

    {
      "about": "free text, ignored",
      "files": {
        "000_96de980abcfa7371.txt": {"outlet": "Outlet A", "credit": "via Associated Press"},
        "bbc/*.txt": "BBC News"
      }
    }

Keys are file names, paths relative to the manifest's folder, or glob
patterns; a plain string value is short for `{"outlet": ...}`. Entries may
also give `lang` and `url`. A `manifest.json` beside imported files is used
unless `--manifest` names another. A manifest with mistakes is refused as a
whole, before anything is imported: a typo there would otherwise file
articles under the wrong outlet without a word.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.db.user_files import read_user_file
from store.errors import ManifestError, NotTextField, UnreadableFileError
from store.ingest.json_records import malformed_json, text_fields

MANIFEST_NAME = "manifest.json"
ENTRY_KEYS = ("outlet", "credit", "lang", "url")
TOP_KEYS = ("about", "files")
_MAX_MANIFEST_BYTES = 128 * 1024 * 1024
"""A manifest may name each file, at about 90 bytes a file: room for over a
million files (a 200,000-file folder's is 17 MB), not for any file at all."""
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    outlet: str | None = None
    credit: str | None = None
    lang: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    folder: str
    exact: dict[str, ManifestEntry]
    patterns: tuple[tuple[str, ManifestEntry], ...]

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read and check a manifest. Raises ManifestError naming the problem."""

        def fail(reason: str) -> ManifestError:
            return ManifestError(f"manifest {path}: {reason}")

        try:
            data = read_user_file(path, _MAX_MANIFEST_BYTES)
        except UnreadableFileError as failure:
            raise fail(str(failure)) from None
        try:
            document = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
        except orjson.JSONDecodeError as failure:
            raise fail(malformed_json(failure)) from None
        if not isinstance(document, dict):
            raise fail('must be a JSON object with a "files" object')
        unknown = sorted(set(document) - set(TOP_KEYS))
        if unknown:
            raise fail(f'unknown key "{unknown[0]}" (expected {", ".join(TOP_KEYS)})')
        files = document.get("files")
        if not isinstance(files, dict):
            raise fail('"files" must be an object mapping file names to outlets')
        exact: dict[str, ManifestEntry] = {}
        patterns: list[tuple[str, ManifestEntry]] = []
        for key, value in files.items():
            entry = _entry(value, lambda reason, key=key: fail(f'file "{key}": {reason}'))
            name = os.path.normpath(key.replace("\\", "/"))
            if _GLOB_CHARS & set(name):
                patterns.append((name, entry))
            else:
                exact[name] = entry
        return cls(path, os.path.abspath(path.parent), exact, tuple(patterns))

    def entry_for(self, file: Path) -> ManifestEntry | None:
        """The entry for `file`: by its path relative to the manifest, by its
        name, or by the first pattern that matches either."""
        absolute = os.path.abspath(file)
        inside = os.path.join(self.folder, "")
        # Most files are under the manifest's folder: a cut, where `relpath` splits both paths.
        relative = (
            absolute[len(inside) :] if absolute.startswith(inside) else os.path.relpath(absolute, self.folder)
        )
        found = self.exact.get(relative) or self.exact.get(file.name)
        if found is not None:
            return found
        for pattern, entry in self.patterns:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(file.name, pattern):
                return entry
        return None


def _entry(value: Any, fail: Any) -> ManifestEntry:
    if isinstance(value, str):
        value = {"outlet": value}
    if not isinstance(value, dict):
        raise fail('must be an outlet name or an object like {"outlet": "…"}')
    unknown = sorted(set(value) - set(ENTRY_KEYS))
    if unknown:
        raise fail(f'unknown key "{unknown[0]}" (expected {", ".join(ENTRY_KEYS)})')
    try:
        fields = text_fields(value, ENTRY_KEYS)
    except NotTextField as failure:
        raise fail(f'"{failure.key}" must be text') from None
    if "outlet" in value and not fields["outlet"]:
        raise fail('"outlet" is empty')
    return ManifestEntry(**fields)
