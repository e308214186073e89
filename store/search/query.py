"""Search the library: event titles, headlines, claims and article bodies,
answered by SQLite FTS5 from the catalog's full-text rows (`store.db.catalog`).

What a query may hold:

- words: each must occur as a whole word, ignoring case and accents;
- "a phrase" in quotes: these words, in this order, next to each other;
- while typing, the last word may be the start of a longer one (unless the
  query ends in a space or a closing quote, or the word is one letter);
- `outlet:NAME` (`outlet:"New York"`): only articles of an outlet whose name
  holds NAME; several: any of them;
- `since:DATE`, `until:DATE` (both days included), `date:DATE` (within it),
  `after:DATE`, `before:DATE` (days after, before it), where DATE is
  `2024`, `2024-11` or `2024-11-11`: by the article's date, and an undated
  article passes no date filter.

Hits come by kind (titles, then headlines, claims, bodies), and within a
kind by relevance (FTS5's bm25) or newest first. Each hit carries a snippet
of plain text and the spans of it that matched, so the screen can mark them
without the text ever being read as markup.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from store.db.catalog import MARK_END, MARK_START, Filters, Match
from store.library import Library
from store.text.terms import folded_words

SNIPPET = 80
"""Characters of body text around the first matched word."""
ORDERS = ("relevance", "date")
KINDS = ("title", "headline", "claim", "body")
FILTER_NAMES = frozenset({"outlet", "since", "until", "date", "after", "before"})
_WORD = re.compile(r"[^\W_]+")
_QUOTES = '"“”„«»'
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """Where a query matched: an article (and the offset in its body, for
    body and claim hits), a snippet to show, and the spans of the snippet
    that matched (start, end)."""

    event_id: str | None
    article_id: str
    where: str
    snippet: str
    offset: int = 0
    highlights: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase to find; `prefix`: its last word may be the start of one."""

    text: str
    prefix: bool = False

    def expression(self) -> str:
        """As an FTS5 string: quoted, so nothing in it is read as syntax."""
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    """A parsed query: what to find, and the filters (see the module)."""

    terms: tuple[Term, ...] = ()
    outlets: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    problems: tuple[str, ...] = field(default=())
    """Filters that could not be read, each as a line for the user."""

    def __bool__(self) -> bool:
        return bool(self.terms)

    def expression(self) -> str:
        return " ".join(t.expression() for t in self.terms)


def parse_query(text: str, *, typing: bool = True) -> Query:
    """Words, phrases and filters of what the user typed. A word ending in
    `*` may be the start of a longer one; with `typing` (a search box that
    searches as the user types), so may the last word."""
    terms: list[Term] = []
    outlets: list[str] = []
    since: dt.date | None = None
    until: dt.date | None = None
    problems: list[str] = []
    for token, quoted in _tokens(text):
        name, colon, value = token.partition(":")
        if not quoted and colon and name.casefold() in FILTER_NAMES:
            name = name.casefold()
            value = value.strip(_QUOTES)
            if name == "outlet":
                if value.strip():
                    outlets.append(value.strip())
                continue
            period = _period(value)
            if period is None:
                problems.append(f"{name}:{value} is not a date (write 2024, 2024-11 or 2024-11-11)")
                continue
            since, until = _narrowed(name, period, since, until)
            continue
        found = [" ".join(token.split())] if quoted else _WORD.findall(token)
        found = [f for f in found if any(ch.isalnum() for ch in f)]
        terms.extend(Term(f) for f in found)
        if found and not quoted and token.endswith("*"):
            terms[-1] = Term(terms[-1].text, prefix=True)
    # While typing (the query ends in a letter or digit, not a space or a
    # closing quote), the last word may be the start of a longer one.
    typing = typing and bool(text) and text[-1].isalnum() and _last_is_words(text)
    if terms and typing and len(_WORD.findall(terms[-1].text)[-1]) > 1:
        terms[-1] = Term(terms[-1].text, prefix=True)
    return Query(tuple(terms), tuple(outlets), since, until, tuple(problems))


