"""`dateline search`: hits for people and for scripts, whole words unless
asked for more, filters, and one clear line for what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tui.cli.helpers import run, seeded_db


def test_search_prints_where_the_words_are(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    code, out, err = run(capsys, "--db", db, "search", '"pure fiction"')
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["WHERE", "DATE", "OUTLET", "ARTICLE", "TEXT"]
    assert len(lines) == 3 and all("pure fiction" in line for line in lines[1:])


def test_search_json_gives_each_hit_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    query = ("peskov", 'outlet:"outlet b"')
    code, out, _ = run(capsys, "--db", db, "search", *query, "--json", "--sort", "date")
    hits = json.loads(out)
    assert code == 0 and hits and {h["outlet"] for h in hits} == {"Outlet B"}
    for hit in hits:
        assert set(hit) == {
            "where",
            "event_id",
            "article_id",
            "outlet",
            "date",
            "headline",
            "snippet",
            "highlights",
            "offset",
        }
        assert all(hit["snippet"][a:b].casefold() == "peskov" for a, b in hit["highlights"])


def test_words_are_whole_unless_a_star_says_otherwise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    assert json.loads(run(capsys, "--db", db, "search", "pesk", "--json")[1]) == []
    assert json.loads(run(capsys, "--db", db, "search", "pesk*", "--json")[1]) != []


def test_nothing_to_search_for_or_a_bad_date_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    code, out, err = run(capsys, "--db", db, "search", "outlet:bbc")
    assert code == 2 and out == "" and err.count("\n") == 1 and "nothing to search for" in err
    code, out, err = run(capsys, "--db", db, "search", "peskov", "since:last-week")
    assert code == 1 and "since:last-week is not a date" in err and "peskov" in out.casefold()
