"""`md`: a coverage report for an event, in Markdown.

It says which outlets covered the event, which claim each carried (the
claim matrix), which claims only one outlet has, and where the outlets'
wording differs, quoting the articles. Rows come from the user's tagged
claims and their links (a claim and the claims linked to it are one row).

Article text is untrusted: it is kept to one line per cell and the
characters that would break a table or start Markdown syntax are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from store.export.records import ClaimContext, claim_contexts
from store.library import EventSummary, Library, StoreError
from store.model import ClaimKind
from store.textclean import strip_control

EXTENSION = "md"
DESCRIPTION = "a Markdown coverage report: outlets, claim matrix, single-outlet claims, wording"

ABSENT = "—"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_text(value: str) -> str:
    """Untrusted text as one line of literal Markdown."""
    one_line = " ".join(strip_control(value).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)


@dataclass
class CoverageRow:
    """One claim across the event's outlets: what each outlet carried."""

    label: str
    claimant: str
    claims: dict[str, list[ClaimContext]] = field(default_factory=dict)

    @property
    def outlet_ids(self) -> list[str]:
        return [o for o, found in self.claims.items() if found]


def _cell(found: list[ClaimContext]) -> str:
    if not found:
        return ABSENT
    kinds = dict.fromkeys("quoted" if c.claim.kind is ClaimKind.QUOTE else c.claim.kind.value for c in found)
    return ", ".join(kinds)


def coverage_rows(contexts: list[ClaimContext]) -> list[CoverageRow]:
    """Claims grouped by their links: each connected group is one row."""
    by_id = {c.claim.id: c for c in contexts}
    seen: set[str] = set()
    rows = []
    for context in contexts:
        if context.claim.id in seen:
            continue
        group, stack = [], [context.claim.id]
        while stack:
            claim_id = stack.pop()
            if claim_id in seen or claim_id not in by_id:
                continue
            seen.add(claim_id)
            group.append(by_id[claim_id])
            stack.extend(by_id[claim_id].claim.links)
        group.sort(key=lambda c: (c.article.sort_date, c.article.id, c.claim.anchor.start))
        row = CoverageRow(
            label=group[0].claim.quote,
            claimant=next((c.claim.claimant for c in group if c.claim.claimant), ""),
        )
        for member in group:
            row.claims.setdefault(member.article.outlet_id, []).append(member)
        rows.append(row)
    return rows


def _outlet_names(library: Library, summary: EventSummary) -> dict[str, str]:
    names = {}
    for outlet_id in sorted(summary.outlet_ids):
        outlet = library.outlet(outlet_id)
        names[outlet_id] = outlet.name if outlet else outlet_id
    return dict(sorted(names.items(), key=lambda item: item[1].casefold()))


def _event_report(library: Library, summary: EventSummary) -> Iterable[str]:
    outlets = _outlet_names(library, summary)
    contexts = claim_contexts(library, summary.id)
    rows = coverage_rows(contexts)
    span = ABSENT
    if summary.first_date:
        span = summary.first_date.isoformat()
        if summary.last_date and summary.last_date != summary.first_date:
            span += f" to {summary.last_date.isoformat()}"
    yield f"# Coverage report: {md_text(summary.title)}"
    yield ""
    yield (
        f"Event `{summary.id}` · {span} · {len(outlets)} outlets · {len(summary.article_ids)} articles · "
        f"{len(contexts)} tagged claims"
    )
    yield ""
    yield "## Outlets"
    yield ""
    yield "| outlet | date | headline | claims |"
    yield "|---|---|---|---|"
    for article_id in summary.article_ids:
        article = library.article(article_id)
        if article is None:
            continue
        count = sum(1 for c in contexts if c.article.id == article_id)
        date = article.date.isoformat() if article.date else ABSENT
        yield (
            f"| {md_text(outlets.get(article.outlet_id, article.outlet_id))} | {date} | "
            f"{md_text(article.headline)} | {count} |"
        )
    yield ""
    yield "## Claim matrix"
    yield ""
    if not rows:
        yield "No claims are tagged in this event yet."
    else:
        yield "| claim | claimant | " + " | ".join(md_text(n) for n in outlets.values()) + " |"
        yield "|---|---|" + "---|" * len(outlets)
        for row in rows:
            cells = [_cell(row.claims.get(o, [])) for o in outlets]
            yield (
                f"| “{md_text(row.label)}” | {md_text(row.claimant) or ABSENT} | " + " | ".join(cells) + " |"
            )
    yield ""
    yield "## Claims found in only one outlet"
    yield ""
    singles = [r for r in rows if len(r.outlet_ids) == 1 and len(outlets) > 1]
    if not singles:
        yield "None: every tagged claim appears in more than one outlet." if rows else "None tagged yet."
    for row in singles:
        outlet_id = row.outlet_ids[0]
        for context in row.claims[outlet_id]:
            claim = context.claim
            who = f" — {md_text(claim.claimant)}" if claim.claimant else ""
            yield (
                f"- **{md_text(outlets[outlet_id])}**: “{md_text(claim.quote)}”{who} "
                f"({claim.kind.value}, {claim.verdict.value})"
            )
    yield ""
    yield "## Wording differences"
    yield ""
    differing = [
        r
        for r in rows
        if len(r.outlet_ids) > 1 and len({c.claim.quote for cs in r.claims.values() for c in cs}) > 1
    ]
    if not differing:
        yield "No aligned claim is worded differently between outlets."
    for row in differing:
        yield f"### {md_text(row.claimant) or 'Claim'}: “{md_text(row.label)}”"
        yield ""
        for outlet_id, name in outlets.items():
            for context in row.claims.get(outlet_id, []):
                yield f"- **{md_text(name)}**: “{md_text(context.claim.quote)}”"
        yield ""


def render(library: Library, event_id: str | None = None) -> str:
    if event_id is not None:
        summary = library.event(event_id)
        if summary is None:
            raise StoreError(f"no event with id {event_id!r} (see `dateline events`)")
        summaries = [summary]
    else:
        summaries = library.events()
    if not summaries:
        return "# Coverage report\n\nThe library has no events yet.\n"
    parts = ["\n".join(_event_report(library, s)).rstrip() + "\n" for s in summaries]
    return "\n".join(parts)
