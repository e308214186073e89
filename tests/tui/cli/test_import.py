"""`dateline import` and `dateline outlets` as a user or a script sees them:
exact lines, exit codes, and no traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tui.cli.helpers import run
from tui.cli import main


def test_importing_the_seed_folder_twice(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "import", str(SEEDS)) == (0, "imported 2, skipped 0\n", "")
    assert run(capsys, "import", str(SEEDS)) == (0, "imported 0, skipped 0 (2 already in the library)\n", "")


def test_skipped_files_get_one_line_each_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(" date 2024-11-11 Good\n\nText.\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"title": "T", "body": "B", "date": "2024-01-01"}\n{oops\n')
    code, out, err = run(capsys, "import", str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == 1
    assert out == "imported 2, skipped 3\n"
    assert err.splitlines() == [
        f"dateline: skipped {tmp_path / 'missing.txt'}: no such file or folder",
        f"dateline: skipped {tmp_path / 'bad.jsonl'}:2: malformed JSON at column 2: "
        "unexpected character, expected a string key",
        f"dateline: skipped {tmp_path / 'empty.txt'}: empty file",
    ]
    assert "Traceback" not in err


def test_an_impossible_date_warns_but_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "leap.txt"
    path.write_text(" date 2024-02-30 Leap\n\nBody.\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert (code, out) == (0, "imported 1, skipped 0\n")
    assert err == f'dateline: {path}: date "2024-02-30" is not a real date; imported with date unknown\n'
    _, out, _ = run(capsys, "articles", "--json")
    assert json.loads(out)[0]["date"] is None


def test_a_bad_manifest_is_a_usage_error_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    manifest = tmp_path / "m.json"
    manifest.write_text('{"files": {"a.txt": {"outlet": "A", "colour": "red"}}}', encoding="utf-8")
    code, out, err = run(capsys, "import", str(SEEDS), "--manifest", str(manifest))
    assert (code, out) == (2, "")
    assert err == (
        f'dateline: manifest {manifest}: file "a.txt": unknown key "colour" '
        "(expected outlet, credit, lang, url)\n"
    )
    _, out, _ = run(capsys, "articles", "--json")
    assert json.loads(out) == []


def test_outlet_flag_names_the_outlet(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(SEEDS / "000_96de980abcfa7371.txt"), "--outlet", "The Independent")
    _, out, _ = run(capsys, "outlets", "--json")
    assert [(o["name"], o["articles"], o["named"]) for o in json.loads(out)] == [("The Independent", 1, True)]


def test_rename_an_unnamed_outlet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2024-11-11 Who wrote this\n\nSomeone.\n", encoding="utf-8")
    run(capsys, "import", str(tmp_path / "a.txt"))
    _, out, _ = run(capsys, "outlets", "--json")
    (unnamed,) = json.loads(out)
    assert unnamed["named"] is False
    assert "(unnamed)" in run(capsys, "outlets")[1]
    code, out, _ = run(capsys, "outlets", "rename", unnamed["name"], "RT")
    assert (code, out) == (0, f"{unnamed['name']} is now RT\n")
    _, out, _ = run(capsys, "outlets", "--json")
    assert [(o["id"], o["name"], o["named"]) for o in json.loads(out)] == [(unnamed["id"], "RT", True)]


def test_rename_onto_an_existing_outlet_merges(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(SEEDS))
    code, _, _ = run(capsys, "outlets", "rename", "outlet a", "Outlet B")
    assert code == 0
    _, out, _ = run(capsys, "outlets", "--json")
    assert [(o["name"], o["articles"]) for o in json.loads(out)] == [("Outlet B", 2)]


def test_rename_of_an_unknown_outlet_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "outlets", "rename", "Nobody", "Somebody")
    assert (code, out) == (1, "")
    assert err == "dateline: no outlet named 'Nobody' (see `dateline outlets`)\n"


def test_import_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import"])
    assert exited.value.code == 2


def test_the_import_report_as_json_for_scripts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(capsys, "import", str(SEEDS), str(tmp_path / "empty.txt"), "--json")
    assert code == 1
    assert json.loads(out) == {
        "imported": 2,
        "duplicates": 0,
        "claims_placed": 0,
        "skipped": [{"input": str(tmp_path / "empty.txt"), "reason": "empty file"}],
        "warnings": [],
    }
    assert err == f"dateline: skipped {tmp_path / 'empty.txt'}: empty file\n"


def test_progress_is_shown_on_a_terminal_and_then_cleared(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "import", str(SEEDS))
    assert (code, out) == (0, "imported 2, skipped 0\n")
    assert err == "\rdateline: importing… 2 of 2\r\x1b[K"
