"""How the reader starts: what it is given (`ReaderStart`), the seeds a new
library is filled from, and putting the start-up's objects out of the
garbage collector's way once they are loaded."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass

from store.library import Library
from store.library.stories import StoryRow
from tui.settings import UserSettings


@dataclass(frozen=True)
class ReaderStart:
    """What the reader starts with. `make_app` makes it, the app hands it to
    the reader screen: one object rather than the same arguments passed on
    from one constructor to the next."""

    library: Library
    seed: bool = True
    """Fill an empty library from the bundled seeds before listing it."""
    stories: Sequence[StoryRow] | None = None
    """The story list, if read before the screen (else a worker reads it)."""
    more_stories: bool = False
    """`stories` is only the start of the list; a worker reads the rest."""
    settings: UserSettings | None = None
    """The user's settings (config.toml); None: the defaults."""
    reopen: bool = True
    """Open the story, outlet and position the reader was left at in this
    library (kept outside it, see `tui.settings`)."""


def first_run(library: Library) -> None:
    """Fill an empty library from the bundled seeds (imported only then)."""
    if not library.has_articles():
        from store.ingest.seeds import seed_if_empty

        seed_if_empty(library)


FULL_COLLECTION_EVERY = 100
"""Collections of the middle generation between two full ones (Python's
default is 10): a full collection walks every object the reader made since
start-up, and falling every few keys it held one of them up by 5-60 ms."""


def settle_long_lived() -> None:
    """Called once the start-up loading is done (the library's index, the
    rows, the claims: long-lived objects by the hundred thousand). Frozen,
    garbage collections no longer walk them, and full ones come rarely."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
