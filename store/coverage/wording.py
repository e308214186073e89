"""Wording: the words each outlet uses for an event that the others do not.

Outlets name the same things differently ("Kyiv" or "Kiev", "war" or
"conflict"). For each outlet we count the meaning words of its articles in
the event and keep those no other outlet uses. Words with a counterpart in
another outlet come first: a spelling variant (same first letter, at most
two letters apart) or a word used in the same place (after the same word:
"Ukraine war" against "Ukraine conflict").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from store.library import Library
from store.text.terms import STOPWORDS, WORD, normalise

TERMS_PER_OUTLET = 15


@dataclass(frozen=True)
class OutletWording:
    """`terms`: (word, count), best first; `counterparts`: (word, the other
    outlets' word for the same thing)."""

    outlet_id: str
    terms: tuple[tuple[str, int], ...]
    counterparts: tuple[tuple[str, str], ...] = ()


@dataclass
class _Usage:
    counts: Counter[str]
    surface: dict[str, Counter[str]]
    left: dict[str, set[str]]


def _usage(texts: list[str]) -> _Usage:
    usage = _Usage(Counter(), defaultdict(Counter), defaultdict(set))
    for text in texts:
        previous = ""
        for match in WORD.finditer(text):
            word = normalise(match.group())
            if word in STOPWORDS or len(word) < 3 or word.isdigit():
                previous = "" if word in STOPWORDS else word
                continue
            usage.counts[word] += 1
            usage.surface[word][match.group().replace("’s", "").replace("'s", "")] += 1
            if previous:
                usage.left[word].add(previous)
            previous = word
    return usage


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short words only, so plain dynamic programming)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        new = [i]
        for j, cb in enumerate(b, 1):
            new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (ca != cb)))
        row = new
    return row[-1]


def _variant(a: str, b: str, proper: bool) -> bool:
    """Spellings of one name (Kyiv, Kiev) or one word (defence, defense)."""
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    distance = _distance(a, b)
    return distance <= 2 if proper else distance == 1 and min(len(a), len(b)) >= 6


def _proper(usage: _Usage, word: str) -> bool:
    return usage.surface[word].most_common(1)[0][0][:1].isupper()


def wording_differences(library: Library, event_id: str) -> list[OutletWording]:
    """For each outlet of the event, the words only it uses, with counts."""
    summary = library.event(event_id)
    if summary is None:
        return []
    texts: dict[str, list[str]] = defaultdict(list)
    for article_id in summary.article_ids:
        article = library.article(article_id)
        if article is not None:
            texts[article.outlet_id].extend([article.headline, library.text(article_id)])
    if len(texts) < 2:
        return []  # One outlet has no one to differ from.
    usage = {outlet: _usage(found) for outlet, found in texts.items()}
    result = []
    for outlet, mine in usage.items():
        others = [u for o, u in usage.items() if o != outlet]
        used_elsewhere = set().union(*(u.counts.keys() for u in others)) if others else set()
        only = [w for w in mine.counts if w not in used_elsewhere]
        theirs_only = {w: u for u in others for w in u.counts if w not in mine.counts}
        pairs: dict[str, str] = {}
        for word in only:
            for other, their in theirs_only.items():
                proper = _proper(mine, word) and _proper(their, other)
                same_place = bool(mine.left[word] & their.left[other])
                frequent = mine.counts[word] >= 2 and their.counts[other] >= 2
                if _variant(word, other, proper) or (same_place and frequent):
                    pairs[word] = their.surface[other].most_common(1)[0][0]
                    break
        ranked = sorted(only, key=lambda w: (w not in pairs, -mine.counts[w], w))
        chosen = [w for w in ranked if w in pairs or mine.counts[w] >= 2][:TERMS_PER_OUTLET]
        surface = {w: mine.surface[w].most_common(1)[0][0] for w in chosen}
        result.append(
            OutletWording(
                outlet,
                tuple((surface[w], mine.counts[w]) for w in chosen),
                tuple((surface[w], pairs[w]) for w in chosen if w in pairs),
            )
        )
    return sorted(result, key=lambda r: r.outlet_id)
