"""Event grouping: which articles report the same happening.

Method, and why. Each article becomes a TF-IDF vector of its headline
(weighted three times), its lead paragraphs, and the names it mentions
(capitalised words mid-sentence, counted as separate features so that people
and places weigh more than common words). Figures count as their value
("266K" and "266,000" are one term) and hyphenated words as their parts and
their joined form ("cease-fire" meets "ceasefire" and "cease fire"), since
outlets write them differently. Inverse document frequencies come from the
articles around the new ones in time, so words every story of the week
shares ("Ukraine", "Kremlin") weigh little and words of one happening
("phone call", "pure fiction") weigh a lot.

New articles are grouped by average-link agglomeration, best pair first:
each starts alone, and the two groups (or a group and an existing event)
whose members are most alike on average are joined, again and again, while
some pair is alike enough. Average link (the mean cosine between the two
groups' members, which the sums of their vectors give at once) does not
chain the way single link does, and joining the surest pair first means a
report does not go to the first event it happens to be compared with, but
to the one it matches best. How alike is enough depends on:

- the days between the two groups: `LINK_THRESHOLD` on the same day, and
  `DAY_STEP` more for each day between them (up to `WINDOW_DAYS`), since the
  same story a day or two later is often the next development of it, not
  the same happening;
- the size of the group they would make: up to `FREE_SIZE` reports join on
  the base terms; a bigger group must be tighter (`SIZE_STEP` times the log
  of how much bigger), since two groups that each already hold a
  happening's reports are more often two happenings of one topic (a
  summit, and the protest beside it) than halves of one.

It scales because nothing is compared all-pairs: the groups an article is
compared with come from an inverted index keyed by (term, day) over each
article's top terms, and only the few that share most of those terms.

Incremental: `group_articles` places only the articles it is given; existing
events keep their members and never merge with each other, though new
articles may join them. Articles the user placed (`event_pinned`) are never
moved, and titles the user chose (`title_pinned`) never change.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, repeat
from operator import add, mul
from typing import NamedTuple

from store.coverage.provenance import note_copies
from store.errors import StoreError
from store.library import Library
from store.model import Article, Event
from store.text.terms import content_terms, names

WINDOW_DAYS = 3
"""How far apart (in days) two reports of one happening may be dated."""
LINK_THRESHOLD = 0.15
"""Minimum average cosine between two groups of the same day to join them."""
DAY_STEP = 0.05
"""What each day between two groups adds to the average cosine they need."""
FREE_SIZE = 3
"""Groups up to this size form on LINK_THRESHOLD alone."""
SIZE_STEP = 0.2
"""Times log(size / FREE_SIZE): what a bigger group adds to the cosine needed."""
HEADLINE_WEIGHT = 3
NAME_WEIGHT = 1
LEAD_PARAGRAPHS = 4
TOP_TERMS = 12
"""Terms per article used to find candidate events in the index."""
CANDIDATES = 8
"""Groups each article is compared with (those sharing most top terms)."""
NAME_PREFIX = "@"
FIGURE_PREFIX = "#"
LONG_TITLE = 120
MIN_POOL = 200
"""Placed articles new ones are weighed with, at the least (see `neighbours`)."""
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
    """A group of articles: an existing event, or one being formed."""

    id: str
    centroid: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    """The sum of the members' (unit) vectors."""
    norm2: float = 0.0
    """The centroid's squared length: the sum of all the members' pairwise cosines."""
    first: dt.date | None = None
    last: dt.date | None = None
    members: list[_Doc] = field(default_factory=list)

    def add(self, doc: _Doc) -> None:
        centroid, vector = self.centroid, doc.vector
        dot = _dot(centroid, vector)
        # centroid[t] += w for each term, in the vector's order, as one C loop
        centroid.update(
            zip(vector, map(add, map(centroid.get, vector, repeat(0.0)), vector.values()), strict=True)
        )
        self.norm2 += 2 * dot + 1.0
        self.members.append(doc)
        self._span(doc.date, doc.date)

    def absorb(self, other: _Cluster, dot: float) -> None:
        """Take in another group's members; `dot` is the dot product of the
        two centroids (worked out already to decide on the merge)."""
        centroid, theirs = self.centroid, other.centroid
        sums = map(add, map(centroid.get, theirs, repeat(0.0)), theirs.values())
        centroid.update(zip(theirs, sums, strict=True))
        self.norm2 += other.norm2 + 2 * dot
        self.members.extend(other.members)
        self._span(other.first, other.last)

    def _span(self, first: dt.date | None, last: dt.date | None) -> None:
        if first is not None and last is not None:
            self.first = first if self.first is None else min(self.first, first)
            self.last = last if self.last is None else max(self.last, last)

    def cosine(self, doc: _Doc) -> float:
        dot = _dot(self.centroid, doc.vector)
        return dot / math.sqrt(self.norm2) if self.norm2 > 0 else 0.0

    def days_from(self, other: _Cluster) -> int:
        """Days between the two groups' date spans (0 if they overlap or
        either is undated)."""
        if self.first is None or self.last is None or other.first is None or other.last is None:
            return 0
        if self.last < other.first:
            return (other.first - self.last).days
        if other.last < self.first:
            return (self.first - other.last).days
        return 0


