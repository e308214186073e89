"""`dateline matrix EVENT_ID` and `dateline wording EVENT_ID`: how the
outlets of one event covered it, for scripts and quick looks."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence

from store import Library
from store.coverage.matrix import CellState, MatrixCell, claim_matrix
from store.coverage.wording import wording_differences
from tui.cli.output import MAX_CELL, print_json, print_table, say

ABSENT = "—"
CLAIM_CHARS = 60
"""A claim's text in a matrix that does not go to a terminal (cut with "…")."""
MIN_CLAIM_CHARS, MIN_CLAIMANT_CHARS = 20, 12


def terminal_width() -> int | None:
    """The terminal's width when the output goes to one, else None."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def fitted(headers: Sequence[str], rows: Sequence[list[str]], width: int | None) -> None:
    """Cut the claims (column 1) and, in a narrow terminal, the claimants
    (column 2) of matrix rows with "…", so that each line fits the
    terminal's `width` (the columns two spaces apart, as `print_table` sets
    them). Not printing to a terminal (`width` None), a claim keeps
    `CLAIM_CHARS` characters."""
    if width is None:
        widths = {1: CLAIM_CHARS}
    else:
        sizes = [max([len(h)] + [min(len(r[i]), MAX_CELL) for r in rows]) for i, h in enumerate(headers)]
        fixed = sum(sizes) - sizes[1] - sizes[2] + 2 * (len(headers) - 1)
        claimant = max(MIN_CLAIMANT_CHARS, min(sizes[2], width - fixed - MIN_CLAIM_CHARS))
        widths = {1: max(MIN_CLAIM_CHARS, width - fixed - claimant), 2: claimant}
    for row in rows:
        for column, most in widths.items():
            if len(row[column]) > most:
                row[column] = row[column][: most - 1] + "…"


def register(subparsers: argparse._SubParsersAction) -> None:
    matrix = subparsers.add_parser("matrix", help="which outlet carried which claim of an event")
    matrix.add_argument("event", metavar="EVENT_ID")
    matrix.add_argument("--json", action="store_true", help="one JSON document on stdout")
    matrix.set_defaults(func=show_matrix)

    wording = subparsers.add_parser("wording", help="words each outlet uses for an event that others do not")
    wording.add_argument("event", metavar="EVENT_ID")
    wording.add_argument("--json", action="store_true", help="one JSON document on stdout")
    wording.set_defaults(func=show_wording)


def show_matrix(args: argparse.Namespace, library: Library) -> int:
    event = library.find_event(args.event)
    matrix = claim_matrix(library, event.id)
    if args.json:
        print_json(
            {
                "event_id": event.id,
                "title": event.title,
                "outlets": [{"id": o.id, "name": o.name} for o in matrix.outlets],
                "wire_copies": dict(matrix.copies),
                "rows": [
                    {
                        "claim": row.label,
                        "claimant": row.claimant,
                        "single_outlet": row.single_outlet,
                        "denial": row.denial,
                        "contradicts": list(row.contradicts),
                        "cells": {
                            outlet_id: {
                                "state": cell.state.value,
                                "claim_id": cell.claim_id,
                                "article_id": cell.article_id,
                                "start": cell.start,
                                "end": cell.end,
                                "tagged": cell.tagged,
                                "places": [list(place) for place in cell.places],
                            }
                            for outlet_id, cell in row.cells.items()
                        },
                    }
                    for row in matrix.rows
                ],
            }
        )
        return 0
    headers = ["#", "CLAIM", "CLAIMANT", *(_outlet(o.name, o.id in matrix.copies) for o in matrix.outlets)]
    rows = [
        [
            str(number),
            ("* " if row.single_outlet else "") + " ".join(row.label.split()),
            " ".join(row.claimant.split()),
            *(_cell(row.cells[o.id]) for o in matrix.outlets),
        ]
        for number, row in enumerate(matrix.rows, 1)
    ]
    fitted(headers, rows, terminal_width())
    print_table(headers, rows)
    for number, row in enumerate(matrix.rows, 1):
        if row.denial and row.contradicts:
            say(f"#{number} denies " + ", ".join(f"#{i + 1}" for i in row.contradicts))
    for outlet in matrix.outlets:
        if outlet.id in matrix.copies:
            say(f"{outlet.name} is wire copy ({matrix.copies[outlet.id]}): not counted as independent")
    return 0


def _outlet(name: str, copy: bool) -> str:
    return f"{name} (wire)" if copy else name


def _cell(cell: MatrixCell) -> str:
    if cell.state is CellState.ABSENT:
        return ABSENT
    return f"{cell.state.value}, tagged" if cell.tagged else cell.state.value


def show_wording(args: argparse.Namespace, library: Library) -> int:
    event = library.find_event(args.event)
    differences = wording_differences(library, event.id)
    names = {o.id: o.name for o in library.outlets()}
    if args.json:
        print_json(
            [
                {
                    "outlet_id": w.outlet_id,
                    "outlet": names.get(w.outlet_id, w.outlet_id),
                    "terms": [{"term": t, "count": n} for t, n in w.terms],
                    "counterparts": {mine: theirs for mine, theirs in w.counterparts},
                }
                for w in differences
            ]
        )
        return 0
    if not differences and len(event.outlet_ids) < 2:
        say("only one outlet covers this event; there is no other wording to compare")
        return 0
    rows = []
    for wording in differences:
        others = dict(wording.counterparts)
        for term, count in wording.terms:
            rows.append((names.get(wording.outlet_id, wording.outlet_id), term, count, others.get(term, "")))
    print_table(["OUTLET", "TERM", "COUNT", "OTHERS SAY"], rows)
    return 0
