"""`make bench`: run every benchmark module and print one table.

Every `bench/*.py` module with a `figures(ctx)` function is run in turn (or
only those named with `--only`). A module that fails prints one line and the
others go on. The table — figure, size, median, min, max, unit, target, met —
is printed at the end with the machine's core count, and written to
`bench/out/last.txt`.

A figure's size is taken from a `size` attribute when `Figure` has one, else
from a name of the form `what @ size` (e.g. `open store @ 10k`).
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import os
import pkgutil
import platform
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path

import bench
from bench.core import Context, Figure
from bench.sampling import Skipped

WORKDIR = Path(__file__).resolve().parent / "out"
SKIPPED_MODULES = {"__main__", "core"}


def benchmark_modules(only: Sequence[str]) -> list[str]:
    """Names of the modules in `bench/` to run, alphabetically."""
    folder = Path(bench.__path__[0])
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(bench.__path__)
        if not info.ispkg
        and info.name not in SKIPPED_MODULES
        and not info.name.startswith("_")
        and "def figures(" in (folder / f"{info.name}.py").read_text(encoding="utf-8")
    )
    if only:
        unknown = [n for n in only if n not in names]
        if unknown:
            raise SystemExit(f"bench: no module named {', '.join(unknown)} (have: {', '.join(names)})")
        names = [n for n in names if n in only]
    return names


def split_size(figure: Figure) -> tuple[str, str]:
    size = getattr(figure, "size", None)
    if size:
        return figure.name, str(size)
    name, sep, size = figure.name.rpartition(" @ ")
    return (name, size) if sep else (figure.name, "")


def _scale(figure: Figure) -> tuple[float, str]:
    """A factor and unit that make the figure readable (ms, MB)."""
    if figure.unit == "s":
        return (1000.0, "ms") if figure.median < 1 else (1.0, "s")
    if figure.unit in ("B", "bytes"):
        return 1 / 1_000_000, "MB"
    return 1.0, figure.unit


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3g}"


def table_rows(figures: Iterable[Figure]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for figure in figures:
        name, size = split_size(figure)
        factor, unit = _scale(figure)
        target = (
            ""
            if figure.target is None
            else ("≥ " if figure.higher_is_better else "≤ ") + _number(figure.target * factor)
        )
        met = {None: "", True: "yes", False: "NO"}[figure.met]
        rows.append(
            (
                name,
                size,
                _number(figure.median * factor),
                _number(min(figure.samples) * factor),
                _number(max(figure.samples) * factor),
                unit,
                target,
                met,
                f"n={len(figure.samples)}" + (f"; {figure.note}" if figure.note else ""),
            )
        )
    return rows


def render(rows: list[tuple[str, ...]], header_lines: list[str], failures: list[str]) -> str:
    head = ("figure", "size", "median", "min", "max", "unit", "target", "met?", "runs; note")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    right = {2, 3, 4}

    def line(row: Sequence[str]) -> str:
        cells = [
            (str(c).rjust(w) if i in right else str(c).ljust(w))
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    out = [*header_lines, "", line(head), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    if failures:
        out.append("")
        out.extend(failures)
    return "\n".join(out) + "\n"


ISSUE_ROWS = (
    ("`dateline claims add` as a whole process (median of 7)", "claims add, whole process", True),
    ("reader first screen in tmux ({floor})", "first screen in tmux 140x40", False),
    ("first search right after opening", "first search, library just opened", False),
    ("`dateline import` of seed-format files with their manifest", "import and group seed files", False),
)
ISSUE_SIZES = ("2", "10k", "50k", "200k")


def issue_table(figures: Sequence[Figure]) -> list[str]:
    """The figures issue 14 asks for, from this run, as its markdown table:
    a whole process at 2 articles and each size (with its ratio to 2), the
    first screen (beside the empty app's), first search and import."""
    by_key = {split_size(f): f for f in figures}
    floor = by_key.get(("first screen, empty Textual app (floor)", "-"))
    lines = [
        "| figure (this run) | 2 articles | 10,000 | 50,000 | 200,000 |",
        "|---|---|---|---|---|",
    ]
    for title, name, with_ratio in ISSUE_ROWS:
        cells = []
        tiny = by_key.get((name, "2"))
        for size in ISSUE_SIZES:
            found = by_key.get((name, size))
            if found is None:
                cells.append("—")
                continue
            factor, unit = _scale(found)
            cell = f"{_number(found.median * factor)} {unit}"
            if with_ratio and tiny is not None and size != "2":
                cell += f" (×{found.median / tiny.median:.2f})"
            cells.append(cell)
        shown = title.format(floor=f"empty Textual app {floor.median * 1000:.0f} ms" if floor else "no floor")
        lines.append(f"| {shown} | " + " | ".join(cells) + " |")
    return lines


def run_module(name: str, ctx: Context, collected: list[Figure], failures: list[str]) -> None:
    started: float | None = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}")
        figures = getattr(module, "figures", None)
        if figures is None:
            started = None
            return
        for figure in figures(ctx):
            collected.append(figure)
            shown = table_rows([figure])[0]
            print(
                f"  {shown[0]} [{shown[1]}]: {shown[2]} {shown[5]} ({shown[8]})", file=sys.stderr, flush=True
            )
    except Skipped as skipped:
        failures.append(f"bench.{name}: {skipped}")
        print(failures[-1], file=sys.stderr, flush=True)
    except Exception as failure:  # noqa: BLE001 - one module failing must not stop the others
        where = traceback.extract_tb(failure.__traceback__)[-1]
        failures.append(
            f"bench.{name} failed: {type(failure).__name__}: {failure} "
            f"({Path(where.filename).name}:{where.lineno})"
        )
        print(failures[-1], file=sys.stderr, flush=True)
    finally:
        if started is not None:
            print(f"bench.{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def compile_bytecode() -> None:
    """Compile Dateline's modules once, as an installation does: where
    PYTHONDONTWRITEBYTECODE is set (this machine sets it), every process
    would otherwise compile them from source, timing the compiler at every
    launch while Textual, installed, starts from bytecode."""
    root = Path(__file__).resolve().parent.parent
    for package in ("store", "tui"):
        compileall.compile_dir(root / package, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run Dateline's benchmarks.")
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="run only this module (repeatable)"
    )
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="runs per figure (default 5)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    WORKDIR.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    ctx = Context(workdir=WORKDIR, runs=args.runs)
    header = [
        f"Dateline benchmarks — {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{args.runs} runs per figure, load average at start {os.getloadavg()[0]:.1f}",
    ]
    print(header[1], file=sys.stderr, flush=True)
    started = time.perf_counter()
    collected: list[Figure] = []
    failures: list[str] = []
    for name in benchmark_modules(args.only):
        run_module(name, ctx, collected, failures)
    spent = time.perf_counter() - started
    header.append(f"total time: {spent:.0f} s, load average at end {os.getloadavg()[0]:.1f}")
    text = render(table_rows(collected), header, failures)
    text += "\nIssue 14's table, from this run:\n\n" + "\n".join(issue_table(collected)) + "\n"
    sys.stdout.write(text)
    (WORKDIR / "last.txt").write_text(text, encoding="utf-8")
    return 1 if any(" failed: " in f for f in failures) else 0


if __name__ == "__main__":
    sys.exit(main())
