"""Feed subscriptions: which feeds the library follows, and what each one's
last refresh left behind. They live in the library's `feeds` side table,
keyed by URL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from store.errors import FetchError, StoreError
from store.feeds.fetching import check_url
from store.library import Library
from store.model import utc_now
from store.text.clean import clean_line

TABLE = "feeds"


@dataclass(frozen=True, slots=True)
class Subscription:
    """A subscribed feed and what its last refresh left behind."""

    url: str
    title: str = ""
    outlet: str | None = None
    full_text: bool = False
    added: str = ""
    last_refresh: str | None = None
    last_error: str | None = None
    item_count: int = 0
    etag: str | None = None
    last_modified: str | None = None

    @property
    def name(self) -> str:
        """What to call the feed: its title, else its URL."""
        return self.title or self.url

    def to_record(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "full_text": self.full_text,
            "added": self.added,
            "last_refresh": self.last_refresh,
            "last_error": self.last_error,
            "item_count": self.item_count,
            "etag": self.etag,
            "last_modified": self.last_modified,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Subscription:
        return cls(
            url=record["url"],
            title=record.get("title") or "",
            outlet=record.get("outlet"),
            full_text=bool(record.get("full_text", False)),
            added=record.get("added", ""),
            last_refresh=record.get("last_refresh"),
            last_error=record.get("last_error"),
            item_count=int(record.get("item_count") or 0),
            etag=record.get("etag"),
            last_modified=record.get("last_modified"),
        )


def subscriptions(library: Library) -> list[Subscription]:
    """All subscriptions, by name."""
    found = [Subscription.from_record(r) for r in library.records(TABLE).values()]
    return sorted(found, key=lambda s: (s.name.casefold(), s.url))


def subscription(library: Library, url: str) -> Subscription | None:
    record = library.records(TABLE).get(url.strip())
    return Subscription.from_record(record) if record else None


def add_feed(
    library: Library,
    url: str,
    *,
    title: str = "",
    outlet: str | None = None,
    full_text: bool | None = None,
) -> Subscription:
    """Subscribe to `url` (http or https). Adding a URL already subscribed
    updates the outlet, title and full-text setting given and keeps the rest."""
    try:
        url = check_url(url)
    except FetchError as failure:
        raise StoreError(f"{url}: {failure}") from None
    outlet = clean_line(outlet) or None if outlet else None
    current = subscription(library, url)
    if current is None:
        current = Subscription(url=url, added=utc_now())
    updated = replace(
        current,
        title=clean_line(title) or current.title,
        outlet=outlet or current.outlet,
        full_text=current.full_text if full_text is None else full_text,
    )
    library.put_record(TABLE, url, updated.to_record())
    return updated


def remove_feed(library: Library, url: str) -> Subscription:
    """Unsubscribe; the feed's articles stay in the library."""
    current = subscription(library, url)
    if current is None or not library.delete_record(TABLE, current.url):
        raise StoreError(f"not subscribed to {url.strip()} (see `dateline feeds`)")
    return current
