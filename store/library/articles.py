"""Articles: metadata in the main file, bodies in shards beside it, read
on demand and let go again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from store.db.shards import MAIN_PART, bodies_part
from store.errors import StoreError
from store.library.base import unique_prefix
from store.library.outlets import OutletRecords
from store.model import PARAGRAPH_SEPARATOR, Article, ArticleDraft, Outlet, article_id_for, slugify, utc_now

BODY_PARTS_KEPT = 24
"""Body parts (of 256) a library keeps parsed after reading or writing them."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add_articles` did: the new articles, and ids already stored."""

    added: tuple[Article, ...]
    existing: tuple[str, ...]


class ArticleRecords(OutletRecords):
    """Reading and adding articles (with their outlets)."""

    def articles(self, event_id: str | None = None) -> list[Article]:
        """Articles, newest first (unknown dates last)."""
        with self._lock:
            index = self._index()
            if event_id is None:
                return list(index.all_articles())
            summary = index.summary(event_id)
            return index.article_list(summary.article_ids) if summary else []

    def article(self, article_id: str) -> Article | None:
        with self._lock:
            return self._index().article(article_id)

    def find_article(self, id_or_prefix: str) -> Article:
        """An article by id or unambiguous id prefix, as typed on a command line."""
        with self._lock:
            index = self._index()
            found = index.article(unique_prefix(id_or_prefix, index.raw, "article"))
        if found is None:
            raise StoreError(f"no article with id {id_or_prefix!r} (see `dateline articles`)")
        return found

    def article_count(self) -> int:
        with self._lock:
            return len(self._index().raw)

    def article_records(self) -> Mapping[str, Mapping[str, Any]]:
        """Every stored article's record as stored, by id (shared: never
        change it), for the indexes kept beside the library."""
        with self._lock:
            return self._index().raw

    def article_ids(self) -> list[str]:
        """The ids of all stored articles, in no order (cheaper than `articles`)."""
        with self._lock:
            return list(self._index().raw)

    def paragraphs(self, article_id: str) -> tuple[str, ...]:
        """An article's body, paragraph by paragraph (loaded on demand)."""
        with self._lock:
            part = bodies_part(article_id)
            record = self.database.data(part).get("bodies", {}).get(article_id)
            self._keep_bodies(part)
            return tuple(record.get("paragraphs", ())) if isinstance(record, dict) else ()

    def _keep_bodies(self, part: str, let_go: bool = True) -> None:
        """Keep the body parts used last in memory, and let older ones go:
        a reader going through a large library, or refreshing feeds into
        it, would otherwise end up holding every body it showed or wrote.
        Writes do not let parts go (an import writes to every part, batch
        after batch); the next read does."""
        self._bodies_read[part] = None
        self._bodies_read.move_to_end(part)
        while let_go and len(self._bodies_read) > BODY_PARTS_KEPT:
            oldest, _ = self._bodies_read.popitem(last=False)
            self.database.storage(oldest).forget()

    def text(self, article_id: str) -> str:
        """An article's body as one string; claim offsets count in this."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs(article_id))

    def add_articles(self, drafts: Sequence[ArticleDraft]) -> AddResult:
        """Store new articles; ones already stored (same id) are left alone.

        Bodies are written before metadata, so an article that is listed
        always has its body, even if the process dies in between.
        """
        added: list[Article] = []
        existing: list[str] = []
        with self.database.writing(MAIN_PART):
            index = self._index()
            new_outlets: dict[str, Outlet] = {}
            bodies: dict[str, dict[str, dict[str, Any] | None]] = defaultdict(dict)
            """Per body part, the bodies to write to it."""
            for draft in drafts:
                outlet = self._outlet_for_draft(draft, new_outlets)
                article_id = draft.id or article_id_for(outlet.id, draft.headline, draft.paragraphs)
                if article_id in index.raw or article_id in bodies[bodies_part(article_id)]:
                    existing.append(article_id)
                    continue
                added.append(
                    Article(
                        id=article_id,
                        outlet_id=outlet.id,
                        headline=draft.headline,
                        date=draft.date,
                        credit=draft.credit,
                        url=draft.url,
                        source=draft.source,
                        lang=draft.lang,
                        imported_at=utc_now(),
                        captions=draft.captions,
                    )
                )
                bodies[bodies_part(article_id)][article_id] = {"paragraphs": list(draft.paragraphs)}
            for part, records in sorted(bodies.items()):
                if records:
                    with self.database.writing(part):
                        self.database.tables(part).apply({"bodies": records})
                        self._keep_bodies(part, let_go=False)
            if added:
                self._write_main(outlets=new_outlets.values(), articles=added)
                from store.db.word_index import index_added  # after the articles: see its docstring

                index_added(self, added)
        return AddResult(tuple(added), tuple(existing))

    def _outlet_for_draft(self, draft: ArticleDraft, new_outlets: dict[str, Outlet]) -> Outlet:
        name = (draft.outlet_name or "").strip()
        if name:
            found = self.find_outlet(name)
            if found is None:
                wanted = name.casefold()
                found = next((o for o in new_outlets.values() if o.name.casefold() == wanted), None)
            if found is None:
                found = Outlet(id=self._free_outlet_id(slugify(name), new_outlets), name=name)
                new_outlets[found.id] = found
            return found
        # No outlet known: a placeholder per article, renamed by the user later.
        outlet_id = self.placeholder_outlet_id(draft.headline, draft.paragraphs)
        found = self._index().outlets.get(outlet_id) or new_outlets.get(outlet_id)
        if found is None:
            key = outlet_id.removeprefix("unnamed-")
            found = Outlet(id=outlet_id, name=f"Unnamed outlet {key}", named=False)
            new_outlets[outlet_id] = found
        return found

    @staticmethod
    def placeholder_outlet_id(headline: str, paragraphs: tuple[str, ...]) -> str:
        """The id of the unnamed outlet an article with this text is given
        when its outlet is not known: one per text, renamed by the user."""
        return f"unnamed-{article_id_for('', headline, paragraphs)[:6]}"