def _dot(centroid: dict[str, float], vector: dict[str, float]) -> float:
    """Σ centroid[t]·w over the terms the two share, in the vector's order
    (so the sum is the same float as a Python loop's), with the products and
    the sum in C: this is the innermost step of grouping."""
    shared = [term for term in vector if term in centroid]
    return sum(map(mul, map(centroid.__getitem__, shared), map(vector.__getitem__, shared)))


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
    raw = Counter(_terms(headline) * HEADLINE_WEIGHT + _terms(lead) + found * NAME_WEIGHT)
    return raw, tuple(dict.fromkeys(found))


_FIGURE = re.compile(
    r"(\d(?<![\w.,]\d)(?:\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?))"
    r"(?:\s?(thousand|million|mln|billion|bn|trillion|trln|tn|k|m|b|t)\b|(?!\w))",
    re.IGNORECASE,
)
"""A figure, with thousands separators, a decimal part and a scale ("266K",
"266,000", "$6T", "3.5 trillion"), not inside a word ("F-22s", "COVID19")."""
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SCALES |= {"b": 1e9, "trillion": 1e12, "trln": 1e12, "tn": 1e12, "t": 1e12}
_DIGIT = re.compile(r"\d")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_SHORT_CODE = re.compile(r"\b(?:[^\W\d_]\d|\d[^\W\d_])\b")
"""Two characters, a letter and a digit ("G7", "5G"): too short for a content
word, but as telling as a name."""


def _terms(text: str) -> list[str]:
    """`content_terms` of `text`, with figures as one term of their value
    ("266K" and "266,000" are both "#266000") and hyphenated words as their
    parts and joined ("cease-fire": "cease", "fire" and "ceasefire"; "G-7":
    "g7", as "G7" is): outlets write the same figure and word differently."""
    if "-" in text:
        joined = (word.replace("-", "") for word in _HYPHENATED.findall(text))
        text = f"{text.replace('-', ' ')} {' '.join(word for word in joined if not word.isdigit())}"
    if _DIGIT.search(text) is None:
        return content_terms(text)
    figures = [
        f"{FIGURE_PREFIX}{float(number.replace(',', '')) * (_SCALES[scale.casefold()] if scale else 1.0):g}"
        for number, scale in _FIGURE.findall(text)
    ]
    text = _FIGURE.sub(" ", text)
    if _DIGIT.search(text) is None:
        return content_terms(text) + figures
    codes = [code.casefold() for code in _SHORT_CODE.findall(text)]
    return content_terms(text) + codes + figures


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


