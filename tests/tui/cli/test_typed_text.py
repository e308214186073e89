"""What the user types on the command line is untrusted text too.

A name or note may carry terminal escapes (pasted from a web page) or bytes
that are not UTF-8 (a latin-1 terminal; Python hands them over as lone
surrogates). Either way the command stores clean text, prints no escape byte,
and never fails with a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tui.cli.helpers import run, seeded_db

HOSTILE = "A\x1b]0;PWN\x07B\x1b[31mC\x9b31mD\udce9E[bold]F\\"
ESCAPE_BYTES = ("\x1b", "\x07", "\x9b", "\udce9")


def _first(capsys: pytest.CaptureFixture[str], db: str, listing: str) -> dict:
    code, out, _ = run(capsys, "--db", db, listing, "--json")
    assert code == 0
    return json.loads(out)[0]


def _assert_clean(text: str) -> None:
    assert not any(b in text for b in ESCAPE_BYTES), text


def test_claim_fields_typed_with_escapes_and_bad_bytes_are_stored_clean(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    article = _first(capsys, db, "articles")["id"]
    code, out, err = run(
        capsys, "--db", db, "claims", "add", article, "--quote", "pure fiction", "--occurrence", "1",
        "--claimant", HOSTILE, "--note", HOSTILE, "--tag", HOSTILE,
    )  # fmt: skip
    assert code == 0, err
    claim = _first(capsys, db, "claims")
    for value in (claim["claimant"], claim["note"], *claim["tags"]):
        _assert_clean(value)
        assert value.startswith("ABC") and "[bold]F\\" in value
    code, out, _ = run(capsys, "--db", db, "claims")
    _assert_clean(out)


def test_renames_typed_with_escapes_and_bad_bytes_are_stored_clean(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    event = _first(capsys, db, "events")["id"]
    code, out, err = run(capsys, "--db", db, "events", "rename", event, HOSTILE)
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "outlets", "rename", "Outlet A", HOSTILE)
    assert code == 0, err
    _assert_clean(out)
    assert _first(capsys, db, "events")["title"].startswith("ABC")
    names = [o["name"] for o in json.loads(run(capsys, "--db", db, "outlets", "--json")[1])]
    for name in names:
        _assert_clean(name)
    for listing in ("events", "outlets", "articles"):
        _assert_clean(run(capsys, "--db", db, listing)[1])


def test_a_file_name_that_is_not_utf8_gives_valid_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "lib" / "library.json")
    code, out, err = run(capsys, "--db", db, "import", "--json", str(tmp_path / "caf\udce9.json"))
    assert code == 1
    report = json.loads(out)
    assert report["skipped"][0]["reason"] == "no such file or folder"
    assert err.startswith("dateline: skipped ") and err.count("\n") == 1
