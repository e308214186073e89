"""Several writers on one store at once: processes (a reader and an import,
or two readers) and the reader's own threads. Nothing is lost, nothing
breaks, and readers never see an error while writers work."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
from pathlib import Path

import orjson

from store import ArticleState, Event, Library
from tests.conftest import ROOT
from tests.library.helpers import add_one, assert_files_parse, reopen

CHILD = Path(__file__).with_name("crash_child.py")


def test_two_processes_adding_200_claims_each_lose_none(disk_library_path: Path, tmp_path: Path) -> None:
    add_one(Library.open(disk_library_path))
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CRASH_CHILD_GO": str(go)}
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), str(disk_library_path), "claims", "200"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(2)
    ]
    for child in children:
        assert child.stdout is not None and b"ready" in child.stdout.readline()
    go.touch()
    outputs = [child.communicate(timeout=120) for child in children]

    printed = []
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err.decode()
        printed.append([orjson.loads(line) for line in out.decode().splitlines()])
    assert [len(p) for p in printed] == [200, 200]
    assert_files_parse(disk_library_path)
    library = Library.open(disk_library_path)
    assert library.warnings == []
    assert len(library.claims()) == 400
    for record in itertools.chain(*printed):
        assert library.claim(record["id"]).to_record() == record  # type: ignore[union-attr]
    first, second = ([r["created"] for r in p] for p in printed)
    assert min(first) < max(second) and min(second) < max(first), "the two writers should have overlapped"


def test_threads_writing_while_another_reads_lose_nothing(library: Library) -> None:
    articles = [add_one(library, headline=f"Story {i}", outlet=f"Outlet {i % 3}") for i in range(8)]
    library.save_grouping([Event("e1", "Call")], dict.fromkeys(articles, "e1"))
    errors: list[BaseException] = []
    added: list[str] = []
    done = threading.Event()

    def guarded(work):  # type: ignore[no-untyped-def]
        def run() -> None:
            try:
                work()
            except BaseException as error:  # noqa: BLE001 - reported by the test
                errors.append(error)

        return run

    def tag(offset: int) -> None:
        for i in range(20):
            added.append(
                library.add_claim(articles[(i + offset) % 8], "pure fiction", tags=[f"t{offset}"]).id
            )

    def mark() -> None:
        for i in range(24):
            library.set_state(articles[i % 8], read=True, starred=i % 2 == 0)

    def regroup() -> None:
        for i in range(6):
            library.save_grouping([Event(f"e{i % 2}", f"Event {i}")], {articles[i % 8]: f"e{i % 2}"})
            library.rename_event(f"e{i % 2}", f"Renamed {i}")

    def read() -> None:
        while not done.is_set():
            for summary in library.events():
                assert library.articles(event_id=summary.id)
                library.claims(event_id=summary.id)
            for article in library.articles():
                library.state(article.id)
                library.claims(article_id=article.id)

    writers = [threading.Thread(target=guarded(lambda o=o: tag(o))) for o in range(3)]
    writers += [threading.Thread(target=guarded(mark)), threading.Thread(target=guarded(regroup))]
    reader = threading.Thread(target=guarded(read))
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    done.set()
    reader.join(timeout=60)

    assert not any(t.is_alive() for t in [*writers, reader]), "a thread is stuck (deadlock?)"
    assert errors == []
    again = reopen(library)
    assert sorted(c.id for c in again.claims()) == sorted(added) and len(added) == 60
    assert {again.state(a) for a in articles} <= {ArticleState(read=True, starred=s) for s in (True, False)}
    assert sum(len(e.article_ids) for e in again.events()) == 8


HOLD_LOCK = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


def test_reading_goes_on_while_a_write_waits_for_another_process(disk_library_path: Path) -> None:
    library = Library.open(disk_library_path)
    article_id = add_one(library)
    claim = library.add_claim(article_id, "pure fiction")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, f"{disk_library_path}.lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        writer = threading.Thread(target=lambda: library.set_state(article_id, read=True))
        writer.start()
        writer.join(timeout=0.3)
        assert writer.is_alive(), "the write should wait for the other process"

        seen: list[object] = []
        reader = threading.Thread(
            target=lambda: seen.extend([library.articles(), library.claims(), library.state(article_id)])
        )
        reader.start()
        reader.join(timeout=30)

        assert not reader.is_alive(), "reads must not wait for another process's write"
        assert seen == [[library.article(article_id)], [claim], ArticleState()]
        assert writer.is_alive()
    finally:
        holder.stdin.write("release\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    writer.join(timeout=30)
    assert reopen(library).state(article_id).read
