"""Event grouping: the same happening grouped, different happenings of the
same week kept apart, incremental imports, and the user's decisions kept."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from bench.scores import bcubed
from store import ArticleDraft, Library, StoreError
from store.coverage.grouping import (
    article_terms,
    group_articles,
    merge_events,
    move_article,
    neighbours,
    split_event,
)
from store.ingest.importer import import_paths
from tests.conftest import ROOT
from tests.coverage.conftest import SeedEvent
from tests.coverage.eval_set import EVAL, grouping_scores, import_eval, load_gold


def test_the_two_seeds_form_one_event(seeds: SeedEvent) -> None:
    events = seeds.library.events()
    assert len(events) == 1
    assert set(events[0].article_ids) == {seeds.wire, seeds.other}


def test_eval_set_groups_stories_of_one_week_apart() -> None:
    precision, recall, f1 = grouping_scores()
    assert f1 >= 0.9, (precision, recall, f1)


def test_different_stories_of_one_week_are_never_merged() -> None:
    library = Library.memory()
    ids = import_eval(library)
    gold = load_gold()
    event_of = {name: library.article(ids[name]).event_id for name in gold}  # type: ignore[union-attr]
    for name, article in gold.items():
        for other, theirs in gold.items():
            if article.event != theirs.event:
                assert event_of[name] != event_of[other], (name, other)


def test_articles_imported_later_join_existing_events(library: Library) -> None:
    files = sorted((EVAL / "articles").glob("*.txt"))
    import_paths(library, [str(f) for f in files[::2]])
    before = {a.id: a.event_id for a in library.articles()}
    import_paths(library, [str(f) for f in files[1::2]])
    after = {a.id: a.event_id for a in library.articles()}
    assert all(after[i] == e for i, e in before.items()), "earlier articles were regrouped"
    gold = load_gold()
    truth = {a.id: gold[(a.source or "").rsplit("/", 1)[-1]].event for a in library.articles()}
    later = [a.id for a in library.articles() if a.id not in before]
    joined = [i for i in later if any(after[i] == e for e in before.values())]
    assert len(joined) >= 0.8 * len(later)
    _, _, f1 = bcubed(truth, {i: e or i for i, e in after.items()})
    assert f1 >= 0.9


def _draft(headline: str, body: str, day: int, outlet: str) -> ArticleDraft:
    return ArticleDraft(headline=headline, paragraphs=(body,), date=dt.date(2025, 5, day), outlet_name=outlet)


def test_same_words_weeks_apart_are_different_events(library: Library) -> None:
    body = "Flood waters rose in Brenholt after the Carrow dam overflowed, officials in Brenholt said."
    added = library.add_articles(
        [
            _draft("Brenholt flooded as Carrow dam overflows", body, 1, "One"),
            _draft("Carrow dam overflows again, Brenholt flooded", body + " Again.", 28, "Two"),
        ]
    ).added
    group_articles(library, [a.id for a in added])
    assert len({library.article(a.id).event_id for a in added}) == 2  # type: ignore[union-attr]


def test_moved_article_stays_where_the_user_put_it(seeds: SeedEvent) -> None:
    library = seeds.library
    other_event = split_event(library, seeds.event_id, [seeds.other])
    assert library.article(seeds.other).event_id == other_event  # type: ignore[union-attr]
    group_articles(library, [seeds.wire, seeds.other])
    assert library.article(seeds.other).event_id == other_event  # type: ignore[union-attr]
    assert library.article(seeds.wire).event_id == seeds.event_id  # type: ignore[union-attr]
    move_article(library, seeds.other, seeds.event_id)
    assert library.article(seeds.other).event_id == seeds.event_id  # type: ignore[union-attr]
    assert library.event(other_event) is None or not library.event(other_event).article_ids  # type: ignore[union-attr]


def test_merge_pins_articles_and_removes_the_other_event(seeds: SeedEvent) -> None:
    library = seeds.library
    split_off = split_event(library, seeds.event_id, [seeds.other])
    kept = merge_events(library, seeds.event_id, split_off)
    assert kept == seeds.event_id
    assert [e.id for e in library.events()] == [seeds.event_id]
    assert all(library.article(a).event_pinned for a in (seeds.wire, seeds.other))  # type: ignore[union-attr]


def test_user_decisions_survive_reopening(tmp_path) -> None:
    path = tmp_path / "lib" / "library.json"
    from tests.coverage.conftest import import_seeds

    seeds = import_seeds(Library.open(path))
    new_event = split_event(seeds.library, seeds.event_id, [seeds.other])
    seeds.library.rename_event(new_event, "The Kiev version")
    reopened = Library.open(path)
    assert reopened.article(seeds.other).event_id == new_event  # type: ignore[union-attr]
    group_articles(reopened, [seeds.other])
    assert reopened.event(new_event).title == "The Kiev version"  # type: ignore[union-attr]
    assert reopened.article(seeds.other).event_id == new_event  # type: ignore[union-attr]


def test_split_refuses_to_empty_an_event_or_take_strangers(seeds: SeedEvent) -> None:
    with pytest.raises(StoreError, match="empty"):
        split_event(seeds.library, seeds.event_id, [seeds.wire, seeds.other])
    other = split_event(seeds.library, seeds.event_id, [seeds.other])
    with pytest.raises(StoreError, match="not in event"):
        split_event(seeds.library, seeds.event_id, [seeds.other])
    with pytest.raises(StoreError, match="itself"):
        merge_events(seeds.library, other, other)


def test_event_title_is_a_member_headline_and_renames_stick(seeds: SeedEvent) -> None:
    library = seeds.library
    headlines = {a.headline for a in library.articles()}
    assert library.event(seeds.event_id).title in headlines  # type: ignore[union-attr]
    library.rename_event(seeds.event_id, "Kremlin denies call")
    extra = library.add_articles(
        [
            ArticleDraft(
                headline="Peskov: Trump Putin call report pure fiction",
                paragraphs=(
                    "Kremlin spokesman Dmitry Peskov said the Washington Post report of a "
                    "Trump Putin phone call was pure fiction.",
                ),
                date=dt.date(2024, 11, 11),
                outlet_name="Outlet C",
            )
        ]
    ).added
    group_articles(library, [a.id for a in extra])
    assert library.article(extra[0].id).event_id == seeds.event_id  # type: ignore[union-attr]
    assert library.event(seeds.event_id).title == "Kremlin denies call"  # type: ignore[union-attr]


def test_undated_articles_still_join_their_event(library: Library) -> None:
    body = "Firefighters in Wendmoor fought a blaze at the Calder Mill warehouse, Chief Tomas Ebb said."
    drafts = [
        ArticleDraft(
            headline="Calder Mill warehouse fire in Wendmoor", paragraphs=(body,), outlet_name="One"
        ),
        ArticleDraft(
            headline="Wendmoor blaze destroys Calder Mill warehouse",
            paragraphs=(body + " Nobody was hurt.",),
            outlet_name="Two",
        ),
    ]
    first = library.add_articles(drafts[:1]).added
    group_articles(library, [a.id for a in first])
    second = library.add_articles(drafts[1:]).added
    group_articles(library, [a.id for a in second])
    assert library.article(first[0].id).event_id == library.article(second[0].id).event_id  # type: ignore[union-attr]


def _day(day: int, outlet: str, headline: str, body: str) -> ArticleDraft:
    return ArticleDraft(headline=headline, paragraphs=(body,), date=dt.date(2025, 3, day), outlet_name=outlet)


def _group_all(library: Library, drafts: list[ArticleDraft]) -> list[str]:
    """Add and group the drafts; each one's event id, in order."""
    added = library.add_articles(drafts).added
    group_articles(library, [a.id for a in added])
    return [library.article(a.id).event_id or "" for a in added]  # type: ignore[union-attr]


