"""Finding a quote the user typed in an article's text, loosely.

People type straight quotes and hyphens and single spaces; articles carry
curly quotes, dashes, non-breaking spaces and paragraph breaks. A quote that
differs from the text only in those ways is the same quote, so it is found
where it stands, and the claim keeps the article's own characters.
"""

from __future__ import annotations

_EQUIVALENT = str.maketrans(
    dict.fromkeys("’‘‚′", "'") | dict.fromkeys("“”„″", '"') | dict.fromkeys("–—‑", "-")
)


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` with typographic variants made plain and white-space runs made
    one space, and where each folded character came from."""
    chars: list[str] = []
    origins: list[int] = []
    in_space = False
    for index, char in enumerate(text.translate(_EQUIVALENT)):
        if char.isspace():
            if in_space:
                continue
            char, in_space = " ", True
        else:
            in_space = False
        chars.append(char)
        origins.append(index)
    return "".join(chars), origins


def find_loosely(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `text` that `quote` stands for, or None."""
    return next(iter(find_all_loosely(text, quote)), None)


def find_all_loosely(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span of `text` that `quote` stands for, in order, none overlapping."""
    needle = _folded(quote)[0].strip()
    if not needle:
        return []
    haystack, origins = _folded(text)
    spans = []
    at = haystack.find(needle)
    while at >= 0:
        spans.append((origins[at], origins[at + len(needle) - 1] + 1))
        at = haystack.find(needle, at + len(needle))
    return spans