def placing(
    library: Library, article: Article, leads: Mapping[str, tuple[str, ...]] | None = None
) -> Placing:
    """A stored article as grouping reads it; its lead from `leads` if there."""
    lead = leads.get(article.id) if leads else None
    if lead is None:
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


Planner = Callable[[Sequence[Placing], Sequence[Placing]], Callable[[], Plan]]
"""Starts working out where new articles go among placed ones, and returns
what waits for the plan: `plan_grouping` here, or the same in a process of
its own (`store.ingest.planning`)."""


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
        self._postings: dict[str, dict[int | None, dict[str, None]]] = {}
        """term → day → events; looked up per term, then per day of the window.
        The events are a dict, an ordered set: a set's order changes with each
        run's string hashing, and candidates tied on shared terms are taken
        in the order met, so grouping the same articles twice would not give
        the same events."""

    def add(self, doc: _Doc, event_id: str) -> None:
        day = doc.date.toordinal() if doc.date else None
        postings = self._postings
        for term in doc.top:
            by_day = postings.get(term)
            if by_day is None:
                by_day = postings[term] = {}
            events = by_day.get(day)
            if events is None:
                by_day[day] = {event_id: None}
            else:
                events[event_id] = None

    def candidates(self, doc: _Doc, dated_days: Sequence[int]) -> Counter[str]:
        if doc.date is None:
            days: Sequence[int | None] = [*dated_days, None]
        else:
            centre = doc.date.toordinal()
            days = [*range(centre - WINDOW_DAYS, centre + WINDOW_DAYS + 1), None]
        postings = self._postings
        hits: list[dict[str, None]] = []
        for term in doc.top:
            by_day = postings.get(term)
            if by_day:
                hits.extend(filter(None, map(by_day.get, days)))
        return Counter(chain.from_iterable(hits))


def ungrouped(library: Library, article_ids: Iterable[str]) -> list[str]:
    """Those of these stored articles that are in no event: stored by an
    import or refresh that was stopped before it grouped them."""
    found = library.articles_with_ids(list(dict.fromkeys(article_ids)))
    return [a.id for a in found if a.event_id is None]


def group_articles(
    library: Library,
    article_ids: Sequence[str],
    *,
    terms: TermsCache | None = None,
    leads: Mapping[str, tuple[str, ...]] | None = None,
    planner: Planner | None = None,
) -> None:
    """Place each of these articles into the event it reports, or a new one.

    Articles already in events stay where they are unless named here;
    articles the user placed are never moved. `terms`, if given, keeps
    articles' terms between calls (see TermsCache). `leads`, the lead
    paragraphs of articles just stored, spares reading them back; `planner`
    works the plan out elsewhere (an import's grouping process).
    """
    start_grouping(library, article_ids, terms=terms, leads=leads, planner=planner)(())


def start_grouping(
    library: Library,
    article_ids: Sequence[str],
    *,
    terms: TermsCache | None = None,
    leads: Mapping[str, tuple[str, ...]] | None = None,
    planner: Planner | None = None,
    coming: Sequence[Placing] = (),
) -> Callable[[Sequence[Article]], set[str]]:
    """`group_articles` in two steps, so that other work can go on while a
    planner plans: this reads what grouping needs and starts the plan; what
    it returns waits for the plan, saves it and returns the ids it placed.

    `coming` are articles about to be stored (an import's last batch),
    planned with the others; the function returned is given the articles
    stored meanwhile, and places those of `coming` among them.
    """
    wanted = library.articles_with_ids(list(dict.fromkeys(article_ids)))
    new = [a for a in wanted if not a.event_pinned]
    if not new and not coming:
        return lambda stored: set()
    dates = [a.date for a in new] + [item.date for item in coming]
    around = neighbours(library, {a.id for a in new} | {item.id for item in coming}, dates)
    old = [placing(library, a) for a in around]
    placed = [placing(library, a, leads) for a in new] + list(coming)
    waiting = (planner or _planning_here(terms))(old, placed)
    coming_ids = {item.id for item in coming}

    def finish(stored: Sequence[Article]) -> set[str]:
        plan = waiting()
        arrived = [a for a in stored if a.id in coming_ids]
        only = {a.id for a in (*new, *arrived)}
        known = {a.id: a for a in (*around, *new, *arrived)}
        save_plan(library, plan, only=only, leads={p.id: p.lead for p in (*old, *placed)}, known=known)
        return only

    return finish


