"""`md`: a coverage report for an event, in Markdown.

It says which outlets covered the event, which claim each carried (the
claim matrix), which claims only one outlet has, and where the outlets'
wording differs, quoting the articles.

Rows are the claim matrix's (`store.coverage.matrix`): each cell says what
that outlet's text does with the claim, whether or not the user tagged it
(tagged cells say so in addition), so the report states only what the text
shows. A claim and its denial are two rows; each names the other.
Outlet-specific terms ("Kyiv" against "Kiev") come from
`store.coverage.wording`.

Article text is untrusted: it is kept to one line per cell and the
characters that would break a table or start Markdown syntax are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from store.coverage.matrix import CARRIED, CellState, claim_matrix
from store.coverage.provenance import Copy, copies_in, independent_count
from store.coverage.wording import wording_differences
from store.errors import StoreError
from store.exchange.export.claim_context import ClaimContext, claim_contexts
from store.library import EventSummary, Library
from store.model import Article
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
    """How one outlet's text carries a claim, with its words ('' when absent)."""

    state: str
    quote: str = ""
    claim_id: str | None = None

    @property
    def carried(self) -> bool:
        return self.state in CARRIED

    @property
    def shown(self) -> str:
        """The state as the table shows it: the user's tag marked, absence a dash."""
        if self.state == CellState.ABSENT:
            return ABSENT
        return f"{self.state}, tagged" if self.claim_id else self.state


@dataclass
class ReportRow:
    """One claim across the event's outlets."""

    label: str
    claimant: str
    cells: dict[str, ReportCell] = field(default_factory=dict)
    contradicts: tuple[int, ...] = ()
    """Numbers (from 1) of the rows this claim denies or is denied by."""
    single: bool = False
    """Only one independent source carries the claim (wire copies count once)."""

    @property
    def present(self) -> list[str]:
        """The outlets whose text carries the claim itself."""
        return [o for o, cell in self.cells.items() if cell.carried]


def report_rows(library: Library, event_id: str) -> list[ReportRow]:
    """The rows of the event's claim matrix."""
    matrix = claim_matrix(library, event_id)
    return [
        ReportRow(
            label=row.label,
            claimant=row.claimant,
            cells={
                outlet_id: ReportCell(str(cell.state.value), cell.text or "", cell.claim_id)
                for outlet_id, cell in row.cells.items()
            },
            contradicts=tuple(i + 1 for i in row.contradicts),
            single=row.single_outlet,
        )
        for row in matrix.rows
    ]


def _outlet_names(library: Library, summary: EventSummary) -> dict[str, str]:
    names = {outlet_id: library.outlet_name(outlet_id) for outlet_id in summary.outlet_ids}
    return dict(sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])))


def _heading(summary: EventSummary, outlets: dict[str, str], claims: int, independent: int) -> Iterator[str]:
    span = ABSENT
    if summary.first_date:
        span = summary.first_date.isoformat()
        if summary.last_date and summary.last_date != summary.first_date:
            span += f" to {summary.last_date.isoformat()}"
    yield f"# Coverage report: {md_text(summary.title)}"
    yield ""
    yield (
        f"Event `{summary.id}` · {span} · {len(outlets)} outlets ({independent} independent) · "
        f"{len(summary.article_ids)} articles · {claims} tagged claims"
    )
    yield ""


def _outlet_section(
    articles: list[Article], outlets: dict[str, str], contexts: list[ClaimContext], copies: dict[str, Copy]
) -> Iterator[str]:
    yield "## Outlets"
    yield ""
    yield "| outlet | date | headline | tagged claims | wire copy |"
    yield "|---|---|---|---|---|"
    order = list(outlets)
    for article in sorted(articles, key=lambda a: (order.index(a.outlet_id), a.sort_date, a.id)):
        count = sum(1 for c in contexts if c.article.id == article.id)
        date = article.date.isoformat() if article.date else ABSENT
        copy = md_text(copies[article.id].reason) if article.id in copies else ABSENT
        outlet, headline = md_text(outlets[article.outlet_id]), md_text(article.headline)
        yield f"| {outlet} | {date} | {headline} | {count} | {copy} |"
    yield ""


def _matrix_section(rows: list[ReportRow], outlets: dict[str, str]) -> Iterator[str]:
    yield "## Claim matrix"
    yield ""
    if not rows:
        yield "No claims in this event yet."
        yield ""
        return
    yield "| # | claim | claimant | " + " | ".join(md_text(n) for n in outlets.values()) + " | denies |"
    yield "|---|---|---|" + "---|" * len(outlets) + "---|"
    for number, row in enumerate(rows, 1):
        states = [row.cells[o].shown if o in row.cells else ABSENT for o in outlets]
        denies = ", ".join(f"#{n}" for n in row.contradicts) or ABSENT
        claimant = md_text(row.claimant) or ABSENT
        yield f"| {number} | “{md_text(row.label)}” | {claimant} | " + " | ".join(states) + f" | {denies} |"
    yield ""


def _singles_section(library: Library, rows: list[ReportRow], outlets: dict[str, str]) -> Iterator[str]:
    yield "## Claims found in only one outlet"
    yield ""
    singles = [r for r in rows if r.single] if len(outlets) > 1 else []
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
    write instead where that is known."""
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
    rows = report_rows(library, summary.id)
    articles = [a for a in (library.article(i) for i in summary.article_ids) if a is not None]
    copies = copies_in(library, summary)
    yield from _heading(summary, outlets, len(contexts), independent_count(articles, copies))
    yield from _outlet_section(articles, outlets, contexts, copies)
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
