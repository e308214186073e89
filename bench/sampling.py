"""Helpers the benchmark modules share: repeated samples under a time budget,
the generated libraries of a run, and child processes run in the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.core import Context, Figure
from bench.generate import GeneratedLibrary, generated_library

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DATELINE = ROOT / ".venv" / "bin" / "dateline"
SIZES = (10_000, 50_000, 200_000)


class Skipped(Exception):
    """Raised by a module after its figures when some could not be measured
    (a tool or a part of Dateline is missing); the harness prints the reason."""


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def size_label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def library_for(ctx: Context, size: int) -> GeneratedLibrary:
    """The generated library of this size, made once per work dir."""
    key = f"library-{size}"
    if key not in ctx.cache:
        ctx.cache[key] = generated_library(ctx.workdir, size, log=log)
    return ctx.cache[key]  # type: ignore[return-value]


def sample(
    measure: Callable[[], float], runs: int, *, budget: float | None = None
) -> tuple[tuple[float, ...], str]:
    """`runs` values of `measure()`; fewer (but at least one) when the next
    run would go past `budget` seconds, with a note saying so."""
    values: list[float] = []
    started = time.perf_counter()
    for _ in range(runs):
        run_started = time.perf_counter()
        values.append(measure())
        spent = time.perf_counter() - started
        if budget is not None and len(values) < runs and spent + (time.perf_counter() - run_started) > budget:
            return tuple(values), f"stopped after {len(values)} runs ({budget:.0f} s budget)"
    return tuple(values), ""


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def figure(
    name: str,
    size: int | str,
    samples: tuple[float, ...],
    *,
    unit: str = "s",
    target: float | None = None,
    note: str = "",
) -> Figure:
    label = size_label(size) if isinstance(size, int) else size
    return Figure(name=f"{name} @ {label}", samples=samples, unit=unit, target=target, note=note)


def run_python(code: str, *args: str, timeout: float = 120) -> dict:
    """Run `code` in a fresh interpreter of the project's venv; it prints one
    JSON object on its last line, which is returned."""
    done = subprocess.run(
        [str(PYTHON), "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"child process failed ({done.returncode}): {last}")
    return json.loads(done.stdout.strip().splitlines()[-1])
