"""The claim matrix of an event: rows are claims, columns are outlets.

Each cell says what that outlet's text does with the claim: quotes it (in
its own quote marks), reports it (attributed indirect speech), paraphrases
it (the words or the content without attribution), asserts it (in its own
voice), contradicts it (carries only a denial of it), or leaves it out. The
cells come from the text in every case, the user's tagged claims as much as
the suggestions: tagging marks a cell (`MatrixCell.tagged`) and never hides
what the other outlets' text shows.

Rows come from `store.coverage.alignment.group` over every statement of the
event: the user's claims, suggestions for the text they did not tag, and
the words of those found again verbatim in another outlet's article
(`store.coverage.echoes`). An allegation and its denial are two rows, each
with its own claimant, linked as contradicting (`MatrixRow.contradicts`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from store.coverage.alignment import (
    Grouping,
    Statement,
    claim_statements,
    group,
    is_fragment,
    same_speaker,
    score,
    unlinked_pairs,
)
from store.coverage.echoes import Target, word_spans
from store.coverage.provenance import copies_in, sources
from store.coverage.quotations import in_quotation, quoted_spans
from store.coverage.suggestions import OWN_VOICE, suggestions_for
from store.library import Library
from store.model import ClaimKind, Outlet
from store.text.sentences import split_sentences

LABEL_LENGTH = 90
SUB_QUOTE = 1.4
"""A statement this many times longer than words found in it holds them as
one part among others (see `echoes`)."""
MIN_FRAGMENT_WORDS = 2
"""A scare-quoted fragment this long is matched to another outlet's quotation."""
LONG_ECHO = 8
"""Words repeated verbatim that make a copy of a quotation a quotation
too, quote marks or not (a statement reproduced as a block)."""


class CellState(enum.StrEnum):
    QUOTED = "quoted"
    REPORTED = "reported"
    PARAPHRASED = "paraphrased"
    ASSERTED = "asserted"
    ABSENT = "absent"
    CONTRADICTED = "contradicted"


CARRIED = frozenset({CellState.QUOTED, CellState.REPORTED, CellState.PARAPHRASED, CellState.ASSERTED})
"""The states in which an outlet carries the claim itself."""


@dataclass(frozen=True)
class MatrixCell:
    """One outlet's version of a claim. `claim_id` is the user's claim shown
    here, if they tagged it; `start`/`end` locate `text` in the article."""

    state: CellState
    claim_id: str | None
    article_id: str | None
    text: str = ""
    start: int | None = None
    end: int | None = None
    places: tuple[tuple[int, int], ...] = ()
    """Every span of the article that carries the row's claim (the one
    shown first): one outlet may quote the same words twice."""

    @property
    def tagged(self) -> bool:
        """Whether the user tagged this cell's words as a claim."""
        return self.claim_id is not None


@dataclass(frozen=True)
class MatrixRow:
    label: str
    claimant: str
    cells: dict[str, MatrixCell]
    single_outlet: bool
    """Only one independent source carries the claim (an outlet, or several
    that ran the same wire copy)."""
    denial: bool = False
    """The row's claim denies another (see `contradicts`)."""
    contradicts: tuple[int, ...] = ()
    """Rows (indexes into `ClaimMatrix.rows`) this row's claim denies or is denied by."""


@dataclass(frozen=True)
class ClaimMatrix:
    event_id: str
    outlets: tuple[Outlet, ...]
    rows: tuple[MatrixRow, ...]
    copies: Mapping[str, str] = field(default_factory=dict)
    """Outlet id -> why its article is wire copy ("credits the wire agency
    Associated Press"): its cells are not independent coverage."""


def _texts(library: Library, article_ids: Iterable[str]) -> dict[str, str]:
    return {article_id: library.text(article_id) for article_id in article_ids}


def _with_quote_marks(statements: Iterable[Statement], texts: dict[str, str]) -> list[Statement]:
    """Tagged claims marked `direct` where their words stand in quote marks."""
    spans = {article_id: quoted_spans(text) for article_id, text in texts.items()}
    return [
        replace(s, direct=in_quotation(spans[s.article_id], s.start, s.end)) if s.article_id in spans else s
        for s in statements
    ]


def _suggested(library: Library, article_id: str, outlet_id: str) -> list[Statement]:
    return [
        Statement(
            f"suggestion:{article_id}:{s.key}",
            article_id,
            outlet_id,
            s.quote,
            s.speaker,
            s.kind,
            s.start,
            s.end,
            s.direct,
        )
        for s in suggestions_for(library, article_id)
    ]


