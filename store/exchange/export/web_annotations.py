"""`annotations`: W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

Each claim is an Annotation whose target is its article with two
alternative selectors: a TextQuoteSelector (exact, prefix, suffix) that
survives edits to the text, and a TextPositionSelector (start, end) that is
fast. Tags, the note, the kind and the verdict are bodies with the model's
own purposes (tagging, commenting, classifying, assessing), so other
annotation tools understand them; what the model has no word for (the
claimant, the aligned claims, how to find the article again) goes under a
`dateline:` prefix declared in the context, as the model's extension rules
ask. `store.claimsio` reads this back.
"""

from __future__ import annotations

from typing import Any

from store.exchange.export.claim_context import ClaimContext, claim_contexts
from store.library import Library
from store.text.json_text import json_text

EXTENSION = "jsonld"
DESCRIPTION = "W3C Web Annotation JSON-LD: quote and position selectors on each article"

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DATELINE_PREFIX = "dateline"
DATELINE_VOCAB = "urn:dateline:vocab#"
CONTEXT = [ANNO_CONTEXT, {DATELINE_PREFIX: DATELINE_VOCAB}]
CLAIM_URN = "urn:dateline:claim:"
ARTICLE_URN = "urn:dateline:article:"


def _body(purpose: str, value: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "value": value}


def annotation(context: ClaimContext) -> dict[str, Any]:
    claim, article = context.claim, context.article
    bodies = [_body("classifying", claim.kind.value), _body("assessing", claim.verdict.value)]
    bodies += [_body("tagging", tag) for tag in claim.tags]
    if claim.note:
        bodies.append(_body("commenting", claim.note))
    anchor = claim.anchor
    return {
        "id": CLAIM_URN + claim.id,
        "type": "Annotation",
        "motivation": "classifying",
        "created": claim.created,
        "modified": claim.updated,
        "body": bodies,
        "target": {
            "type": "SpecificResource",
            "source": article.url or ARTICLE_URN + article.id,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": anchor.exact,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                },
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
        "dateline:claimant": claim.claimant,
        "dateline:links": [CLAIM_URN + i for i in sorted(claim.links)],
        "dateline:article": {
            "id": article.id,
            "headline": article.headline,
            "outlet": context.outlet_name,
            "date": article.date.isoformat() if article.date else None,
            "url": article.url,
            "source": article.source,
        },
    }


def render(library: Library, event_id: str | None = None) -> str:
    summary = library.event(event_id) if event_id else None
    items = [annotation(c) for c in claim_contexts(library, event_id)]
    collection = {
        "@context": CONTEXT,
        "id": f"urn:dateline:export:{summary.id if summary else 'all'}",
        "type": "AnnotationCollection",
        "label": f"Dateline claims: {summary.title}" if summary else "Dateline claims",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json_text(collection) + "\n"
