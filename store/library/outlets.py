"""Outlets: who published an article. Named by the user or by an import;
an article whose outlet is unknown gets an unnamed one of its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from store.db.shards import MAIN_PART, articles_part
from store.errors import StoreError
from store.library.base import LibraryBase
from store.model import Outlet, slugify
from store.text.clean import clean_line


class OutletRecords(LibraryBase):
    """Reading, naming, renaming and merging outlets."""

    def outlets(self) -> list[Outlet]:
        return sorted(self._outlet_index().outlets.values(), key=lambda o: (o.name.casefold(), o.id))

    def outlet(self, outlet_id: str) -> Outlet | None:
        return self._outlet_index().outlets.get(outlet_id)

    def outlet_name(self, outlet_id: str) -> str:
        """The outlet's display name, or its id if the outlet is gone."""
        outlet = self.outlet(outlet_id)
        return outlet.name if outlet else outlet_id

    def find_outlet(self, name_or_id: str) -> Outlet | None:
        """An outlet by id or by display name, ignoring case."""
        index = self._outlet_index()
        return index.outlets.get(name_or_id) or index.outlet_named(name_or_id)

    def ensure_outlet(self, name: str, homepage: str | None = None) -> Outlet:
        """The outlet with this name, made if it does not exist yet."""
        name = clean_line(name)
        if not name:
            raise StoreError("an outlet's name cannot be empty")
        existing = self.find_outlet(name)
        if existing is not None:
            return existing
        with self.database.writing(MAIN_PART):
            existing = self.find_outlet(name)
            if existing is not None:
                return existing
            outlet = Outlet(id=self._free_outlet_id(slugify(name), {}), name=name, homepage=homepage)
            self._write_main({"outlets": {outlet.id: outlet.to_record()}})
            return outlet

    def _free_outlet_id(self, slug: str, pending: dict[str, Outlet]) -> str:
        """`slug`, or `slug-2`, `slug-3`… when another outlet has it."""
        taken = self._outlet_index().outlets
        candidate, number = slug, 1
        while candidate in taken or candidate in pending:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def rename_outlet(self, old: str, new: str) -> Outlet:
        """Rename an outlet. Renaming onto an existing outlet's name merges
        the two: the articles move over and the old one is removed."""
        new = clean_line(new)
        if not new:
            raise StoreError("an outlet's name cannot be empty")
        with self.database.writing(MAIN_PART):
            source = self.find_outlet(old)
            if source is None:
                raise StoreError(f"no outlet named {old!r} (see `dateline outlets`)")
            target = self.find_outlet(new)
            if target is None or target.id == source.id:
                renamed = replace(source, name=new, named=True)
                self._write_main({"outlets": {renamed.id: renamed.to_record()}})
                return renamed
            moved: dict[str, dict[str, Any] | None] = {
                a.id: replace(a, outlet_id=target.id).to_record()
                for a in self._current_articles(self.catalog.article_ids(outlet_id=source.id)).values()
                if a.outlet_id == source.id
            }
            # The articles first: an outlet is only removed once no article names it.
            self._write_records("articles", articles_part, moved)
            self._write_main({"outlets": {source.id: None}})
            return target

    def put_outlet(self, outlet: Outlet, article_ids: Iterable[str] = ()) -> Outlet:
        """Store an outlet as given, id, name and `named` flag and all, and
        move these articles to it: how an undone rename or merge puts the
        outlet back as it was. Ids of articles not stored are passed over."""
        if not clean_line(outlet.name):
            raise StoreError("an outlet's name cannot be empty")
        with self.database.writing(MAIN_PART):
            # The outlet first: an article never names an outlet not stored.
            self._write_main({"outlets": {outlet.id: outlet.to_record()}})
            moved: dict[str, dict[str, Any] | None] = {
                a.id: replace(a, outlet_id=outlet.id).to_record()
                for a in self._current_articles(article_ids).values()
            }
            self._write_records("articles", articles_part, moved)
            return outlet
