"""How `dateline` reads its arguments: options and paths in any order for
every command, `--db` before or after the command, `--version`, and `-`
for stdout where a command writes a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tui.cli.helpers import run, seeded_db
from tui.cli.program import build_parser

ORDERS = [
    # (options before the positionals, the same with options among or after them)
    (
        ["import", "--outlet", "X", "--json", "a.txt", "b.txt"],
        ["import", "a.txt", "--outlet", "X", "b.txt", "--json"],
    ),
    (
        ["outlets", "rename", "--db", "l.json", "Old", "New"],
        ["outlets", "rename", "Old", "New", "--db", "l.json"],
    ),
    (
        ["claims", "add", "--quote", "q", "--tag", "t", "--kind", "denial", "ID"],
        ["claims", "add", "ID", "--quote", "q", "--kind", "denial", "--tag", "t"],
    ),
    (["claims", "edit", "--claimant", "P", "ID"], ["claims", "edit", "ID", "--claimant", "P"]),
    (["claims", "rm", "--db", "l.json", "ID"], ["claims", "rm", "ID", "--db", "l.json"]),
    (["claims", "link", "--db", "l.json", "A", "B"], ["claims", "link", "A", "--db", "l.json", "B"]),
    (["claims", "unlink", "--db", "l.json", "A", "B"], ["claims", "unlink", "A", "B", "--db", "l.json"]),
    (["claims", "align", "--db", "l.json", "E"], ["claims", "align", "E", "--db", "l.json"]),
    (["matrix", "--json", "E"], ["matrix", "E", "--json"]),
    (["wording", "--json", "E"], ["wording", "E", "--json"]),
    (["events", "merge", "--db", "l.json", "A", "B"], ["events", "merge", "A", "--db", "l.json", "B"]),
    (
        ["events", "split", "--db", "l.json", "E", "A1", "A2"],
        ["events", "split", "E", "A1", "--db", "l.json", "A2"],
    ),
    (["events", "move", "--db", "l.json", "A", "E"], ["events", "move", "A", "E", "--db", "l.json"]),
    (["events", "rename", "--db", "l.json", "E", "T"], ["events", "rename", "E", "T", "--db", "l.json"]),
    (
        ["feeds", "add", "--outlet", "O", "--full-text", "U"],
        ["feeds", "add", "U", "--full-text", "--outlet", "O"],
    ),
    (["feeds", "rm", "--db", "l.json", "U"], ["feeds", "rm", "U", "--db", "l.json"]),
    (["feeds", "import-opml", "--db", "l.json", "F"], ["feeds", "import-opml", "F", "--db", "l.json"]),
    (["refresh", "--db", "l.json", "U1", "U2"], ["refresh", "U1", "--db", "l.json", "U2"]),
    (["backup", "--db", "l.json", "F"], ["backup", "F", "--db", "l.json"]),
    (["restore", "--db", "l.json", "F"], ["restore", "F", "--db", "l.json"]),
]


def _parsed(argv: list[str]) -> dict[str, object]:
    found = vars(build_parser().parse_args(argv))
    found.pop("func")
    return found


@pytest.mark.parametrize(("first", "second"), ORDERS, ids=[" ".join(o[0][:2]) for o in ORDERS])
def test_every_command_takes_options_among_its_positionals(first: list[str], second: list[str]) -> None:
    assert _parsed(first) == _parsed(second)


def test_db_before_the_command_stands_unless_given_after_it() -> None:
    assert _parsed(["--db", "a.json", "articles"])["db"] == "a.json"
    assert _parsed(["articles", "--db", "b.json"])["db"] == "b.json"
    assert _parsed(["articles"])["db"] is None


def test_import_takes_its_outlet_between_two_paths(capsys, tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f" date 2024-11-11 Story {name}\n\nBody {name}.\n", encoding="utf-8"
        )
    db = str(tmp_path / "lib.json")
    code, out, err = run(
        capsys,
        "import",
        str(tmp_path / "a.txt"),
        "--outlet",
        "The Courier",
        str(tmp_path / "b.txt"),
        "--db",
        db,
    )
    assert (code, out, err) == (0, "imported 2, skipped 0\n", "")
    _, out, _ = run(capsys, "--db", db, "articles", "--json")
    assert sorted((a["headline"], a["outlet"]) for a in json.loads(out)) == [
        ("Story a", "The Courier"),
        ("Story b", "The Courier"),
    ]


def test_version_prints_the_installed_version(capsys) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exited:
        run(capsys, "--version")
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"dateline {version('dateline')}\n"


def test_backup_to_stdout_restores_like_a_backup_file(capsys, tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    code, streamed, err = run(capsys, "--db", db, "backup", "-")
    assert (code, err) == (0, "")
    assert json.loads(streamed)["format"] == "dateline-backup"
    to_file = tmp_path / "backup.json"
    run(capsys, "--db", db, "backup", str(to_file))
    assert streamed == to_file.read_text(encoding="utf-8"), "the same bytes as a backup file"
    assert not (Path.cwd() / "-").exists()
    saved = tmp_path / "streamed.json"
    saved.write_text(streamed, encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(tmp_path / "new.json"), "restore", str(saved))
    assert code == 0 and "2 articles" in out
    _, out, _ = run(capsys, "--db", str(tmp_path / "new.json"), "articles", "--json")
    assert len(json.loads(out)) == len(list(SEEDS.glob("*.txt")))
