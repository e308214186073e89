"""keys.toml's mistakes are told at start, one line each naming the file,
the binding id and the key, and no action is ever left without a key."""

from __future__ import annotations

from pathlib import Path

from tests.tui import helpers as ui
from tui.keymap import LoadedKeymap, settle_keymap

KEYS = Path("/home/reader/.config/dateline/keys.toml")
READER = [("app.quit", "q"), ("outlet.next", "right_square_bracket"), ("claim.tag", "t")]
STORIES = [*READER, ("stories.next", "j,down"), ("stories.star", "s")]
ARTICLE = [*READER, ("article.next", "j,down")]
HELP = [("app.quit", "q"), ("help.close", "escape,q,question_mark")]
SCOPES = [READER, STORIES, ARTICLE, HELP]


def settled(**keys: str) -> LoadedKeymap:
    return settle_keymap(LoadedKeymap(dict(keys)), KEYS, SCOPES)


def test_remaps_without_mistakes_pass_as_they_are() -> None:
    # A swap, a key of one's own listed again, and keys that other scopes use.
    found = settled(**{"outlet.next": "t", "claim.tag": "ctrl+t,right_square_bracket", "stories.star": "q"})
    assert found.problems == [f'{KEYS}: "stories.star" = "q": app.quit already has q; stories.star keeps s']
    found = settled(**{"outlet.next": "t", "claim.tag": "]", "app.quit": "q,ctrl+q", "article.next": "n"})
    assert found.problems == []
    assert found.keys == {"outlet.next": "t", "claim.tag": "]", "app.quit": "q,ctrl+q", "article.next": "n"}


def test_an_unknown_id_is_named_with_its_key_and_left_out() -> None:
    found = settled(**{"outlet.nxt": "n", "outlet.next": "n"})
    assert found.problems == [f'{KEYS}: "outlet.nxt" = "n": no binding has this id (? lists them)']
    assert found.keys == {"outlet.next": "n"}


def test_a_key_another_action_has_is_left_out_and_the_action_keeps_a_key() -> None:
    found = settled(**{"claim.tag": "j"})
    assert found.problems == [
        f'{KEYS}: "claim.tag" = "j": article.next and stories.next already have j; claim.tag keeps t'
    ]
    assert found.keys == {}, "claim.tag keeps its own t"
    found = settled(**{"claim.tag": "x,question_mark"})
    assert found.keys == {"claim.tag": "x,question_mark"}, "? closes help only in help, where tagging is not"
    found = settled(**{"claim.tag": "x,down"})
    assert found.keys == {"claim.tag": "x"}
    assert found.problems == [
        f'{KEYS}: "claim.tag" = "down": article.next and stories.next already have down; claim.tag keeps x'
    ]


def test_a_key_given_to_two_actions_goes_to_neither() -> None:
    found = settled(**{"outlet.next": "n", "claim.tag": "n"})
    assert found.keys == {}
    assert found.problems == [
        f'{KEYS}: "outlet.next" = "n": claim.tag already has n; outlet.next keeps right_square_bracket',
        f'{KEYS}: "claim.tag" = "n": outlet.next already has n; claim.tag keeps t',
    ]


def test_an_action_whose_keys_go_back_to_its_own_may_clash_in_turn() -> None:
    # outlet.next and stories.next both ask for n and each goes back to its own keys;
    # outlet.next's "]" back makes claim.tag's "]", free until then, a clash in its turn.
    found = settled(**{"outlet.next": "n", "stories.next": "n", "claim.tag": "right_square_bracket"})
    assert found.keys == {}
    assert any('"claim.tag" = "right_square_bracket": outlet.next already has' in p for p in found.problems)


def test_a_key_spelled_two_ways_is_one_key() -> None:
    found = settled(**{"claim.tag": "]"})
    assert found.problems == [f'{KEYS}: "claim.tag" = "]": outlet.next already has ]; claim.tag keeps t']


def test_an_empty_key_list_keeps_the_action_its_own() -> None:
    found = settle_keymap(LoadedKeymap({"claim.tag": ","}), KEYS, SCOPES)
    assert found.keys == {}
    assert found.problems == [f'{KEYS}: "claim.tag" = ",": names no key; it keeps t']


async def test_the_reader_tells_the_mistakes_at_start_and_keeps_every_action_keyed(tmp_path: Path) -> None:
    app, keys, notes = ui.keyed_reader(
        tmp_path, '[keys]\n"outlet.nxt" = "n"\n"outlet.next" = "n"\n"claim.tag" = "j"\n"stories.next" = "x"\n'
    )
    async with app.run_test(size=(120, 35), notifications=True, message_hook=notes) as pilot:
        await ui.settle(pilot)
        told = [n.message for n in notes if n.title == "Key bindings"]
        assert told == [
            f'{keys}: "outlet.nxt" = "n": no binding has this id (? lists them)',
            f'{keys}: "claim.tag" = "j": article.next and claims.next already have j; claim.tag keeps t',
        ]
        await pilot.press("n")  # the good remap applies
        await ui.settle(pilot)
        assert ui.reader(pilot).index == 1
        await pilot.press("question_mark")
        await ui.settle(pilot)
        shown = {e.binding_id: e.keys for e in pilot.app.screen.entries}
        assert shown["claim.tag"] == "t" and shown["stories.next"] == "x"
        assert all(keys_shown for keys_shown in shown.values()), "every action has a key"
