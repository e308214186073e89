"""Event grouping: which articles report the same happening.

Method, and why. Each article becomes a TF-IDF vector of its headline
(weighted three times), its lead paragraphs, and the names it mentions
(capitalised words mid-sentence, counted as separate features so that people
and places weigh more than common words). Inverse document frequencies come
from the articles around the new ones in time, so words every story of the
week shares ("Ukraine", "Kremlin") weigh little and words of one happening
("phone call", "pure fiction") weigh a lot.

An article joins the event whose centroid (the sum of its members' vectors:
average link, which does not chain the way single link does) is most similar
by cosine, if that similarity clears `THRESHOLD`, the event lies within
`WINDOW_DAYS` of the article's date, and the two share at least one name
that is not common to most of the window (the entity gate that keeps
"drone strike on Odesa" and "grain talks in Istanbul" apart in the same
week). Otherwise the article starts a new event.

It scales because nothing is compared all-pairs: candidate events come from
an inverted index keyed by (term, day) over each article's top terms, and
only the few events that share most of those terms are scored.

Incremental: `group_articles` places only the articles it is given; existing
events keep their members. Articles the user placed (`event_pinned`) are
never moved, and titles the user chose (`title_pinned`) never change.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, repeat
from operator import add, mul
from typing import NamedTuple

from store.errors import StoreError
from store.library import Library
from store.model import Article, Event
from store.text.terms import content_terms, names

WINDOW_DAYS = 3
"""How far apart (in days) two reports of one happening may be dated."""
THRESHOLD = 0.3
"""Minimum cosine between an article and an event's centroid to join it."""
MIN_SHARED_NAMES = 2
"""Names an article must share with an event (one, if it names only one):
a single shared word such as a river or "Freight" is not enough."""
NAMELESS_THRESHOLD = 0.4
"""The cosine needed when the article or the event names nobody."""
HEADLINE_WEIGHT = 3
NAME_WEIGHT = 1
LEAD_PARAGRAPHS = 4
TOP_TERMS = 12
"""Terms per article used to find candidate events in the index."""
CANDIDATES = 8
"""Events scored in full per article (those sharing most top terms)."""
NAME_PREFIX = "@"
LONG_TITLE = 120
UNDATED_POOL = 2000
"""Recently imported articles an undated article is compared with."""


@dataclass
class _Doc:
    id: str
    date: dt.date | None
    headline: str
    raw: Counter[str]
    names: tuple[str, ...] = ()
    """The name terms of `raw` (NAME_PREFIX and all), in its order."""
    vector: dict[str, float] = field(default_factory=dict)
    top: tuple[str, ...] = ()


@dataclass
class _Cluster:
    id: str
    centroid: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    norm2: float = 0.0
    first: dt.date | None = None
    last: dt.date | None = None
    members: list[_Doc] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)

    def add(self, doc: _Doc, dot: float | None = None) -> None:
        """Add a member; `dot` is its vector's dot product with the centroid
        as it is now, if the caller has it already (see `score`)."""
        centroid, vector = self.centroid, doc.vector
        if dot is None:
            dot = _dot(centroid, vector)
        # centroid[t] += w for each term, in the vector's order, as one C loop
        centroid.update(
            zip(vector, map(add, map(centroid.get, vector, repeat(0.0)), vector.values()), strict=True)
        )
        self.norm2 += 2 * dot + 1.0
        self.members.append(doc)
        self.names.update(doc.names)
        if doc.date is not None:
            self.first = doc.date if self.first is None else min(self.first, doc.date)
            self.last = doc.date if self.last is None else max(self.last, doc.date)

    def cosine(self, doc: _Doc) -> float:
        return self.score(doc)[1]

    def score(self, doc: _Doc) -> tuple[float, float]:
        """The dot product of the doc's vector with the centroid, and their
        cosine: the dot is kept so that adding the doc need not redo it."""
        dot = _dot(self.centroid, doc.vector)
        return dot, dot / math.sqrt(self.norm2) if self.norm2 > 0 else 0.0

    def days_from(self, date: dt.date | None) -> int:
        if date is None or self.first is None or self.last is None:
            return 0
        if date < self.first:
            return (self.first - date).days
        if date > self.last:
            return (date - self.last).days
        return 0


def _dot(centroid: dict[str, float], vector: dict[str, float]) -> float:
    """Σ centroid[t]·w over the vector's terms, in the vector's order (so the
    sum is the same float as a Python loop's), but with the loop in C: this
    is the innermost step of grouping."""
    return sum(map(mul, map(centroid.get, vector, repeat(0.0)), vector.values()))


