"""`claimreview`: schema.org ClaimReview JSON-LD, as fact-check publishers
and search engines read it (https://schema.org/ClaimReview).

Only claims the user judged get a review: an "unverified" claim has no
verdict to publish. The rating maps our verdicts onto a 1-5 scale, and
`alternateName` carries the verdict in words, which is what readers see.
"""

from __future__ import annotations

from typing import Any

from store.exchange.export.claim_context import ClaimContext, claim_contexts
from store.library import Library
from store.model import Verdict
from store.text.json_text import json_text

EXTENSION = "jsonld"
DESCRIPTION = "schema.org ClaimReview JSON-LD, one review per claim with a verdict"

SCHEMA_ORG = "https://schema.org"
RATINGS = {
    Verdict.FALSE: 1,
    Verdict.MISLEADING: 2,
    Verdict.DISPUTED: 3,
    Verdict.SUPPORTED: 5,
}
"""Verdict -> ratingValue on a 1 (worst) to 5 (best) scale."""


def _review(context: ClaimContext) -> dict[str, Any]:
    claim, article = context.claim, context.article
    publisher = {"@type": "Organization", "name": context.outlet_name}
    if context.outlet and context.outlet.homepage:
        publisher["url"] = context.outlet.homepage
    appearance: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.headline,
        "publisher": publisher,
    }
    if article.url:
        appearance["url"] = article.url
    if article.date:
        appearance["datePublished"] = article.date.isoformat()
    # The outlet itself is the claim's author when no one else is named.
    author = {"@type": "Person", "name": claim.claimant} if claim.claimant else publisher
    item: dict[str, Any] = {"@type": "Claim", "author": author, "appearance": appearance}
    if article.date:
        item["datePublished"] = article.date.isoformat()
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": f"urn:dateline:claim:{claim.id}",
        "claimReviewed": claim.quote,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[claim.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.verdict.value.capitalize(),
        },
        "datePublished": (claim.updated or claim.created)[:10],
    }
    if claim.note:
        review["reviewBody"] = claim.note
    if claim.tags:
        review["keywords"] = list(claim.tags)
    return review


def render(library: Library, event_id: str | None = None) -> str:
    reviews = [_review(c) for c in claim_contexts(library, event_id) if c.claim.verdict in RATINGS]
    document = {"@context": SCHEMA_ORG, "@graph": reviews}
    return json_text(document) + "\n"
