"""Store figures at 10,000, 50,000 and 200,000 articles: open, save a claim,
mark read, search, what the catalog adds per article, and import with
grouping.

- open: `Library.open` plus the story list's first 60 rows (what the reader
  needs before it can draw its first screen). Measured in a fresh process
  each run (cold: nothing of the library in memory, as at launch) and in
  this process (warm modules, so only the store's own work).
- save a claim / mark read: one `add_claim` or `set_state`, each returning
  only once it is on disk, on a private copy of the ready store that has
  been opened, in a different article (and so shard) each run.
- search: the reader's search over titles, claims and bodies
  (`store.search.search`), for a person's name that occurs in a few articles,
  and for a word that occurs nowhere; searching again, as the search dialog
  does on each keystroke. The first search of a library just opened (in a
  new `Library`, as a new process has it: the catalog checked against the
  parts' files first), and after `store.search.warm_up`, which the reader
  runs in the background a second after its first screen.
- catalog per article: the same 2,000 new articles added to two copies of
  the library, one whose catalog (rows and full-text index) is told of the
  writes and one whose is not; the difference per article.
- import and group: `dateline import` of the 10,000 and 50,000 seed-format
  files with their manifest into a new library, in a child process, wall
  clock and peak memory (VmHWM).
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
from bench.generate import GeneratedLibrary, fresh_store, generate_articles
from bench.sampling import PYTHON, ROOT, SIZES, figure, library_for, log, run_python, sample, timed
from store import Library
from store.library.stories import first_story_rows

OPEN_TARGET = {10_000: 0.15}
WRITE_TARGET = 0.015
SEARCH_TARGET = {10_000: 0.050, 50_000: 0.150}
FIRST_SEARCH_TARGET = {50_000: 0.050}
NO_MATCH_QUERY = "quixotic"
"""A word the generator never writes: the search must read every title, claim and body."""
IMPORT_SIZES = (10_000, 50_000, 200_000)
IMPORT_TARGET = {10_000: 10.0, 50_000: 30.0}
IMPORT_BUDGET = 150.0
"""Seconds of import runs per size: 200,000 files get one run (about two minutes)."""
INDEXED_BATCH = 2_000
"""Articles added to each library to time what the catalog and its
full-text index add to storing them."""
INDEXING_TARGET = 0.001
_IMPORT_IN_CHILD = """
import sys
from tui.cli import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print("peak", int(peak.split()[1]) * 1024, file=sys.stderr)
sys.exit(code)
"""

_OPEN_IN_CHILD = """
import json, sys, time
from store import Library
from store.library.stories import first_story_rows
started = time.perf_counter()
library = Library.open(sys.argv[1])
opened = time.perf_counter()
rows = first_story_rows(library, 60)
listed = time.perf_counter()
print(json.dumps({"open": opened - started, "total": listed - started, "rows": len(rows)}))
"""


def figures(ctx: Context) -> Iterator[Figure]:
    for size in SIZES:
        generated = library_for(ctx, size)
        yield from _open_figures(ctx, size, generated)
        yield from _write_figures(ctx, size, generated)
        yield from _search_figures(ctx, size, generated)
        yield _indexing_figure(ctx, size, generated)
    for size in IMPORT_SIZES:
        yield from _import_figures(ctx, library_for(ctx, size))


def _open_figures(ctx: Context, size: int, generated: GeneratedLibrary) -> Iterator[Figure]:
    path = str(generated.store_path)
    results = [run_python(_OPEN_IN_CHILD, path) for _ in range(ctx.runs)]
    note = f"{results[0]['rows']} rows; Library.open alone {min(r['open'] for r in results) * 1000:.0f} ms"
    yield figure(
        "open store + first 60 stories, fresh process",
        size,
        tuple(r["total"] for r in results),
        target=OPEN_TARGET.get(size),
        note=note,
    )

    def open_and_list() -> None:
        first_story_rows(Library.open(path), 60)

    def measure() -> float:
        gc.collect()  # garbage of earlier figures is not this figure's cost
        return timed(open_and_list)

    open_and_list()  # warm-up: imports and the page cache
    samples, note = sample(measure, ctx.runs)
    yield figure(
        "open store + first 60 stories, in process", size, samples, target=OPEN_TARGET.get(size), note=note
    )


def _articles_in_distinct_shards(library: Library, count: int) -> list[str]:
    chosen: dict[str, str] = {}
    for article_id in sorted(library.article_ids()):
        chosen.setdefault(article_id[:2], article_id)
        if len(chosen) >= count:
            break
    return list(chosen.values())


def _write_figures(ctx: Context, size: int, generated: GeneratedLibrary) -> Iterator[Figure]:
    path = fresh_store(generated, ctx.workdir / "scratch" / f"writes-{size}")
    library = Library.open(path)
    first_story_rows(library, 60)
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
    rows = first_story_rows(library, 60)
    claimant = next((c.claimant for c in library.claims() if c.claimant), None)
    queries = {
        "search titles, claims and bodies": claimant or rows[0].title.split()[0],
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
        ("first search, library just opened", False, FIRST_SEARCH_TARGET.get(size)),
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
            note=f"query {query!r}; snippets from the full-text index" + (f"; {note}" if note else ""),
        )


def _time_search(search: Callable[[Library, str], object], library: Library, query: str) -> float:
    return timed(lambda: search(library, query))


def _time_first_search(search: Callable[[Library, str], object], path: Path, query: str, warm: bool) -> float:
    from store.search.query import warm_up

    library = Library.open(path)
    first_story_rows(library, 60)  # what the reader has done before anyone can type
    if warm:
        warm_up(library)
    return timed(lambda: search(library, query))


def _indexing_figure(ctx: Context, size: int, generated: GeneratedLibrary) -> Figure:
    """What the catalog (rows and full-text index) adds per article stored:
    the same new articles added to two copies of the library, one telling
    its catalog and one not, in the same process."""
    _, drafts = generate_articles(INDEXED_BATCH, seed=size + 1)
    batch = [a.draft for a in drafts]

    def add(told: bool) -> float:
        path = fresh_store(generated, ctx.workdir / "scratch" / f"indexing-{size}")
        library = Library.open(path)
        library.article_count()  # opened and checked, as any writer is
        if not told:
            library.database.listeners.clear()
        gc.collect()
        spent = timed(lambda: library.add_articles(batch))
        shutil.rmtree(path.parent, ignore_errors=True)
        return spent

    samples = tuple((add(True) - add(False)) / len(batch) for _ in range(min(ctx.runs, 3)))
    return figure(
        "catalog and full-text index, per article stored",
        size,
        samples,
        target=INDEXING_TARGET,
        note=f"{len(batch)} new articles in one add_articles, with the catalog told and without",
    )


def _import_figures(ctx: Context, generated: GeneratedLibrary) -> Iterator[Figure]:
    size = generated.size
    scratch = ctx.workdir / "scratch" / "import"
    outcome: dict[str, Any] = {}
    peaks: list[float] = []

    def import_once() -> float:
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        db = scratch / "library.json"
        command = [
            str(PYTHON),
            "-c",
            _IMPORT_IN_CHILD,
            "--db",
            str(db),
            "import",
            str(generated.articles_dir),
            "--manifest",
            str(generated.manifest),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=ROOT)
        elapsed = time.perf_counter() - started
        outcome["returncode"] = done.returncode
        lines = done.stderr.strip().splitlines()
        peaks.extend(float(line.split()[1]) for line in lines if line.startswith("peak "))
        outcome["stderr"] = next((line for line in reversed(lines) if not line.startswith("peak ")), "")
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
    yield figure(
        "import and group seed files", size, samples, target=IMPORT_TARGET.get(size), note="; ".join(parts)
    )
    if peaks:
        yield figure(
            "import and group seed files, peak memory",
            size,
            tuple(peaks),
            unit="B",
            note="VmHWM of the importing process",
        )
