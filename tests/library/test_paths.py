"""Where the library lives: --db, else $DATELINE_DB, else the user data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.library.paths import ENV_DB, resolve_library_path


def test_the_command_line_wins_over_the_environment(tmp_path: Path) -> None:
    assert resolve_library_path(str(tmp_path / "mine.json")) == tmp_path / "mine.json"


def test_the_environment_wins_over_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.json"))
    assert resolve_library_path(None) == tmp_path / "env.json"


def test_the_default_is_in_the_user_data_folder_and_not_created(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_DB)
    path = resolve_library_path(None)
    assert path == isolated_user_dirs / ".local" / "share" / "dateline" / "library.json"
    assert not path.parent.exists()
