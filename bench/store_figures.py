"""Store figures at 10,000 and 50,000 articles: open, save a claim, mark read,
search, and import with grouping.

- open: `Library.open` plus the first `events()` listing (what the reader
  needs before it can draw the story list). Measured in a fresh process each
  run (cold: nothing of the library in memory, as at launch) and in this
  process (warm modules, so only the store's own work).
- save a claim / mark read: one `add_claim` or `set_state`, each returning
  only once it is on disk, on a private copy of the ready store that has
  been opened and listed, in a different article (and so shard) each run.
- search: the reader's search over titles, claims and bodies
  (`store.search.search`), for a person's name that occurs in a few articles,
  and for a word that occurs nowhere (so everything is read); searching
  again, as the search dialog does on each keystroke. The first search of a
  library just opened reads every title and the word index's order; the
  reader does that in the background (`store.search.warm_up`) a second after
  its first screen, so the first search a reader's user makes is timed after
  it (its hits' bodies still read from disk); both are figures.
- import and group: `dateline import` of 10,000 seed-format files with their
  manifest into a new library, in a child process, wall clock.
"""

from __future__ import annotations

import functools
import gc
import json
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.core import Context, Figure
from bench.generate import GeneratedLibrary, fresh_store
from bench.sampling import DATELINE, SIZES, figure, library_for, log, run_python, sample, timed
from store import Library

OPEN_TARGET = {10_000: 0.15}
WRITE_TARGET = 0.015
SEARCH_TARGET = {10_000: 0.050, 50_000: 0.150}
NO_MATCH_QUERY = "quixotic"
"""A word the generator never writes: the search must read every title, claim and body."""
IMPORT_SIZE = 10_000
IMPORT_TARGET = 10.0
IMPORT_BUDGET = 150.0

_OPEN_IN_CHILD = """
import json, sys, time
from store import Library
started = time.perf_counter()
library = Library.open(sys.argv[1])
opened = time.perf_counter()
events = library.events()
listed = time.perf_counter()
print(json.dumps({"open": opened - started, "total": listed - started, "events": len(events)}))
"""


def figures(ctx: Context) -> Iterator[Figure]:
    for size in SIZES:
        generated = library_for(ctx, size)
        yield from _open_figures(ctx, size, generated)
        yield from _write_figures(ctx, size, generated)
        yield from _search_figures(ctx, size, generated)
    yield _import_figure(ctx, library_for(ctx, IMPORT_SIZE))


def _open_figures(ctx: Context, size: int, generated: GeneratedLibrary) -> Iterator[Figure]:
    path = str(generated.store_path)
    results = [run_python(_OPEN_IN_CHILD, path) for _ in range(ctx.runs)]
    note = (
        f"{results[0]['events']} events; Library.open alone {min(r['open'] for r in results) * 1000:.0f} ms"
    )
    yield figure(
        "open store + list events, fresh process",
        size,
        tuple(r["total"] for r in results),
        target=OPEN_TARGET.get(size),
        note=note,
    )

    def open_and_list() -> None:
        Library.open(path).events()

    def measure() -> float:
        gc.collect()  # garbage of earlier figures is not this figure's cost
        return timed(open_and_list)

    open_and_list()  # warm-up: imports and the page cache
    samples, note = sample(measure, ctx.runs)
    yield figure(
        "open store + list events, in process", size, samples, target=OPEN_TARGET.get(size), note=note
    )


def _articles_in_distinct_shards(library: Library, count: int) -> list[str]:
    chosen: dict[str, str] = {}
    for article in library.articles():
        chosen.setdefault(article.id[:2], article.id)
        if len(chosen) >= count:
            break
    return list(chosen.values())


