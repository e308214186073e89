"""Event grouping: the same happening grouped, different happenings of the
same week kept apart, incremental imports, and the user's decisions kept."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.quality import EVAL, bcubed, grouping_scores, import_eval, load_gold
from store import ArticleDraft, Library, StoreError
from store.coverage.grouping import group_articles, merge_events, move_article, split_event
from store.ingest.importer import import_paths
from tests.coverage.conftest import SeedEvent


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
