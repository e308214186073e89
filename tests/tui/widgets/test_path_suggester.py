"""The import prompt completes a path as a shell's tab would."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui.widgets.path_suggester import PathSuggester, complete_path


def test_a_path_is_completed_to_its_one_name_or_the_part_names_share(tmp_path: Path) -> None:
    (tmp_path / "news-2024").mkdir()
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    (tmp_path / "newsletter.txt").write_text("", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("", encoding="utf-8")
    base = f"{tmp_path}/"
    assert complete_path(base + "no") == base + "notes.txt"
    assert complete_path(base + "ne") == base + "news", "the part both names share"
    assert complete_path(base + "news-") == base + "news-2024/", "a folder ends in /"
    assert complete_path(base + "news") is None, "nothing more is shared"
    assert complete_path(base + ".h") == base + ".hidden.txt"
    assert complete_path(base + "x") is None
    assert complete_path(f"{tmp_path}/missing/a") is None


def test_urls_are_not_completed(tmp_path: Path) -> None:
    (tmp_path / "https").mkdir()
    suggester = PathSuggester()
    assert asyncio.run(suggester.get_suggestion("https://exa")) is None
    assert asyncio.run(suggester.get_suggestion(f"{tmp_path}/ht")) == f"{tmp_path}/https/"
