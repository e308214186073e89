"""A writer killed at any moment leaves a store that opens and holds every
write that had returned (issue 2, "Durability").

The child (`crash_child.py`) prints each claim or article only after the
store call returned; the parent kills it, either at the Nth call of a chosen
system call or after a random delay, then opens the store and checks.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from store import Library
from tests.conftest import ROOT
from tests.library.helpers import add_one, assert_files_parse

CHILD = Path(__file__).with_name("crash_child.py")
CALLS_PER_CLAIM = {"write": 1, "fsync": 2, "link": 1, "replace": 2}
"""System calls one `add_claim` makes once the shard file exists: the temp
file's write and fsync, the backup link and its rename, the rename into
place and the directory's fsync."""


def start(db: Path, mode: str, *trap: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db), mode, "0", *trap],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def returned(out: bytes) -> list[dict]:
    """The records the child printed (a line cut short by the kill is not one)."""
    records = []
    for line in out.decode().splitlines():
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if "ready" not in record:
            records.append(record)
    return records


def opened_clean(db: Path) -> Library:
    """The library, opened with no damage found and every file parsing."""
    library = Library.open(db)
    assert library.warnings == []
    assert_files_parse(db)
    return library


def check_claims(db: Path, printed: list[dict]) -> Library:
    library = opened_clean(db)
    for record in printed:
        claim = library.claim(record["id"])
        assert claim is not None, f"claim {record['id']} returned but is gone"
        assert claim.to_record() == record
    return library


def check_articles(db: Path, printed: list[dict]) -> None:
    library = opened_clean(db)
    for record in printed:
        assert library.article(record["id"]) is not None, f"article {record['id']} returned but is gone"
        assert list(library.paragraphs(record["id"])) == record["paragraphs"]
    for article in library.articles():
        assert library.paragraphs(article.id), f"article {article.id} is listed without its body"


def seeded_store(db: Path) -> dict:
    library = Library.open(db)
    article_id = add_one(library)
    return library.add_claim(article_id, "pure fiction", note="before the crash").to_record()


@pytest.mark.parametrize(
    ("call", "at"),
    [("write", 1), ("write", 4), ("fsync", 1), ("fsync", 2), ("fsync", 7), ("link", 1), ("link", 3)]
    + [("replace", 1), ("replace", 2), ("replace", 5), ("replace", 6)],
)
def test_a_claim_writer_killed_at_a_system_call_loses_no_returned_claim(
    disk_library_path: Path, call: str, at: int
) -> None:
    before = seeded_store(disk_library_path)

    child = start(disk_library_path, "claims", call, str(at))
    out, err = child.communicate(timeout=60)

    assert child.returncode == -signal.SIGKILL, err.decode()
    printed = returned(out)
    assert len(printed) == (at - 1) // CALLS_PER_CLAIM[call]
    library = check_claims(disk_library_path, [before, *printed])
    after = library.add_claim(printed[0]["article_id"] if printed else before["article_id"], "Dmitry Peskov")
    check_claims(disk_library_path, [before, *printed, after.to_record()])


@pytest.mark.parametrize(
    ("call", "at"), [("write", 1), ("write", 2), ("fsync", 3), ("replace", 2), ("replace", 5)]
)
def test_an_article_writer_killed_at_a_system_call_lists_only_whole_articles(
    disk_library_path: Path, call: str, at: int
) -> None:
    seeded_store(disk_library_path)

    child = start(disk_library_path, "articles", call, str(at))
    out, err = child.communicate(timeout=60)

    assert child.returncode == -signal.SIGKILL, err.decode()
    check_articles(disk_library_path, returned(out))


def kill_after_random_delays(db: Path, mode: str, runs: int, seed: int) -> list[dict]:
    """Start the child `runs` times, killing it at a random moment each time;
    returns everything it printed across the runs. The last run is killed a
    random moment after its first write returned, so that however slow the
    machine, the test sees writes that finished as well as ones cut short."""
    rng = random.Random(seed)
    printed: list[dict] = []
    for run in range(runs):
        child = start(db, mode)
        assert child.stdout is not None
        assert b"ready" in child.stdout.readline()
        first = child.stdout.readline() if run == runs - 1 else b""
        time.sleep(rng.uniform(0.0, 0.06))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL, err.decode()
        printed.extend(returned(first + out))
        (check_claims if mode == "claims" else check_articles)(db, printed)
    return printed


def test_claim_writers_killed_at_random_moments_lose_no_returned_claim(disk_library_path: Path) -> None:
    before = seeded_store(disk_library_path)
    printed = kill_after_random_delays(disk_library_path, "claims", runs=12, seed=2024)
    assert len(printed) >= 3, "the children should have had time to tag claims"
    check_claims(disk_library_path, [before, *printed])


def test_article_writers_killed_at_random_moments_list_only_whole_articles(disk_library_path: Path) -> None:
    seeded_store(disk_library_path)
    printed = kill_after_random_delays(disk_library_path, "articles", runs=6, seed=1111)
    assert printed, "the children should have had time to add articles"
