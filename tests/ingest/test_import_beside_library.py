"""Importing the folder that also holds the library reads only articles.

Keeping the library next to one's articles (`--db ./library.json import .`)
is natural; the library's own files (main file, backup, parts) are not
articles and must not come back as skipped records or, worse, as articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tui.cli.helpers import run


def test_a_walk_skips_the_library_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    db = str(folder / "library.json")
    assert run(capsys, "--db", db, "import", str(folder))[0] == 0
    code, out, err = run(capsys, "--db", db, "import", str(folder))
    assert (code, err) == (0, "")
    assert "imported 0, skipped 0 (2 already in the library)" in out


def test_naming_the_library_file_is_a_clear_skip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "library.json"
    assert run(capsys, "--db", str(db), "import", str(SEEDS))[0] == 0
    code, _, err = run(capsys, "--db", str(db), "import", str(db))
    assert code == 1
    assert err == f"dateline: skipped {db}: this is the library's own file, not an article\n"
