"""Coverage intelligence, timed: grouping 10,000 new articles, suggesting the
claims of a 1,000-word article, and the claim matrix of a three-outlet event.

Speed only: how well grouping, quotes and alignment work is measured on
real news labelled by people (`make eval`), and on the fictional set in
`tests/coverage/eval` by unit tests.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

from bench.core import Context, Figure
from bench.generate import generate_articles
from bench.scores import bcubed
from store import Library
from store.coverage.grouping import group_articles
from store.coverage.matrix import claim_matrix
from store.coverage.suggestions import suggest_claims
from store.model import PARAGRAPH_SEPARATOR, Event

GROUPING_SIZE = 10_000
GROUPING_TIME_TARGET = 10.0
ARTICLE_WORDS = 1_000
SUGGEST_TARGET = 0.05
"""Seconds to suggest a 1,000-word article's claims: the reader does it
off the screen's thread when it rests on a story, and must not keep a
key waiting behind it."""
MATRIX_TARGET = 0.5


def time_grouping(size: int = GROUPING_SIZE) -> tuple[float, float]:
    """Seconds for `group_articles` to place `size` new generated articles,
    and the B-cubed F1 of the result against the generator's true events."""
    _, generated = generate_articles(size)
    library = Library.memory()
    added = library.add_articles([g.draft for g in generated]).added
    started = time.perf_counter()
    group_articles(library, [a.id for a in added])
    seconds = time.perf_counter() - started
    truth = {a.id: str(g.event_index) for a, g in zip(added, generated, strict=True)}
    predicted = {a.id: a.event_id or a.id for a in library.articles()}
    return seconds, bcubed(truth, predicted)[2]


def article_of(words: int = ARTICLE_WORDS) -> str:
    """A generated article of about `words` words: generated stories told
    one after another (each with its quotes and named speakers)."""
    _, generated = generate_articles(40)
    paragraphs: list[str] = []
    for item in generated:
        paragraphs += item.draft.paragraphs
        if sum(len(p.split()) for p in paragraphs) >= words:
            break
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def time_suggestions(runs: int) -> tuple[float, ...]:
    """Seconds to suggest the claims of a 1,000-word article (median of
    five tries per run)."""
    text = article_of()
    samples = []
    for _ in range(runs):
        tries = []
        for _ in range(5):
            started = time.perf_counter()
            suggest_claims(text)
            tries.append(time.perf_counter() - started)
        samples.append(statistics.median(tries))
    return tuple(samples)


def time_matrix(runs: int) -> tuple[float, ...]:
    """Seconds for the claim matrix of a generated event of three outlets
    (every statement suggested, aligned and laid out)."""
    _, generated = generate_articles(400)
    events: dict[int, list] = {}
    for item in generated:
        events.setdefault(item.event_index, []).append(item)
    members = next(m for m in events.values() if len(m) >= 3)[:3]
    library = Library.memory()
    added = library.add_articles([m.draft for m in members]).added
    event_id = library.new_event_id()
    library.save_grouping([Event(id=event_id, title="timed")], {a.id: event_id for a in added})
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        claim_matrix(library, event_id)
        samples.append(time.perf_counter() - started)
    return tuple(samples)


def figures(ctx: Context) -> Iterator[Figure]:
    runs = [time_grouping() for _ in range(max(1, min(ctx.runs, 3)))]
    yield Figure("group 10,000 new articles @ 10k", tuple(r[0] for r in runs), target=GROUPING_TIME_TARGET)
    yield Figure(
        "grouping B-cubed F1 (generated) @ 10k",
        (runs[0][1],),
        unit="score",
        higher_is_better=True,
        note="templated synthetic news; no target (real news: make eval)",
    )
    yield Figure(
        "suggest claims, 1,000-word article",
        time_suggestions(ctx.runs),
        target=SUGGEST_TARGET,
        note="off the screen's thread, once the reader rests on a story",
    )
    yield Figure(
        "claim matrix, event of 3 outlets",
        time_matrix(ctx.runs),
        target=MATRIX_TARGET,
        note="suggestions, alignment and layout; in the background in the reader",
    )
