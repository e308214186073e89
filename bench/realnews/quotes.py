"""Direct quotes and their speakers, measured on real news labelled by people.

`python -m bench.realnews.quotes` prints the figures; `polnear_figures` and
`basil_figures` return them by name. The sets are read through
`bench.realnews.data` (never copied into the project); where they are
absent the command says so in one line and exits cleanly.

What is compared with what (the matching rules)
------------------------------------------------
Ours: the suggestions of `store.quotes.suggest_claims` with `direct` set,
i.e. what the reader shows inside quote marks. Our span excludes the quote
marks; gold spans (PolNeAR) include them, so both sides are compared as
*character sets with quote marks and white space removed*.

PolNeAR (attribution is exhaustive: direct, indirect and paraphrase):

- **precision**: a suggested direct quote is right when at least 80% of
  its characters lie inside the content spans of one gold attribution of the
  same article (any kind: a quotation nested in a paraphrase is still
  attributed speech) and our span does not contain that attribution's cue
  or speaker ("…," Holder said. "…" as one span is wrong: a span never
  includes its attribution).
- **recall**: a gold attribution with `is_direct` is found when the
  suggested direct quotes together cover at least half of its content
  characters (a quotation split by its attribution is suggested as its
  pieces, each with the speaker).
- **speaker right**: over found gold direct quotes whose speaker mention is
  a *name*, the share where the speaker of the best-overlapping suggestion
  refers to the same person. A mention is a name when one of its
  comma-separated parts (parentheses dropped) ends in a capitalised word
  that is not a pronoun and, if that word opens its sentence, is one the
  corpus itself mostly writes capitalised ("Trump", not "Protesters"); "he",
  "the campaign" and "the Clinton campaign" are not names. Same person: the
  last word of the gold name is one of our speaker's words, or the last word
  of ours is one of the gold mention's words (case and possessives folded,
  titles dropped), so "Rep. John Mica (R-Fla.)" and "John Mica" agree.

BASIL (labels not exhaustive, so no precision):

- **recall**: a gold quote span is found when at least half of its
  characters (quote marks and space removed) lie inside one suggested
  direct quote.
- **speaker right**: over found gold quotes whose speaker label is a
  person the article names (`Joe_Biden` where it says "Joe Biden"; not
  `other_*`, nor groups and organisations such as `Tea_Party`,
  `Romney_campaign` or `NAACP`, whose quotes a person of that group speaks),
  the share whose suggestion's speaker contains the gold name's last word.

"loose precision" is printed beside it for comparison with figures taken
before these rules: half of a suggestion inside any gold attribution, its
attribution allowed inside.

Headline figures are PolNeAR's `dev` split; `train` is where methods are
tuned and is printed beside it to show whether a change generalises.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.realnews.data import Missing, load
from store.coverage.suggestions import Suggestion, suggest_claims
from store.text.terms import word_set

QUOTE_MARKS = frozenset("“”\"‘’«»„‟'")
INSIDE_SHARE = 0.8
"""Share of a suggestion's characters that must be gold speech for it to be right."""
COVER_SHARE = 0.5
"""Share of a gold quotation's characters our quotes must cover to find it."""

_PRONOUNS = word_set(
    "i me we us you he him she her they them it his its their our my your one who which that this"
)
_TITLES = word_set(
    "mr mrs ms dr sen rep gov gen president senator governor secretary speaker chairman mayor former "
    "state del vice"
)
_WORD = re.compile(r"[^\W\d_][\w’'\-.]*")


@dataclass(frozen=True)
class GoldQuote:
    spans: tuple[tuple[int, int], ...]
    speaker: str  # surface mention ("Trump", "he"), or a normalised name for BASIL
    speaker_start: int  # where the mention is, -1 when not known
    direct: bool
    attribution: tuple[tuple[int, int], ...] = ()  # cue and speaker spans

    def inside(self, start: int, end: int) -> bool:
        """Whether the cue or the speaker of this quotation lies in `start:end`."""
        return any(start <= a and b <= end for a, b in self.attribution)


@dataclass
class Tally:
    """Counts behind the figures of one set."""

    suggested: int = 0
    right: int = 0
    loosely_right: int = 0
    gold: int = 0
    found: int = 0
    named: int = 0
    speaker_right: int = 0
    seconds: float = 0.0
    words: int = 0

    def figures(self) -> dict[str, float]:
        return {
            "precision": self.right / self.suggested if self.suggested else float("nan"),
            "loose precision": self.loosely_right / self.suggested if self.suggested else float("nan"),
            "recall": self.found / self.gold if self.gold else float("nan"),
            "speaker": self.speaker_right / self.named if self.named else float("nan"),
            "suggested": self.suggested,
            "gold": self.gold,
            "named": self.named,
            "ms_per_1000_words": 1000 * self.seconds / max(1, self.words) * 1000,
        }


