"""First run: an empty library is filled with the bundled seed articles.

Only the reader calls this, so that `make run` on a new machine opens on the
seed event; other commands never add the seeds by themselves.
"""

from __future__ import annotations

from dataclasses import replace

from store.ingest.importer import import_paths
from store.library import Library
from store.library.paths import seeds_directory


def seed_if_empty(library: Library) -> bool:
    """Import the seeds (with their manifest) if the library has no articles.

    Returns True if seeds were imported. Quiet: nothing is printed. Two
    readers starting at once are harmless, as re-importing is a no-op.

    The seed files do not name their publisher: the manifest's "Outlet A"
    and "Outlet B" are placeholders, kept unnamed (`Outlet.named`) so the
    reader invites the user to name them.
    """
    if library.article_count():
        return False
    folder = seeds_directory()
    if not folder.is_dir():
        return False
    if import_paths(library, [str(folder)]).imported == 0:
        return False
    for outlet_id in {a.outlet_id for a in library.articles()}:
        outlet = library.outlet(outlet_id)
        if outlet is not None and outlet.named:
            library.put_outlet(replace(outlet, named=False))
    return True
