"""What a search finds: words in bodies, headlines, titles and claims, every
word of the query, whole words only, newest first, up to the limit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from store import Library
from store.ingest.seeds import seed_if_empty
from store.model import Event
from store.search.query import search
from tests.library.helpers import add_story
from tests.search.helpers import add


def test_finds_a_body_word_with_a_snippet_around_it(library: Library) -> None:
    article = add(library, "Harbour closes", "Ships waited.", "The harbour master blamed the tidal surge.")
    add(library, "Other news", "Nothing about boats here.")
    [hit] = [h for h in search(library, "tidal") if h.where == "body"]
    assert hit.article_id == article
    assert "tidal surge" in hit.snippet
    assert library.text(article)[hit.offset :].startswith("tidal")


def test_finds_headlines_titles_and_claims(library: Library) -> None:
    article = add(library, "Glacier retreats in Valdoria", "The ice lost ground this year.")
    event = library.new_event_id()
    library.save_grouping([Event(id=event, title="Valdoria ice story")], {article: event})
    library.add_claim(article, "The ice lost ground this year.", claimant="Mira Oskarsdottir")
    assert {(h.where, h.article_id) for h in search(library, "valdoria")} == {
        ("title", article),
        ("headline", article),
    }
    [claim] = search(library, "oskarsdottir")
    assert (claim.where, claim.article_id, claim.event_id) == ("claim", article, event)
    assert claim.offset == library.text(article).index("The ice")


def test_every_word_must_occur(library: Library) -> None:
    both = add(library, "One", "Copper prices rose in Lusaka.")
    add(library, "Two", "Copper prices fell.")
    add(library, "Three", "Lusaka was quiet.")
    assert [h.article_id for h in search(library, "copper lusaka")] == [both]
    assert search(library, "copper zanzibar") == []


def test_words_match_whole_not_inside_other_words(library: Library) -> None:
    article = add(library, "Ports", "The Kremlin said nothing.")
    assert search(library, "remlin") == []
    assert search(library, "kremlin said nothing") != []
    assert [h.article_id for h in search(library, "kreml")] == [article]  # the last word as a prefix
    assert search(library, "kreml ") == []  # a finished word is a whole word
    assert search(library, "kreml said") == []  # only the last word is a prefix


def test_case_and_accents_do_not_matter(library: Library) -> None:
    article = add(library, "Zürich talks", "Delegates met in ZÜRICH and São Paulo.")
    assert {h.article_id for h in search(library, "zurich")} == {article}
    assert {h.article_id for h in search(library, "SAO paulo")} == {article}
    assert {h.article_id for h in search(library, "Zürich")} == {article}


def test_newest_first_and_stops_at_the_limit(library: Library) -> None:
    days = [dt.date(2024, 1, d) for d in (5, 20, 1, 13, 9)]
    ids = {add(library, f"Story {d.day}", f"Rainfall report number {d.day}.", date=d): d for d in days}
    hits = search(library, "rainfall")
    assert [ids[h.article_id] for h in hits] == sorted(days, reverse=True)
    assert [ids[h.article_id] for h in search(library, "rainfall", limit=2)] == sorted(days, reverse=True)[:2]


def test_no_words_no_hits(library: Library) -> None:
    add(library, "Something", "Some text.")
    assert search(library, "   ") == []
    assert search(library, "— … !") == []


def test_new_articles_are_searchable_at_once(library: Library) -> None:
    add(library, "First", "An early report on drought.")
    assert len(search(library, "drought")) == 1
    later = add(library, "Second", "A later report on drought and famine.", date=dt.date(2024, 12, 1))
    hits = search(library, "drought")
    assert [h.article_id for h in hits][0] == later
    assert len(hits) == 2
    assert [h.article_id for h in search(library, "famine")] == [later]


def test_a_renamed_story_is_found_by_its_new_title(library: Library) -> None:
    article = add(library, "Council meets", "The council met.")
    event = library.new_event_id()
    library.save_grouping([Event(id=event, title="Council meets")], {article: event})
    assert [h.where for h in search(library, "council meets")] == ["title", "headline"]
    library.rename_event(event, "Budget vote in Ostrava")
    assert [(h.where, h.event_id) for h in search(library, "ostrava")] == [("title", event)]
    assert [h.where for h in search(library, "council meets")] == ["headline"]


def test_a_claim_edited_or_deleted_is_found_as_it_is_now(library: Library) -> None:
    """Claims' searchable text is kept between searches; an edit or a delete
    must show at the next search, as the user types on."""
    article = add(library, "Glacier retreats", "The ice lost ground this year.")
    claim = library.add_claim(article, "The ice lost ground this year.", note="check with Oskarsdottir")
    assert [h.where for h in search(library, "oskarsdottir")] == ["claim"]
    library.update_claim(claim.id, note="check with Lindqvist")
    assert search(library, "oskarsdottir") == []
    assert [h.where for h in search(library, "lindqvist")] == ["claim"]
    library.remove_claim(claim.id)
    assert search(library, "lindqvist") == []


def test_search_finds_titles_before_bodies(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib" / "library.json")
    seed_if_empty(library)
    harbour = add_story(library, "Kremlin harbour flood", "Harbour News", ("The harbour shut.",))
    hits = search(library, "kremlin")
    assert (hits[0].where, hits[0].event_id) == ("title", harbour)
    wheres = [h.where for h in hits]
    assert wheres == sorted(wheres, key=["title", "headline", "claim", "body"].index)
    assert {h.where for h in hits} == {"title", "headline", "body"}  # the seeds mention the Kremlin in bodies
    assert search(library, "   ") == []
