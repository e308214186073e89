"""A claim with everything an export needs to stand on its own.

Every format describes a claim the same way: the claim, the article it sits
in, the article's outlet, and the claims it is aligned with in other
outlets. Gathering that once here keeps the formats from each looking it up
(and from disagreeing about what "the outlet" of a claim is).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from store.errors import StoreError
from store.library import Library
from store.model import Article, Claim, Outlet

CLAIM_RECORD_SCHEMA = "dateline.claim/1"
"""Marks a JSON claim record as ours, so an import can tell it from others."""


@dataclass(frozen=True, slots=True)
class AlignedClaim:
    """A claim linked to the exported one, as a reader of the export sees it."""

    id: str
    article_id: str
    outlet_name: str
    quote: str


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with its article, outlet and aligned claims resolved."""

    claim: Claim
    article: Article
    outlet: Outlet | None
    event_title: str | None
    aligned: tuple[AlignedClaim, ...]

    @property
    def outlet_name(self) -> str:
        return self.outlet.name if self.outlet else self.article.outlet_id


def claim_contexts(library: Library, event_id: str | None = None) -> list[ClaimContext]:
    """The claims of one event (or all), in a stable order: by event, then
    article date and id, then position in the article."""
    if event_id is not None and library.event(event_id) is None:
        raise StoreError(f"no event with id {event_id!r} (see `dateline events`)")
    claims = library.claims(event_id=event_id)
    by_id = {c.id: c for c in claims}
    contexts = []
    for claim in claims:
        article = library.article(claim.article_id)
        if article is None:
            continue
        contexts.append(
            ClaimContext(
                claim=claim,
                article=article,
                outlet=library.outlet(article.outlet_id),
                event_title=_event_title(library, article.event_id),
                aligned=tuple(_aligned(library, by_id, claim)),
            )
        )
    return sorted(
        contexts,
        key=lambda c: (
            c.article.event_id or "",
            c.article.sort_date,
            c.article.id,
            c.claim.anchor.start,
            c.claim.id,
        ),
    )


def _event_title(library: Library, event_id: str | None) -> str | None:
    summary = library.event(event_id) if event_id else None
    return summary.title if summary else None


def _aligned(library: Library, known: dict[str, Claim], claim: Claim) -> Iterator[AlignedClaim]:
    for other_id in sorted(claim.links):
        other = known.get(other_id) or library.claim(other_id)
        if other is None:
            continue
        article = library.article(other.article_id)
        yield AlignedClaim(
            id=other.id,
            article_id=other.article_id,
            outlet_name=library.outlet_name(article.outlet_id) if article else "",
            quote=other.quote,
        )


def claim_record(context: ClaimContext) -> dict[str, Any]:
    """The JSON record of a claim shared by the `json` and `jsonl` exports,
    and read back by `store.claimsio`."""
    claim, article = context.claim, context.article
    return {
        "schema": CLAIM_RECORD_SCHEMA,
        "id": claim.id,
        "article": {
            "id": article.id,
            "headline": article.headline,
            "date": article.date.isoformat() if article.date else None,
            "url": article.url,
            "source": article.source,
            "event_id": article.event_id,
            "event_title": context.event_title,
        },
        "outlet": {
            "id": article.outlet_id,
            "name": context.outlet_name,
            "homepage": context.outlet.homepage if context.outlet else None,
        },
        "anchor": claim.anchor.to_record(),
        "claimant": claim.claimant,
        "kind": claim.kind.value,
        "verdict": claim.verdict.value,
        "tags": list(claim.tags),
        "note": claim.note,
        "created": claim.created,
        "updated": claim.updated,
        "links": sorted(claim.links),
        "aligned": [
            {"id": a.id, "article_id": a.article_id, "outlet": a.outlet_name, "quote": a.quote}
            for a in context.aligned
        ],
    }
