"""The claim matrix of an event: rows are claims, columns are outlets.

Rows come from the user's tagged claims and, for outlets where nothing is
tagged yet, from suggestions, so a fresh event already shows who carried
what. A row is a connected group of statements: the user's links, plus what
`store.alignment` finds, less the pairs the user unlinked. Each cell says how
that outlet carried the claim: quoted, reported (attributed indirect
speech), paraphrased (unattributed), asserted (stated in the outlet's own
voice, as its own aside), contradicted (a denial of someone else's claim),
or absent.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass

from store.coverage.alignment import Statement, align, claim_statements, same_speaker, unlinked_pairs
from store.coverage.suggestions import OWN_VOICE, suggestions_for
from store.library import Library
from store.model import ClaimKind, Outlet

LABEL_LENGTH = 90
_QUOTE_MARKS = '“”"‘«'


class CellState(enum.StrEnum):
    QUOTED = "quoted"
    REPORTED = "reported"
    PARAPHRASED = "paraphrased"
    ASSERTED = "asserted"
    ABSENT = "absent"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True)
class MatrixCell:
    """One outlet's version of a claim. A suggestion has `claim_id` None;
    `start`/`end` locate it in the article's text either way."""

    state: CellState
    claim_id: str | None
    article_id: str | None
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class MatrixRow:
    label: str
    claimant: str
    cells: dict[str, MatrixCell]
    single_outlet: bool


@dataclass(frozen=True)
class ClaimMatrix:
    event_id: str
    outlets: tuple[Outlet, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class _Located:
    statement: Statement
    start: int
    end: int
    direct: bool
    claim_id: str | None


def _is_direct(text: str, start: int, end: int) -> bool:
    """Whether the span is a quotation: quote marks right around or inside it."""
    before = text[max(0, start - 2) : start]
    return any(m in before for m in _QUOTE_MARKS) or text[start:end][:1] in _QUOTE_MARKS


def _statements(library: Library, event_id: str) -> list[_Located]:
    summary = library.event(event_id)
    if summary is None:
        return []
    located: list[_Located] = []
    claims = {c.id: c for c in library.claims(event_id=event_id)}
    texts: dict[str, str] = {}
    tagged_outlets = set()
    for statement in claim_statements(library, event_id):
        claim = claims[statement.key]
        text = texts.get(claim.article_id)
        if text is None:
            text = texts[claim.article_id] = library.text(claim.article_id)
        direct = statement.kind is ClaimKind.QUOTE or _is_direct(text, claim.anchor.start, claim.anchor.end)
        located.append(_Located(statement, claim.anchor.start, claim.anchor.end, direct, claim.id))
        tagged_outlets.add(statement.outlet_id)
    for article_id in summary.article_ids:
        article = library.article(article_id)
        if article is None or article.outlet_id in tagged_outlets:
            continue
        for s in suggestions_for(library, article_id):
            statement = Statement(
                f"suggestion:{article_id}:{s.start}:{s.end}",
                article_id,
                article.outlet_id,
                s.quote,
                s.speaker,
                s.kind,
            )
            located.append(_Located(statement, s.start, s.end, s.direct, None))
    return located


def _components(items: list[_Located], edges: list[tuple[str, str]]) -> list[list[_Located]]:
    parent = {i.statement.key: i.statement.key for i in items}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in edges:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[str, list[_Located]] = {}
    for item in items:
        groups.setdefault(find(item.statement.key), []).append(item)
    return list(groups.values())


def _state(item: _Located, claimant: str) -> CellState:
    statement = item.statement
    if statement.kind is ClaimKind.DENIAL and claimant and same_speaker(statement.speaker, claimant) is False:
        return CellState.CONTRADICTED
    if item.direct:
        return CellState.QUOTED
    if statement.speaker == OWN_VOICE:
        return CellState.ASSERTED
    if statement.speaker:
        return CellState.REPORTED
    return CellState.PARAPHRASED


def _claimant(group: list[_Located]) -> str:
    """Who makes the row's claim: the commonest speaker, not counting those
    who only deny it (unless denials are all there is)."""
    asserted = [i for i in group if i.statement.kind is not ClaimKind.DENIAL] or group
    speakers = Counter(i.statement.speaker for i in asserted if i.statement.speaker)
    if not speakers:
        return ""
    commonest = speakers.most_common(1)[0][0]
    # The fullest name another outlet gives the same speaker ("Washington
    # Post (anonymous sources)" over "Washington Post") tells the reader more.
    fuller = [
        s for s in speakers if s == commonest or (s.startswith(commonest) and same_speaker(s, commonest))
    ]
    return max(fuller, key=len)


def _label(group: list[_Located]) -> str:
    quotes = [i.statement.text for i in group if i.direct and len(i.statement.text.split()) >= 2]
    text = min(quotes, key=len) if quotes else min((i.statement.text for i in group), key=len)
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def claim_matrix(library: Library, event_id: str) -> ClaimMatrix:
    """The event's claims against its outlets."""
    summary = library.event(event_id)
    outlet_ids = summary.outlet_ids if summary else ()
    outlets = tuple(
        sorted(
            (o for o in (library.outlet(i) for i in outlet_ids) if o is not None),
            key=lambda o: o.name.casefold(),
        )
    )
    items = _statements(library, event_id)
    refused = unlinked_pairs(library)
    edges = list(align([i.statement for i in items], refused))
    keys = {i.statement.key for i in items}
    for item in items:
        if item.claim_id is None:
            continue
        claim = library.claim(item.claim_id)
        edges.extend((item.claim_id, other) for other in (claim.links if claim else ()) if other in keys)
    order = {i.statement.key: n for n, i in enumerate(items)}
    rows = []
    for group in _components(items, edges):
        claimant = _claimant(group)
        cells: dict[str, MatrixCell] = {}
        ranked = sorted(group, key=lambda i: (i.claim_id is None, not i.direct, order[i.statement.key]))
        for item in ranked:
            outlet_id = item.statement.outlet_id
            if outlet_id in cells:
                continue
            cells[outlet_id] = MatrixCell(
                _state(item, claimant),
                item.claim_id,
                item.statement.article_id,
                item.statement.text,
                item.start,
                item.end,
            )
        for outlet in outlets:
            cells.setdefault(outlet.id, MatrixCell(CellState.ABSENT, None, None))
        present = sum(1 for c in cells.values() if c.state is not CellState.ABSENT)
        rows.append(
            (
                -present,
                min(order[i.statement.key] for i in group),
                MatrixRow(_label(group), claimant, cells, present == 1),
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    return ClaimMatrix(event_id, outlets, tuple(r[2] for r in rows))
