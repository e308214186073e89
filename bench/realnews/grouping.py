"""Event grouping on real news: B-cubed against the events people labelled.

Each set is imported into a fresh memory library exactly as `dateline
import FILE.jsonl` does it (outlet, date, title and body from each record,
then `group_articles` over everything), and the events grouping made are
scored against the gold `event` of each record:

- AllSides, news: B-cubed over the articles whose `event_kind` is `news`,
  grouped together with the opinion roundups in the same stream (the user
  imports the whole file; the roundups are harder negatives, not removed);
- AllSides, all: B-cubed over every article;
- BASIL: B-cubed over every article.

`python -m bench.realnews.grouping` prints the figures; `--split` also
scores the first and second half of AllSides' dates, each imported alone
(a check that a change helps on dates it was not looked at on), and
`--daily` the sets imported one day at a time, as a reader who refreshes
daily gets them (events placed one day cannot be merged by a later one).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from bench.realnews.data import Missing, imported, load
from bench.scores import bcubed

ALLSIDES = "allsides-dev.jsonl"
BASIL = "basil-dev.jsonl"

Scores = tuple[float, float, float]
"""B-cubed precision, recall, F1."""


def event_of_record(records: Sequence[Mapping[str, Any]], *, daily: bool = False) -> dict[str, str]:
    """Record id → the event grouping put it in, imported as a user would."""
    library, article_of = imported(records, daily=daily)
    return {record: library.article(article).event_id or article for record, article in article_of.items()}  # type: ignore[union-attr]


def scored(
    records: Sequence[Mapping[str, Any]],
    which: Callable[[Mapping[str, Any]], bool] = lambda r: True,
    *,
    daily: bool = False,
) -> Scores:
    """B-cubed of grouping all `records`, over those `which` picks."""
    predicted = event_of_record(records, daily=daily)
    gold = {r["id"]: r["event"] for r in records if which(r) and r["id"] in predicted}
    return bcubed(gold, {i: predicted[i] for i in gold})


def _is_news(record: Mapping[str, Any]) -> bool:
    return record.get("event_kind") == "news"


def figures(*, split: bool = False, daily: bool = False) -> dict[str, Scores]:
    """Named B-cubed scores; raises `Missing` where a set is absent.
    `split` adds each half of AllSides' dates imported alone, `daily` the
    sets imported one day at a time."""
    allsides = load(ALLSIDES)
    basil = load(BASIL)
    result = {
        "AllSides news": scored(allsides, _is_news),
        "AllSides all": scored(allsides),
        "BASIL": scored(basil),
    }
    if daily:
        result["AllSides news, a day at a time"] = scored(allsides, _is_news, daily=True)
        result["AllSides all, a day at a time"] = scored(allsides, daily=True)
        result["BASIL, a day at a time"] = scored(basil, daily=True)
    if split:
        for name, half in zip(("first", "second"), halves(allsides), strict=True):
            result[f"AllSides news, {name} half of dates"] = scored(half, _is_news)
            result[f"AllSides all, {name} half of dates"] = scored(half)
    return result


def halves(records: Iterable[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """The records of the earlier and of the later half of the dates (split
    at the median date, no event cut in two: each goes by its first date)."""
    records = list(records)
    first_date: dict[str, str] = {}
    for r in records:
        first_date[r["event"]] = min(first_date.get(r["event"], r["date"]), r["date"])
    dates = sorted(first_date.values())
    middle = dates[len(dates) // 2]
    early = [r for r in records if first_date[r["event"]] < middle]
    late = [r for r in records if first_date[r["event"]] >= middle]
    return early, late


def main(argv: Sequence[str] = ()) -> int:
    try:
        found = figures(split="--split" in argv, daily="--daily" in argv)
    except Missing as missing:
        print(f"grouping on real news: skipped, {missing}")
        return 0
    width = max(map(len, found))
    print(f"{'event grouping, B-cubed':{width}}  precision  recall     F1")
    for name, (precision, recall, f1) in found.items():
        print(f"{name:{width}}  {precision:9.3f}  {recall:6.3f}  {f1:5.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
