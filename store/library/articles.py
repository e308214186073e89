"""Articles: metadata in shards of their own (`articles-XX`), bodies in
shards beside them, found through the catalog and read on demand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from store.db.shards import MAIN_PART, bodies_part, shard_of
from store.db.storage import paused_gc
from store.errors import StoreError
from store.library.outlets import OutletRecords
from store.model import PARAGRAPH_SEPARATOR, Article, ArticleDraft, Outlet, article_id_for, slugify, utc_now

BODY_PARTS_KEPT = 24
"""Body parts (of 256) a library keeps parsed after reading them, when the
catalog cannot give a body (its full-text rows not checked yet)."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add_articles` did: the new articles, and ids already stored."""

    added: tuple[Article, ...]
    existing: tuple[str, ...]


def articles_of(records: Iterable[dict[str, Any]]) -> list[Article]:
    """Records the catalog gave (each checked when it was derived) as articles."""
    with paused_gc():
        return [Article.from_record(r) for r in records]


class ArticleRecords(OutletRecords):
    """Reading and adding articles (with their outlets)."""

    def articles(self, event_id: str | None = None) -> list[Article]:
        """Articles, newest first (unknown dates last)."""
        if event_id is None:
            return articles_of(self.catalog.all_article_records())
        if self.catalog.event_record(event_id) is None:
            return []
        return articles_of(m[3] for m in self.catalog.event_members(event_id))

    def article(self, article_id: str) -> Article | None:
        record = self.catalog.article_record(article_id)
        return Article.from_record(record) if record is not None else None

    def articles_with_ids(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored ones of these articles, in the order given: read a few
        hundred to a question, where `article` asks once for each."""
        records = self.catalog.article_records(article_ids)
        return [Article.from_record(records[i]) for i in article_ids if i in records]

    def find_article(self, id_or_prefix: str) -> Article:
        """An article by id or unambiguous id prefix, as typed on a command line."""
        found_id = self._id_from_prefix("articles", id_or_prefix, "article")
        found = self.article(found_id) if found_id else None
        if found is None:
            raise StoreError(f"no article with id {id_or_prefix!r} (see `dateline articles`)")
        return found

    def article_count(self) -> int:
        return self.catalog.article_count()

    def has_articles(self) -> bool:
        """Whether the library holds any article (cheaper than counting them)."""
        return self.catalog.has_articles()

    def article_ids(self, outlet_id: str | None = None) -> list[str]:
        """The ids of all stored articles (of one outlet), in no order
        (cheaper than `articles`)."""
        return self.catalog.article_ids(outlet_id=outlet_id)

    def paragraphs(self, article_id: str) -> tuple[str, ...]:
        """An article's body, paragraph by paragraph (loaded on demand)."""
        known = self.catalog.paragraphs(article_id)
        if known is not None:
            return tuple(known)
        with self._lock:
            part = bodies_part(article_id)
            record = self.database.data(part).get("bodies", {}).get(article_id)
            self._keep_bodies(part)
            return tuple(record.get("paragraphs", ())) if isinstance(record, dict) else ()

    def _keep_bodies(self, part: str) -> None:
        """Keep the body parts read last in memory, and let older ones go: a
        reader going through a large library would otherwise end up holding
        every body it showed."""
        self._bodies_read[part] = None
        self._bodies_read.move_to_end(part)
        while len(self._bodies_read) > BODY_PARTS_KEPT:
            oldest, _ = self._bodies_read.popitem(last=False)
            self.database.storage(oldest).forget()

    def text(self, article_id: str) -> str:
        """An article's body as one string; claim offsets count in this."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs(article_id))

    def add_articles(self, drafts: Sequence[ArticleDraft]) -> AddResult:
        """Store new articles; ones already stored (same id) are left alone.

        New outlets are written first, then shard by shard the bodies and
        the articles' metadata, so an article that is listed always has its
        outlet and its body, even if the process dies in between. The parts
        written are not kept in memory: an import writes to every part,
        batch after batch. The catalog hears of them all at the end, in one
        transaction.
        """
        added: dict[int, Article] = {}
        existing: dict[int, str] = {}
        with self.database.writing(MAIN_PART), self.catalog.batch():
            new_outlets: dict[str, Outlet] = {}
            by_shard: dict[str, list[tuple[int, str, Outlet, ArticleDraft]]] = defaultdict(list)
            for number, draft in enumerate(drafts):
                outlet = self._outlet_for_draft(draft, new_outlets)
                article_id = draft.id or article_id_for(outlet.id, draft.headline, draft.paragraphs)
                by_shard[shard_of(article_id)].append((number, article_id, outlet, draft))
            if new_outlets:
                self._write_main({"outlets": {o.id: o.to_record() for o in new_outlets.values()}})
            for shard, items in sorted(by_shard.items()):
                self._add_to_shard(shard, items, added, existing)
        # In the drafts' order, whatever shards they went to.
        return AddResult(tuple(added[n] for n in sorted(added)), tuple(existing[n] for n in sorted(existing)))

    def _add_to_shard(
        self,
        shard: str,
        items: list[tuple[int, str, Outlet, ArticleDraft]],
        added: dict[int, Article],
        existing: dict[int, str],
    ) -> None:
        """Store one shard's new articles: bodies, then metadata."""
        articles_at, bodies_at = f"articles-{shard}", f"bodies-{shard}"
        new: dict[str, Article] = {}
        bodies: dict[str, dict[str, Any] | None] = {}
        with self.database.writing(articles_at, bodies_at):
            stored = self._records(articles_at, "articles")
            for number, article_id, outlet, draft in items:
                if article_id in stored or article_id in new:
                    existing[number] = article_id
                    continue
                new[article_id] = added[number] = Article(
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
                bodies[article_id] = {"paragraphs": list(draft.paragraphs)}
            if new:
                self.database.apply(bodies_at, {"bodies": bodies})
                self.database.apply(articles_at, {"articles": {i: a.to_record() for i, a in new.items()}})
            for part in (bodies_at, articles_at):
                self._bodies_read.pop(part, None)
                self.database.storage(part).forget()

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
        found = self._outlet_index().outlets.get(outlet_id) or new_outlets.get(outlet_id)
        if found is None:
            key = outlet_id.removeprefix("unnamed-")
            found = Outlet(id=outlet_id, name=f"Unnamed outlet {key}", named=False)
            new_outlets[outlet_id] = found
        return found

    def draft_article_id(self, draft: ArticleDraft) -> str | None:
        """The id `add_articles` gives this draft; None when it names an
        outlet not stored yet, whose id is chosen when it is stored (an
        unnamed draft's placeholder outlet has an id known from its text)."""
        if draft.id:
            return draft.id
        name = (draft.outlet_name or "").strip()
        if name:
            outlet = self.find_outlet(name)
            outlet_id = outlet.id if outlet is not None else None
        else:
            outlet_id = self.placeholder_outlet_id(draft.headline, draft.paragraphs)
        return article_id_for(outlet_id, draft.headline, draft.paragraphs) if outlet_id else None

    @staticmethod
    def placeholder_outlet_id(headline: str, paragraphs: tuple[str, ...]) -> str:
        """The id of the unnamed outlet an article with this text is given
        when its outlet is not known: one per text, renamed by the user."""
        return f"unnamed-{article_id_for('', headline, paragraphs)[:6]}"