def _narrowed(
    name: str, period: tuple[dt.date, dt.date], since: dt.date | None, until: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The date range after one more date filter."""
    first, last = period
    day = dt.timedelta(days=1)
    low = {"since": first, "date": first, "after": last + day}.get(name)
    high = {"until": last, "date": last, "before": first - day}.get(name)
    if low is not None:
        since = max(since, low) if since else low
    if high is not None:
        until = min(until, high) if until else high
    return since, until


def _tokens(text: str) -> Iterator[tuple[str, bool]]:
    """(token, quoted) in order: phrases in quotes (the last one maybe not
    closed yet), and runs of anything else between spaces
    (`outlet:"New York"` is one token)."""
    at, end = 0, len(text)
    while at < end:
        ch = text[at]
        if ch.isspace():
            at += 1
            continue
        if ch in _QUOTES:
            close = next((i for i in range(at + 1, end) if text[i] in _QUOTES), -1)
            yield text[at + 1 : close if close >= 0 else end], True
            at = close + 1 if close >= 0 else end
            continue
        start = at
        while at < end and not text[at].isspace():
            if text[at] in _QUOTES and at > start and text[at - 1] == ":":
                close = next((i for i in range(at + 1, end) if text[i] in _QUOTES), -1)
                at = close + 1 if close >= 0 else end
                continue
            if text[at] in _QUOTES:
                break
            at += 1
        yield text[start:at], False


def _last_is_words(text: str) -> bool:
    """Whether the query's last token is words (not a filter)."""
    tokens = list(_tokens(text))
    if not tokens:
        return False
    token, quoted = tokens[-1]
    name, colon, _ = token.partition(":")
    return quoted or not (colon and name.casefold() in FILTER_NAMES)


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of `2024`, `2024-11` or `2024-11-11`."""
    found = _DATE.fullmatch(value.strip())
    if found is None:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None


def outlet_ids(library: Library, names: Sequence[str]) -> tuple[str, ...] | None:
    """The outlets whose name holds any of `names` (ignoring case and
    accents), or whose id is one of them; None when no filter was given."""
    if not names:
        return None
    wanted = [" ".join(folded_words(n)) for n in names]
    found = []
    for outlet in library.outlets():
        folded = f" {' '.join(folded_words(outlet.name))} "
        if outlet.id in names or any(w and f" {w}" in folded for w in wanted):
            found.append(outlet.id)
    return tuple(found)


# -- snippets ------------------------------------------------------------------------


def unmark(marked: str) -> tuple[str, tuple[Span, ...]]:
    """Text as FTS5's highlight() gave it, without its marks, and the spans
    the marks were around."""
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    start = -1
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            if start >= 0:
                spans.append((start, length))
            start = -1
        elif piece:
            out.append(piece)
            length += len(piece)
    return "".join(out), tuple(spans)


def one_line(
    text: str, spans: Sequence[Span], start: int = 0, end: int | None = None
) -> tuple[str, tuple[Span, ...]]:
    """text[start:end] with every run of white space as one space, and the
    spans (of the whole text) moved to where they are in it."""
    end = len(text) if end is None else end
    out: list[str] = []
    where: dict[int, int] = {}
    space = False
    for i in range(start, end):
        where[i] = len(out)
        ch = text[i]
        if ch.isspace():
            if not space and out:
                out.append(" ")
            space = True
            continue
        space = False
        out.append(ch)
    where[end] = len(out)
    moved = []
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = where[max(a, start)], where[min(b, end)]
        if b > a:
            moved.append((a, b))
    line = "".join(out)
    while line.endswith(" "):
        line = line[:-1]
    return line, tuple((a, min(b, len(line))) for a, b in moved if a < len(line))


def cut_snippet(text: str, spans: Sequence[Span], width: int = SNIPPET) -> tuple[str, tuple[Span, ...], int]:
    """About `width` characters of `text` on one line around its first
    matched word, "…" where it was cut; the spans in it, and the offset of
    the first match in `text`."""
    at = spans[0][0] if spans else 0
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    # Whole words at both ends, when a space is near.
    if start:
        space = text.find(" ", start, min(at, start + 15))
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", max(start, end - 15), end)
        end = space if space > (spans[0][1] if spans else start) else end
    line, moved = one_line(text, spans, start, end)
    lead = "…" if start else ""
    tail = "…" if end < len(text) else ""
    shifted = tuple((a + len(lead), b + len(lead)) for a, b in moved)
    return lead + line + tail, shifted, at


# -- searching ------------------------------------------------------------------------


def _hit(match: Match, where: str) -> SearchHit:
    text, spans = unmark(match.marked)
    if where == "body":
        snippet, shown, offset = cut_snippet(text, spans)
        return SearchHit(match.event_id, match.article_id, where, snippet, offset, shown)
    snippet, shown = one_line(text, spans)
    offset = match.start if where == "claim" else 0
    return SearchHit(match.event_id, match.article_id, where, snippet, offset, shown)


def iter_search(
    library: Library, query: str | Query, *, order: str = "relevance", per_kind: int = 100
) -> Iterator[SearchHit]:
    """Hits for `query`: titles, headlines, claims, then bodies, each kind
    by `order` ("relevance" or "date", newest first), up to `per_kind` of
    each. Lazy: a kind is only searched when the ones before are used up."""
    if order not in ORDERS:
        raise ValueError(f"order is one of {', '.join(ORDERS)} (got {order!r})")
    parsed = parse_query(query) if isinstance(query, str) else query
    if not parsed:
        return
    filters = Filters(outlet_ids(library, parsed.outlets), parsed.since, parsed.until)
    if filters.outlet_ids == ():
        return
    expression = parsed.expression()
    catalog = library.catalog
    catalog.prepare_search()
    for match in catalog.match_titles(expression, filters, order, per_kind):
        yield _hit(match, "title")
    for match in catalog.match_texts(expression, "headline", filters, order, per_kind):
        yield _hit(match, "headline")
    for match in catalog.match_claims(expression, filters, order, per_kind):
        yield _hit(match, "claim")
    for match in catalog.match_texts(expression, "body", filters, order, per_kind):
        yield _hit(match, "body")


def warm_up(library: Library) -> None:
    """Do now what the first search of a library would otherwise do: check
    (and where needed derive) the full-text rows, and read the index's
    structure once. A reader calls this in the background once it has drawn
    its first screen."""
    for _ in iter_search(library, WARM_UP_QUERY):
        pass


WARM_UP_QUERY = "zzqxj"
"""A word no text holds, so that warming up reads the index but finds nothing."""


def search(
    library: Library, query: str | Query, limit: int = 100, *, order: str = "relevance"
) -> list[SearchHit]:
    """Up to `limit` hits for `query`, titles first, no duplicates."""
    hits: list[SearchHit] = []
    seen: set[tuple[str, str, int]] = set()
    for hit in iter_search(library, query, order=order, per_kind=limit):
        key = (hit.article_id, hit.where, hit.offset)
        if key in seen:
            continue
        seen.add(key)
        hits.append(hit)
        if len(hits) >= limit:
            break
    return hits
