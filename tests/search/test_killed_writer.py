"""A writer killed while it indexes leaves a library whose search finds
every stored article by its own word, and none by another's."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import Library
from store.search.query import search
from tests.conftest import ROOT

CHILD = Path(__file__).with_name("crash_writer.py")


@pytest.mark.parametrize("seed", [0, 1, 4])
def test_search_after_a_kill_finds_every_stored_article(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "lib" / "library.json"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(random.Random(seed).uniform(0.2, 0.6))
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    returned = dict(line.split() for line in out.decode().splitlines() if len(line.split()) == 2)
    library = Library.open(db)
    stored = {a.id: a for a in library.articles()}
    assert set(returned) <= set(stored)
    numbers = {a.id: a.headline.split()[-1] for a in stored.values()}
    for article_id, number in numbers.items():
        hits = {h.article_id for h in search(library, f"tag{number}x ")}
        assert hits == {article_id}, number
    assert len({h.article_id for h in search(library, "weather", limit=10_000)}) == len(stored)
