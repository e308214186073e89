"""The library: the one repository through which everything reads and writes.

The command line and the reader both use `Library`; only `store.db` touches
TinyDB. Records go in and out as the frozen types of `store.model`. The
class is assembled from one class per kind of record (see `base`), so each
kind has its own module:

    outlets.py      outlets, renaming and merging
    articles.py     articles and their bodies
    events.py       events and the grouping that fills them
    claims.py       tagged claims and their links
    states.py       read and star marks
    side_tables.py  small tables such as feed subscriptions
    snapshots.py    the whole library as one value (backup, restore)
    index.py        what is kept in memory: outlets, notes, event summaries
    stories.py      the rows of the reader's story list (from the catalog)
    paths.py        where the library (and the bundled seeds) live
"""

from __future__ import annotations

from store.library.articles import BODY_PARTS_KEPT, AddResult
from store.library.claims import ANCHOR_CONTEXT, EDITABLE_CLAIM_FIELDS, ClaimRecords, clean_tags
from store.library.index import EventSummary
from store.library.side_tables import SideTables
from store.library.snapshots import Snapshots
from store.library.states import StateRecords

__all__ = [
    "ANCHOR_CONTEXT",
    "BODY_PARTS_KEPT",
    "EDITABLE_CLAIM_FIELDS",
    "AddResult",
    "EventSummary",
    "Library",
    "clean_tags",
]


class Library(ClaimRecords, StateRecords, SideTables, Snapshots):
    """A Dateline library. Open one with `Library.open(path)` or `Library.memory()`."""