def _planning_here(terms: TermsCache | None) -> Planner:
    """The planner that plans in this thread, at once."""

    def start(placed: Sequence[Placing], new: Sequence[Placing]) -> Callable[[], Plan]:
        plan = plan_grouping(placed, new, terms)
        return lambda: plan

    return start


def neighbours(library: Library, new_ids: set[str], dates: Sequence[dt.date | None]) -> list[Article]:
    """The placed articles new articles of these dates are compared with:
    those dated near them, and for an undated one, the latest imported; in a
    sparse library, the MIN_POOL nearest in time, for weighing words."""
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
    if len(found) < MIN_POOL and known and len(placed) > len(found):
        # Too few to tell common words from telling ones: weigh words on the
        # articles nearest in time, even if too far off to be compared with.
        centre = min(known) + (max(known) - min(known)) / 2
        dated = [(abs(a.date - centre), a.id, a) for a in placed if a.date is not None]
        nearest = [a for _, _, a in sorted(dated)[:MIN_POOL]]
        found = list({a.id: a for a in [*found, *nearest]}.values())
    return found


def plan_grouping(placed: Sequence[Placing], new: Sequence[Placing], terms: TermsCache | None = None) -> Plan:
    """Where each of `new` goes, among the events of `placed` (their
    neighbours) or in events of its own. Pure: reads no library, so it can
    run in another process while the articles are being stored."""
    old_docs = [_doc(item, terms) for item in placed]
    new_docs = sorted((_doc(item, terms) for item in new), key=lambda d: (d.date or dt.date.min, d.id))
    _weigh([*old_docs, *new_docs])
    merging = _Merging()
    for item, doc in zip(placed, old_docs, strict=True):
        assert item.event_id is not None
        merging.place(doc, item.event_id)
    return merging.group(new_docs)


