"""Untrusted text made safe to put on the screen.

Article and feed text may contain escape sequences and other control bytes.
The store strips them at import, but the reader is also handed text that
came in other ways, so everything it draws passes through `shown` first.
Unlike `store.textclean.strip_control`, this keeps the text the same length
(each control becomes one visible placeholder), so claim offsets still
point at the right characters.

Bidirectional controls (overrides, isolates, direction marks) would let the
terminal show a line's words in another order than the text holds; they
become U+FFFD too, so what is drawn is what is stored.
"""

from __future__ import annotations

from textual.content import Content

from store.text.clean import BIDI_CONTROLS, REPLACEMENT_CHARACTER

_PLACEHOLDERS = {code: chr(0x2400 + code) for code in range(0x20) if code != 0x0A}
_PLACEHOLDERS[0x09] = " "
_PLACEHOLDERS[0x7F] = "\u2421"
_PLACEHOLDERS.update({code: REPLACEMENT_CHARACTER for code in range(0x80, 0xA0)})
_PLACEHOLDERS.update({ord(bidi): REPLACEMENT_CHARACTER for bidi in BIDI_CONTROLS})
_TABLE = str.maketrans(_PLACEHOLDERS)
_TABLE_ONE_LINE = str.maketrans({**_PLACEHOLDERS, 0x0A: " "})


def shown(text: str) -> str:
    """`text` with every control character (but newline), bidirectional ones
    too, replaced by a visible placeholder of the same length, so none
    reaches the terminal."""
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """Like `shown`, with newlines turned into spaces too."""
    return text.translate(_TABLE_ONE_LINE)


def plain(text: str, style: str = "") -> Content:
    """Untrusted text as a `Content` that is never parsed as markup."""
    return Content.styled(one_line(text), style) if style else Content(one_line(text))
