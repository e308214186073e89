"""Untrusted text made safe to store and show.

Articles and feeds come from outside; they may carry terminal escape
sequences or stray control bytes. We drop whole escape sequences (so no
"[31m" debris is left behind), then keep tab and newline and drop the rest of
C0, DEL and C1, so nothing from content can drive the terminal.

Bidirectional formatting characters go too: an override or isolate (or an
invisible direction mark) lets a headline show its words in another order
than they are stored in ("Trojan Source", CVE-2021-42574), so a reader, a
search and a claim's quote would disagree about what the text says.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    # CSI (colours, cursor moves), 7-bit and 8-bit forms.
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    # OSC, DCS, SOS, PM, APC strings (window titles, hyperlinks) with their terminator;
    # bounded so an unterminated one cannot swallow the article.
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)"
    # Two- and three-character escapes (charset selection, resets).
    r"|\x1b[ -/]*[0-~]"
)
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The Arabic letter mark, LRM and RLM, the embeddings and overrides (LRE RLE
PDF LRO RLO) and the isolates (LRI RLI FSI PDI). The reader shows them as
placeholders (`tui.safe_text`) for text that did not come through here."""
_BIDI_MARKED = str.maketrans({ord(c): "\ufffd" for c in BIDI_CONTROLS})


def mark_bidi(text: str) -> str:
    """`text` with each bidirectional control replaced by U+FFFD, one for
    one, so that offsets into it (claim anchors) stay right."""
    return text.translate(_BIDI_MARKED)


_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
# Lone surrogates: what Python makes of bytes in a command-line argument that
# are not UTF-8; they cannot be stored or printed as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"
_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
BYTE_ORDER_MARK = "\ufeff"


def strip_control(text: str) -> str:
    """`text` without escape sequences and C0 controls (but tab and newline),
    DEL, C1 and bidirectional controls; line endings become "\\n"; lone
    surrogates become U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    return _SURROGATE.sub(REPLACEMENT_CHARACTER, _CONTROL.sub("", text))


def clean_text(text: str) -> str:
    """Imported text as stored: no controls, no byte-order marks, "\\n" lines."""
    return strip_control(text).replace(BYTE_ORDER_MARK, "")


def clean_line(text: str) -> str:
    """A name the user typed (claimant, outlet, event title, tag) as stored:
    cleaned like imported text, on one line."""
    return one_line(clean_text(text))


def one_line(text: str) -> str:
    """A headline or name: whitespace runs (newlines too) become one space."""
    return " ".join(text.split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; lines inside one are joined."""
    return [one_line(block) for block in _BLANK_LINES.split(text) if block.strip()]
