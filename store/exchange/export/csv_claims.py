"""`csv`: one row per claim, ready for a spreadsheet.

Article text is untrusted, and a spreadsheet runs a cell that starts with
`=`, `+`, `-` or `@` as a formula, so such cells get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from store.exchange.export.claim_context import ClaimContext, claim_contexts
from store.library import Library
from store.text.clean import strip_control

EXTENSION = "csv"
DESCRIPTION = "one row per claim, for a spreadsheet"

COLUMNS = (
    "claim_id",
    "event_id",
    "event_title",
    "outlet",
    "article_id",
    "article_date",
    "headline",
    "url",
    "quote",
    "claimant",
    "kind",
    "verdict",
    "tags",
    "note",
    "start",
    "end",
    "created",
    "updated",
    "aligned_claims",
    "aligned_outlets",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """`value` without control characters (the file may go to a terminal),
    defused if a spreadsheet would read it as a formula."""
    value = strip_control(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _row(context: ClaimContext) -> list[str]:
    claim, article = context.claim, context.article
    cells = [
        claim.id,
        article.event_id or "",
        context.event_title or "",
        context.outlet_name,
        article.id,
        article.date.isoformat() if article.date else "",
        article.headline,
        article.url or "",
        claim.quote,
        claim.claimant,
        claim.kind.value,
        claim.verdict.value,
        "; ".join(claim.tags),
        claim.note,
        str(claim.anchor.start),
        str(claim.anchor.end),
        claim.created,
        claim.updated,
        "; ".join(a.id for a in context.aligned),
        "; ".join(sorted({a.outlet_name for a in context.aligned})),
    ]
    return [spreadsheet_safe(c) for c in cells]


def render(library: Library, event_id: str | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(c) for c in claim_contexts(library, event_id))
    return buffer.getvalue()