# -- spans as character sets ---------------------------------------------------


def content(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """The characters of `spans` that are neither quote marks nor white space."""
    return {
        i
        for start, end in spans
        for i in range(start, end)
        if not text[i].isspace() and text[i] not in QUOTE_MARKS
    }


def _timed_direct(text: str, tally: Tally) -> list[Suggestion]:
    started = time.perf_counter()
    found = suggest_claims(text)
    tally.seconds += time.perf_counter() - started
    tally.words += len(text.split())
    return [s for s in found if s.direct]


# -- speakers ----------------------------------------------------------------------


def _fold(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word).strip(".,;:").casefold()


def name_words(name: str) -> list[str]:
    """The folded words of a name, titles and pronouns left out."""
    words = [_fold(w) for w in _WORD.findall(name.replace("_", " "))]
    return [w for w in words if w and w not in _TITLES and w not in _PRONOUNS]


def same_person(gold: str, ours: str) -> bool:
    gold_words, our_words = name_words(gold), name_words(ours)
    if not gold_words or not our_words:
        return False
    return gold_words[-1] in our_words or our_words[-1] in gold_words


class Capitalisation:
    """How a corpus writes each word: for telling a name that opens a
    sentence ("Trump said") from a common noun that does ("Protesters")."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.lower: Counter[str] = Counter()
        self.upper: Counter[str] = Counter()
        for text in texts:
            for match in re.finditer(r"(?<![.!?\n]\s)(?<!^)\b([^\W\d_]+)", text):
                word = match.group(1)
                (self.upper if word[:1].isupper() else self.lower)[word.casefold()] += 1

    def usually_capitalised(self, word: str) -> bool:
        folded = word.casefold()
        return self.upper[folded] > self.lower[folded]


def is_name(mention: str, text: str, start: int, caps: Capitalisation) -> bool:
    """Whether a gold speaker mention names someone ("Sen. Graham"), as
    opposed to a pronoun or a description ("the campaign", "he")."""
    bare = re.sub(r"\([^)]*\)", " ", mention)
    offset = 0
    for part in bare.split(","):
        words = _WORD.findall(part)
        if words:
            head = re.sub(r"(?:’s|'s)$", "", words[-1]).strip(".")
            if head[:1].isupper() and head.casefold() not in _PRONOUNS:
                at = start + offset + part.rfind(words[-1])
                opens = start >= 0 and re.search(r"(?:^|[.!?]\s+|\n\s*)[“\"‘]?$", text[max(0, at - 4) : at])
                if not opens or caps.usually_capitalised(head):
                    return True
        offset += len(part) + 1
    return False


# -- PolNeAR ---------------------------------------------------------------------------


def _polnear_gold() -> tuple[dict[str, dict], dict[str, list[GoldQuote]]]:
    articles = {a["id"]: a for a in load("polnear-dev.jsonl")}
    gold: dict[str, list[GoldQuote]] = defaultdict(list)
    for r in load("polnear-dev-attributions.jsonl"):
        spans = tuple((int(s), int(e)) for s, e in r["quote_spans"])
        speaker_spans = r.get("speaker_spans") or []
        attribution = tuple((int(s), int(e)) for s, e in [*speaker_spans, *(r.get("cue_spans") or [])])
        start = int(speaker_spans[0][0]) if speaker_spans else -1
        gold[r["article_id"]].append(
            GoldQuote(spans, r.get("speaker") or "", start, r["is_direct"], attribution)
        )
    return articles, gold


def _best(suggestions: Sequence[Suggestion], chars: set[int]) -> tuple[Suggestion | None, int]:
    """The suggestion overlapping `chars` most, and how many of them all the
    suggestions cover together."""
    best, most, covered = None, 0, 0
    for s in suggestions:
        shared = len(chars.intersection(range(s.start, s.end)))
        covered += shared
        if shared > most:
            best, most = s, shared
    return best, covered


def score_article(
    text: str,
    gold: Sequence[GoldQuote],
    tally: Tally,
    caps: Capitalisation | None,
    misses: list | None = None,
) -> None:
    """Add one article's counts to `tally` (and its errors to `misses`)."""
    ours = _timed_direct(text, tally)
    gold_chars = [content(text, g.spans) for g in gold]
    for s in ours:
        mine = content(text, [(s.start, s.end)])
        tally.suggested += 1
        tally.loosely_right += bool(mine) and any(
            len(mine & chars) >= COVER_SHARE * len(mine) for chars in gold_chars
        )
        if mine and any(
            len(mine & chars) >= INSIDE_SHARE * len(mine) and not g.inside(s.start, s.end)
            for g, chars in zip(gold, gold_chars, strict=True)
        ):
            tally.right += 1
        elif misses is not None:
            misses.append(("false quote", s.quote, s.speaker))
    for g, chars in zip(gold, gold_chars, strict=True):
        if not g.direct or not chars:
            continue
        tally.gold += 1
        best, overlap = _best(ours, chars)
        if best is None or overlap < COVER_SHARE * len(chars):
            if misses is not None:
                misses.append(("missed quote", text[g.spans[0][0] : g.spans[-1][1]], g.speaker))
            continue
        tally.found += 1
        if caps is not None and is_name(g.speaker, text, g.speaker_start, caps):
            tally.named += 1
            if same_person(g.speaker, best.speaker):
                tally.speaker_right += 1
            elif misses is not None:
                misses.append(("wrong speaker", f"{g.speaker} -> {best.speaker}", best.quote[:80]))


def polnear_figures(split: str = "dev", misses: list | None = None) -> dict[str, float]:
    """Direct-quote precision, recall and speaker accuracy on one PolNeAR split."""
    articles, gold = _polnear_gold()
    caps = Capitalisation(a["body"] for a in articles.values())
    tally = Tally()
    for article_id, article in articles.items():
        if article["split"] == split:
            score_article(article["body"], gold.get(article_id, []), tally, caps, misses)
    return tally.figures()


def is_person_label(label: str, text: str, caps: Capitalisation) -> bool:
    """Whether a BASIL speaker label names a person the article names:
    "Joe_Biden" where the text says "Joe Biden"; not a group or an
    organisation ("other_anti", "Tea_Party", "Romney_campaign", "NAACP")."""
    parts = label.split("_")
    return (
        len(parts) >= 2
        and " ".join(parts) in text
        and all(p[:1].isupper() and caps.usually_capitalised(p) for p in parts)
    )


# -- BASIL -------------------------------------------------------------------------------


def basil_figures(misses: list | None = None) -> dict[str, float]:
    """Quote recall and speaker accuracy on BASIL (its labels are not exhaustive)."""
    articles = {a["id"]: a for a in load("basil-dev.jsonl")}
    quotes: dict[str, list[dict]] = defaultdict(list)
    for q in load("basil-dev-quotes.jsonl"):
        quotes[q["article_id"]].append(q)
    caps = Capitalisation(a["body"] for a in articles.values())
    tally = Tally()
    for article_id, article in articles.items():
        text = article["body"]
        ours = _timed_direct(text, tally)
        for q in quotes.get(article_id, []):
            chars = content(text, [(q["start"], q["end"])])
            if not chars:
                continue
            tally.gold += 1
            best, overlap = _best(ours, chars)
            if best is None or overlap < COVER_SHARE * len(chars):
                if misses is not None:
                    misses.append(("missed quote", q["quote"], q["speaker"]))
                continue
            tally.found += 1
            speaker = q["speaker"]
            if not is_person_label(speaker, text, caps):
                continue
            tally.named += 1
            if name_words(speaker)[-1:] and name_words(speaker)[-1] in name_words(best.speaker):
                tally.speaker_right += 1
            elif misses is not None:
                misses.append(("wrong speaker", f"{speaker} -> {best.speaker}", best.quote[:80]))
    return tally.figures()


# -- the command --------------------------------------------------------------------------


def _row(name: str, figures: dict[str, float], keys: Sequence[str]) -> str:
    cells = [f"{k} {figures[k]:.3f}" for k in keys]
    counts = (
        f"({figures['suggested']:.0f} suggested, {figures['gold']:.0f} gold, {figures['named']:.0f} named)"
    )
    return f"{name:<22} " + "  ".join(cells) + f"  {counts}"


def main(argv: Sequence[str] = ()) -> int:
    show = "--misses" in argv
    try:
        rows = []
        for split in ("dev", "train"):
            misses: list = []
            figures = polnear_figures(split, misses if show and split == "dev" else None)
            rows.append(
                _row(f"PolNeAR {split}", figures, ("precision", "recall", "speaker", "loose precision"))
            )
            for miss in misses:
                print(" | ".join(str(m).replace("\n", " ") for m in miss))
        misses = []
        basil = basil_figures(misses if show else None)
        for miss in misses:
            print(" | ".join(str(m).replace("\n", " ") for m in miss))
        rows.append(_row("BASIL dev", basil, ("recall", "speaker")))
    except Missing as missing:
        print(f"quotes: skipped, {missing}")
        return 0
    print("direct quotes and speakers on real news (matching rules: bench/realnews/quotes.py)")
    print("\n".join(rows))
    print(f"suggest_claims: {basil['ms_per_1000_words']:.1f} ms per 1,000 words (BASIL articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
