"""Feed figures: refreshing 40 feeds of 250 items each from a local server,
against newsboat on the same feeds in the same run, and how fast and how
small the refusal of an entity-expansion payload stays.

- refresh: `dateline refresh` in a child process (wall clock, start-up
  included, as a user sees it) into a fresh library with the 40 feeds
  subscribed, so every item is new: fetch, parse, store and group.
- newsboat: `newsboat -x reload` on the same URLs into a fresh cache, with
  `reload-threads` set to Dateline's number of concurrent fetches so both
  fetch the same number at once. Skipped (with a line) when newsboat is not
  installed; the ratio is Dateline's median over newsboat's.
- The feeds are served by a separate process, so the server does not share
  an interpreter with the Dateline refresh being measured.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from bench.core import Context, Figure
from bench.sampling import DATELINE, PYTHON, ROOT, Skipped, figure, log
from store import Library
from store.errors import FeedError
from store.feeds.feedparse import parse_feed
from store.feeds.refresh import MAX_CONCURRENT
from store.feeds.subscriptions import add_feed
from tests.feeds.samples import Item, rss

FEEDS = 40
ITEMS = 250
SIZE = f"{FEEDS}×{ITEMS}"
REFRESH_BUDGET = 240.0
PAYLOAD_TIME_TARGET = 1.0
PAYLOAD_MEMORY_TARGET = 50_000_000

_SERVER = """
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

