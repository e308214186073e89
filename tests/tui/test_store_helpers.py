"""The small store helpers the reader relies on, tested without a screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from store.coverage.claimants import claimant_suggestions
from store.coverage.passages import locate_quote, matching_passage
from store.search.query import search
from store.text.sentences import split_sentences
from tests.tui.helpers import add_story, seeded_library

TEXT_A = "The minister resigned on Friday. Critics said the budget plan had failed badly."
TEXT_B = "Opposition critics said on Saturday that the budget plan had failed. The minister left."


def test_matching_passage_finds_the_sentence_sharing_distinctive_words() -> None:
    passage = "Critics said the budget plan had failed badly."
    match = matching_passage(passage, TEXT_B, split_sentences(TEXT_B))
    assert match is not None and TEXT_B[match.start : match.end].startswith("Opposition critics")


def test_matching_passage_gives_up_on_unrelated_text() -> None:
    assert (
        matching_passage("Critics said the budget plan had failed.", "Rain fell all day on the coast.")
        is None
    )


def test_locate_quote_matches_any_white_space_and_prefers_the_nearest() -> None:
    text = "He said no. Later:\n\nHe said  no. Again he said no."
    assert locate_quote(text, "He said no.", near=15) == (20, 32)
    assert text[20:32] == "He said  no."
    assert locate_quote(text, "not there", near=0) is None


def test_claimant_suggestions_put_the_speaker_first() -> None:
    text = "Kremlin spokesman Dmitry Peskov spoke. Later Peskov said it was false. Anna Lee disagreed."
    start = text.index("Later")
    assert claimant_suggestions(text, (start, text.index(" Anna")), ["Old Claimant"])[:2] == [
        "Dmitry Peskov",
        "Anna Lee",
    ]
    assert claimant_suggestions(text, (0, 5), ["Old Claimant"])[-1] == "Old Claimant"


def test_a_role_held_for_someone_suggests_its_holder_not_the_someone() -> None:
    text = (
        "Vladimir Putin’s spokesperson has rejected the reports as fiction. "
        "Kremlin spokesperson Dmitry Peskov told journalists there was no call."
    )
    span = (0, text.index(" Kremlin"))
    assert claimant_suggestions(text, span)[:2] == ["Dmitry Peskov", "Vladimir Putin"]
    unnamed = "Vladimir Putin’s spokesperson has rejected the reports as fiction."
    assert claimant_suggestions(unnamed, (0, len(unnamed)))[:2] == [
        "Vladimir Putin’s spokesperson",  # unnamed here: the role itself
        "Vladimir Putin",
    ]


def test_search_finds_titles_before_bodies(tmp_path: Path) -> None:
    library = seeded_library(tmp_path / "lib" / "library.json")
    harbour = add_story(library, "Kremlin harbour flood", "Harbour News", ("The harbour shut.",))
    hits = search(library, "kremlin")
    assert (hits[0].where, hits[0].event_id) == ("title", harbour)
    wheres = [h.where for h in hits]
    assert wheres == sorted(wheres, key=["title", "headline", "claim", "body"].index)
    assert {h.where for h in hits} == {"title", "headline", "body"}  # the seeds mention the Kremlin in bodies
    assert search(library, "   ") == []


def test_the_store_helpers_do_not_import_textual() -> None:
    code = (
        "import sys, store.library.stories, store.coverage.passages, store.coverage.claimants, "
        "store.search.query; "
        "print(any(m.split('.')[0] in ('textual', 'rich', 'tui') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
