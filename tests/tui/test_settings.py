"""config.toml (theme, panes, export folder), saved as the user changes it,
a bad file told in one line; and the reader reopening where it was left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.library.helpers import add_story
from tests.tui import helpers as ui
from tui.settings import Place, Settings, UserSettings, config_path, load_place, places_path, save_place


def test_paths_are_computed_when_asked_with_an_environment_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config_path() == Path.home() / ".config" / "dateline" / "config.toml"
    assert not config_path().parent.exists()  # nothing made by asking
    monkeypatch.setenv("DATELINE_CONFIG", str(tmp_path / "elsewhere.toml"))
    monkeypatch.setenv("DATELINE_PLACES", str(tmp_path / "places.json"))
    assert config_path() == tmp_path / "elsewhere.toml"
    assert places_path() == tmp_path / "places.json"


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    loaded = UserSettings.load(tmp_path / "none.toml")
    assert loaded.settings == Settings() and loaded.problems == []
    assert loaded.settings.export_folder == "~/dateline-exports"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("theme = ", "not read"),
        ("theme = 3", "theme must be text"),
        ("[panes]\nclaims = 'no'", "panes.claims must be true or false"),
        ("colour = 'red'", "'colour' is not a setting"),
        ("panes = 1", "'panes' must be a table"),
    ],
)
def test_a_bad_file_gets_one_line_naming_it_and_the_defaults(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    loaded = UserSettings.load(path)
    assert len(loaded.problems) == 1
    (line,) = loaded.problems
    assert line.startswith(f"{path}: ") and reason in line and "\n" not in line
    assert loaded.settings == Settings()


def test_saving_a_setting_rewrites_its_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"  \n\n[panes]\n# which panes\nclaims = false\n', encoding="utf-8")
    loaded = UserSettings.load(path)
    assert loaded.settings == Settings(theme="nord", show_claims=False)
    assert loaded.save(theme="gruvbox", show_stories=False, export_folder="~/out") is None
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# mine\n") and "# which panes" in text
    assert UserSettings.load(path).settings == Settings(
        theme="gruvbox", show_stories=False, show_claims=False, export_folder="~/out"
    )


def test_a_file_that_could_not_be_read_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [unclosed", encoding="utf-8")
    loaded = UserSettings.load(path)
    problem = loaded.save(theme="nord")
    assert problem is not None and str(path) in problem
    assert path.read_text(encoding="utf-8") == "theme = [unclosed"


async def test_a_theme_picked_is_saved_and_used_next_time(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        pilot.app.theme = "nord"  # what the palette's "Change theme" does
        await ui.settle(pilot)
    assert 'theme = "nord"' in config_path().read_text(encoding="utf-8")
    async with ui.reading(library, (120, 35)) as pilot:
        assert pilot.app.theme == "nord"


async def test_a_theme_chosen_in_the_palette_is_saved(tmp_path: Path) -> None:
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (120, 35)) as pilot:
        await pilot.press("ctrl+p")
        await ui.settle(pilot)
        await pilot.press(*"theme")
        await ui.settle(pilot)
        await pilot.press("enter")  # "Change theme": the list of themes
        await ui.settle(pilot)
        await pilot.press(*"nord")
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert pilot.app.theme == "nord"
    assert 'theme = "nord"' in config_path().read_text(encoding="utf-8")


async def test_a_bad_config_is_told_once_and_the_reader_starts_on_defaults(tmp_path: Path) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('theme = "no-such-theme"\n[panes]\nclaims = "maybe"\n', encoding="utf-8")
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    notes = ui.Notifications()
    async with ui.reading(library, (140, 35), notes) as pilot:
        told = [n.message for n in notes if n.title == "Settings"]
        assert len(told) == 2 and all(m.startswith(f"{config_path()}: ") for m in told)
        assert "no-such-theme" in told[1] and "panes.claims" in told[0]
        assert pilot.app.theme == "textual-dark"
        assert ui.reader(pilot).query_one("#claims").display


async def test_panes_from_config_and_their_keys_stick(tmp_path: Path) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[panes]\nclaims = false\n", encoding="utf-8")
    library = ui.seeded_library(tmp_path / "lib" / "library.json")
    async with ui.reading(library, (140, 35)) as pilot:
        screen = ui.reader(pilot)
        assert not screen.query_one("#claims").display and screen.query_one("#stories").display
        await pilot.press("p", "P")  # claims shown, stories hidden
        await ui.settle(pilot)
        assert screen.query_one("#claims").display and not screen.query_one("#stories").display
    assert UserSettings.load().settings == Settings(show_claims=True, show_stories=False)


def test_places_are_kept_per_library_and_a_bad_file_is_ignored(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    save_place(one, Place("e1", "a1", 40))
    save_place(two, Place("e2"))
    assert load_place(one) == Place("e1", "a1", 40) and load_place(two) == Place("e2")
    assert load_place(None) is None and load_place(tmp_path / "three.json") is None
    places_path().write_text("{not json", encoding="utf-8")
    assert load_place(one) is None
    save_place(one, Place("e3"))  # a damaged file is replaced, quietly
    assert load_place(one) == Place("e3")


async def test_the_reader_reopens_where_it_was_left(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.json"
    library = ui.seeded_library(path)
    add_story(library, "Flood closes the harbour", "Harbour News", ("The harbour shut on Tuesday.",))
    async with ui.reading(library, (140, 40)) as pilot:
        await pilot.press("j")  # the seed story (the harbour's is newer)
        await pilot.press("right_square_bracket")
        ui.article_view(pilot).focus()
        await pilot.press("j", "j", "j")
        await ui.settle(pilot)
        left = ui.reader(pilot).place()
        assert left is not None and left.offset > 0
    assert places_path().parent.name == "dateline" and str(path) not in str(places_path())
    async with ui.reading(library, (140, 40)) as pilot:
        assert ui.reader(pilot).place() == left
        assert ui.reader(pilot).state.outlet_name == "Outlet B"
    save_place(library.path, Place("gone", "gone", 10))  # a stale place: ignored quietly
    notes = ui.Notifications()
    async with ui.reading(library, (140, 40), notes) as pilot:
        assert ui.reader(pilot).event.id == ui.reader(pilot).state.all_rows[0].event_id
        assert not [n for n in notes if n.severity != "information"]