TermsCache = MutableMapping[str, tuple[str, tuple[str, ...], Counter[str], tuple[str, ...]]]
"""Article id → (headline, lead paragraphs, raw terms, name terms), kept by a caller
that groups several batches (a refresh), so the neighbours of each batch
are not tokenised again. An entry counts only while headline and lead
paragraphs are still the same."""


def article_terms(headline: str, paragraphs: Sequence[str]) -> Counter[str]:
    """Raw term counts of an article: headline words (weighted), lead words
    and names (prefixed with NAME_PREFIX)."""
    return _terms_and_names(headline, paragraphs)[0]


def remember_terms(cache: TermsCache, article_id: str, headline: str, paragraphs: Sequence[str]) -> None:
    """Work out an article's terms ahead of grouping it, into `cache`: a
    refresh does this in its fetching threads, while they wait on the network."""
    lead = tuple(paragraphs[:LEAD_PARAGRAPHS])
    raw, found = _terms_and_names(headline, lead)
    cache[article_id] = (headline, lead, raw, found)


def _terms_and_names(headline: str, paragraphs: Sequence[str]) -> tuple[Counter[str], tuple[str, ...]]:
    """`article_terms`, and its name terms in order. Counted by Counter's C
    loop: a list repeated k times counts each word k times per occurrence,
    in the same first-seen order as adding k at a time; one list, one count."""
    lead = " ".join(paragraphs[:LEAD_PARAGRAPHS])
    found = [NAME_PREFIX + name for name in names(f"{headline}. {lead}")]
    raw = Counter(content_terms(headline) * HEADLINE_WEIGHT + content_terms(lead) + found * NAME_WEIGHT)
    return raw, tuple(dict.fromkeys(found))


def _weigh(docs: Iterable[_Doc]) -> dict[str, float]:
    """TF-IDF vectors (unit length) and top terms for `docs`, in place;
    returns each term's document frequency share."""
    docs = list(docs)
    df: Counter[str] = Counter(chain.from_iterable(doc.raw for doc in docs))
    total = len(docs)
    idf = {t: math.log((total + 1) / (n + 1)) + 1.0 for t, n in df.items()}
    tf = _TermFrequency()
    for doc in docs:
        raw = doc.raw
        weights = dict(
            zip(raw, map(mul, map(tf.__getitem__, raw.values()), map(idf.__getitem__, raw)), strict=True)
        )
        values = weights.values()
        norm = math.sqrt(sum(map(mul, values, values))) or 1.0
        doc.vector = dict(zip(weights, map(_divided_by(norm), values), strict=True))
        doc.top = tuple(sorted(weights, key=weights.__getitem__, reverse=True)[:TOP_TERMS])
    return {t: n / total for t, n in df.items()} if total else {}


class _TermFrequency(dict[int, float]):
    """Count → 1 + log(count), each worked out once."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


def _divided_by(norm: float) -> Callable[[float], float]:
    return norm.__rtruediv__


def _ubiquitous(share: dict[str, float], total: int) -> set[str]:
    """Names too common in the window to tell events apart."""
    if total < 8:
        return set()
    return {t for t, s in share.items() if t.startswith(NAME_PREFIX) and s > 0.25}


class Placing(NamedTuple):
    """What grouping needs of one article, stored or about to be: plain
    data, so that a refresh can hand it to another process (a tuple: made
    and pickled far faster than a dataclass, and a refresh makes thousands)."""

    id: str
    date: dt.date | None
    headline: str
    lead: tuple[str, ...]
    """The first LEAD_PARAGRAPHS paragraphs."""
    event_id: str | None = None
    """The event of an article already placed (a neighbour), else None."""


def placing(library: Library, article: Article) -> Placing:
    """A stored article as grouping reads it."""
    lead = library.paragraphs(article.id)[:LEAD_PARAGRAPHS]
    return Placing(article.id, article.date, article.headline, lead, article.event_id)


@dataclass(frozen=True, slots=True)
class Plan:
    """Where grouping puts each new article, worked out without the library.
    The events it starts have stand-in ids until `save_plan` gives them
    real ones."""

    assignments: dict[str, str]
    titles: dict[str, str]
    """Each event that gained an article → the title its members suggest."""
    created: frozenset[str]
    """The stand-in ids of the events it starts."""


def _doc(item: Placing, cache: TermsCache | None = None) -> _Doc:
    known = cache.get(item.id) if cache is not None else None
    if known is not None and known[0] == item.headline and known[1] == item.lead:
        raw, found = known[2], known[3]
    else:
        raw, found = _terms_and_names(item.headline, item.lead)
        if cache is not None:
            cache[item.id] = (item.headline, item.lead, raw, found)
    return _Doc(id=item.id, date=item.date, headline=item.headline, raw=raw, names=found)


def _title(cluster: _Cluster) -> str:
    """The headline of the member closest to the event's centroid; very long
    headlines (standfirsts) only if nothing shorter is there."""

    if len(cluster.members) == 1:
        return cluster.members[0].headline  # nothing to choose from: no need to score it

    def score(doc: _Doc) -> tuple[bool, float]:
        return (len(doc.headline) <= LONG_TITLE, cluster.cosine(doc))

    return max(cluster.members, key=score).headline


class _Index:
    """Events by (term, day), for finding candidates without all-pairs."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[int | None, set[str]]] = {}
        """term → day → events; looked up per term, then per day of the window."""

    def add(self, doc: _Doc, event_id: str) -> None:
        day = doc.date.toordinal() if doc.date else None
        postings = self._postings
        for term in doc.top:
            by_day = postings.get(term)
            if by_day is None:
                by_day = postings[term] = {}
            events = by_day.get(day)
            if events is None:
                by_day[day] = {event_id}
            else:
                events.add(event_id)

    def candidates(self, doc: _Doc, dated_days: Sequence[int]) -> Counter[str]:
        if doc.date is None:
            days: Sequence[int | None] = [*dated_days, None]
        else:
            centre = doc.date.toordinal()
            days = [*range(centre - WINDOW_DAYS, centre + WINDOW_DAYS + 1), None]
        postings = self._postings
        hits: list[set[str]] = []
        for term in doc.top:
            by_day = postings.get(term)
            if by_day:
                hits.extend(filter(None, map(by_day.get, days)))
        return Counter(chain.from_iterable(hits))


