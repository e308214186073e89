"""`jsonl`: one claim record per line, for streaming tools and re-import."""

from __future__ import annotations

from store.exchange.export.claim_context import claim_contexts, claim_record
from store.library import Library
from store.text.json_text import json_text

EXTENSION = "jsonl"
DESCRIPTION = "the same claim records as `json`, one per line"


def render(library: Library, event_id: str | None = None) -> str:
    return "".join(json_text(claim_record(c), indent=False) + "\n" for c in claim_contexts(library, event_id))
