"""JSON as Dateline writes it for people and other programs: exports and
`--json` output.

Text in it comes from articles. Bidirectional controls are valid in JSON
strings, but a terminal or editor showing the file would obey them and
show the text in another order than it is; they are written as `\\u` escapes
instead, which every JSON reader turns back into the same characters.
"""

from __future__ import annotations

from typing import Any

import orjson

from store.text.clean import BIDI_CONTROLS

_ESCAPED = str.maketrans({ord(c): f"\\u{ord(c):04x}" for c in BIDI_CONTROLS})


def json_text(value: Any, *, indent: bool = True) -> str:
    """`value` as JSON text; raises TypeError for what JSON cannot hold."""
    option = orjson.OPT_INDENT_2 if indent else 0
    # Bidi controls can only be inside strings, where an escape means the same.
    return orjson.dumps(value, option=option).decode().translate(_ESCAPED)
