"""What every benchmark module hands the harness: named figures with samples.

A module in `bench/` exposes `figures(ctx: Context) -> Iterable[Figure]`.
The harness prints one table: median, min and max of each figure's samples,
its target, and whether it was met.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One measured figure. `samples` are seconds, bytes or a score, per `unit`."""

    name: str
    samples: tuple[float, ...]
    unit: str = "s"
    target: float | None = None
    higher_is_better: bool = False
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.median >= self.target if self.higher_is_better else self.median <= self.target


@dataclass
class Context:
    """Shared by all benchmark modules: where generated libraries live, how
    many runs to take per figure, and caches of what was already generated."""

    workdir: Path
    runs: int = 5
    cache: dict[str, object] = field(default_factory=dict)
