"""`dateline matrix EVENT_ID` and `dateline wording EVENT_ID`: how the
outlets of one event covered it, for scripts and quick looks."""

from __future__ import annotations

import argparse

from store import Library
from store.coverage.matrix import CellState, MatrixCell, claim_matrix
from store.coverage.wording import wording_differences
from tui.cli.output import print_json, print_table, say

ABSENT = "—"


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
    print_table(
        headers,
        [
            (
                str(number),
                ("* " if row.single_outlet else "") + row.label[:60],
                row.claimant,
                *(_cell(row.cells[o.id]) for o in matrix.outlets),
            )
            for number, row in enumerate(matrix.rows, 1)
        ],
    )
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