def echoes(
    statements: Sequence[Statement], texts: dict[str, str], outlets: dict[str, str]
) -> list[Statement]:
    """The statements' words found verbatim in the event's other articles:
    where no statement of that article stands, or as the part of a longer
    statement there that carries them (one outlet's long quotation often
    holds what another quotes in two)."""
    targets = {article_id: Target(text) for article_id, text in texts.items()}
    spans = {article_id: quoted_spans(text) for article_id, text in texts.items()}
    standing: dict[str, list[tuple[int, int]]] = {a: [] for a in texts}
    for s in statements:
        if s.article_id in standing:
            standing[s.article_id].append((s.start, s.end))
    found: list[Statement] = []
    taken: dict[str, list[tuple[int, int]]] = {a: [] for a in texts}
    for s in sorted(statements, key=lambda s: s.start - s.end):  # longest first
        for article_id, target in targets.items():
            if outlets[article_id] == s.outlet_id:
                continue
            echo = target.echo_of(s.text)
            if echo is None or _overlaps(echo.start, echo.end, taken[article_id]):
                continue
            if any(_covers(lo, hi, echo.start, echo.end) for lo, hi in standing[article_id]):
                continue
            taken[article_id].append((echo.start, echo.end))
            direct = in_quotation(spans[article_id], echo.start, echo.end) or (
                s.direct and echo.words >= LONG_ECHO
            )
            found.append(
                Statement(
                    f"echo:{article_id}:{echo.start}:{echo.end}",
                    article_id,
                    outlets[article_id],
                    target.text[echo.start : echo.end],
                    s.speaker,
                    s.kind,
                    echo.start,
                    echo.end,
                    direct,
                    echo=True,
                )
            )
    return found


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(lo < end and start < hi for lo, hi in spans)


def _covers(lo: int, hi: int, start: int, end: int) -> bool:
    """Whether the statement at `lo:hi` already is what `start:end` finds:
    it overlaps it and is not much longer (else the echo is the part of it
    that carries the words)."""
    return (
        lo < end and start < hi and (hi - lo) <= SUB_QUOTE * (end - start) + (max(lo, start) - min(lo, start))
    )


def quoted_fragments(
    statements: Sequence[Statement], texts: dict[str, str], outlets: dict[str, str]
) -> list[Statement]:
    """Words an article puts in quote marks without saying whose they are
    (a scare-quoted "phony theology"), when another outlet quotes someone
    saying those very words: they are that speaker's words here too."""
    quoted = [s for s in statements if s.direct]
    found: list[Statement] = []
    for article_id, text in texts.items():
        standing = [(s.start, s.end) for s in statements if s.article_id == article_id]
        for start, end in quoted_spans(text):
            if _overlaps(start, end, standing):
                continue
            needle = [w.folded for w in word_spans(text[start:end])]
            if len(needle) < MIN_FRAGMENT_WORDS:
                continue
            source = next(
                (
                    q
                    for q in quoted
                    if q.outlet_id != outlets[article_id]
                    and Target(q.text).longest_run(needle)[0] == len(needle)
                ),
                None,
            )
            if source is not None:
                found.append(
                    Statement(
                        f"fragment:{article_id}:{start}:{end}",
                        article_id,
                        outlets[article_id],
                        text[start:end],
                        source.speaker,
                        source.kind,
                        start,
                        end,
                        direct=True,
                        echo=True,
                    )
                )
    return found


def sentence_parts(statements: Iterable[Statement]) -> list[Statement]:
    """Each sentence of the statements that hold several, as a statement of
    its own: another outlet may carry one of them without the others."""
    parts = []
    for s in statements:
        sentences = split_sentences(s.text)
        if len(sentences) < 2:
            continue
        for sentence in sentences:
            start, end = s.start + sentence.start, s.start + sentence.end
            parts.append(
                replace(
                    s,
                    key=f"part:{s.key}:{start}:{end}",
                    text=s.text[sentence.start : sentence.end],
                    start=start,
                    end=end,
                    claim_id=None,
                    part_of=s.key,
                )
            )
    return parts


