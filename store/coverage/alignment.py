"""Alignment: which statements in different outlets are the same claim, and
which deny one another.

Two statements match when they share meaning words (Jaccard overlap, or
containment for a short fragment such as "pure fiction" inside a longer
quote), share a two-word phrase verbatim ("pure fiction", "24 hours"), and
come from the same speaker. Statements from two different named speakers
only match on strong verbatim overlap.

Rows are built best match first, like the grouping of articles into events:
the two most alike rows are joined while their best link clears the bar,
and never so that one article says two different things in one row (a
fragment of a statement, "pure fiction" beside the full quotation, is the
same statement). A denial never joins the claim it denies: the two stay
rows of their own, each with its own claimant, linked as contradicting.

Links made here between the user's claims are recorded; if one later
disappears while both claims still exist, the user unlinked it, and it is
never made again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from store.library import Library
from store.model import ClaimKind
from store.text.terms import content_words

AUTO_LINKS_TABLE = "auto_claim_links"
UNLINKED_TABLE = "unlinked_claims"
THRESHOLD = 0.38
"""The score two statements need to be one claim (or one the other's denial)."""
MIN_CONTENT = 0.25
"""What two statements must share in words, whoever says them: one speaker
says many things in one event, and a shared name is no shared claim."""
OTHER_SPEAKER_PHRASES = 3
"""Two-word phrases two statements of different named speakers must share
(the same words put in another mouth, or one quoting the other)."""


@dataclass(frozen=True)
class Statement:
    """A tagged claim, a suggestion, or words found again in another outlet,
    as alignment compares them. `start`/`end` locate `text` in its article."""

    key: str
    article_id: str
    outlet_id: str
    text: str
    speaker: str
    kind: ClaimKind
    start: int = 0
    end: int = 0
    direct: bool = False
    """The words stand in the article's own quote marks."""
    claim_id: str | None = None
    """The user's claim this statement is, if they tagged it."""
    echo: bool = False
    """Words of another outlet's statement found again here (see `echoes`)."""
    part_of: str | None = None
    """The key of the longer statement this is one sentence of."""


def _speaker_words(speaker: str) -> set[str]:
    return set(content_words(speaker))


def same_speaker(a: str, b: str) -> bool | None:
    """True or False when both are known, None when either is not."""
    wa, wb = _speaker_words(a), _speaker_words(b)
    if not wa or not wb:
        return None
    return bool(wa <= wb or wb <= wa or a.split()[-1].casefold() == b.split()[-1].casefold())


def _bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


@dataclass(frozen=True)
class _Features:
    words: tuple[str, ...]
    speaker: frozenset[str]


def _features(statement: Statement) -> _Features:
    return _Features(tuple(content_words(statement.text)), frozenset(_speaker_words(statement.speaker)))


def score(a: Statement, b: Statement) -> float:
    """How surely `a` and `b` state the same thing (0 = not at all)."""
    return _score(a, b, _features(a), _features(b))


def _score(a: Statement, b: Statement, fa: _Features, fb: _Features, weak: bool = False) -> float:
    """`weak`: for two reported statements of one speaker, little shared
    wording is enough (see `group`)."""
    speakers = fa.speaker | fb.speaker
    wa = [w for w in fa.words if w not in speakers]
    wb = [w for w in fb.words if w not in speakers]
    sa, sb = set(wa), set(wb)
    if not sa or not sb:
        return 0.0
    shared = sa & sb
    if not shared:
        return 0.0
    jaccard = len(shared) / len(sa | sb)
    small = min(len(sa), len(sb))
    containment = len(shared) / small if small >= 2 else 0.0
    phrases = len(_bigrams(wa) & _bigrams(wb))
    content = max(jaccard, 0.5 * containment) + 0.25 * min(phrases, 2)
    speaker = same_speaker(a.speaker, b.speaker)
    if speaker is False and phrases < OTHER_SPEAKER_PHRASES:
        return 0.0
    if content < MIN_CONTENT and not (speaker and weak):
        return 0.0
    if speaker:
        content += 0.2 + (0.15 if a.kind == b.kind else 0.0)
    return content


def denies(a: Statement, b: Statement) -> bool:
    """Whether matching `a` and `b` means one denies the other: exactly one
    is a denial, and not by the one who makes the other claim."""
    if (a.kind is ClaimKind.DENIAL) == (b.kind is ClaimKind.DENIAL):
        return False
    return same_speaker(a.speaker, b.speaker) is not True


def is_fragment(a: Statement, b: Statement) -> bool:
    """Whether two statements of one article are one statement: their spans
    overlap, or one's meaning words all stand in the other (a headline's
    "pure fiction" and the full quotation), from the same speaker."""
    if a.article_id != b.article_id or a.kind != b.kind and ClaimKind.DENIAL in (a.kind, b.kind):
        return False
    if a.start < b.end and b.start < a.end:
        return True
    wa, wb = set(content_words(a.text)), set(content_words(b.text))
    contained = len(min(wa, wb, key=len)) >= 2 and (wa <= wb or wb <= wa)
    return contained and same_speaker(a.speaker, b.speaker) is not False


@dataclass
class Grouping:
    """Statements in rows (each row one claim), and which rows deny which."""

    rows: list[list[Statement]]
    contradicting: set[frozenset[int]] = field(default_factory=set)
    """Pairs of row indices: one row's claim is denied by the other's."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """The pairs of statement keys that joined rows, best first."""


class _Rows:
    """Union-find over statements, refusing a union that would give one
    article two different statements in one row."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        self.parent = {s.key: s.key for s in statements}
        self.members = {s.key: [s] for s in statements}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def can_join(self, a: str, b: str, refused: set[frozenset[str]]) -> bool:
        left, right = self.members[self.find(a)], self.members[self.find(b)]
        for x in left:
            for y in right:
                if frozenset((x.key, y.key)) in refused:
                    return False
                if x.article_id == y.article_id and not is_fragment(x, y):
                    return False
        return True

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra].extend(self.members.pop(rb))


