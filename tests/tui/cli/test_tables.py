"""Tables for people: one line per row, of a readable width.

A 200,000-character headline made `dateline events` print one 200,000
character row, and a claim quoted across two paragraphs broke its row of
`dateline claims` in two. `--json` keeps the full text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Library
from tests.tui.cli.helpers import run, seeded_db
from tui.cli.output import MAX_CELL


def test_a_huge_headline_is_cut_in_tables_not_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(" date 2024-11-11 " + "Long " * 40_000 + "\n\nA body that says something.\n")
    db = str(tmp_path / "library.json")
    assert run(capsys, "--db", db, "import", str(article))[0] == 0
    for listing in ("events", "articles"):
        out = run(capsys, "--db", db, listing)[1]
        assert max(len(line) for line in out.splitlines()) < MAX_CELL + 60
    (event,) = json.loads(run(capsys, "--db", db, "events", "--json")[1])
    assert len(event["title"]) > 100_000


def test_a_quote_across_paragraphs_stays_on_one_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    library = Library.open(db)
    article_id = library.articles()[0].id
    text = library.text(article_id)
    cut = text.index("\n")
    claim = library.add_claim(article_id, text[cut - 10 : cut + 10])
    assert "\n" in claim.quote
    rows = run(capsys, "--db", db, "claims")[1].splitlines()
    assert len(rows) == 2 and claim.id in rows[1]


def test_wording_of_a_single_outlet_event_compares_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "one.txt"
    article.write_text(" date 2024-11-11 Floods close the harbour\n\nFloods closed it. Floods rose.\n")
    db = str(tmp_path / "library.json")
    assert run(capsys, "--db", db, "import", "--outlet", "Gazette", str(article))[0] == 0
    (event,) = json.loads(run(capsys, "--db", db, "events", "--json")[1])
    assert run(capsys, "--db", db, "wording", event["id"], "--json")[1] == "[]\n"
    assert "only one outlet" in run(capsys, "--db", db, "wording", event["id"])[1]
