"""`json`: one document holding the event (if one was chosen) and its claims."""

from __future__ import annotations

from store.exchange.export.claim_context import claim_contexts, claim_record
from store.library import Library
from store.text.json_text import json_text

EXTENSION = "json"
DESCRIPTION = "claims with article, outlet, anchor and aligned claims, one JSON document"
DOCUMENT_SCHEMA = "dateline.claims/1"


def render(library: Library, event_id: str | None = None) -> str:
    summary = library.event(event_id) if event_id else None
    document = {
        "schema": DOCUMENT_SCHEMA,
        "event": {"id": summary.id, "title": summary.title} if summary else None,
        "claims": [claim_record(c) for c in claim_contexts(library, event_id)],
    }
    return json_text(document) + "\n"
