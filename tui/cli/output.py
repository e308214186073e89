"""Printing for commands: one JSON document for scripts, plain lines for people.

Command output is text from articles, so it is printed without markup and
with control characters removed before it reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from store.text.clean import strip_control
from store.text.json_text import json_text


def print_json(document: Any) -> None:
    try:
        text = json_text(document)
    except TypeError:
        # A lone surrogate: a file name that is not UTF-8, echoed in a report.
        text = json_text(_without_surrogates(document))
    sys.stdout.write(text + "\n")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_surrogates(v) for v in value]
    return value


MAX_CELL = 100
"""Longest cell a table shows; `--json` has the full text."""


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Columns padded to the widest cell; safe for untrusted text. A cell is
    one line, cut at MAX_CELL characters (a 200,000-character headline must
    not make every row of the table that wide)."""
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [headers, *cells]
    for line in lines:
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")


def _cell(value: Any) -> str:
    text = " ".join(strip_control(str(value if value is not None else "")).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def say(message: str) -> None:
    """One line for people on stdout. It may echo what the user typed or a
    feed's URL, so it is cleaned like any untrusted text."""
    sys.stdout.write(strip_control(message) + "\n")
    sys.stdout.flush()


def error(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    sys.stderr.write(f"dateline: {strip_control(message)}\n")


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
