"""A named pipe given where a file is expected is refused at once: reading
it would block until something writes to it, hanging the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def dateline(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(tmp_path / "lib" / "library.json"), *args],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("name", ["claims.json", "records.jsonl", "story.txt"])
def test_import_skips_a_pipe_whatever_its_name(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = dateline(tmp_path, "import", str(fifo))
    assert done.returncode == 1
    assert done.stderr == f"dateline: skipped {fifo}: not a regular file\n"


def test_restore_refuses_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "backup.json"
    os.mkfifo(fifo)
    done = dateline(tmp_path, "restore", str(fifo))
    assert done.returncode == 1
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr
