"""Reader figures: launch to first screen in a real terminal, keystrokes, peak memory.

Launch (at each size; the target is the empty app's time plus 150 ms):
the reader (`.venv/bin/dateline --db LIB`) runs in a 140×40 tmux
session; the clock runs from the Enter that starts it until `capture-pane`
shows the title of the first story (polled every few milliseconds). In the
same run, and the same way, an empty Textual app gives the floor (Python and
Textual starting), and newsboat — where it is installed — opens the same
library served as feeds, as a ratio to Dateline.

Peak memory: VmHWM of the reader's process at 200,000 articles, read after
its first screen, a second of background loading and forty next-story keys
a tenth of a second apart (so it reads ahead for each story, as it does for
someone reading).

Keystrokes (at each size): the app from `tui.app.make_app` runs under
`App.run_test()` at 140×40, in a fresh interpreter of its own, as the
reader runs for a user (the benchmark's process holds other libraries,
which made every collection of garbage slower). Pilot's `press` waits for
the app to be idle in steps of 20 ms, so its wall time says more about
Pilot than about the app. Instead we count the CPU time of the UI thread
(the asyncio loop's thread, `time.thread_time`) from the key press until
the app is idle again: the key's handler, the messages it sets off, layout
and rendering. Work in worker threads is not counted, as it does not hold
up the screen. The same is measured for a key bound to nothing (Pilot's own
work, timers), and that baseline's median is subtracted from each sample.

Work the reader defers on purpose until it stops on an article (claim
suggestions, 0.2 s later) is measured after each key, apart from it: the
UI thread's time over the next 0.4 s, less the same after the unbound key.
It matters too, as a key pressed just then waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.core import Context, Figure
from bench.generate import GeneratedLibrary, fresh_store
from bench.newsboat_library import newsboat_available, prepare
from bench.sampling import DATELINE, PYTHON, ROOT, SIZES, Skipped, figure, library_for, log, run_python
from bench.tmux_terminal import Session, TerminalError, TmuxServer, peak_memory_bytes, tmux_available
from store import Library

FIRST_SCREEN_OVER_FLOOR = 0.150
"""The first screen's target at any size: the empty app's, plus this."""
KEY_TARGET = 0.016
MEMORY_TARGET = 300e6
MEMORY_SIZE = 200_000
KEY_SIZES = SIZES
MEMORY_STORIES = 40
UNBOUND_KEY = "f19"
QUIESCE_SECONDS = 0.4
"""Longer than the reader's own delays (claim suggestions wait 0.2 s after
the reader stops on an article), so one key's deferred work is not counted
against the next."""
EMPTY_APP_MARKER = "Empty app ready"
MARKER_LENGTH = 14


def figures(ctx: Context) -> Iterator[Figure]:
    libraries = {size: library_for(ctx, size) for size in SIZES}
    stores = {
        size: fresh_store(g, ctx.workdir / "scratch" / f"reader-{size}") for size, g in libraries.items()
    }
    problems: list[str] = []
    if not newsboat_available():
        problems.append("newsboat is not installed (apt-get install newsboat): its comparison is skipped")
    if tmux_available():
        try:
            yield from _launch_figures(ctx, libraries, stores)
        except TerminalError as error:
            problems.append(str(error))
    else:
        problems.append("tmux is not installed: launch and memory figures skipped")
    for size in KEY_SIZES:
        try:
            yield from _keystroke_figures(ctx, size, stores[size])
        except Skipped as skipped:
            problems.append(str(skipped))
    if problems:
        raise Skipped("; ".join(problems))


# -- launch to first screen ---------------------------------------------------


def _first_story_markers(store_path: Path) -> list[str]:
    """The start of the first stories' titles, as the story list shows them
    (any of the first three counts, should the reader order ties differently)."""
    library = Library.open(store_path)
    try:
        from store.library.stories import story_rows

        titles = [row.title for row in story_rows(library)[:3]]
    except ImportError:
        titles = [summary.title for summary in library.events()[:3]]
    return [title[:MARKER_LENGTH] for title in titles]


def _launch_figures(
    ctx: Context, libraries: dict[int, GeneratedLibrary], stores: dict[int, Path]
) -> Iterator[Figure]:
    home = ctx.workdir / "scratch" / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "DATELINE_KEYS": str(home / "no-keys.toml"),
        "DATELINE_PLACES": str(home / "places.json"),
    }
    markers = {size: _first_story_markers(path) for size, path in stores.items()}
    newsboat = {}
    if newsboat_available():
        newsboat = {size: prepare(g, log) for size, g in libraries.items()}

    floor: list[float] = []
    dateline: dict[int, list[float]] = {size: [] for size in SIZES}
    others: dict[int, list[float]] = {size: [] for size in newsboat}
    memory: list[float] = []
    failure = ""
    with TmuxServer() as tmux:

        def measure(
            argv: list[str],
            wanted: list[str],
            then: Callable[[Session], None] | None = None,
            environment: dict[str, str] = env,
            retry: bool = True,
        ) -> float:
            session = tmux.start(argv, env=environment, cwd=ROOT)
            try:
                elapsed = session.go_and_wait(wanted)
                if then is not None:
                    then(session)
            except TerminalError as error:
                if not retry:
                    raise TerminalError(f"{Path(argv[0]).name}: {error}") from None
                log(f"reader_figures: {Path(argv[0]).name} failed once, trying again: {error}")
                return measure(argv, wanted, then, environment, retry=False)
            finally:
                session.quit()
            return elapsed

        def read_peak_memory(session: Session) -> None:
            time.sleep(1.0)
            for _ in range(MEMORY_STORIES):
                session.keys("j")
                time.sleep(0.1)  # long enough for the reader to read ahead
            time.sleep(0.5)
            peak = peak_memory_bytes(session.pid())
            if peak is not None:
                memory.append(float(peak))

        for _ in range(ctx.runs):
            floor.append(measure([str(PYTHON), "bench/_empty_app.py"], [EMPTY_APP_MARKER]))
            for size in SIZES:
                if failure:
                    break
                then = read_peak_memory if size == MEMORY_SIZE else None
                # Each launch is a first one: the reader would otherwise reopen
                # where the last left it (the memory run, 40 stories down).
                Path(env["DATELINE_PLACES"]).unlink(missing_ok=True)
                try:
                    dateline[size].append(
                        measure([str(DATELINE), "--db", str(stores[size])], markers[size], then)
                    )
                except TerminalError as error:
                    failure = f"the reader did not start at {size} articles: {error}"
                    log(f"reader_figures: {failure}")
            for size, library in newsboat.items():
                other = dict(env, HOME=str(library.home))
                others[size].append(measure(library.argv(), [library.first_feed_title], environment=other))

    yield figure("first screen, empty Textual app (floor)", "-", tuple(floor))
    target = statistics.median(floor) + FIRST_SCREEN_OVER_FLOOR
    for size in SIZES:
        if not dateline[size]:
            continue
        over = statistics.median(dateline[size]) - statistics.median(floor)
        yield figure(
            "first screen in tmux 140x40",
            size,
            tuple(dateline[size]),
            target=target,
            note=f"floor {statistics.median(floor) * 1000:.0f} ms, {over * 1000:+.0f} ms over it;"
            f" marker {markers[size][0]!r}",
        )
    for size, samples in others.items():
        yield figure(
            "first screen, newsboat", size, tuple(samples), note="same library as 40 feeds, cache filled"
        )
        if len(dateline[size]) != len(samples):
            continue
        ratios = tuple(n / d for n, d in zip(samples, dateline[size], strict=True))
        yield figure(
            "newsboat / Dateline first screen", size, ratios, unit="x", note="> 1: Dateline is faster"
        )
    if failure:
        raise TerminalError(failure)
    if memory:
        yield figure(
            "reader peak memory (VmHWM)",
            MEMORY_SIZE,
            tuple(memory),
            unit="B",
            target=MEMORY_TARGET,
            note=f"after {MEMORY_STORIES} stories",
        )


# -- keystrokes in a reader process of their own ------------------------------------

KEYS = (("j", "next story"), ("]", "flip outlet"), ("t", "open tag modal"))


def _keystroke_figures(ctx: Context, size: int, store_path: Path) -> Iterator[Figure]:
    keys_file = ctx.workdir / "scratch" / "no-keys.toml"
    child = (
        "import sys, json; from bench.reader_figures import keystroke_samples; "
        "print(json.dumps(keystroke_samples(sys.argv[1], int(sys.argv[2]), sys.argv[3])))"
    )
    try:
        result = run_python(child, str(store_path), str(ctx.runs), str(keys_file), timeout=600)
    except ImportError as missing:
        raise Skipped(f"keystrokes: {missing}; keystroke figures skipped") from None
    if "skipped" in result:
        raise Skipped(result["skipped"])
    for key, name in KEYS:
        yield figure(
            f"key {key!r} {name}, UI thread",
            size,
            tuple(result["samples"][key]),
            target=KEY_TARGET,
            note=result["notes"][key],
        )
    yield figure(
        "suggestions shown after 'j', UI thread",
        size,
        tuple(result["deferred"]),
        target=KEY_TARGET,
        note="the repaint once the reader stops on a story; idle time after the unbound key subtracted",
    )


def keystroke_samples(store_path: str, runs: int, keys_file: str) -> dict[str, object]:
    """Run in a fresh interpreter, as the reader runs for a user: the
    benchmark's own process holds other libraries and years of garbage that
    a reader never has."""
    try:
        from tui.app import make_app
    except ImportError:
        return {"skipped": "TODO keystrokes: tui.app.make_app is not there yet; keystroke figures skipped"}
    os.environ.setdefault("DATELINE_KEYS", keys_file)
    # The reader opens on the first story, as on a first launch, and keeps
    # where it was left beside the keys file, not in the user's state folder.
    places = Path(keys_file).with_name("places.json")
    places.unlink(missing_ok=True)
    os.environ.setdefault("DATELINE_PLACES", str(places))
    # Textual prints a crashing app's traceback to stderr; the harness gives
    # the one line that matters, so keep the screenful out of the report.
    with contextlib.redirect_stderr(io.StringIO()):
        return asyncio.run(_press_keys(make_app, Library.open(Path(store_path)), runs))


async def _press_keys(make_app, library: Library, runs: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    app = make_app(library)
    raw: dict[str, list[float]] = {UNBOUND_KEY: [], "j": [], "]": [], "t": []}
    deferred: dict[str, list[float]] = {UNBOUND_KEY: [], "j": []}
    async with app.run_test(size=(140, 40)) as pilot:

        async def settle() -> None:
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)

        async def quiesce() -> None:
            """Let work deferred by the last key (timers, workers) finish."""
            await pilot.pause(QUIESCE_SECONDS)
            await settle()

        async def cost(key: str) -> float:
            """The key's own cost; what it defers is measured after it."""
            started = time.thread_time()
            await pilot.press(key)
            await settle()
            answered = time.thread_time()
            await quiesce()
            if key in deferred:
                deferred[key].append(time.thread_time() - answered)
            return answered - started

        screen = app.screen
        deadline = time.perf_counter() + 120
        while getattr(screen, "event", None) is None:
            if time.perf_counter() > deadline:
                raise TimeoutError("the reader showed no story within 120 s")
            await pilot.pause(0.05)
        await quiesce()
        moved = flipped = 0
        for _ in range(runs):
            raw[UNBOUND_KEY].append(await cost(UNBOUND_KEY))
            before = getattr(screen, "event", None)
            raw["j"].append(await cost("j"))
            moved += getattr(screen, "event", None) is not before
        # Flip needs a story covered by several outlets.
        for _ in range(200):
            if len(getattr(screen, "articles", ())) >= 2:
                break
            await pilot.press("j")
            await settle()
        await quiesce()
        for _ in range(runs):
            raw[UNBOUND_KEY].append(await cost(UNBOUND_KEY))
            before = getattr(screen, "index", None)
            raw["]"].append(await cost("]"))
            flipped += getattr(screen, "index", None) != before
        modal_opened = 0
        for _ in range(runs):
            raw[UNBOUND_KEY].append(await cost(UNBOUND_KEY))
            raw["t"].append(await cost("t"))
            if app.screen is not screen:
                modal_opened += 1
                await pilot.press("escape")
                await quiesce()
    baseline = statistics.median(raw[UNBOUND_KEY])
    idle = statistics.median(deferred[UNBOUND_KEY])
    samples = {k: [max(0.0, v - baseline) for v in values] for k, values in raw.items() if k != UNBOUND_KEY}
    note = f"unbound-key baseline {baseline * 1000:.1f} ms subtracted"
    return {
        "samples": samples,
        "deferred": [max(0.0, v - idle) for v in deferred["j"]],
        "notes": {
            "j": f"{note}; story changed {moved}/{runs}",
            "]": f"{note}; outlet changed {flipped}/{runs}",
            "t": f"{note}; modal opened {modal_opened}/{runs}",
        },
    }