server = Server(("127.0.0.1", 0), partial(Quiet, directory=sys.argv[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
"""

STORIES = 1000
"""Distinct events the 40 outlets report, as in real news: each item tells
one of them in its outlet's own words, so grouping has real work to do."""


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def figures(ctx: Context) -> Iterator[Figure]:
    feed_dir = _write_feeds(ctx.workdir / "feeds")
    newsboat = shutil.which("newsboat")
    with _serving(feed_dir) as base:
        urls = [f"{base}/feed-{n:02d}.xml" for n in range(FEEDS)]
        ours, theirs, note = _alternating(ctx.runs, urls, newsboat)
    yield figure("refresh feeds (dateline)", SIZE, ours, note=note)
    if newsboat is not None:
        yield figure("refresh feeds (newsboat -x reload)", SIZE, theirs, note=note)
        yield figure(
            "refresh time ratio dateline/newsboat",
            SIZE,
            tuple(a / b for a, b in zip(ours, theirs, strict=True)),
            unit="×",
            target=1.0,
            note=f"each run paired with the newsboat run after it; {MAX_CONCURRENT} fetches at once in both",
        )
    yield from _payload_figures(ctx)
    if newsboat is None:
        raise Skipped("newsboat is not installed; its comparison was skipped (apt-get install newsboat)")


def _alternating(
    runs: int, urls: list[str], newsboat: str | None
) -> tuple[tuple[float, ...], tuple[float, ...], str]:
    """Dateline and newsboat runs taken in turn, so a busy moment on a shared
    machine weighs on both rather than on one."""
    ours: list[float] = []
    theirs: list[float] = []
    started = time.perf_counter()
    for run in range(runs):
        ours.append(_dateline_refresh(urls))
        if newsboat is not None:
            theirs.append(_newsboat_reload(newsboat, urls))
        spent = time.perf_counter() - started
        if run + 1 < runs and spent * (run + 2) / (run + 1) > REFRESH_BUDGET:
            return tuple(ours), tuple(theirs), f"stopped after {run + 1} runs ({REFRESH_BUDGET:.0f} s budget)"
    return tuple(ours), tuple(theirs), ""


def _write_feeds(folder: Path) -> Path:
    """40 RSS files of 250 distinct items, written once per work dir."""
    marker = folder / f".complete-{FEEDS}-{ITEMS}-{STORIES}"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20241111)
    vocabulary = _vocabulary(rng)
    stories = [(rng.sample(vocabulary, 12), rng.randint(1, 28)) for _ in range(STORIES)]
    for n in range(FEEDS):
        items = []
        for i in range(ITEMS):
            topic, day = stories[(n * 37 + i * 13) % STORIES]

            def sentence(k: int, topic: list[str] = topic) -> str:
                mixed = rng.sample(topic, 5) + rng.sample(vocabulary, 7)
                rng.shuffle(mixed)
                return f"{' '.join(mixed).capitalize()} ({k})."

            body = "".join(f"<p>{sentence(p)} {sentence(p + 1)}</p>" for p in range(4))
            items.append(
                Item(
                    title=" ".join(rng.sample(topic, 6)).capitalize(),
                    link=f"https://outlet{n}.example/news/{i}",
                    body_html=body,
                    date=f"{day:02d} Nov 2024 {rng.randint(0, 23):02d}:00:00 GMT",
                )
            )
        (folder / f"feed-{n:02d}.xml").write_text(rss(items, title=f"Outlet {n}"), encoding="utf-8")
    marker.touch()
    log(f"  wrote {FEEDS} feeds of {ITEMS} items to {folder}")
    return folder


class _serving:
    """The feed folder served over HTTP by a child process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> str:
        self.process = subprocess.Popen(
            [str(PYTHON), "-c", _SERVER, str(self.folder)], stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        port = self.process.stdout.readline().strip()
        if not port:
            raise RuntimeError("the feed server did not start")
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _dateline_refresh(urls: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="dateline-feeds-") as folder:
        db = Path(folder) / "library.json"
        library = Library.open(db)
        for url in urls:
            add_feed(library, url)
        started = time.perf_counter()
        done = subprocess.run(
            [str(DATELINE), "--db", str(db), "refresh"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        spent = time.perf_counter() - started
        summary = (done.stdout.strip().splitlines() or [""])[-1]
        expected = f"{FEEDS * ITEMS} new articles from {FEEDS} feeds, 0 failed"
        if done.returncode != 0 or summary != expected:
            raise RuntimeError(f"dateline refresh: {summary!r} {done.stderr.strip()[-200:]}")
        return spent


def _newsboat_reload(newsboat: str, urls: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="newsboat-") as folder:
        home = Path(folder)
        (home / "urls").write_text("\n".join(urls) + "\n")
        (home / "config").write_text(f"reload-threads {MAX_CONCURRENT}\n")
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)}
        started = time.perf_counter()
        done = subprocess.run(
            [
                newsboat,
                "-u",
                str(home / "urls"),
                "-c",
                str(home / "cache.db"),
                "-C",
                str(home / "config"),
                "-x",
                "reload",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=600,
        )
        spent = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"newsboat -x reload failed: {done.stderr.strip()[-200:]}")
        stored = _newsboat_items(home / "cache.db")
        if stored != FEEDS * ITEMS:
            raise RuntimeError(f"newsboat stored {stored} items, expected {FEEDS * ITEMS}")
        return spent


def _newsboat_items(cache: Path) -> int:
    import sqlite3

    with sqlite3.connect(cache) as db:
        return int(db.execute("select count(*) from rss_item").fetchone()[0])


def _payload_figures(ctx: Context) -> Iterator[Figure]:
    """Refusing entity expansion: time and peak memory for each payload."""
    lols = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    payloads = {
        "billion laughs": f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{lols}]>'
        + "<rss><channel><title>&lol9;</title></channel></rss>",
        "large entity ×10k": f'<!DOCTYPE rss [<!ENTITY big "{"x" * 1_000_000}">]>'
        + "<rss><channel><title>"
        + "&big;" * 10_000
        + "</title></channel></rss>",
    }
    for name, text in payloads.items():
        data = text.encode()
        times: list[float] = []
        peaks: list[float] = []
        for _ in range(ctx.runs):
            tracemalloc.start()
            started = time.perf_counter()
            try:
                parse_feed(data, url="http://127.0.0.1/bomb")
            except FeedError:
                pass
            else:
                raise RuntimeError(f"the {name} payload was not refused")
            times.append(time.perf_counter() - started)
            peaks.append(float(tracemalloc.get_traced_memory()[1]))
            tracemalloc.stop()
        size = f"{len(data) // 1000} kB"
        yield figure(f"refuse {name} feed", size, tuple(times), target=PAYLOAD_TIME_TARGET)
        yield figure(
            f"refuse {name} feed, peak memory", size, tuple(peaks), unit="B", target=PAYLOAD_MEMORY_TARGET
        )


if __name__ == "__main__":  # handy while working on feeds: python -m bench.feeds
    for found in figures(
        Context(workdir=ROOT / "bench" / "out", runs=int(sys.argv[1]) if sys.argv[1:] else 3)
    ):
        print(found.name, [round(s, 3) for s in found.samples], found.unit)
