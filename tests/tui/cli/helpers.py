"""Running the `dateline` command in-process, as a user would from a shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one `dateline` command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def seeded_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """A library on disk holding the seed articles; returns its path."""
    db = str(tmp_path / "lib" / "library.json")
    assert run(capsys, "--db", db, "import", str(SEEDS))[0] == 0
    return db
