"""`md`: a coverage report for an event, in Markdown.

It says which outlets covered the event, which claim each carried (the
claim matrix), which claims only one outlet has, and where the outlets'
wording differs, quoting the articles.

Rows come from `store.matrix.claim_matrix` (aligned claims and suggestions,
with a cell state per outlet) when that module is present; otherwise from
the user's tagged claims and their links alone, a claim and the claims
linked to it making one row. Outlet-specific terms ("Kyiv" against
"Kiev") come from `store.wording`.

Article text is untrusted: it is kept to one line per cell and the
characters that would break a table or start Markdown syntax are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from store.errors import StoreError
from store.exchange.export.claim_context import ClaimContext, claim_contexts
from store.library import EventSummary, Library
from store.model import ClaimKind
from store.text.clean import strip_control

EXTENSION = "md"
DESCRIPTION = "a Markdown coverage report: outlets, claim matrix, single-outlet claims, wording"

ABSENT = "—"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_text(value: str) -> str:
    """Untrusted text as one line of literal Markdown."""
    one_line = " ".join(strip_control(value).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)


@dataclass(frozen=True)
class ReportCell:
    """How one outlet carried a claim, with its words ('' when absent)."""

    state: str
    quote: str = ""
    claim_id: str | None = None


@dataclass
class ReportRow:
    """One claim across the event's outlets."""

    label: str
    claimant: str
    cells: dict[str, ReportCell] = field(default_factory=dict)

    @property
    def present(self) -> list[str]:
        return [o for o, cell in self.cells.items() if cell.quote]


def rows_from_links(contexts: list[ClaimContext], outlet_ids: Iterable[str]) -> list[ReportRow]:
    """Rows from tagged claims alone: each group of linked claims is a row."""
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
        row = ReportRow(
            label=group[0].claim.quote,
            claimant=next((c.claim.claimant for c in group if c.claim.claimant), ""),
        )
        for member in group:
            kind = member.claim.kind
            state = "quoted" if kind is ClaimKind.QUOTE else kind.value
            row.cells.setdefault(
                member.article.outlet_id, ReportCell(state, member.claim.quote, member.claim.id)
            )
        for outlet_id in outlet_ids:
            row.cells.setdefault(outlet_id, ReportCell("absent"))
        rows.append(row)
    rows.sort(key=lambda r: -len(r.present))
    return rows


def rows_from_matrix(library: Library, event_id: str) -> list[ReportRow] | None:
    """Rows of the coverage engineer's claim matrix, or None without it."""
    try:
        from store.coverage.matrix import claim_matrix
    except ImportError:
        return None
    matrix = claim_matrix(library, event_id)
    return [
        ReportRow(
            label=row.label,
            claimant=row.claimant,
            cells={
                outlet_id: ReportCell(str(cell.state.value), cell.text or "", cell.claim_id)
                for outlet_id, cell in row.cells.items()
            },
        )
        for row in matrix.rows
    ]


def _outlet_names(library: Library, summary: EventSummary) -> dict[str, str]:
    names = {outlet_id: library.outlet_name(outlet_id) for outlet_id in summary.outlet_ids}
    return dict(sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])))


def _heading(summary: EventSummary, outlets: dict[str, str], claims: int) -> Iterator[str]:
    span = ABSENT
    if summary.first_date:
        span = summary.first_date.isoformat()
        if summary.last_date and summary.last_date != summary.first_date:
            span += f" to {summary.last_date.isoformat()}"
    yield f"# Coverage report: {md_text(summary.title)}"
    yield ""
    yield (
        f"Event `{summary.id}` · {span} · {len(outlets)} outlets · "
        f"{len(summary.article_ids)} articles · {claims} tagged claims"
    )
    yield ""


def _outlet_section(
    library: Library, summary: EventSummary, outlets: dict[str, str], contexts: list[ClaimContext]
) -> Iterator[str]:
    yield "## Outlets"
    yield ""
    yield "| outlet | date | headline | tagged claims |"
    yield "|---|---|---|---|"
    articles = [a for a in (library.article(i) for i in summary.article_ids) if a is not None]
    order = list(outlets)
    for article in sorted(articles, key=lambda a: (order.index(a.outlet_id), a.sort_date, a.id)):
        count = sum(1 for c in contexts if c.article.id == article.id)
        date = article.date.isoformat() if article.date else ABSENT
        yield f"| {md_text(outlets[article.outlet_id])} | {date} | {md_text(article.headline)} | {count} |"
    yield ""