class _Merging:
    """Average-link agglomeration of new articles among existing events."""

    def __init__(self) -> None:
        self.clusters: dict[str, _Cluster] = {}
        self.events: set[str] = set()
        """The existing events: they take in new articles, never each other."""
        self.index = _Index()
        self.days: list[int] = []
        """Every dated article's day, for an undated one's candidates."""
        self.near: defaultdict[str, dict[str, float | None]] = defaultdict(dict)
        """Group → the groups it is compared with → the dot product of their
        centroids, where worked out (None: not yet)."""
        self.version: Counter[str] = Counter()
        """Group → how often it has grown: a queued pair of older versions is stale."""
        self.queue: list[tuple[float, str, str, int, int, float]] = []
        """(-margin, group, group, their versions, their centroids' dot)."""

    def place(self, doc: _Doc, event_id: str) -> None:
        """An article already in an event."""
        cluster = self.clusters.get(event_id)
        if cluster is None:
            cluster = self.clusters[event_id] = _Cluster(event_id)
            self.events.add(event_id)
        cluster.add(doc)
        self._index(doc, event_id)

    def _index(self, doc: _Doc, cluster_id: str) -> None:
        self.index.add(doc, cluster_id)
        if doc.date is not None:
            self.days.append(doc.date.toordinal())

    def group(self, docs: Sequence[_Doc]) -> Plan:
        """Group these new articles; where each goes, as a plan."""
        started: list[str] = []
        for number, doc in enumerate(docs):
            cluster = _Cluster(f"new-{number}")
            while cluster.id in self.clusters:
                cluster.id += "+"
            cluster.add(doc)
            self.clusters[cluster.id] = cluster
            started.append(cluster.id)
            self._index(doc, cluster.id)
        days = sorted(set(self.days))
        for cluster_id, doc in zip(started, docs, strict=True):
            for other, _ in self.index.candidates(doc, days).most_common(CANDIDATES + 1):
                if other != cluster_id:
                    self.near[cluster_id][other] = self.near[other][cluster_id] = None
        for cluster_id in started:
            for other in self.near[cluster_id]:
                if other < cluster_id or other in self.events:  # each pair once
                    self._consider(cluster_id, other)
        while self.queue:
            _, one, other, one_version, other_version, dot = heapq.heappop(self.queue)
            current = (self.version[one], self.version[other]) == (one_version, other_version)
            if current and one in self.clusters and other in self.clusters:
                self._merge(one, other, dot)
        assignments = {doc.id: cluster.id for cluster in self.clusters.values() for doc in cluster.members}
        assignments = {doc.id: assignments[doc.id] for doc in docs}
        touched = sorted(set(assignments.values()))
        titles = {cluster_id: _title(self.clusters[cluster_id]) for cluster_id in touched}
        return Plan(assignments, titles, frozenset(touched).difference(self.events))

    def _consider(self, one_id: str, other_id: str, dot: float | None = None) -> None:
        """Queue the pair if it is alike enough to join; `dot`, the dot
        product of their centroids, if known (see `_merge`)."""
        if one_id in self.events and other_id in self.events:
            return
        one, other = self.clusters[one_id], self.clusters[other_id]
        gap = one.days_from(other)
        if gap > WINDOW_DAYS:
            self.near[one_id][other_id] = self.near[other_id][one_id] = None  # not worked out for these two
            return
        if dot is None:
            if len(one.centroid) <= len(other.centroid):
                dot = _dot(other.centroid, one.centroid)
            else:
                dot = _dot(one.centroid, other.centroid)
        self.near[one_id][other_id] = self.near[other_id][one_id] = dot
        size = len(one.members) + len(other.members)
        needed = LINK_THRESHOLD + DAY_STEP * gap + SIZE_STEP * math.log(max(1.0, size / FREE_SIZE))
        margin = dot / (len(one.members) * len(other.members)) - needed
        if margin >= 0:
            first, second = sorted((one_id, other_id))
            entry = (-margin, first, second, self.version[first], self.version[second], dot)
            heapq.heappush(self.queue, entry)

    def _merge(self, one_id: str, other_id: str, dot: float) -> None:
        """Join two groups: into the existing event if one is, else into the
        bigger."""
        one, other = self.clusters[one_id], self.clusters[other_id]
        if other_id in self.events or (one_id not in self.events and len(other.members) > len(one.members)):
            one, other = other, one
        one.absorb(other, dot)
        del self.clusters[other.id]
        self.version[one.id] += 1
        mine, theirs = self.near[one.id], self.near.pop(other.id, {})
        for neighbour in (mine.keys() | theirs.keys()) - {one.id, other.id}:
            known = self.near[neighbour]
            known.pop(other.id, None)
            # The merged centroid is the sum of the two: so is its dot product.
            ours, their = mine.get(neighbour), theirs.get(neighbour)
            self._consider(one.id, neighbour, None if ours is None or their is None else ours + their)
        mine.pop(other.id, None)


def save_plan(
    library: Library,
    plan: Plan,
    only: Collection[str] | None = None,
    leads: Mapping[str, Sequence[str]] | None = None,
    known: Mapping[str, Article] | None = None,
) -> None:
    """Store a plan: new events get ids, events whose title the user did not
    choose take the one suggested. `only` limits it to these articles (those
    a refresh did store); `leads` and `known`, the articles' opening
    paragraphs and the articles themselves if at hand, spare reading them
    again to find wire copies."""
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
    note_copies(library, assignments.values(), leads, known)


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
    note_copies(library, [keep.id])
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
    note_copies(library, [new_id, event.id])
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
    note_copies(library, [e for e in (event.id, article.event_id) if e])
