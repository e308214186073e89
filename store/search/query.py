"""Search the library: event titles, headlines, claims, then article bodies.

Every word of the query must occur as a word (ignoring case and accents);
the last word, unless the query ends in a space, may be the start of one, so
results follow typing. Headlines and bodies are looked up in the word index
kept beside the library (`store.search_index`), so a search reads the few
parts holding its words, not every body. Titles and claims are few and
scanned. Within each kind hits come newest first; `search` stops at `limit`.
"""

from __future__ import annotations

import bisect
import operator
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from store.db import word_index as search_index
from store.library import EventSummary, Library
from store.model import Article, Claim
from store.text.terms import folded_word_spans, folded_words

SNIPPET = 70


@dataclass(frozen=True, slots=True)
class SearchHit:
    """Where a query matched: an article (and the offset in its body, for
    body and claim hits) and a snippet to show."""

    event_id: str | None
    article_id: str
    where: str
    snippet: str
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Query:
    """The folded words of a query; `prefix` is a last word that may be the
    start of a longer one."""

    words: tuple[str, ...]
    prefix: str | None

    @classmethod
    def parse(cls, text: str) -> Query:
        words = folded_words(text)
        if words and len(words[-1]) > 1 and text[-1:].isalnum():
            return cls(tuple(words[:-1]), words[-1])
        return cls(tuple(words), None)

    def __bool__(self) -> bool:
        return bool(self.words) or self.prefix is not None

    def needles(self) -> list[str]:
        """What a `spaced_words` text holding the query contains."""
        return [f" {w} " for w in self.words] + ([f" {self.prefix}"] if self.prefix is not None else [])

    def matches(self, spaced: str) -> bool:
        """Whether a text, as `spaced_words` words, holds the query."""
        return all(needle in spaced for needle in self.needles())

    def first_offset(self, text: str) -> int:
        """Where in `text` the first word of the query occurs (0 if none)."""
        wanted = set(self.words)
        for offset, word in folded_word_spans(text):
            if word in wanted or (self.prefix is not None and word.startswith(self.prefix)):
                return offset
        return 0


def spaced_words(text: str) -> str:
    """A text's folded words between spaces, so that a word is `" w "` in it
    and a word start `" w"`: plain substring tests, no regular expressions."""
    return f" {' '.join(folded_words(text))} "


