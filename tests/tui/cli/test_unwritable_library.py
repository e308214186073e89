"""A library where no lock file can be made fails at once, in one line.

filelock retries a lock file whose creation fails with "no such file" for
ever (it takes that for a race with another process), so `--db` in a
folder of a pseudo file system such as /proc hung `dateline import` forever.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_import_into_proc_fails_quickly(tmp_path: Path) -> None:
    db = "/proc/dateline-review-library.json"
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", db, "import", str(SEEDS)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and db in done.stderr and "Traceback" not in done.stderr