STRIKE = [
    _day(
        3,
        "Ledger",
        "Ostrel tram drivers walk out over pay",
        "Tram drivers in Ostrel stopped work on Monday in a dispute over wages, leaving commuters "
        "stranded across the city, the Ostrel Transit Union said.",
    ),
    _day(
        3,
        "Courier",
        "Strike halts Ostrel's trams as union rejects 3% offer",
        "Commuters in Ostrel queued for buses after the Transit Union called its members out, "
        "rejecting a 3% pay offer from the city council.",
    ),
    _day(
        3,
        "Herald",
        "Council calls tram stoppage 'unjustified'",
        "Ostrel city council criticised the union's walkout, which shut every tram line, and said "
        "its offer of a 3 per cent rise was fair.",
    ),
]
SAME_DAY_OTHERS = [
    _day(
        3,
        "Ledger",
        "Ostrel council approves new library budget",
        "The city council of Ostrel voted to fund a new central library, council leader Mira Dunn said.",
    ),
    _day(
        3,
        "Courier",
        "Velmoria wins the Harrow Cup final",
        "Velmoria beat Tessaly 2-1 in the Harrow Cup final in Brenn, with a late goal from Jon Aske.",
    ),
    _day(
        3,
        "Herald",
        "Floods close roads in northern Velmoria",
        "Heavy rain flooded roads around Kessen and Dorran, the Velmoria weather office said.",
    ),
]


def test_reports_worded_differently_join_and_other_stories_of_the_day_stay_apart(library: Library) -> None:
    events = _group_all(library, [*STRIKE, *SAME_DAY_OTHERS])
    strike, others = events[:3], events[3:]
    assert len(set(strike)) == 1, "the three reports of the tram strike are one event"
    assert len(set(others)) == 3 and not set(others) & set(strike)


def test_the_next_development_of_a_story_days_later_is_its_own_event(library: Library) -> None:
    vote = [
        _day(
            10,
            "Ledger",
            "Parliament votes for Dorran dam inquiry",
            "Velmoria's parliament voted to open an inquiry into the collapse of the Dorran dam, "
            "after weeks of pressure from families in Kessen.",
        ),
        _day(
            10,
            "Courier",
            "MPs back public inquiry into dam collapse",
            "Members of parliament backed a public inquiry into the Dorran dam disaster by 210 votes "
            "to 40, Speaker Ivo Rann announced.",
        ),
        _day(
            10,
            "Herald",
            "Dorran dam families win their inquiry",
            "Families of the Kessen victims welcomed the vote in parliament to investigate why the "
            "Dorran dam gave way.",
        ),
    ]
    chair = [
        _day(
            13,
            "Ledger",
            "Judge Elin Marsh to chair Dorran dam inquiry",
            "Retired judge Elin Marsh will lead the inquiry into the Dorran dam collapse, the justice "
            "ministry said, and will report within a year.",
        ),
        _day(
            13,
            "Courier",
            "Marsh named head of dam inquiry",
            "Elin Marsh, a former appeal court judge, was appointed to chair the Dorran inquiry and "
            "promised to hear every family.",
        ),
        _day(
            13,
            "Herald",
            "Who is Elin Marsh, the judge leading the Dorran inquiry?",
            "The justice ministry chose Elin Marsh, known for the Brenn port ruling, to run the "
            "inquiry into the dam.",
        ),
    ]
    events = _group_all(library, [*vote, *chair, *STRIKE])
    assert len(set(events[:3])) == 1 and len(set(events[3:6])) == 1
    assert events[0] != events[3], "the vote and the chair's appointment days later are two events"


def test_figures_and_hyphenated_words_count_however_they_are_written() -> None:
    one = article_terms("Jobs rose by 266K as G-7 agreed a cease-fire", ["Growth of $6T was forecast."])
    other = article_terms("266,000 jobs added; G7 backs ceasefire", ["A $6 trillion economy."])
    assert {"#266000", "g7", "ceasefire", "#6e+12"} <= one.keys() & other.keys()


def test_a_sparse_library_weighs_words_on_articles_far_off_in_time(library: Library) -> None:
    _group_all(library, [_day(1, "Ledger", "Harrow Cup draw made", "The draw was made in Brenn.")])
    old_id = library.articles()[0].id
    # Three months on: far outside the window, but all there is to weigh words on.
    assert [a.id for a in neighbours(library, set(), [dt.date(2025, 6, 1)])] == [old_id]


def test_an_article_like_two_earlier_events_joins_one_and_never_merges_them(library: Library) -> None:
    (strike,) = _group_all(library, STRIKE[:1])
    (floods,) = _group_all(library, SAME_DAY_OTHERS[2:])
    assert strike != floods
    (both,) = _group_all(
        library,
        [
            _day(
                3,
                "Gazette",
                "Ostrel tram drivers walk out; floods close roads in northern Velmoria",
                f"{STRIKE[0].paragraphs[0]} {SAME_DAY_OTHERS[2].paragraphs[0]}",
            )
        ],
    )
    assert both in {strike, floods}
    assert len({a.event_id for a in library.articles()}) == 2, "the two earlier events stay two"


_GROUP_IN_CHILD = """
import datetime as dt, json
from store.coverage.grouping import Placing, plan_grouping
places = "harbour ferry council school bridge market station hospital stadium library".split()
items = []
for n in range(60):
    one, other = places[n % 10], places[(n * 3 + 1) % 10]
    lead = f"A storm flooded the {one} and the {other} on Monday, officials said; report {n}."
    headline = f"Storm floods the {one} and the {other}"
    items.append(Placing(f"doc-{n:02}", dt.date(2025, 3, 3), headline, (lead,)))
groups = {}
for article, event in plan_grouping([], items).assignments.items():
    groups.setdefault(event, []).append(article)
print(json.dumps(sorted(sorted(group) for group in groups.values())))
"""


def test_the_same_articles_are_grouped_the_same_in_every_process() -> None:
    """Each process hashes strings its own way; sixty reports of one storm,
    alike enough to tie as candidates, must still give the same events."""
    outcomes = {
        subprocess.run(
            [sys.executable, "-c", _GROUP_IN_CHILD],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        for seed in ("1", "2", "3", "4", "5")
    }
    assert len(outcomes) == 1
    assert len(json.loads(outcomes.pop())) > 1