def event_statements(library: Library, event_id: str) -> list[Statement]:
    """Every statement of the event: the user's claims, the suggestions for
    the text they did not tag, the echoes of both in other outlets, and the
    sentences of the longer ones."""
    summary = library.event(event_id)
    if summary is None:
        return []
    articles = [a for a in (library.article(i) for i in summary.article_ids) if a is not None]
    outlets = {a.id: a.outlet_id for a in articles}
    texts = _texts(library, outlets)
    statements = _with_quote_marks(claim_statements(library, event_id), texts)
    for article in articles:
        statements.extend(_suggested(library, article.id, article.outlet_id))
    statements += echoes(statements, texts, outlets)
    statements += quoted_fragments(statements, texts, outlets)
    return statements + sentence_parts(statements)


def _state(statement: Statement) -> CellState:
    if statement.direct:
        return CellState.QUOTED
    if statement.echo or not statement.speaker:
        return CellState.PARAPHRASED
    if statement.speaker == OWN_VOICE:
        return CellState.ASSERTED
    return CellState.REPORTED


def _looks_like_a_name(speaker: str) -> int:
    """How much a claimant looks like a proper name: its capitalised words
    ("Rick Perry" over "Texas governor"); the outlet itself counts least."""
    if speaker == OWN_VOICE:
        return -1
    return sum(1 for word in speaker.split() if word[:1].isupper())


def _claimant(statements: Sequence[Statement]) -> str:
    """Who makes the row's claim: the speaker most outlets name (one person
    however each outlet writes the name), in the fullest form given."""
    groups: list[list[Statement]] = []
    for s in statements:
        if not s.speaker:
            continue
        home = next((g for g in groups if same_speaker(g[0].speaker, s.speaker)), None)
        if home is None:
            groups.append([s])
        else:
            home.append(s)
    if not groups:
        return ""

    def weight(members: list[Statement]) -> tuple[int, int, int]:
        outlets = len({m.outlet_id for m in members})
        tagged = sum(1 for m in members if m.claim_id)
        return (tagged, outlets, max(_looks_like_a_name(m.speaker) for m in members))

    best = max(groups, key=weight)
    return max((m.speaker for m in best), key=lambda name: (_looks_like_a_name(name), len(name)))


def _label(statements: Sequence[Statement]) -> str:
    quotes = [s.text for s in statements if s.direct and len(s.text.split()) >= 2]
    text = min(quotes, key=len) if quotes else min((s.text for s in statements), key=len)
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def _shown(statements: Sequence[Statement], others: Sequence[Statement]) -> Statement:
    """The statement a cell shows of those one outlet has in a row: the
    user's claim, else the one most like the other outlets' statements,
    a quotation before a paraphrase, the fuller before the shorter."""

    def likeness(s: Statement) -> float:
        return max((score(s, o) for o in others), default=0.0)

    return min(
        statements,
        key=lambda s: (s.claim_id is None, -round(likeness(s), 2), s.echo, not s.direct, s.start - s.end),
    )


def _cells(members: Sequence[Statement], outlets: Sequence[Outlet]) -> dict[str, MatrixCell]:
    by_outlet: dict[str, list[Statement]] = {}
    for s in members:
        by_outlet.setdefault(s.outlet_id, []).append(s)
    cells = {}
    for outlet in outlets:
        found = by_outlet.get(outlet.id)
        if not found:
            cells[outlet.id] = MatrixCell(CellState.ABSENT, None, None)
            continue
        s = _shown(found, [m for m in members if m.outlet_id != outlet.id])
        places = [(s.start, s.end)] + sorted(
            {(m.start, m.end) for m in found if m.article_id == s.article_id} - {(s.start, s.end)}
        )
        cells[outlet.id] = MatrixCell(
            _state(s), s.claim_id, s.article_id, s.text, s.start, s.end, tuple(places)
        )
    return cells


def _links(library: Library, statements: Iterable[Statement]) -> list[tuple[str, str]]:
    """The user's links between the event's tagged claims."""
    keys = {s.claim_id for s in statements if s.claim_id}
    pairs: list[tuple[str, str]] = []
    for claim_id in sorted(keys):  # type: ignore[type-var]
        claim = library.claim(claim_id)
        pairs.extend((claim_id, other) for other in (claim.links if claim else ()) if other in keys)
    return pairs


