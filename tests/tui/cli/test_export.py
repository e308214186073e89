"""`dateline export`, `backup` and `restore` as a user or a script runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Library
from tests.exchange.conftest import import_seeds, tag_seed_claims
from tests.tui.cli.helpers import run
from tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "lib" / "library.json"
    library = Library.open(path)
    import_seeds(library)
    tag_seed_claims(library)
    return str(path)


def test_export_prints_to_stdout_or_writes_a_file(capsys, db: str, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--db", db, "export", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 7
    event_id = json.loads(out.splitlines()[0])["article"]["event_id"]
    target = tmp_path / "report.md"
    code, out, _ = run(
        capsys, "--db", db, "export", "--format", "md", "--event", event_id[:6], "-o", str(target)
    )
    assert code == 0 and str(target) in out
    assert target.read_text(encoding="utf-8").startswith("# Coverage report:")


def test_export_errors_are_one_line(capsys, db: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", db, "export", "--format", "csv", "--event", "zzz")
    assert code == 1 and err.count("\n") == 1 and "no event with id 'zzz'" in err
    missing = tmp_path / "nowhere" / "x.csv"
    code, _, err = run(capsys, "--db", db, "export", "--format", "csv", "-o", str(missing))
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    with pytest.raises(SystemExit) as caught:
        main(["--db", db, "export", "--format", "xml"])
    assert caught.value.code == 2


def test_backup_then_restore_into_a_new_library(capsys, db: str, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    code, out, _ = run(capsys, "--db", db, "backup", str(backup))
    assert code == 0 and str(backup) in out
    fresh = str(tmp_path / "fresh" / "library.json")
    code, out, _ = run(capsys, "--db", fresh, "restore", str(backup))
    assert code == 0 and "7 claims" in out and "2 articles" in out
    _, original, _ = run(capsys, "--db", db, "export", "--format", "json")
    _, restored, _ = run(capsys, "--db", fresh, "export", "--format", "json")
    assert restored == original
    again = tmp_path / "again.json"
    run(capsys, "--db", fresh, "backup", str(again))
    assert again.read_bytes() == backup.read_bytes()


def test_restore_refuses_a_non_empty_library_and_a_bad_file(capsys, db: str, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "--db", db, "backup", str(backup))
    code, _, err = run(capsys, "--db", db, "restore", str(backup))
    assert code == 1 and err.count("\n") == 1 and "is not empty" in err
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes")
    fresh = str(tmp_path / "fresh" / "library.json")
    code, _, err = run(capsys, "--db", fresh, "restore", str(bad))
    assert code == 1 and err.count("\n") == 1 and f"{bad}: not a Dateline backup" in err
    assert not Path(fresh).exists()
