"""A backup file is untrusted input like any article.

A hand-made (or tampered) backup could carry raw terminal escapes and C1
controls in an outlet name or claimant; `restore` used to store them as
they were, and `export --format csv` then wrote the escape bytes to the
terminal. Restore now cleans text as import does; a genuine backup, which
holds no controls, comes back byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.tui.cli.helpers import run, seeded_db

HOSTILE = "X\x1b]0;PWN\x07\x1b[31mY\x9b31mZ"
CONTROLS = ("\x1b", "\x07", "\x9b")


def _poison(value: object) -> object:
    if isinstance(value, dict):
        return {k: _poison(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v) for v in value]
    return HOSTILE if value == "Outlet A" else value


def test_restoring_a_hostile_backup_stores_clean_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    backup = tmp_path / "backup.json"
    assert run(capsys, "--db", db, "backup", str(backup))[0] == 0
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(orjson.dumps(_poison(orjson.loads(backup.read_bytes()))))
    restored = str(tmp_path / "restored" / "library.json")
    assert run(capsys, "--db", restored, "restore", str(hostile))[0] == 0
    names = {o["name"] for o in orjson.loads(run(capsys, "--db", restored, "outlets", "--json")[1])}
    assert names == {"XYZ", "Outlet B"}
    for fmt in ("csv", "json", "md", "annotations"):
        out = run(capsys, "--db", restored, "export", "--format", fmt)[1]
        assert not any(c in out for c in CONTROLS), fmt


def test_a_genuine_backup_round_trips_byte_for_byte(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert run(capsys, "--db", db, "backup", str(first))[0] == 0
    restored = str(tmp_path / "restored" / "library.json")
    assert run(capsys, "--db", restored, "restore", str(first))[0] == 0
    assert run(capsys, "--db", restored, "backup", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