def _matrix_section(rows: list[ReportRow], outlets: dict[str, str]) -> Iterator[str]:
    yield "## Claim matrix"
    yield ""
    if not rows:
        yield "No claims in this event yet."
        yield ""
        return
    yield "| claim | claimant | " + " | ".join(md_text(n) for n in outlets.values()) + " |"
    yield "|---|---|" + "---|" * len(outlets)
    for row in rows:
        states = [row.cells[o].state if o in row.cells and row.cells[o].quote else ABSENT for o in outlets]
        yield f"| “{md_text(row.label)}” | {md_text(row.claimant) or ABSENT} | " + " | ".join(states) + " |"
    yield ""


def _singles_section(library: Library, rows: list[ReportRow], outlets: dict[str, str]) -> Iterator[str]:
    yield "## Claims found in only one outlet"
    yield ""
    singles = [r for r in rows if len(r.present) == 1] if len(outlets) > 1 else []
    if not singles:
        yield "None: every claim appears in more than one outlet." if rows else "None yet."
    for row in singles:
        outlet_id = row.present[0]
        cell = row.cells[outlet_id]
        who = f" — {md_text(row.claimant)}" if row.claimant else ""
        claim = library.claim(cell.claim_id) if cell.claim_id else None
        judged = f", {claim.verdict.value}" if claim else ", suggested"
        yield f"- **{md_text(outlets[outlet_id])}**: “{md_text(cell.quote)}”{who} ({cell.state}{judged})"
    yield ""


def _wording_section(
    library: Library, summary: EventSummary, rows: list[ReportRow], outlets: dict[str, str]
) -> Iterator[str]:
    yield "## Wording differences"
    yield ""
    yield from _term_differences(library, summary.id, outlets)
    differing = [r for r in rows if len(r.present) > 1 and len({r.cells[o].quote for o in r.present}) > 1]
    if not differing:
        yield "No claim is worded differently between outlets."
        yield ""
    for row in differing:
        yield f"### {md_text(row.claimant) or 'Claim'}: “{md_text(row.label)}”"
        yield ""
        for outlet_id, name in outlets.items():
            cell = row.cells.get(outlet_id)
            if cell and cell.quote:
                yield f"- **{md_text(name)}** ({cell.state}): “{md_text(cell.quote)}”"
        yield ""


def _term_differences(library: Library, event_id: str, outlets: dict[str, str]) -> Iterator[str]:
    """Terms one outlet uses and the others do not, with what the others
    write instead where that is known (from `store.wording`)."""
    try:
        from store.coverage.wording import wording_differences
    except ImportError:
        return
    by_outlet = {w.outlet_id: w for w in wording_differences(library, event_id)}
    lines = []
    for outlet_id, name in outlets.items():
        found = by_outlet.get(outlet_id)
        if found is None:
            continue
        instead = dict(found.counterparts)
        for term, count in found.terms:
            other = f"“{md_text(instead[term])}”" if term in instead else ABSENT
            lines.append(f"| {md_text(name)} | “{md_text(term)}” | {count} | {other} |")
    if lines:
        yield "Terms only one outlet uses:"
        yield ""
        yield "| outlet | term | uses | the others write |"
        yield "|---|---|---|---|"
        yield from lines
        yield ""


def _event_report(library: Library, summary: EventSummary) -> Iterator[str]:
    outlets = _outlet_names(library, summary)
    contexts = claim_contexts(library, summary.id)
    rows = rows_from_matrix(library, summary.id)
    if rows is None:
        rows = rows_from_links(contexts, outlets)
    yield from _heading(summary, outlets, len(contexts))
    yield from _outlet_section(library, summary, outlets, contexts)
    yield from _matrix_section(rows, outlets)
    yield from _singles_section(library, rows, outlets)
    yield from _wording_section(library, summary, rows, outlets)


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
    return "\n".join("\n".join(_event_report(library, s)).rstrip() + "\n" for s in summaries)