def _write_figures(ctx: Context, size: int, generated: GeneratedLibrary) -> Iterator[Figure]:
    path = fresh_store(generated, ctx.workdir / "scratch" / f"writes-{size}")
    library = Library.open(path)
    library.events()
    targets = _articles_in_distinct_shards(library, 2 * ctx.runs)
    for article_id in targets:
        library.paragraphs(article_id)  # the reader has the article on screen before tagging it
    claim_targets, read_targets = iter(targets[: ctx.runs]), iter(targets[ctx.runs :])

    def add_claim() -> float:
        article_id = next(claim_targets)
        quote = library.paragraphs(article_id)[0].split(". ")[0]
        return timed(lambda: library.add_claim(article_id, quote, claimant="Bench"))

    def mark_read() -> float:
        article_id = next(read_targets)
        return timed(lambda: library.set_state(article_id, read=True))

    samples, note = sample(add_claim, ctx.runs)
    yield figure("save a claim durably", size, samples, target=WRITE_TARGET, note=note)
    samples, note = sample(mark_read, ctx.runs)
    yield figure("mark an article read", size, samples, target=WRITE_TARGET, note=note)
    shutil.rmtree(path.parent, ignore_errors=True)


def _search_figures(ctx: Context, size: int, generated: GeneratedLibrary) -> Iterator[Figure]:
    try:
        from store.search.query import search
    except ImportError:
        log("TODO search: store.search.search is not there yet; search figure skipped")
        return
    library = Library.open(generated.store_path)
    library.events()
    claimant = next((c.claimant for c in library.claims() if c.claimant), None)
    queries = {
        "search titles, claims and bodies": claimant or library.events()[0].title.split()[0],
        "search, no match (reads everything)": NO_MATCH_QUERY,
    }
    for name, query in queries.items():
        hits = len(search(library, query))  # warm-up, and the hit count for the note
        samples, note = sample(functools.partial(_time_search, search, library, query), ctx.runs)
        yield figure(
            name,
            size,
            samples,
            target=SEARCH_TARGET.get(size),
            note=f"query {query!r}, {hits} hits" + (f"; {note}" if note else ""),
        )
    query = queries["search titles, claims and bodies"]
    for name, warm, target in (
        ("first search, library just opened", False, None),
        ("first search, after the reader's warm-up", True, SEARCH_TARGET.get(size)),
    ):
        samples, note = sample(
            functools.partial(_time_first_search, search, generated.store_path, query, warm), ctx.runs
        )
        yield figure(
            name,
            size,
            samples,
            target=target,
            note=f"query {query!r}; hits' bodies read from disk" + (f"; {note}" if note else ""),
        )


def _time_search(search: Callable[[Library, str], object], library: Library, query: str) -> float:
    return timed(lambda: search(library, query))


def _time_first_search(search: Callable[[Library, str], object], path: Path, query: str, warm: bool) -> float:
    from store.search.query import warm_up

    library = Library.open(path)
    library.events()
    if warm:
        warm_up(library)
    return timed(lambda: search(library, query))


def _import_figure(ctx: Context, generated: GeneratedLibrary) -> Figure:
    scratch = ctx.workdir / "scratch" / "import"
    outcome: dict[str, Any] = {}

    def import_once() -> float:
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        db = scratch / "library.json"
        command = [
            str(DATELINE),
            "--db",
            str(db),
            "import",
            str(generated.articles_dir),
            "--manifest",
            str(generated.manifest),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        elapsed = time.perf_counter() - started
        outcome["returncode"] = done.returncode
        outcome["summary"] = (done.stdout.strip().splitlines() or [""])[-1]
        outcome["stderr"] = (done.stderr.strip().splitlines() or [""])[-1]
        outcome["db"] = db
        return elapsed

    samples, note = sample(import_once, ctx.runs, budget=IMPORT_BUDGET)
    library = Library.open(outcome["db"])
    truth = json.loads(generated.events_file.read_text())["events"]
    parts = [f"{library.article_count()} articles in {len(library.events())} events (true: {len(truth)})"]
    if outcome["returncode"] != 0:
        parts.append(f"exit {outcome['returncode']}: {outcome['stderr'][:80]}")
    if note:
        parts.append(note)
    shutil.rmtree(scratch, ignore_errors=True)
    return figure(
        "import and group seed files", IMPORT_SIZE, samples, target=IMPORT_TARGET, note="; ".join(parts)
    )
