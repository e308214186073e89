"""First run: an empty library is filled with the bundled seed articles.

Only the reader calls this, so that `make run` on a new machine opens on the
seed event; other commands never add the seeds by themselves.
"""

from __future__ import annotations

from store.ingest.importer import import_paths
from store.library import Library
from store.library.paths import seeds_directory


def seed_if_empty(library: Library) -> bool:
    """Import the seeds (with their manifest) if the library has no articles.

    Returns True if seeds were imported. Quiet: nothing is printed. Two
    readers starting at once are harmless, as re-importing is a no-op.
    """
    if library.article_count():
        return False
    folder = seeds_directory()
    if not folder.is_dir():
        return False
    return import_paths(library, [str(folder)]).imported > 0
