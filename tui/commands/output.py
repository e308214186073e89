"""Printing for commands: one JSON document for scripts, plain lines for people.

Command output is text from articles, so it is printed without markup and
with control characters removed before it reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from store.textclean import strip_control


def print_json(document: Any) -> None:
    sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Columns padded to the widest cell; safe for untrusted text."""
    cells = [[strip_control(str(c if c is not None else "")) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [headers, *cells]
    for line in lines:
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")


def error(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    sys.stderr.write(f"dateline: {strip_control(message)}\n")


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
