"""The same generated library as RSS feeds, for timing newsboat beside Dateline.

One feed per outlet, one item per article (headline, date, full body),
served once from 127.0.0.1 so that `newsboat -x reload` fills its cache.
The cache and the urls file are kept beside the generated library, so later
runs only time newsboat's launch, which reads its cache and never the
network (the server's port is not needed after the reload).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.generate import GeneratedLibrary
from store.model import slugify


def newsboat_available() -> bool:
    return shutil.which("newsboat") is not None


@dataclass(frozen=True)
class NewsboatLibrary:
    folder: Path
    first_feed_title: str

    @property
    def urls(self) -> Path:
        return self.folder / "urls"

    @property
    def cache(self) -> Path:
        return self.folder / "cache.db"

    @property
    def config(self) -> Path:
        return self.folder / "config"

    @property
    def home(self) -> Path:
        return self.folder / "home"

    def argv(self) -> list[str]:
        return ["newsboat", "-u", str(self.urls), "-c", str(self.cache), "-C", str(self.config)]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def _read_seed_file(path: Path) -> tuple[str, str, list[str]]:
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    _, date, headline = first.strip().split(" ", 2)
    return date, headline, [p.strip() for p in rest.split("\n\n") if p.strip()]


def _write_feeds(generated: GeneratedLibrary, feeds: Path) -> list[tuple[str, str]]:
    """RSS files, one per outlet; returns (file name, outlet name) in order."""
    manifest = json.loads(generated.manifest.read_text())["files"]
    items: dict[str, list[str]] = {}
    for name, info in sorted(manifest.items()):
        date, headline, paragraphs = _read_seed_file(generated.articles_dir / name)
        day = dt.datetime.fromisoformat(date).replace(hour=9, tzinfo=dt.UTC)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        items.setdefault(info["outlet"], []).append(
            "<item>"
            f"<title>{html.escape(headline)}</title>"
            f"<link>http://example.invalid/{name}</link><guid>{name}</guid>"
            f"<pubDate>{format_datetime(day)}</pubDate>"
            f"<description>{html.escape(body)}</description>"
            "</item>"
        )
    feeds.mkdir(parents=True, exist_ok=True)
    order = []
    for outlet, entries in items.items():
        file_name = f"{slugify(outlet)}.xml"
        (feeds / file_name).write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(outlet)}</title><link>http://example.invalid/</link>"
            f"<description>Generated benchmark feed</description>{''.join(entries)}</channel></rss>",
            encoding="utf-8",
        )
        order.append((file_name, outlet))
    return order


def prepare(generated: GeneratedLibrary, log) -> NewsboatLibrary:  # type: ignore[no-untyped-def]
    """newsboat's urls, config and filled cache for this library (cached)."""
    folder = generated.root / "newsboat"
    done = folder / "complete.json"
    if done.exists():
        return NewsboatLibrary(folder, json.loads(done.read_text())["first"])
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    order = _write_feeds(generated, folder / "feeds")
    handler = functools.partial(_QuietHandler, directory=str(folder / "feeds"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        library = NewsboatLibrary(folder, order[0][1])
        library.urls.write_text("".join(f"http://127.0.0.1:{port}/{name}\n" for name, _ in order))
        library.config.write_text("reload-threads 2\nshow-read-feeds yes\nmax-items 0\nconfirm-exit no\n")
        library.home.mkdir()
        subprocess.run(
            [*library.argv(), "-x", "reload"],
            check=True,
            capture_output=True,
            timeout=1800,
            env={"HOME": str(library.home), "PATH": "/usr/bin:/bin", "TERM": "xterm"},
        )
    finally:
        server.shutdown()
        server.server_close()
    done.write_text(json.dumps({"first": order[0][1]}))
    log(f"newsboat {generated.size}: feeds served and cached in {time.perf_counter() - started:.1f} s")
    return library
