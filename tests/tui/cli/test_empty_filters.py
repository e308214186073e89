"""An empty `--event` or `--article` is a mistake, not "everything".

In a script, `--event "$EVENT"` with an unset variable must fail loudly
instead of silently listing or exporting the whole library.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.cli.helpers import run, seeded_db


@pytest.mark.parametrize(
    "argv",
    [
        ("articles", "--event", ""),
        ("claims", "--event", ""),
        ("claims", "--article", ""),
        ("claims", "--suggestions", "--article", ""),
        ("export", "--format", "json", "--event", ""),
    ],
)
def test_an_empty_id_filter_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    db = seeded_db(capsys, tmp_path)
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 1
    assert out == ""
    assert err.startswith("dateline: no ") and "''" in err and err.count("\n") == 1


def test_an_empty_db_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Not a silent fall-back to the library in the user's data folder."""
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "--db", "", "import", str(tmp_path))
    assert exit_info.value.code == 2
    assert "--db: the path is empty" in capsys.readouterr().err
    assert not (tmp_path / "db").exists()
