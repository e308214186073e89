"""Alignment: which claims in different outlets state the same thing.

Two statements match when they share meaning words (Jaccard overlap, or
containment for a short fragment such as "pure fiction" inside a longer
quote), share a two-word phrase verbatim ("pure fiction", "24 hours"), and
come from the same speaker. Statements from two different named speakers
only match on strong verbatim overlap. Each statement links only to its
mutual best match in another article, so one loose word cannot chain a whole
event into one row.

Links made here are recorded; if one later disappears while both claims
still exist, the user unlinked it, and it is never made again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from store.library import Library
from store.model import ClaimKind
from store.text.terms import content_words

AUTO_LINKS_TABLE = "auto_claim_links"
UNLINKED_TABLE = "unlinked_claims"
THRESHOLD = 0.38
STRONG = 0.6
"""A match this sure links even when it is not the mutual best."""


@dataclass(frozen=True)
class Statement:
    """A claim or a suggestion, as alignment compares them."""

    key: str
    article_id: str
    outlet_id: str
    text: str
    speaker: str
    kind: ClaimKind


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


def _score(a: Statement, b: Statement, fa: _Features, fb: _Features) -> float:
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
    speaker = same_speaker(a.speaker, b.speaker)
    if speaker is False and phrases < 2:
        return 0.0
    value = max(jaccard, 0.5 * containment) + 0.25 * min(phrases, 2)
    if speaker:
        value += 0.2 + (0.15 if a.kind == b.kind else 0.0)
    return value


def align(statements: Sequence[Statement], refused: Iterable[frozenset[str]] = ()) -> list[tuple[str, str]]:
    """Pairs of statement keys (in different outlets) that state the same
    thing: mutual best matches between each pair of articles."""
    refused = set(refused)
    features = {s.key: _features(s) for s in statements}
    by_article: dict[str, list[Statement]] = {}
    for statement in statements:
        by_article.setdefault(statement.article_id, []).append(statement)
    articles = sorted(by_article)
    pairs: list[tuple[str, str]] = []
    for i, first in enumerate(articles):
        for second in articles[i + 1 :]:
            left, right = by_article[first], by_article[second]
            if left[0].outlet_id == right[0].outlet_id:
                continue
            scores = {
                (x.key, y.key): _score(x, y, features[x.key], features[y.key]) for x in left for y in right
            }
            best_left = {x.key: max((scores[x.key, y.key], y.key) for y in right)[1] for x in left}
            best_right = {y.key: max((scores[x.key, y.key], x.key) for x in left)[1] for y in right}
            found = {
                (x, y) for x, y in best_left.items() if best_right.get(y) == x and scores[x, y] >= THRESHOLD
            }
            # A second quote of the same statement in one article ("pure fiction",
            # then the full sentence) joins when it matches strongly.
            found |= {(x, y) for x, y in best_left.items() if scores[x, y] >= STRONG}
            found |= {(x, y) for y, x in best_right.items() if scores[x, y] >= STRONG}
            pairs.extend(sorted(p for p in found if frozenset(p) not in refused))
    return pairs


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
            Statement(claim.id, claim.article_id, article.outlet_id, claim.quote, claim.claimant, claim.kind)
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
