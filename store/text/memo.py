"""A bounded memo for the hot loops of tokenising (grouping terms, search
words), which look up millions of pieces of text, few of them distinct."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """key → `compute(key)`. A plain dict, so that a hit costs no Python
    call; it starts over once it holds `kept` keys, which bounds its memory."""

    def __init__(self, compute: Callable[[K], V], kept: int) -> None:
        super().__init__()
        self._compute = compute
        self._kept = kept

    def __missing__(self, key: K) -> V:
        if len(self) >= self._kept:
            self.clear()
        value = self[key] = self._compute(key)
        return value
