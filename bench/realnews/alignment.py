"""The same quote in two outlets, lined up: BASIL's cross-outlet pairs.

BASIL marks quotations with their speaker in the three articles of each
event. Two of them are the gold for alignment when they are one speaker's
same words in two outlets: a named speaker (not `other_*`), and at least
80% of the shorter quotation's words in the longer one (59 pairs in the dev
set). The set is imported as a user imports it, grouping included; then:

- in one row: some row of the event's claim matrix has, in both outlets'
  cells, a place that overlaps that outlet's gold quotation (a cell lists
  every place of its article that carries the row's claim; nothing tagged,
  so the rows are what the text shows);
- claimant right: of those rows, the row's claimant is the gold speaker
  (their last names agree, as `quotes.same_person` decides);
- flip lands: from the sentence holding the quotation in one outlet, `]`
  lands on a sentence of the other outlet that overlaps its gold quotation
  (counted both ways, so twice the pairs), with the event's matrix at hand
  as the reader has it once it rests on the story.

`python -m bench.realnews.alignment` prints the figures.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.realnews.data import Missing, imported, load
from bench.realnews.quotes import same_person
from store import Library
from store.coverage.matrix import ClaimMatrix, claim_matrix
from store.coverage.passages import landing_offset
from store.text.sentences import split_sentences

ARTICLES = "basil-dev.jsonl"
QUOTES = "basil-dev-quotes.jsonl"
SAME_WORDS = 0.8
"""Share of the shorter quotation's words the longer must hold."""


@dataclass(frozen=True)
class GoldQuote:
    article_id: str
    """Our article id for the record."""
    speaker: str
    start: int
    end: int


@dataclass(frozen=True)
class Pair:
    speaker: str
    first: GoldQuote
    second: GoldQuote


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def gold_pairs(quotes: Sequence[Mapping[str, Any]], article_of: Mapping[str, str]) -> list[Pair]:
    """One named speaker's same words quoted in two articles of one event."""
    by_speaker: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for quote in quotes:
        if not quote["speaker"].startswith("other_") and quote["article_id"] in article_of:
            by_speaker[quote["event"], quote["speaker"]].append(quote)
    pairs = []
    for (_, speaker), found in sorted(by_speaker.items()):
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                if a["article_id"] == b["article_id"]:
                    continue
                wa, wb = _words(a["quote"]), _words(b["quote"])
                if len(wa & wb) >= SAME_WORDS * min(len(wa), len(wb)):
                    first, second = (
                        GoldQuote(
                            article_of[q["article_id"]], speaker.replace("_", " "), q["start"], q["end"]
                        )
                        for q in (a, b)
                    )
                    pairs.append(Pair(speaker.replace("_", " "), first, second))
    return pairs


def _overlaps(start: int | None, end: int | None, quote: GoldQuote) -> bool:
    return start is not None and end is not None and start < quote.end and quote.start < end


def _row_of(matrix: ClaimMatrix, library: Library, pair: Pair) -> str | None:
    """The claimant of a row showing both quotations, or None if no row does."""
    outlets = [library.article(q.article_id) for q in (pair.first, pair.second)]
    if None in outlets:
        return None
    for row in matrix.rows:
        cells = [row.cells.get(a.outlet_id) for a in outlets]  # type: ignore[union-attr]
        if all(
            c is not None
            and c.article_id == q.article_id
            and any(_overlaps(lo, hi, q) for lo, hi in c.places)
            for c, q in zip(cells, (pair.first, pair.second), strict=True)
        ):
            return row.claimant
    return None


def _lands(library: Library, source: GoldQuote, target: GoldQuote, matrix: ClaimMatrix | None) -> bool:
    text = library.text(source.article_id)
    sentence = next((s for s in split_sentences(text) if s.start <= source.start < s.end), None)
    if sentence is None:
        return False
    target_text = library.text(target.article_id)
    sentences = split_sentences(target_text)
    offset = landing_offset(
        library,
        source_text=text,
        source_claims=library.claims(article_id=source.article_id),
        span=(sentence.start, sentence.end),
        relative=sentence.start / max(1, len(text)),
        target_id=target.article_id,
        target_text=target_text,
        target_sentences=sentences,
        source_id=source.article_id,
        matrix=matrix,
    )
    landed = next((s for s in sentences if s.start <= offset < s.end), None)
    return landed is not None and _overlaps(landed.start, landed.end, target)


def figures() -> dict[str, tuple[int, int]]:
    """Named (hits, out of) counts; raises `Missing` where a set is absent."""
    library, article_of = imported(load(ARTICLES))
    pairs = gold_pairs(load(QUOTES), article_of)
    matrices: dict[str, ClaimMatrix] = {}
    in_row = claimant = lands = 0
    for pair in pairs:
        events = {library.article(q.article_id).event_id for q in (pair.first, pair.second)}  # type: ignore[union-attr]
        if len(events) == 1 and None not in events:
            [event_id] = events
            matrix = matrices.get(event_id) or matrices.setdefault(event_id, claim_matrix(library, event_id))  # type: ignore[arg-type]
            row_claimant = _row_of(matrix, library, pair)
            if row_claimant is not None:
                in_row += 1
                claimant += same_person(pair.speaker, row_claimant)
        # As the reader flips once it has the event's matrix (worked out in the background).
        shared = matrices.get(library.article(pair.first.article_id).event_id or "")  # type: ignore[union-attr]
        lands += _lands(library, pair.first, pair.second, shared) + _lands(
            library, pair.second, pair.first, shared
        )
    return {
        "same quote, two outlets, in one matrix row": (in_row, len(pairs)),
        "…of those rows, the claimant is the speaker": (claimant, in_row),
        "flip lands on the other outlet's quotation": (lands, 2 * len(pairs)),
    }


def main(argv: Sequence[str] = ()) -> int:
    try:
        found = figures()
    except Missing as missing:
        print(f"alignment on real news: skipped, {missing}")
        return 0
    width = max(map(len, found))
    for name, (hits, total) in found.items():
        share = hits / total if total else 0.0
        print(f"{name:{width}}  {hits:3d} of {total:3d}  {share:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
