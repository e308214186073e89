"""`dateline events merge|split|move|rename`, `matrix`, `wording` and
`claims --suggestions`, as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tui.cli.helpers import run


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "lib.json")
    files = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    code, _, _ = run(capsys, "--db", path, "import", *files, "--manifest", str(SEEDS / "manifest.json"))
    assert code == 0
    return path


def _events(capsys: pytest.CaptureFixture[str], db: str) -> list[dict]:
    return json.loads(run(capsys, "--db", db, "events", "--json")[1])


def test_split_move_merge_and_rename(capsys: pytest.CaptureFixture[str], db: str) -> None:
    [event] = _events(capsys, db)
    first, second = event["article_ids"]
    code, out, _ = run(capsys, "--db", db, "events", "split", event["id"], second[:8])
    assert code == 0
    new_id = out.strip()
    assert {e["id"]: e["article_ids"] for e in _events(capsys, db)} == {
        event["id"]: [first],
        new_id: [second],
    }
    assert run(capsys, "--db", db, "events", "move", second, event["id"])[0] == 0
    assert [e["id"] for e in _events(capsys, db)] == [event["id"]]
    run(capsys, "--db", db, "events", "split", event["id"], second)
    other = next(e["id"] for e in _events(capsys, db) if e["id"] != event["id"])
    assert run(capsys, "--db", db, "events", "merge", event["id"], other)[0] == 0
    assert run(capsys, "--db", db, "events", "rename", event["id"], "Kremlin denies call")[0] == 0
    [merged] = _events(capsys, db)
    assert merged["title"] == "Kremlin denies call" and sorted(merged["article_ids"]) == sorted(
        [first, second]
    )


def test_unknown_ids_get_one_line_errors(capsys: pytest.CaptureFixture[str], db: str) -> None:
    for argv in (
        ("events", "merge", "nope", "nada"),
        ("matrix", "nope"),
        ("wording", "nope"),
        ("events", "move", "nope", "nada"),
    ):
        code, _, err = run(capsys, "--db", db, *argv)
        assert code == 1 and err.count("\n") == 1 and "nope" in err


def test_matrix_json_has_a_state_per_outlet(capsys: pytest.CaptureFixture[str], db: str) -> None:
    [event] = _events(capsys, db)
    code, out, _ = run(capsys, "--db", db, "matrix", event["id"], "--json")
    matrix = json.loads(out)
    assert code == 0 and len(matrix["outlets"]) == 2
    outlet_ids = {o["id"] for o in matrix["outlets"]}
    assert all(set(row["cells"]) == outlet_ids for row in matrix["rows"])
    peskov = next(r for r in matrix["rows"] if r["claimant"] == "Dmitry Peskov" and "fiction" in r["claim"])
    assert {c["state"] for c in peskov["cells"].values()} == {"quoted"}
    cheung = next(r for r in matrix["rows"] if r["claimant"] == "Steven Cheung")
    assert cheung["single_outlet"]
    _, table, _ = run(capsys, "--db", db, "matrix", event["id"])
    assert "Dmitry Peskov" in table and "Outlet A" in table.splitlines()[0]


def test_wording_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    [event] = _events(capsys, db)
    code, out, _ = run(capsys, "--db", db, "wording", event["id"], "--json")
    by_outlet = {w["outlet"]: w for w in json.loads(out)}
    assert code == 0
    assert by_outlet["Outlet A"]["counterparts"]["Kyiv"] == "Kiev"
    assert {"term": "Kiev", "count": 3} in by_outlet["Outlet B"]["terms"]


def test_suggestions_json_offsets_point_into_the_body(capsys: pytest.CaptureFixture[str], db: str) -> None:
    [event] = _events(capsys, db)
    article = event["article_ids"][0]
    code, out, _ = run(capsys, "--db", db, "claims", "--suggestions", "--article", article, "--json")
    suggestions = json.loads(out)
    assert code == 0 and suggestions
    from store import Library

    text = Library.open(db).text(article)
    for s in suggestions:
        assert text[s["start"] : s["end"]] == s["quote"]
        assert s["kind"] and "speaker" in s


def test_suggestions_without_a_filter_cover_the_newest_stories_and_say_so(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.cli.claims as claims_command

    code, out, err = run(capsys, "--db", db, "claims", "--suggestions", "--json")
    seed_articles = {s["article_id"] for s in json.loads(out)}
    assert code == 0 and len(seed_articles) == 2 and not err  # every story: nothing to say
    from store import Library
    from tests.library.helpers import add_story

    newer = add_story(Library.open(db), "Dam opens early", "Outlet C", ("“We are ready,” the mayor said.",))
    monkeypatch.setattr(claims_command, "SUGGESTIONS_STORIES", 1)
    code, out, err = run(capsys, "--db", db, "claims", "--suggestions", "--json")
    assert code == 0
    assert {s["article_id"] for s in json.loads(out)} == set(Library.open(db).event(newer).article_ids)
    assert "newest 1 stories" in err and "--event" in err


def test_link_unlink_and_align_from_the_command_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    [event] = _events(capsys, db)
    wire, other = event["article_ids"]
    ids = []
    for article, quote in ((wire, "it's pure fiction"), (other, "This is pure fiction.")):
        code, out, _ = run(
            capsys,
            "--db",
            db,
            "claims",
            "add",
            article,
            "--quote",
            quote,
            "--claimant",
            "Dmitry Peskov",
            "--kind",
            "denial",
        )
        assert code == 0
        ids.append(out.strip())

    def links() -> dict[str, list[str]]:
        claims = json.loads(run(capsys, "--db", db, "claims", "--json")[1])
        return {c["id"]: c["links"] for c in claims}

    assert run(capsys, "--db", db, "claims", "align", event["id"])[1].strip() == "linked 1 pair"
    assert links()[ids[0]] == [ids[1]]
    assert run(capsys, "--db", db, "claims", "unlink", *ids)[0] == 0
    run(capsys, "--db", db, "claims", "align", event["id"])
    assert links()[ids[0]] == []
    assert run(capsys, "--db", db, "claims", "link", *ids)[0] == 0
    assert links()[ids[1]] == [ids[0]]


def test_events_and_the_matrix_mark_wire_copy(capsys: pytest.CaptureFixture[str], db: str) -> None:
    [event] = _events(capsys, db)
    assert list(event["wire_copies"].values()) == ["credits the wire agency Associated Press"]
    code, out, _ = run(capsys, "--db", db, "events")
    assert code == 0 and "2 (1 wire)" in out
    code, out, _ = run(capsys, "--db", db, "matrix", event["id"])
    assert code == 0 and "Outlet A (wire)" in out
    assert "Outlet A is wire copy (credits the wire agency Associated Press)" in out


@pytest.mark.parametrize("columns", [80, 200])
def test_the_matrix_uses_the_terminals_width(
    capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    [event] = _events(capsys, db)
    monkeypatch.setattr("tui.cli.coverage.terminal_width", lambda: columns)
    code, out, _ = run(capsys, "--db", db, "matrix", event["id"])
    table = [line for line in out.splitlines() if line[:1] in "#0123456789"]
    assert code == 0 and len(table) > 5
    assert all(len(line) <= columns for line in table), max(table, key=len)
    assert any("…" in line for line in table)  # long claims cut on the right
    if columns == 200:  # room: the claims are longer than the 60 characters of a pipe
        assert max(len(line) for line in table) > 120


def test_the_matrix_into_a_pipe_keeps_sixty_characters_of_a_claim(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    [event] = _events(capsys, db)
    _, out, _ = run(capsys, "--db", db, "matrix", event["id"])
    assert "  the US president-elect spoke to Putin on Thursday to discou…  " in out
