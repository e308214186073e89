"""`dateline refresh` ends without a word on stderr beyond its own lines.

It used to end, now and then, with "Exception ignored in: <module
'threading'> … OSError: [Errno 9] Bad file descriptor": the parsing pool
was shut down without waiting, so its manager thread was still closing
its wake-up pipe when the interpreter, exiting, woke every pool's manager
through that pipe without the lock that guards it. The window is a few
instructions wide, so the runs below widen it (`WIDEN`: a pause between
the exit's check that the pipe is open and its write, with the manager
closing it meanwhile), in which the old code failed every time; the refresh now waits for its pool, so
the exit finds the pipe closed and leaves it alone. (On one core there is
no pool, and nothing to race.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from store import Library
from store.feeds.subscriptions import add_feed
from tests.feeds.samples import Item, rss
from tests.feeds.server import FeedServer, Route

ROOT = Path(__file__).resolve().parents[2]
RUNS = 10
"""Refreshes run, every other one with the race's window widened (`WIDEN`)."""
FEEDS = 24

WIDEN = """
import time
import concurrent.futures.process as process

wakeup = getattr(process, "_ThreadWakeup", None)
manager = getattr(process, "_ExecutorManagerThread", None)
if wakeup is not None and manager is not None and hasattr(manager, "join_executor_internals"):
    def slow_wakeup(self):
        # CPython's own, with a pause where the exit (and only the exit) races.
        if not self._closed:
            if process._global_shutdown:
                time.sleep(0.6)
            self._writer.send_bytes(b"")

    def slow_wind_up(self, wind_up=manager.join_executor_internals):
        time.sleep(0.3)
        wind_up(self)

    wakeup.wakeup = slow_wakeup
    manager.join_executor_internals = slow_wind_up
"""
"""CPython's pool, slowed where the race is: its manager thread closes the
pipe a little later, and the exit writes to the pipe a good while after it
found it open (nothing changes where CPython has no such functions)."""

DATELINE = "import sys\nfrom tui.cli.program import main\nsys.exit(main(sys.argv[1:]))\n"


def test_refresh_never_prints_a_traceback_at_exit(server: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "library.json"
    library = Library.open(db)
    for n in range(FEEDS):
        if n % 6 == 5:  # some feeds fail, as real ones do
            url = server.add(f"/broken-{n}", Route(b"<html>not a feed</html>", content_type="text/html"))
        else:
            items = [Item(f"Story {n}-{i} on the harbour", server.url(f"/{n}/{i}")) for i in range(4)]
            url = server.add(f"/feed-{n}.xml", rss(items, title=f"Outlet {n}").encode())
        add_feed(library, url)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for run in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", (WIDEN if run % 2 else "") + DATELINE, "--db", str(db), "refresh"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, (
            f"run {run}: {done.stderr}"
        )
        assert done.returncode == 1, "the broken feeds are reported"
        assert f"from {FEEDS} feeds, {FEEDS // 6} failed" in done.stdout
