"""What a search finds: words in bodies, headlines, titles and claims, every
word of the query, whole words only, phrases, prefixes while typing, outlet
and date filters, by relevance or newest first, up to the limit, each hit
with the spans of its snippet that matched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from store import ArticleDraft, Library
from store.ingest.seeds import seed_if_empty
from store.model import Event
from store.search.query import parse_query, search
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
    hits = search(library, "rainfall", order="date")
    assert [ids[h.article_id] for h in hits] == sorted(days, reverse=True)
    newest_two = search(library, "rainfall", limit=2, order="date")
    assert [ids[h.article_id] for h in newest_two] == sorted(days, reverse=True)[:2]


def test_no_words_no_hits(library: Library) -> None:
    add(library, "Something", "Some text.")
    assert search(library, "   ") == []
    assert search(library, "— … !") == []


def test_new_articles_are_searchable_at_once(library: Library) -> None:
    add(library, "First", "An early report on drought.")
    assert len(search(library, "drought")) == 1
    later = add(library, "Second", "A later report on drought and famine.", date=dt.date(2024, 12, 1))
    hits = search(library, "drought", order="date")
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


def test_a_phrase_in_quotes_must_occur_as_written(library: Library) -> None:
    said = add(library, "Kremlin", "Peskov called the report pure fiction.")
    add(library, "Other", "Fiction is pure invention, he said.")
    assert {h.article_id for h in search(library, '"pure fiction"')} == {said}
    assert search(library, '"fiction pure"') == []
    assert {h.article_id for h in search(library, '"pure fic')} == {said}  # still typing the phrase
    assert len({h.article_id for h in search(library, "pure fiction")}) == 2  # words: anywhere


def test_most_relevant_first_or_newest_first(library: Library) -> None:
    passing = add(
        library,
        "Budget",
        "The minister spoke at length about taxes, schools, roads and, once, floods.",
        date=dt.date(2024, 5, 2),
    )
    about = add(
        library, "Floods", "Floods again: floods in the north, floods in the south.", date=dt.date(2024, 5, 1)
    )
    assert [h.article_id for h in search(library, "floods") if h.where == "body"] == [about, passing]
    assert [h.article_id for h in search(library, "floods", order="date") if h.where == "body"] == [
        passing,
        about,
    ]


def test_outlet_filter_keeps_articles_of_outlets_named_so(library: Library) -> None:
    times = add(library, "Port strike", "Dockers walked out.", outlet="The New York Times")
    post = add(library, "Port strike", "Dockers walked out at dawn.", outlet="Washington Post")
    assert {h.article_id for h in search(library, "dockers outlet:post")} == {post}
    assert {h.article_id for h in search(library, 'dockers outlet:"new york"')} == {times}
    assert {h.article_id for h in search(library, "dockers outlet:york outlet:washington")} == {times, post}
    assert search(library, "dockers outlet:reuters") == []


def test_date_filters_take_days_months_and_years(library: Library) -> None:
    spring = add(library, "Spring storm", "Hail fell.", date=dt.date(2024, 4, 30))
    summer = add(library, "Summer storm", "Hail fell again.", date=dt.date(2024, 6, 1))
    add(library, "Undated storm", "Hail, some day.", date=None)

    def found(query: str) -> set[str]:
        return {h.article_id for h in search(library, query)}

    assert found("hail since:2024-05") == {summer}
    assert found("hail until:2024-05") == {spring}
    assert found("hail date:2024-04-30") == {spring}
    assert found("hail date:2024") == {spring, summer}
    assert found("hail after:2024-04-30") == {summer}
    assert found("hail before:2024-06") == {spring}
    assert len(found("hail")) == 3  # no date filter: the undated article too


def test_a_filter_that_is_not_a_date_is_said_not_guessed() -> None:
    parsed = parse_query("hail since:yesterday")
    assert [t.text for t in parsed.terms] == ["hail"] and parsed.since is None
    assert parsed.problems == ("since:yesterday is not a date (write 2024, 2024-11 or 2024-11-11)",)


def test_each_hit_says_which_words_of_its_snippet_matched(library: Library) -> None:
    article = add(library, "Zürich talks", "Delegates met.\n\nIn ZÜRICH   they   signed a pact.")
    [headline] = [h for h in search(library, "zurich") if h.where == "headline"]
    assert [headline.snippet[a:b] for a, b in headline.highlights] == ["Zürich"]
    [body] = [h for h in search(library, "zurich pact") if h.where == "body"]
    assert [body.snippet[a:b] for a, b in body.highlights] == ["ZÜRICH", "pact"]
    assert "\n" not in body.snippet and "  " not in body.snippet
    assert library.text(article)[body.offset :].startswith("ZÜRICH")


def test_query_syntax_of_the_engine_is_read_as_words(library: Library) -> None:
    article = add(library, "Near or not", "Whether AND or OR: near NEAR the end, not NOT.")
    for query in ("AND OR NOT", "near(", '"unclosed', "*", "a:b", "^x", "-- ;", "{body}: near", '"a"b"'):
        search(library, query)  # never an error
    assert {h.article_id for h in search(library, "near NOT")} == {article}


def test_untrusted_text_comes_back_as_text(library: Library) -> None:
    article = add(library, "[bold red]Alarm[/]", "Click [link=https://evil.example]here[/link] now.")
    [headline] = [h for h in search(library, "alarm") if h.where == "headline"]
    assert headline.snippet == "[bold red]Alarm[/]" and headline.article_id == article


def test_articles_of_one_day_whose_ids_start_alike_are_both_found(library: Library) -> None:
    drafts = [
        ArticleDraft(headline=f"Twin {n}", paragraphs=("Identical twins.",), date=dt.date(2024, 3, 3), id=i)
        for n, i in enumerate(("aaaaaaaa00000001", "aaaaaaaa00000002", "aaaaaaaa00000003"))
    ]
    library.add_articles(drafts[:1])
    library.add_articles(drafts[1:])  # numbered apart in one batch and from the first
    assert {h.article_id for h in search(library, "twins")} == {d.id for d in drafts}


def test_a_query_not_typed_word_by_word_takes_prefixes_only_when_asked(library: Library) -> None:
    article = add(library, "Ports", "The Kremlin said nothing.")
    assert search(library, parse_query("kreml", typing=False)) == []
    assert {h.article_id for h in search(library, parse_query("kreml*", typing=False))} == {article}
    assert {h.article_id for h in search(library, parse_query("kremlin", typing=False))} == {article}
