"""Untrusted text made safe to store and show.

Articles and feeds come from outside; they may carry terminal escape
sequences or stray control bytes. We keep tab and newline and drop the rest
of C0, DEL and C1, so nothing from content can drive the terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """`text` without C0 controls (but tab and newline), DEL and C1."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
