"""The news model: outlets, articles, events and claims as frozen values.

Everything the store hands out is one of these dataclasses, never a raw TinyDB
document, so callers cannot change stored state by mutating what they got.
Each type converts to and from the plain dict that is written to disk.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"
"""Article bodies are paragraphs; offsets in claims count in the joined text."""


class ClaimKind(enum.StrEnum):
    """What sort of utterance a claim is."""

    STATEMENT = "statement"
    QUOTE = "quote"
    DENIAL = "denial"
    ALLEGATION = "allegation"
    FIGURE = "figure"
    PREDICTION = "prediction"
    OPINION = "opinion"


class Verdict(enum.StrEnum):
    """How far a claim holds, as the user judged it."""

    UNVERIFIED = "unverified"
    SUPPORTED = "supported"
    DISPUTED = "disputed"
    FALSE = "false"
    MISLEADING = "misleading"

    def next(self) -> Verdict:
        """The verdict after this one, wrapping round (the reader's `v` key)."""
        members = list(Verdict)
        return members[(members.index(self) + 1) % len(members)]


def utc_now() -> str:
    """A timestamp as stored: ISO 8601 in UTC, to the microsecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def slugify(name: str) -> str:
    """A stable, readable id for a display name ("The Guardian" -> "the-guardian")."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return slug or hashlib.sha256(name.encode()).hexdigest()[:12]


def article_id_for(outlet_id: str, headline: str, paragraphs: tuple[str, ...]) -> str:
    """The content hash that makes re-importing the same article a no-op."""
    digest = hashlib.sha256()
    for part in (outlet_id, headline, *paragraphs):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=8192)
def _date_or_none(value: str | None) -> dt.date | None:
    """Cached: a library has far fewer distinct dates than articles."""
    return dt.date.fromisoformat(value) if value else None


def _texts(value: Any) -> tuple[str, ...]:
    """A stored list of strings as a tuple (none when absent); TypeError
    for anything else, so a damaged backup is told before it is restored."""
    if not value:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of strings")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A publisher. `named` is false for the placeholder the importer makes
    when it cannot tell who published a file; the user renames it later."""

    id: str
    name: str
    homepage: str | None = None
    notes: str = ""
    named: bool = True

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "homepage": self.homepage,
            "notes": self.notes,
            "named": self.named,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Outlet:
        return cls(
            id=record["id"],
            name=record["name"],
            homepage=record.get("homepage"),
            notes=record.get("notes", ""),
            named=record.get("named", True),
        )


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as an importer produced it, before the store gives it an id.

    `outlet_name` None means the importer could not tell the outlet.
    `captions` are photo captions and credits, kept apart from the body.
    """

    headline: str
    paragraphs: tuple[str, ...]
    date: dt.date | None = None
    outlet_name: str | None = None
    credit: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    id: str | None = None
    captions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """An article's metadata. The body is kept apart (see `Library.body`) so
    that listing 50,000 articles does not load 50,000 bodies.

    `captions` are the photo captions and credits that came with the
    article ("©", "Chris McGrath/Getty Images", a "(L)" caption): not body
    text, so claims and offsets never count them. Stored with the metadata
    only when there are some; records from before they were kept have none.
    """

    id: str
    outlet_id: str
    headline: str
    date: dt.date | None = None
    credit: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    event_id: str | None = None
    event_pinned: bool = False
    imported_at: str = ""
    captions: tuple[str, ...] = ()

    @property
    def sort_date(self) -> dt.date:
        """Unknown dates sort last when newest come first."""
        return self.date or dt.date.min

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "outlet_id": self.outlet_id,
            "headline": self.headline,
            "date": self.date.isoformat() if self.date else None,
            "credit": self.credit,
            "url": self.url,
            "source": self.source,
            "lang": self.lang,
            "event_id": self.event_id,
            "event_pinned": self.event_pinned,
            "imported_at": self.imported_at,
        }
        if self.captions:  # most articles have none: no key in 50,000 records
            record["captions"] = list(self.captions)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        return cls(
            id=record["id"],
            outlet_id=record["outlet_id"],
            headline=record["headline"],
            date=_date_or_none(record.get("date")),
            credit=record.get("credit"),
            url=record.get("url"),
            source=record.get("source"),
            lang=record.get("lang"),
            event_id=record.get("event_id"),
            event_pinned=record.get("event_pinned", False),
            imported_at=record.get("imported_at", ""),
            captions=_texts(record.get("captions")),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One happening reported by one or more articles.

    `title_pinned` is set when the user renamed the event, so automatic
    grouping never retitles it.
    """

    id: str
    title: str
    title_pinned: bool = False

    def to_record(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "title_pinned": self.title_pinned}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Event:
        return cls(
            id=record["id"],
            title=record["title"],
            title_pinned=record.get("title_pinned", False),
        )


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a claim sits in its article's body text.

    Modelled on the W3C Web Annotation TextQuoteSelector (exact, prefix,
    suffix) and TextPositionSelector (start, end): the offsets are fast, the
    quote and its context let the claim be found again if the text changes.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def to_record(self) -> dict[str, Any]:
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Anchor:
        return cls(
            exact=record["exact"],
            prefix=record.get("prefix", ""),
            suffix=record.get("suffix", ""),
            start=record["start"],
            end=record["end"],
        )


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim the user tagged in an article.

    `links` names claims in other articles that state the same thing; links
    are kept symmetric by the store.
    """

    id: str
    article_id: str
    anchor: Anchor
    claimant: str = ""
    kind: ClaimKind = ClaimKind.STATEMENT
    verdict: Verdict = Verdict.UNVERIFIED
    tags: tuple[str, ...] = ()
    note: str = ""
    created: str = ""
    updated: str = ""
    links: tuple[str, ...] = field(default=())

    @property
    def quote(self) -> str:
        return self.anchor.exact

    def with_changes(self, **changes: Any) -> Claim:
        """A copy with the given fields changed and `updated` stamped."""
        return replace(self, **changes, updated=utc_now())

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "anchor": self.anchor.to_record(),
            "claimant": self.claimant,
            "kind": self.kind.value,
            "verdict": self.verdict.value,
            "tags": list(self.tags),
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
            "links": list(self.links),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Claim:
        return cls(
            id=record["id"],
            article_id=record["article_id"],
            anchor=Anchor.from_record(record["anchor"]),
            claimant=record.get("claimant", ""),
            kind=ClaimKind(record.get("kind", ClaimKind.STATEMENT)),
            verdict=Verdict(record.get("verdict", Verdict.UNVERIFIED)),
            tags=tuple(record.get("tags", ())),
            note=record.get("note", ""),
            created=record.get("created", ""),
            updated=record.get("updated", ""),
            links=tuple(record.get("links", ())),
        )


@dataclass(frozen=True, slots=True)
class ArticleState:
    """What the user did with an article: read it, starred it."""

    read: bool = False
    starred: bool = False
