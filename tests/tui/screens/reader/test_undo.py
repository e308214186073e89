"""`u` undoes every change of the session, newest first: claims, verdicts,
suggestions accepted and dismissed, stories regrouped, read and star marks
(outlets: test_outlets). Dismissed suggestions are listed and brought back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from store.model import Verdict
from tests.library.helpers import add_story
from tests.tui import helpers as ui
from tui.dialogs.choice import ChoiceDialog


def _claims(library, article_id: str) -> list[tuple[str, str, Verdict]]:
    return [(c.quote, c.claimant, c.verdict) for c in library.claims(article_id=article_id)]


async def test_claim_tag_edit_verdict_and_delete_are_undone_newest_first(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        article = ui.reader(pilot).article.id
        history: list[list[tuple[str, str, Verdict]]] = [_claims(library, article)]

        await ui.open_tag_dialog(pilot)
        await pilot.press("enter")  # tag
        await ui.settle(pilot)
        history.append(_claims(library, article))
        pane = ui.claims_pane(pilot)
        pane.focus()
        await pilot.press("e")  # edit: another claimant
        await ui.settle(pilot)
        pilot.app.screen.query_one("#tag-claimant", Input).value = "Kremlin"
        await pilot.press("enter")
        await ui.settle(pilot)
        history.append(_claims(library, article))
        pane.focus()
        await pilot.press("v")  # verdict
        await ui.settle(pilot)
        history.append(_claims(library, article))
        await pilot.press("d")  # delete
        await ui.settle(pilot)
        assert _claims(library, article) == []
        assert len({tuple(h) for h in history}) == 4, "each step changed something"

        for expected, what in zip(
            reversed(history),
            ["claim deleted", "verdict set to supported", "claim edited", "claim tagged"],
            strict=True,
        ):
            await pilot.press("u")
            await ui.settle(pilot)
            assert _claims(library, article) == expected
            assert notes[-1].message == f"Undone: {what}"
        await pilot.press("u")
        await ui.settle(pilot)
        assert notes[-1].message == "Nothing to undo in this session"


async def test_accept_and_dismiss_are_undone_and_a_dismissed_suggestion_comes_back(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 40)) as pilot:
        article = ui.reader(pilot).article.id
        pane = ui.claims_pane(pilot)
        pane.focus()
        first = pane.highlighted_suggestion
        await pilot.press("a")  # accept
        await ui.settle(pilot)
        assert [c.quote for c in library.claims(article_id=article)] == [first.quote]
        pane.highlight_claim(next(iter(pane.suggestions)))
        second = pane.highlighted_suggestion
        assert second is not None and second.quote != first.quote
        await pilot.press("x")  # dismiss
        await ui.settle(pilot)
        assert second.quote not in [s.quote for s in pane.suggestions.values()]

        await pilot.press("u")  # the dismissal
        await ui.settle(pilot)
        assert second.quote in [s.quote for s in pane.suggestions.values()]
        await pilot.press("u")  # the acceptance
        await ui.settle(pilot)
        assert library.claims(article_id=article) == []
        assert first.quote in [s.quote for s in pane.suggestions.values()]

        # Dismissed again, then listed and brought back later with D.
        pane.focus()
        pane.highlight_claim(next(k for k, s in pane.suggestions.items() if s.quote == second.quote))
        await pilot.press("x")
        await ui.settle(pilot)
        ui.reader(pilot).query_one("#stories").focus()
        await pilot.press("D")
        await ui.settle(pilot)
        chooser = pilot.app.screen
        assert isinstance(chooser, ChoiceDialog)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert second.quote in [s.quote for s in ui.claims_pane(pilot).suggestions.values()]
        await pilot.press("u")  # a restore is a change too
        await ui.settle(pilot)
        assert second.quote not in [s.quote for s in ui.claims_pane(pilot).suggestions.values()]


async def test_d_says_so_when_nothing_was_dismissed(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        await pilot.press("D")
        await ui.settle(pilot)
        assert notes[-1].message == "No suggestion has been dismissed"


async def test_split_merge_move_and_rename_are_undone_with_their_pins(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))

    def grouping() -> dict[str, tuple[str | None, bool]]:
        return {a.id: (a.event_id, a.event_pinned) for a in library.articles()}

    def titles() -> set[str]:
        return {e.title for e in library.events()}

    async with ui.reading(library, (140, 40)) as pilot:
        await pilot.press("j")  # the seed story
        await ui.settle(pilot)
        states = [(grouping(), titles())]
        await pilot.press("right_square_bracket", "X", "enter")  # split Outlet B's article off
        await ui.settle(pilot)
        states.append((grouping(), titles()))
        await pilot.press("m")  # merge the harbour story into it
        await ui.settle(pilot)
        await pilot.press(*"harbour", "enter")
        await ui.settle(pilot)
        states.append((grouping(), titles()))
        await pilot.press("g")  # move this article to the seed story
        await ui.settle(pilot)
        await pilot.press(*"spokesperson", "enter")
        await ui.settle(pilot)
        states.append((grouping(), titles()))
        await pilot.press("N")
        await ui.settle(pilot)
        await ui.answer_prompt(pilot, "Renamed")
        assert "Renamed" in titles()
        assert len({str(s) for s in states}) == 4, "each step changed the grouping"

        for expected in reversed(states):
            await pilot.press("u")
            await ui.settle(pilot)
            assert (grouping(), titles()) == expected
        assert len(ui.reader(pilot).state.all_rows) == 2


async def test_read_and_star_are_undone_but_opening_a_story_is_not_a_change(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        a, b = (x.id for x in ui.reader(pilot).state.articles)
        assert library.state(a).read and not library.state(b).read  # opened: read, not a change
        await pilot.press("s", "r")  # star Outlet A's article; mark the whole story read
        await ui.settle(pilot)
        assert library.state(a).starred and library.state(b).read
        await pilot.press("u")
        await ui.settle(pilot)
        assert notes[-1].message == "Undone: marked read"
        assert library.state(a).read and not library.state(b).read and library.state(a).starred
        await pilot.press("u")
        await ui.settle(pilot)
        assert notes[-1].message == "Undone: starred"
        assert not library.state(a).starred and library.state(a).read
        await pilot.press("u")
        await ui.settle(pilot)
        assert notes[-1].message == "Nothing to undo in this session"
        assert ui.article_view(pilot).shown is not None


async def test_changes_of_every_kind_are_undone_newest_first(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()

    def state() -> tuple[object, ...]:
        article = ui.reader(pilot).article.id
        return (
            _claims(library, article),
            library.state(article).starred,
            sorted(e.title for e in library.events()),
            sorted(o.name for o in library.outlets()),
        )

    async with ui.reading(library, (140, 40), notes) as pilot:
        states = [state()]
        await ui.open_tag_dialog(pilot)
        await pilot.press("enter")  # a claim
        await ui.settle(pilot)
        states.append(state())
        await pilot.press("s")  # a star
        await ui.settle(pilot)
        states.append(state())
        await pilot.press("N")  # the story renamed
        await ui.settle(pilot)
        await ui.answer_prompt(pilot, "Renamed story")
        states.append(state())
        await pilot.press("O")  # the outlet named
        await ui.settle(pilot)
        await ui.answer_prompt(pilot, "Valley Post")
        states.append(state())
        assert len({str(s) for s in states}) == 5, "each step changed something"

        for expected in reversed(states[:-1]):
            await pilot.press("u")
            await ui.settle(pilot)
            assert notes[-1].message.startswith("Undone: ")
            assert state() == expected
        await pilot.press("u")
        await ui.settle(pilot)
        assert notes[-1].message == "Nothing to undo in this session"
