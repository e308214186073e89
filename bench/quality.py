"""Coverage quality: how well events are grouped and quotes are found.

Scored on the evaluation set in `tests/coverage/eval/` (fictional articles
written for this, several events in the same week and on the same topic,
with gold events, quotes and speakers), and timed on 10,000 generated
articles (`bench.generate`). Articles 01-17 were written while the methods
were built; 18-26 were written afterwards and first measured as a held-out
check (grouping F1 0.92, quote precision 0.94 and recall 0.95 at that time).

- Grouping: B-cubed precision, recall and F1 of `group_articles` against
  the gold events (each article scored by how much its predicted event and
  its true event overlap, then averaged).
- Quotes: precision and recall of `suggest_claims`' direct quotes. A gold
  quote is found when a suggestion covers at least 80% of it and names its
  speaker; a suggestion is right when at least half of it is gold quotes of
  the speaker it names. A speaker matches when the gold speaker's last word
  is one of the suggested speaker's words (so "Dmitry Peskov" matches
  "Peskov", and "Tessalian defence ministry" matches "defence ministry").
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.core import Context, Figure
from store import Library
from store.coverage.grouping import group_articles
from store.coverage.suggestions import Suggestion, suggest_claims
from store.ingest.importer import import_paths

EVAL = Path(__file__).resolve().parent.parent / "tests" / "coverage" / "eval"
GROUPING_SIZE = 10_000
F1_TARGET = 0.9
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.8
GROUPING_TIME_TARGET = 10.0


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str


@dataclass(frozen=True)
class EvalArticle:
    file: str
    outlet: str
    event: str
    quotes: tuple[GoldQuote, ...]


def load_gold(folder: Path = EVAL) -> dict[str, EvalArticle]:
    document = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return {
        name: EvalArticle(
            name,
            entry["outlet"],
            entry["event"],
            tuple(GoldQuote(q["text"], q["speaker"]) for q in entry["quotes"]),
        )
        for name, entry in document["files"].items()
    }


def import_eval(library: Library, folder: Path = EVAL) -> dict[str, str]:
    """Import the evaluation articles (grouping them); file name -> article id."""
    files = sorted((folder / "articles").glob("*.txt"))
    import_paths(library, [str(f) for f in files])
    by_source = {Path(a.source or "").name: a.id for a in library.articles()}
    return {f.name: by_source[f.name] for f in files}


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster)."""
    gold_members: dict[str, set[str]] = defaultdict(set)
    predicted_members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in gold.items():
        gold_members[cluster].add(item)
    for item, cluster in predicted.items():
        predicted_members[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = predicted_members[predicted[item]], gold_members[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def grouping_scores(folder: Path = EVAL) -> tuple[float, float, float]:
    library = Library.memory()
    ids = import_eval(library, folder)
    gold = {ids[name]: article.event for name, article in load_gold(folder).items()}
    predicted = {a.id: a.event_id or a.id for a in library.articles()}
    return bcubed(gold, predicted)


def speaker_matches(gold: str, predicted: str) -> bool:
    wanted = gold.split()[-1].casefold()
    return wanted in {w.casefold().rstrip("’'s") for w in predicted.split()} | {
        w.casefold() for w in predicted.split()
    }


def _body(path: Path) -> str:
    """The article's text as the library joins it (paragraphs, blank-line separated)."""
    _, _, rest = path.read_text(encoding="utf-8").strip().partition("\n")
    return "\n\n".join(p.strip() for p in rest.split("\n\n") if p.strip())


def quote_counts(text: str, gold: Iterable[GoldQuote]) -> tuple[int, int, int, int]:
    """(correct suggestions, direct-quote suggestions, found gold quotes, gold quotes)."""
    spans = []
    for quote in gold:
        start = text.find(quote.text)
        spans.append((start, start + len(quote.text), quote.speaker))
    suggestions: list[Suggestion] = [s for s in suggest_claims(text) if s.direct]
    correct = 0
    for s in suggestions:
        covered = sum(
            max(0, min(s.end, end) - max(s.start, start))
            for start, end, speaker in spans
            if speaker_matches(speaker, s.speaker)
        )
        correct += covered >= 0.5 * (s.end - s.start)
    found = 0
    for start, end, speaker in spans:
        found += any(
            min(s.end, end) - max(s.start, start) >= 0.8 * (end - start)
            and speaker_matches(speaker, s.speaker)
            for s in suggestions
        )
    return correct, len(suggestions), found, len(spans)


def quote_scores(folder: Path = EVAL) -> tuple[float, float]:
    """Quote extraction precision and recall over the evaluation set."""
    totals = [0, 0, 0, 0]
    for name, article in load_gold(folder).items():
        counts = quote_counts(_body(folder / "articles" / name), article.quotes)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    correct, suggested, found, gold = totals
    return correct / max(1, suggested), found / max(1, gold)


def time_grouping(size: int = GROUPING_SIZE) -> tuple[float, float]:
    """Seconds for `group_articles` to place `size` new generated articles,
    and the B-cubed F1 of the result against the generator's true events."""
    from bench.generate import generate_articles

    _, generated = generate_articles(size)
    library = Library.memory()
    added = library.add_articles([g.draft for g in generated]).added
    started = time.perf_counter()
    group_articles(library, [a.id for a in added])
    seconds = time.perf_counter() - started
    truth = {a.id: str(g.event_index) for a, g in zip(added, generated, strict=True)}
    predicted = {a.id: a.event_id or a.id for a in library.articles()}
    return seconds, bcubed(truth, predicted)[2]


def figures(ctx: Context) -> Iterator[Figure]:
    precision, recall, f1 = grouping_scores()
    yield Figure("grouping B-cubed precision (eval set)", (precision,), unit="score", higher_is_better=True)
    yield Figure("grouping B-cubed recall (eval set)", (recall,), unit="score", higher_is_better=True)
    yield Figure(
        "grouping B-cubed F1 (eval set)", (f1,), unit="score", target=F1_TARGET, higher_is_better=True
    )
    quote_precision, quote_recall = quote_scores()
    yield Figure(
        "quote precision, text and speaker (eval set)",
        (quote_precision,),
        unit="score",
        target=PRECISION_TARGET,
        higher_is_better=True,
    )
    yield Figure(
        "quote recall, text and speaker (eval set)",
        (quote_recall,),
        unit="score",
        target=RECALL_TARGET,
        higher_is_better=True,
    )
    runs = [time_grouping() for _ in range(max(1, min(ctx.runs, 3)))]
    yield Figure("group 10,000 new articles @ 10k", tuple(r[0] for r in runs), target=GROUPING_TIME_TARGET)
    yield Figure(
        "grouping B-cubed F1 (generated) @ 10k",
        (runs[0][1],),
        unit="score",
        higher_is_better=True,
        note="templated synthetic news; no target",
    )