def ungrouped(library: Library, article_ids: Iterable[str]) -> list[str]:
    """Those of these stored articles that are in no event: stored by an
    import or refresh that was stopped before it grouped them."""
    found = (library.article(i) for i in dict.fromkeys(article_ids))
    return [a.id for a in found if a is not None and a.event_id is None]


def group_articles(library: Library, article_ids: Sequence[str], *, terms: TermsCache | None = None) -> None:
    """Place each of these articles into the event it reports, or a new one.

    Articles already in events stay where they are unless named here;
    articles the user placed are never moved. `terms`, if given, keeps
    articles' terms between calls (see TermsCache).
    """
    wanted = [a for a in (library.article(i) for i in dict.fromkeys(article_ids)) if a is not None]
    new = [a for a in wanted if not a.event_pinned]
    if not new:
        return
    old = neighbours(library, {a.id for a in new}, [a.date for a in new])
    plan = plan_grouping([placing(library, a) for a in old], [placing(library, a) for a in new], terms)
    save_plan(library, plan)


def neighbours(library: Library, new_ids: set[str], dates: Sequence[dt.date | None]) -> list[Article]:
    """The placed articles new articles of these dates are compared with:
    those dated near them, and for an undated one, the latest imported."""
    known = [d for d in dates if d]
    low = min(known) - dt.timedelta(days=2 * WINDOW_DAYS) if known else None
    high = max(known) + dt.timedelta(days=2 * WINDOW_DAYS) if known else None

    def near(article: Article) -> bool:
        if article.date is None:
            return False
        return low is not None and high is not None and low <= article.date <= high

    placed = [a for a in library.articles() if a.id not in new_ids and a.event_id is not None]
    found = [a for a in placed if near(a)]
    if len(known) < len(dates):
        # An undated article could belong anywhere; compare it with what came in lately.
        recent = sorted(placed, key=lambda a: a.imported_at, reverse=True)[:UNDATED_POOL]
        found = list({a.id: a for a in [*found, *recent]}.values())
    return found


