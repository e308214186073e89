"""The article's word wrap: lines fit the pane in cells, wide characters included."""

from __future__ import annotations

from rich.cells import cell_len

from tui.widgets.article_view import wrap_range


def _lines(text: str, width: int) -> list[str]:
    return [text[s:e].rstrip() for s, e in wrap_range(text, 0, len(text), width)]


def test_plain_text_wraps_at_word_boundaries_within_the_width() -> None:
    text = "The council said on Tuesday that “the bridge” would reopen — in time."
    lines = _lines(text, 16)
    assert all(cell_len(line) <= 16 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_wide_characters_count_two_cells() -> None:
    text = "市议会 表示 桥梁 将在 下周 重新 开放 " * 3
    lines = _lines(text, 10)
    assert all(cell_len(line) <= 10 for line in lines)
    assert lines[0] == "市议会"  # "市议会 表示" is 6 characters but 11 cells


def test_a_word_longer_than_the_line_is_broken_by_cells() -> None:
    assert [cell_len(line) for line in _lines("漢" * 9, 6)] == [6, 6, 6]
    assert _lines("x" * 9, 4) == ["xxxx", "xxxx", "x"]
