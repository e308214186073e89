"""Read and star marks: one small record per article, in its notes shard,
so marking an article read rewrites one small file."""

from __future__ import annotations

from collections.abc import Iterable

from store.db.shards import notes_part
from store.library.base import LibraryBase
from store.model import ArticleState

_UNTOUCHED = ArticleState()


class StateRecords(LibraryBase):
    """Reading and setting read/star marks."""

    def state(self, article_id: str) -> ArticleState:
        with self._lock:
            return self._notes_shard(notes_part(article_id)).states.get(article_id, _UNTOUCHED)

    def states(self, article_ids: Iterable[str]) -> dict[str, ArticleState]:
        """The state of many articles at once (the story list at start-up)."""
        with self._lock:
            shard = self._notes_shard
            return {a: shard(notes_part(a)).states.get(a, _UNTOUCHED) for a in article_ids}

    def set_state(
        self, article_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> ArticleState:
        """Mark an article read/unread or starred/unstarred, durably."""
        part = notes_part(article_id)
        with self.database.writing(part):
            current = self.state(article_id)
            new = ArticleState(
                read=current.read if read is None else bool(read),
                starred=current.starred if starred is None else bool(starred),
            )
            if new != current:
                self.database.apply(part, {"state": {article_id: {"read": new.read, "starred": new.starred}}})
            return new
