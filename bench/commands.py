"""Whole-process commands at 2, 10,000, 50,000 and 200,000 articles: what a
script or a shell user pays for one question about one thing.

Each command runs as a fresh process (`.venv/bin/dateline …`, or for a read
mark, which has no command, a `python -c` that opens the library and marks
one article), wall clock from start to exit, on a private copy of each
generated library and on a two-article library of the seeds. The sizes take
turns run by run, so a busy moment of the machine spreads over all of them.
Dirty pages of the copies are written out first (`os.sync`), so that no
timed fsync waits for them. The figure that matters is each size's median
over the two-article median:
a command that opens only what it needs costs the same at any size
(target ≤ 1.25).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.core import Context, Figure
from bench.generate import fresh_store
from bench.sampling import DATELINE, PYTHON, ROOT, SIZES, figure, library_for
from store import Library
from store.ingest.importer import import_paths
from store.library.paths import seeds_directory

RUNS = 7
"""Runs per command and size (the issue's figures are medians of 7)."""
RATIO_TARGET = 1.25
TINY = 2

_MARK_READ = (
    "import sys; from store import Library; Library.open(sys.argv[1]).set_state(sys.argv[2], read=True)"
)


def _tiny_library(workdir: Path) -> Path:
    """The seeds, two articles of one event, in a library of their own."""
    path = workdir / "scratch" / "commands-2" / "library.json"
    shutil.rmtree(path.parent, ignore_errors=True)
    library = Library.open(path)
    import_paths(library, [str(seeds_directory())])
    return path


def _subjects(path: Path) -> tuple[str, str]:
    """The newest event and its first article."""
    library = Library.open(path)
    [event_id] = library.catalog.newest_event_ids(1)
    summary = library.event(event_id)
    assert summary is not None
    return event_id, summary.article_ids[0]


def figures(ctx: Context) -> Iterator[Figure]:
    runs = max(ctx.runs, RUNS)
    paths = {TINY: _tiny_library(ctx.workdir)}
    for size in SIZES:
        paths[size] = fresh_store(library_for(ctx, size), ctx.workdir / "scratch" / f"commands-{size}")
    subjects = {size: _subjects(path) for size, path in paths.items()}
    claims: dict[int, list[str]] = {}
    quotes: dict[int, str] = {}
    for size, path in paths.items():
        library = Library.open(path)
        article_id = subjects[size][1]
        quotes[size] = library.paragraphs(article_id)[0].split()[0]
        claims[size] = [library.add_claim(article_id, quotes[size], note="to remove").id for _ in range(runs)]

    # The copies just made are gigabytes not yet on disk; the first fsync of a
    # timed command would wait for them to be written (ext4 orders them).
    os.sync()

    def dateline(size: int, *args: str) -> list[str]:
        return [str(DATELINE), "--db", str(paths[size]), *args]

    commands: dict[str, Callable[[int], list[str]]] = {
        "claims add": lambda size: dateline(
            size, "claims", "add", subjects[size][1], "--quote", quotes[size]
        ),
        "claims rm": lambda size: dateline(size, "claims", "rm", claims[size].pop()),
        "mark read": lambda size: [str(PYTHON), "-c", _MARK_READ, str(paths[size]), subjects[size][1]],
        "articles --event": lambda size: dateline(size, "articles", "--event", subjects[size][0], "--json"),
        "claims --event": lambda size: dateline(size, "claims", "--event", subjects[size][0], "--json"),
    }
    for name, argv_of in commands.items():
        samples: dict[int, list[float]] = {size: [] for size in paths}
        for _ in range(runs):
            for size in paths:
                argv = argv_of(size)
                started = time.perf_counter()
                subprocess.run(argv, capture_output=True, check=True, cwd=ROOT)
                samples[size].append(time.perf_counter() - started)
        tiny = statistics.median(samples[TINY])
        yield figure(f"{name}, whole process", TINY, tuple(samples[TINY]), note=f"median of {runs}")
        for size in SIZES:
            ratios = tuple(s / tiny for s in samples[size])
            yield figure(
                f"{name}, whole process",
                size,
                tuple(samples[size]),
                note=f"median of {runs}; {statistics.median(samples[size]) / tiny:.2f}x the 2-article median",
            )
            yield figure(
                f"{name}, whole process / 2 articles",
                size,
                ratios,
                unit="x",
                target=RATIO_TARGET,
                note=f"each run over the 2-article median ({tiny * 1000:.0f} ms)",
            )
