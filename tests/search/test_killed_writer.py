"""A writer killed while it stores articles (at a random moment, or inside
the catalog's transaction) leaves a library whose search finds every stored
article by its own word, and none by another's."""

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


def run_child(db: Path, *args: str, kill_after: float | None = None) -> dict[str, str]:
    """What the child printed (article id -> number) before it died."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), *args],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    return dict(line.split() for line in out.decode().splitlines() if len(line.split()) == 2)


def assert_every_article_found_by_its_word(db: Path, returned: dict[str, str]) -> Library:
    library = Library.open(db)
    stored = {a.id: a for a in library.articles()}
    assert set(returned) <= set(stored)
    numbers = {a.id: a.headline.split()[-1] for a in stored.values()}
    for article_id, number in numbers.items():
        hits = {h.article_id for h in search(library, f"tag{number}x ")}
        assert hits == {article_id}, number
    assert len({h.article_id for h in search(library, "weather", limit=10_000)}) == len(stored)
    return library


@pytest.mark.parametrize("seed", [0, 1, 4])
def test_search_after_a_kill_finds_every_stored_article(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "lib" / "library.json"
    returned = run_child(db, kill_after=random.Random(seed).uniform(0.2, 0.6))
    assert_every_article_found_by_its_word(db, returned)


@pytest.mark.parametrize("kill_at", [1, 7])
def test_a_kill_inside_the_catalog_transaction_loses_and_invents_nothing(
    tmp_path: Path, kill_at: int
) -> None:
    db = tmp_path / "lib" / "library.json"
    returned = run_child(db, str(kill_at))
    assert len(returned) == kill_at - 1  # the last add never returned...
    library = assert_every_article_found_by_its_word(db, returned)
    assert library.article_count() == kill_at  # ...but its files were written, so it is there