class _Titles:
    """Event titles as `spaced_words` words in one string, a line per event in
    the order of `Library.events()`, so one substring search finds the
    candidates. Rebuilt when the list changes; a title's words are worked
    out once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.spaced: dict[str, tuple[str, str]] = {}
        self.summaries: list[EventSummary] = []
        self.text = ""
        self.starts: list[int] = []

    def _of(self, summary: EventSummary) -> str:
        known = self.spaced.get(summary.id)
        if known is None or known[0] is not summary.title:
            known = self.spaced[summary.id] = (summary.title, spaced_words(summary.title))
        return known[1]

    def matching(self, summaries: list[EventSummary], query: Query) -> list[EventSummary]:
        with self.lock:
            if len(summaries) != len(self.summaries) or not all(map(operator.is_, summaries, self.summaries)):
                lines = [self._of(s) for s in summaries]
                self.starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
                self.text = "\n".join(lines)
                self.summaries = summaries
            text, starts, listed = self.text, self.starts, self.summaries
        needle = max(query.needles(), key=len)
        found: list[EventSummary] = []
        at = text.find(needle)
        while at >= 0:
            line = bisect.bisect_right(starts, at) - 1
            end = starts[line + 1] - 1
            if query.matches(text[starts[line] : end]):
                found.append(listed[line])
            at = text.find(needle, end)
        return found


_titles: weakref.WeakKeyDictionary[Library, _Titles] = weakref.WeakKeyDictionary()


def _snippet(text: str, at: int) -> str:
    start = max(0, at - SNIPPET // 3)
    piece = " ".join(text[start : start + SNIPPET].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def _title_hits(library: Library, query: Query) -> Iterator[SearchHit]:
    titles = _titles.get(library)
    if titles is None:
        titles = _titles.setdefault(library, _Titles())
    for summary in titles.matching(library.events(), query):
        if summary.article_ids:
            yield SearchHit(summary.id, summary.article_ids[0], "title", summary.title)


_claim_texts: weakref.WeakKeyDictionary[Library, dict[str, tuple[Claim, str]]] = weakref.WeakKeyDictionary()
"""Each claim's searchable text, kept while the claim object is the same:
the search dialog searches again on every keystroke."""


def _claim_hits(library: Library, query: Query) -> Iterator[SearchHit]:
    found = []
    known = _claim_texts.get(library, {})
    current: dict[str, tuple[Claim, str]] = {}
    for claim in library.claims():
        entry = known.get(claim.id)
        if entry is None or entry[0] is not claim:
            entry = (claim, spaced_words(" ".join((claim.quote, claim.claimant, claim.note, *claim.tags))))
        current[claim.id] = entry
        if query.matches(entry[1]):
            tagged = library.article(claim.article_id)
            if tagged is not None:
                found.append((tagged.date.isoformat() if tagged.date else "", claim, tagged.event_id))
    _claim_texts[library] = current
    found.sort(key=lambda f: f[0], reverse=True)
    for _, claim, event_id in found:
        yield SearchHit(event_id, claim.article_id, "claim", claim.quote, claim.anchor.start)


HIT_BODIES_KEPT = 500
_hit_bodies: weakref.WeakKeyDictionary[Library, OrderedDict[str, tuple[Article, str]]] = (
    weakref.WeakKeyDictionary()
)
_hit_bodies_lock = threading.Lock()


def _hit_body(library: Library, article: Article) -> str:
    """The body of an article a search hit, kept for the next searches: the
    search dialog searches again on every keystroke, mostly finding the same
    articles, whose bodies lie in as many parts as there are hits and would
    otherwise be read again each time (the library keeps few parts)."""
    with _hit_bodies_lock:
        kept = _hit_bodies.setdefault(library, OrderedDict())
        entry = kept.get(article.id)
        if entry is not None and entry[0] is article:
            kept.move_to_end(article.id)
            return entry[1]
    text = library.text(article.id)
    with _hit_bodies_lock:
        kept[article.id] = (article, text)
        while len(kept) > HIT_BODIES_KEPT:
            kept.popitem(last=False)
    return text


def _indexed_hits(
    library: Library, query: Query, ordinals: Sequence[int], ids: Sequence[str], where: str
) -> Iterator[SearchHit]:
    for ordinal in ordinals:
        article = library.article(ids[ordinal])
        if article is None:
            continue  # stored by another process after this one last looked
        if where == "headline":
            yield SearchHit(article.event_id, article.id, "headline", article.headline)
        else:
            body = _hit_body(library, article)
            at = query.first_offset(body)
            yield SearchHit(article.event_id, article.id, "body", _snippet(body, at), at)


def iter_search(library: Library, query: str) -> Iterator[SearchHit]:
    """Hits for `query`: titles, headlines, claims, then bodies, each newest
    first. Lazy: stop reading when you have enough."""
    parsed = Query.parse(query)
    if not parsed:
        return
    yield from _title_hits(library, parsed)
    found = search_index.match(library, parsed.words, parsed.prefix)
    yield from _indexed_hits(library, parsed, found.headlines, found.ids, "headline")
    yield from _claim_hits(library, parsed)
    yield from _indexed_hits(library, parsed, found.bodies, found.ids, "body")


def warm_up(library: Library) -> None:
    """Do now what the first search of a library would otherwise do: turn
    every title and claim into searchable text and read the word index's
    order of articles. A reader calls this in the background once it has
    drawn its first screen; it takes a quarter of a second at 50,000
    articles, which the first keystroke in the search box would wait for."""
    for _ in iter_search(library, WARM_UP_QUERY):
        pass


WARM_UP_QUERY = "zzqxj"
"""A word no text holds, so that warming up reads everything but finds nothing."""


def search(library: Library, query: str, limit: int = 100) -> list[SearchHit]:
    """Up to `limit` hits for `query`, cheap fields first, no duplicates."""
    hits: list[SearchHit] = []
    seen: set[tuple[str, str, int]] = set()
    for hit in iter_search(library, query):
        key = (hit.article_id, hit.where, hit.offset)
        if key in seen:
            continue
        seen.add(key)
        hits.append(hit)
        if len(hits) >= limit:
            break
    return hits
