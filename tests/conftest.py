"""Shared fixtures. Every test runs with its user directories and library
path pointed into its own tmp_path, so no test touches a real library."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Library
from store.library.paths import seeds_directory

SEEDS = seeds_directory()
ROOT = Path(__file__).resolve().parents[1]
"""The checkout."""


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "db" / "library.json"))
    return home


@pytest.fixture(params=["memory", "disk"])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Library:
    """The same tests run against an in-memory and an on-disk library."""
    if request.param == "memory":
        return Library.memory()
    return Library.open(tmp_path / "store" / "library.json")


@pytest.fixture
def disk_library_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "library.json"
