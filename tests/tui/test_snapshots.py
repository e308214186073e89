"""Snapshots of the main screens (pytest-textual-snapshot). Update them with
`pytest tests/tui/test_snapshots.py --snapshot-update` after checking the
new look by eye."""

from __future__ import annotations

from pathlib import Path

from store.model import ClaimKind
from tests.tui import helpers as ui


def _library(tmp_path: Path):
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    a, b = sorted(library.articles(), key=lambda x: library.outlet(x.outlet_id).name)
    denial = library.add_claim(
        a.id, "There was no conversation.", claimant="Dmitry Peskov", kind=ClaimKind.DENIAL
    )
    other = library.add_claim(b.id, "This is pure fiction.", claimant="Dmitry Peskov", kind=ClaimKind.DENIAL)
    library.link_claims(denial.id, other.id)
    library.add_claim(
        b.id,
        "which currently has the advantage on the battlefield",
        claimant="Outlet B",
        kind=ClaimKind.STATEMENT,
    )
    return library


def test_main_screen(snap_compare, tmp_path: Path) -> None:
    async def move(pilot) -> None:
        await ui.settle(pilot)
        ui.article_view(pilot).focus()
        await pilot.press("j", "j")
        await ui.settle(pilot)

    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(130, 36), run_before=move)


def test_tag_modal(snap_compare, tmp_path: Path) -> None:
    async def tag(pilot) -> None:
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        view.focus()
        view.move_to(view.shown.text.index("Instead, Trump spokesperson"))
        await pilot.press("t")
        await ui.settle(pilot)

    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(120, 36), run_before=tag)


def test_help(snap_compare, tmp_path: Path) -> None:
    async def help_(pilot) -> None:
        await ui.settle(pilot)
        await pilot.press("question_mark")
        await ui.settle(pilot)

    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(110, 40), run_before=help_)


def test_compare(snap_compare, tmp_path: Path) -> None:
    async def compare(pilot) -> None:
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        view.focus()
        view.move_to(view.shown.text.index("Peskov said the reports"))
        await pilot.press("c")
        await ui.settle(pilot)

    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(140, 36), run_before=compare)


def test_narrow_terminal(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(72, 22), run_before=ui.settle)


def test_terminal_too_small(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(30, 7), run_before=ui.settle)


def test_matrix_at_80_columns(snap_compare, tmp_path: Path) -> None:
    """The claim matrix in a terminal of 80×24: every column in view, claims cut with …"""

    async def matrix(pilot) -> None:
        await ui.settle(pilot)
        await pilot.press("M")
        await ui.settle(pilot)

    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(80, 24), run_before=matrix)


def test_wide_reader(snap_compare, tmp_path: Path) -> None:
    """The reader at 200×50: the panes share the width; Outlet B's captions
    dimmed under its headline."""

    async def flip(pilot) -> None:
        await ui.settle(pilot)
        await pilot.press("right_square_bracket")
        await ui.settle(pilot)
        view = ui.article_view(pilot)
        view.scroll_to(y=0, animate=False, immediate=True)
        await ui.settle(pilot)

    assert snap_compare(ui.reader_app(_library(tmp_path)), terminal_size=(200, 50), run_before=flip)
