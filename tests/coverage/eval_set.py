"""The fictional evaluation set in `tests/coverage/eval/`: articles written
for the tests (several events in the same week and on the same topic), with
their gold events, quotes and speakers, and how grouping and quote
extraction score on them. Unit tests only: real-news figures come from
`make eval`.

- Grouping: B-cubed precision, recall and F1 of `group_articles` against
  the gold events.
- Quotes: precision and recall of `suggest_claims`' direct quotes. A gold
  quote is found when a suggestion covers at least 80% of it and names its
  speaker; a suggestion is right when at least half of it is gold quotes of
  the speaker it names. A speaker matches when the gold speaker's last word
  is one of the suggested speaker's words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.scores import bcubed
from store import Library
from store.coverage.suggestions import Suggestion, suggest_claims
from store.ingest.importer import import_paths

EVAL = Path(__file__).resolve().parent / "eval"
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.8


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
