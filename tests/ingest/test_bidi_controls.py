"""Bidirectional controls ("Trojan Source"): a right-to-left override in a
headline makes a terminal show its letters in another order than they are
stored in. None is stored at import, and none is written out by the command
line or the text exports, even for text that was stored before the fix."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from store import Library
from store.exchange.export import export
from store.ingest.importer import import_paths
from store.model import ArticleDraft, Event
from tests.tui.cli.helpers import run

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e"
ISOLATES = "\u2066\u2067\u2068\u2069"
MARKS = "\u200e\u200f\u061c"
EVERY_BIDI = OVERRIDES + ISOLATES + MARKS
# Shown in a terminal that applies bidi, this reads "Minister resigns gnob".
REORDERED = "Minister resigns \u202ebong\u202c"


def _has_bidi(text: str) -> bool:
    return any(c in text for c in EVERY_BIDI)


def test_a_seed_file_is_stored_without_any_bidi_control(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        f" date 2024-11-11 {REORDERED}\n\nHe said \u2067it was\u2069 true.\u200f Every{EVERY_BIDI}control.\n",
        encoding="utf-8",
    )
    report = import_paths(library, [str(path)])
    assert report.skipped == []
    (article,) = library.articles()
    assert article.headline == "Minister resigns bong"
    assert library.paragraphs(article.id) == ("He said it was true. Everycontrol.",)


def test_a_json_record_is_stored_without_any_bidi_control(library: Library, tmp_path: Path) -> None:
    record = {
        "outlet": "Daily \u202eSWEN\u202c",
        "date": "2024-11-11",
        "title": REORDERED,
        "body": [f"One{MARKS}.", f"Two{ISOLATES}."],
        "url": "https://example.com/\u202ea",
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert import_paths(library, [str(path)]).skipped == []
    (article,) = library.articles()
    assert library.outlet_name(article.outlet_id) == "Daily SWEN"
    assert article.headline == "Minister resigns bong"
    assert library.paragraphs(article.id) == ("One.", "Two.")
    assert article.url is not None and not _has_bidi(article.url)


def test_typed_names_are_stored_without_bidi_controls(library: Library) -> None:
    (article,) = library.add_articles(
        [ArticleDraft(headline="H", paragraphs=("Peskov said no.",), outlet_name="O")]
    ).added
    claim = library.add_claim(
        article.id,
        "Peskov said no.",
        claimant="Dmitry \u202evoksep\u202c",
        note="a\u2066b",
        tags=["x\u200fy"],
    )
    assert (claim.claimant, claim.note, claim.tags) == ("Dmitry voksep", "ab", ("xy",))


def _stored_before_the_fix(library: Library) -> str:
    """An article whose text holds bidi controls, as a library written
    before the importer stripped them may have (added through the API,
    which stores what it is given)."""
    (article,) = library.add_articles(
        [
            ArticleDraft(
                headline=REORDERED,
                paragraphs=(f"Peskov: \u202e=HYPERLINK(1)\u202c said{EVERY_BIDI}.",),
                date=dt.date(2024, 11, 11),
                outlet_name="Outlet",
            )
        ]
    ).added
    event_id = library.new_event_id()
    library.save_grouping([Event(id=event_id, title=REORDERED)], {article.id: event_id})
    library.add_claim(article.id, f"Peskov: \u202e=HYPERLINK(1)\u202c said{EVERY_BIDI}.", claimant="Peskov")
    return article.id


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_text_exports_write_no_bidi_control(library: Library, fmt: str) -> None:
    _stored_before_the_fix(library)
    written = export(library, fmt)
    assert "Peskov: =HYPERLINK(1) said." in written
    assert not _has_bidi(written)


def test_a_formula_behind_an_override_is_defused_in_csv(library: Library) -> None:
    (article,) = library.add_articles(
        [ArticleDraft(headline="H", paragraphs=("Peskov said no.",), outlet_name='\u202e=HYPERLINK("x")')]
    ).added
    library.add_claim(article.id, "Peskov said no.")
    assert '\'=HYPERLINK(""x"")' in export(library, "csv")


def test_the_command_line_prints_no_bidi_control(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "lib" / "library.json"
    _stored_before_the_fix(Library.open(db))
    code, out, err = run(capsys, "--db", str(db), "articles")
    assert code == 0 and err == ""
    assert "Minister resigns bong" in out
    assert not _has_bidi(out)