def group(
    statements: Sequence[Statement],
    refused: Iterable[frozenset[str]] = (),
    links: Iterable[tuple[str, str]] = (),
) -> Grouping:
    """The event's statements in rows. `links` are the user's (joined first,
    unless one denies the other); `refused` pairs never share a row."""
    refused = set(refused)
    by_key = {s.key: s for s in statements}
    features = {s.key: _features(s) for s in statements}
    rows = _Rows(statements)
    denials: list[tuple[str, str]] = []
    for a, b in links:
        if a in by_key and b in by_key:
            if denies(by_key[a], by_key[b]):
                denials.append((a, b))
            else:
                rows.join(a, b)
    candidates: list[tuple[float, str, str]] = []
    ordered = list(statements)
    position = {s.key: n for n, s in enumerate(ordered)}
    weak: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    for i, x in enumerate(ordered):
        for y in ordered[i + 1 :]:
            if x.article_id == y.article_id:
                if denies(x, y) and _score(x, y, features[x.key], features[y.key]) >= THRESHOLD:
                    denials.append((x.key, y.key))  # "Kiev denied the Post's claim that …"
                continue
            if x.outlet_id == y.outlet_id:
                continue
            value = _score(x, y, features[x.key], features[y.key])
            if value >= THRESHOLD:
                candidates.append((value, x.key, y.key))
            elif not (x.direct or y.direct):
                value = _score(x, y, features[x.key], features[y.key], weak=True)
                if value >= THRESHOLD:
                    weak.setdefault((x.article_id, y.article_id), []).append((value, x.key, y.key))
    candidates += _mutual_best(weak)
    joined: list[tuple[str, str]] = []
    for _, a, b in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if denies(by_key[a], by_key[b]):
            denials.append((a, b))
        elif rows.find(a) != rows.find(b) and rows.can_join(a, b, refused):
            rows.join(a, b)
            joined.append((a, b))
    roots = sorted(rows.members, key=lambda r: min(position[s.key] for s in rows.members[r]))
    index = {root: n for n, root in enumerate(roots)}
    contradicting = {
        frozenset((index[rows.find(a)], index[rows.find(b)]))
        for a, b in denials
        if rows.find(a) != rows.find(b)
    }
    return Grouping([rows.members[r] for r in roots], contradicting, joined)


def _mutual_best(weak: dict[tuple[str, str], list[tuple[float, str, str]]]) -> list[tuple[float, str, str]]:
    """Of the weak pairs between two articles, those that are each other's
    best: one source's report ("the Washington Post said…") is worded
    differently by every outlet, but two reports of one source in one event
    are most often the same claim."""
    found = []
    for pairs in weak.values():
        best_of: dict[str, tuple[float, str]] = {}
        for value, x, y in pairs:
            for key, other in ((x, y), (y, x)):
                if value > best_of.get(key, (0.0, ""))[0]:
                    best_of[key] = (value, other)
        found += [(v, x, y) for v, x, y in pairs if best_of[x][1] == y and best_of[y][1] == x]
    return found


def align(statements: Sequence[Statement], refused: Iterable[frozenset[str]] = ()) -> list[tuple[str, str]]:
    """Pairs of statement keys in different outlets that state the same claim."""
    by_key = {s.key: s for s in statements}
    return [(a, b) for a, b in group(statements, refused).links if by_key[a].outlet_id != by_key[b].outlet_id]


def _pair_key(a: str, b: str) -> str:
    return ":".join(sorted((a, b)))


def unlinked_pairs(library: Library) -> set[frozenset[str]]:
    """Pairs of claims the user unlinked: explicitly, or by removing a link
    that alignment had made (its record stays, the link is gone)."""
    refused = {frozenset((r["a"], r["b"])) for r in library.records(UNLINKED_TABLE).values()}
    for record in library.records(AUTO_LINKS_TABLE).values():
        first, second = library.claim(record["a"]), library.claim(record["b"])
        if first is not None and second is not None and second.id not in first.links:
            refused.add(frozenset((first.id, second.id)))
    return refused


def unlink_claims(library: Library, first_id: str, second_id: str) -> None:
    """Unlink two claims and remember it, so alignment never relinks them."""
    library.link_claims(first_id, second_id, linked=False)
    library.put_record(UNLINKED_TABLE, _pair_key(first_id, second_id), {"a": first_id, "b": second_id})


def claim_statements(library: Library, event_id: str) -> list[Statement]:
    """The event's tagged claims as statements."""
    statements = []
    for claim in library.claims(event_id=event_id):
        article = library.article(claim.article_id)
        if article is None:
            continue
        statements.append(
            Statement(
                claim.id,
                claim.article_id,
                article.outlet_id,
                claim.quote,
                claim.claimant,
                claim.kind,
                claim.anchor.start,
                claim.anchor.end,
                claim_id=claim.id,
            )
        )
    return statements


def align_event(library: Library, event_id: str) -> int:
    """Link the event's claims that state the same thing across outlets;
    returns how many new links were made."""
    refused = unlinked_pairs(library)
    made = 0
    for a, b in align(claim_statements(library, event_id), refused):
        first = library.claim(a)
        if first is None or b in first.links:
            continue
        library.link_claims(a, b)
        library.put_record(AUTO_LINKS_TABLE, _pair_key(a, b), {"a": a, "b": b})
        made += 1
    return made