def _rows(grouping: Grouping, outlets: Sequence[Outlet], source_of: Mapping[str, str]) -> list[MatrixRow]:
    rows = []
    for members in grouping.rows:
        rows.append(
            MatrixRow(
                _label(members),
                _claimant(members),
                _cells(members, outlets),
                single_outlet=False,
                denial=any(s.kind is ClaimKind.DENIAL for s in members),
            )
        )
    denied_by: dict[int, list[int]] = {}
    for pair in grouping.contradicting:
        a, b = sorted(pair)
        denied_by.setdefault(a, []).append(b)
        denied_by.setdefault(b, []).append(a)
    finished = []
    for index, row in enumerate(rows):
        cells = dict(row.cells)
        if not row.denial:
            for other in denied_by.get(index, ()):
                for outlet_id, cell in rows[other].cells.items():
                    if cells[outlet_id].state is CellState.ABSENT and cell.state is not CellState.ABSENT:
                        cells[outlet_id] = replace(cell, state=CellState.CONTRADICTED)
        carried = {source_of.get(o, o) for o, c in cells.items() if c.state in CARRIED}
        finished.append(
            replace(
                row,
                cells=cells,
                single_outlet=len(carried) == 1,
                contradicts=tuple(sorted(denied_by.get(index, ()))),
            )
        )
    return finished


def _ordered(rows: list[MatrixRow]) -> tuple[MatrixRow, ...]:
    """Rows carried by most outlets first (ties in reading order), with
    `contradicts` renumbered to match."""
    order = sorted(
        range(len(rows)), key=lambda i: (-sum(c.state in CARRIED for c in rows[i].cells.values()), i)
    )
    new_index = {old: new for new, old in enumerate(order)}
    return tuple(
        replace(rows[old], contradicts=tuple(sorted(new_index[i] for i in rows[old].contradicts)))
        for old in order
    )


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
    statements = event_statements(library, event_id)
    grouping = group(statements, unlinked_pairs(library), _links(library, statements))
    grouping = _without_repeats(_absorbed(grouping))
    copies = copies_in(library, summary) if summary else {}
    articles = [a for a in (library.article(i) for i in (summary.article_ids if summary else ())) if a]
    copied = {a.outlet_id: copies[a.id].reason for a in articles if a.id in copies}
    rows = _rows(grouping, outlets, sources(articles, copies))
    return ClaimMatrix(event_id, outlets, _ordered(rows), copied)


def _absorbed(grouping: Grouping) -> Grouping:
    """Rows whose every statement is a fragment of a statement of the same
    article in another row, merged into that row: "phony theology" quoted
    by three outlets is the full quotation each of them also carries."""
    rows = [list(r) for r in grouping.rows]
    into: dict[int, int] = {}
    for i, row in enumerate(rows):
        for j, other in enumerate(rows):
            if i == j or j in into or len(other) <= len(row):
                continue
            if all(any(o.article_id == s.article_id and is_fragment(s, o) for o in other) for s in row):
                into[i] = j
                break

    def home(i: int) -> int:
        while i in into:
            i = into[i]
        return i

    for i in into:
        rows[home(i)].extend(rows[i])
    kept = [i for i in range(len(rows)) if i not in into]
    renumber = {old: new for new, old in enumerate(kept)}
    return Grouping(
        [rows[i] for i in kept],
        {
            pair
            for pair in (frozenset(renumber[home(i)] for i in p) for p in grouping.contradicting)
            if len(pair) == 2
        },
        grouping.links,
    )


def _without_repeats(grouping: Grouping) -> Grouping:
    """The rows less those that only repeat another row's words: a sentence
    of a longer statement that no other outlet carries (the longer one has
    its row), and a longer statement whose every sentence made a row with
    another outlet."""
    outlets_of = [{s.outlet_id for s in row} for row in grouping.rows]
    shared_parts = {
        s.key for row, outlets in zip(grouping.rows, outlets_of, strict=True) if len(outlets) > 1 for s in row
    }
    parts_of: dict[str, list[str]] = {}
    for row in grouping.rows:
        for s in row:
            if s.part_of:
                parts_of.setdefault(s.part_of, []).append(s.key)

    def repeats(row: list[Statement], outlets: set[str]) -> bool:
        if len(outlets) > 1 or any(s.claim_id for s in row):
            return False
        if all(s.part_of for s in row):
            return True
        return all(s.key in parts_of and all(p in shared_parts for p in parts_of[s.key]) for s in row)

    kept = [i for i, row in enumerate(grouping.rows) if not repeats(row, outlets_of[i])]
    renumber = {old: new for new, old in enumerate(kept)}
    return Grouping(
        [grouping.rows[i] for i in kept],
        {
            frozenset(renumber[i] for i in pair)
            for pair in grouping.contradicting
            if all(i in renumber for i in pair)
        },
        grouping.links,
    )