def plan_grouping(placed: Sequence[Placing], new: Sequence[Placing], terms: TermsCache | None = None) -> Plan:
    """Where each of `new` goes, among the events of `placed` (their
    neighbours) or in events of its own. Pure: reads no library, so it can
    run in another process while the articles are being stored."""
    old_docs = [_doc(item, terms) for item in placed]
    new_docs = sorted((_doc(item, terms) for item in new), key=lambda d: (d.date or dt.date.min, d.id))
    share = _weigh([*old_docs, *new_docs])
    common = _ubiquitous(share, len(old_docs) + len(new_docs))

    clusters: dict[str, _Cluster] = {}
    index = _Index()
    for item, doc in zip(placed, old_docs, strict=True):
        assert item.event_id is not None
        cluster = clusters.setdefault(item.event_id, _Cluster(item.event_id))
        cluster.add(doc)
        index.add(doc, cluster.id)
    dated_days = sorted({d.date.toordinal() for d in old_docs if d.date})

    assignments: dict[str, str] = {}
    created: set[str] = set()
    touched: set[str] = set()
    for doc in new_docs:
        best, best_score, best_dot = None, THRESHOLD, None
        mine = set(doc.names).difference(common)
        for event_id, _ in index.candidates(doc, dated_days).most_common(CANDIDATES):
            cluster = clusters[event_id]
            if cluster.days_from(doc.date) > WINDOW_DAYS:
                continue
            if mine and any(name not in common for name in cluster.names):
                shared = len(mine & cluster.names.keys())
                if shared < min(MIN_SHARED_NAMES, len(mine)):
                    continue
                needed = best_score
            else:
                needed = max(best_score, NAMELESS_THRESHOLD)  # nothing to gate on: ask for more
            dot, score = cluster.score(doc)
            if score >= needed:
                best, best_score, best_dot = cluster, score, dot
        if best is None:
            best = _Cluster(f"new-{len(created)}")
            while best.id in clusters:
                best.id += "+"
            clusters[best.id] = best
            created.add(best.id)
        best.add(doc, best_dot)
        index.add(doc, best.id)
        if doc.date:
            dated_days.append(doc.date.toordinal())
        assignments[doc.id] = best.id
        touched.add(best.id)
    titles = {event_id: _title(clusters[event_id]) for event_id in sorted(touched)}
    return Plan(assignments, titles, frozenset(created))


def save_plan(library: Library, plan: Plan, only: Collection[str] | None = None) -> None:
    """Store a plan: new events get ids, events whose title the user did not
    choose take the one suggested. `only` limits it to these articles (those
    a refresh did store)."""
    ids: dict[str, str] = {}
    events: list[Event] = []
    for event_id, title in plan.titles.items():
        if event_id in plan.created:
            ids[event_id] = library.new_event_id()
            events.append(Event(id=ids[event_id], title=title))
            continue
        summary = library.event(event_id)
        if summary is not None and not summary.event.title_pinned and summary.event.title != title:
            events.append(replace(summary.event, title=title))
    assignments = {
        article_id: ids.get(event_id, event_id)
        for article_id, event_id in plan.assignments.items()
        if only is None or article_id in only
    }
    library.save_grouping(events, assignments)


# -- the user's decisions ----------------------------------------------------


def merge_events(library: Library, keep_id: str, other_id: str) -> str:
    """Move every article of `other_id` into `keep_id`; the event `other_id`
    disappears. All articles of the merged event are pinned there."""
    keep = library.find_event(keep_id)
    other = library.find_event(other_id)
    if keep.id == other.id:
        raise StoreError("cannot merge an event with itself")
    members = [*keep.article_ids, *other.article_ids]
    library.save_grouping([], {a: keep.id for a in members}, pinned=members)
    return keep.id


def split_event(library: Library, event_id: str, article_ids: Sequence[str]) -> str:
    """Take these articles out of the event into a new one; returns its id.
    Both sides are pinned, so later grouping keeps them apart."""
    event = library.find_event(event_id)
    chosen = [library.find_article(a).id for a in article_ids]
    if not chosen:
        raise StoreError("name at least one article to split off")
    strangers = [a for a in chosen if a not in event.article_ids]
    if strangers:
        raise StoreError(f"article {strangers[0]} is not in event {event.id}")
    rest = [a for a in event.article_ids if a not in set(chosen)]
    if not rest:
        raise StoreError("splitting off every article would leave the event empty; rename it instead")
    new_id = library.new_event_id()
    events = [Event(id=new_id, title=_headline_of(library, chosen))]
    taken = {_headline_of(library, [a]) for a in chosen}
    if not event.event.title_pinned and event.title in taken:
        events.append(replace(event.event, title=_headline_of(library, rest)))
    assignments = {a: new_id for a in chosen} | {a: event.id for a in rest}
    library.save_grouping(events, assignments, pinned=[*chosen, *rest])
    return new_id


def _headline_of(library: Library, article_ids: Sequence[str]) -> str:
    """The first of these articles' headlines that is not a long standfirst."""
    headlines = [a.headline for a in (library.article(i) for i in article_ids) if a is not None]
    return next((h for h in headlines if len(h) <= LONG_TITLE), headlines[0] if headlines else "")


def move_article(library: Library, article_id: str, event_id: str) -> None:
    """Put an article into another event, for good."""
    article = library.find_article(article_id)
    event = library.find_event(event_id)
    library.save_grouping([], {article.id: event.id}, pinned=[article.id])
