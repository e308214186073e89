"""`make eval`: every real-news figure, one table after another.

Grouping (AllSides, BASIL), quotes and speakers (PolNeAR, BASIL), alignment
and flipping (BASIL), then the seed event against DESIGN.md. A set that is
not on this machine is skipped with one line, and the run still exits 0.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from collections.abc import Sequence

import bench.realnews
from bench.realnews.data import eval_folder

ORDER = ("grouping", "quotes", "alignment", "seed_event")


def main(argv: Sequence[str] = ()) -> int:
    present = {m.name for m in pkgutil.iter_modules(bench.realnews.__path__)}
    print(f"Real-news evaluation sets: {eval_folder()}")
    if not eval_folder().is_dir():
        print("make eval: the evaluation sets are not on this machine; set $DATELINE_EVAL to their folder")
        return 0
    for name in ORDER:
        if name not in present:
            continue
        started = time.perf_counter()
        print()
        importlib.import_module(f"bench.realnews.{name}").main(argv)
        print(f"({name}: {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
