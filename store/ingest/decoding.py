"""Bytes of an imported file turned into text, or a clear reason why not.

Files arrive in whatever encoding their source used. We trust a byte-order
mark (or UTF-16's telltale every-other-byte NULs), then strict UTF-8 (by far
the most common and cheapest), then charset-normalizer's detection when it
is confident, and finally cp1252, the encoding of most old Western "plain
text". Binary files are refused rather than imported as gibberish.
"""

from __future__ import annotations

import codecs

from store.errors import NotText

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
BINARY_SHARE = 0.05
"""More control characters than this share of a file means it is not text."""
_WESTERN_ENCODINGS = {"cp1252", "latin_1", "iso8859_15", "iso8859_1"}
COHERENCE_MARGIN = 0.1
"""A guess scoring no more than this above cp1252 is a tie: on a short text
such differences are noise ("Café" came out as cp775's "Cafķ")."""


def decode_bytes(data: bytes) -> str:
    """The text of `data`, byte-order mark removed. Raises NotText."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_marked(data[len(bom) :], encoding)
    if data.count(0) > 1:
        return _utf16_without_mark(data)
    if looks_binary(data):
        raise NotText("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)


def looks_binary(data: bytes) -> bool:
    """Whether `data`, with no byte-order mark or NULs, holds more control
    bytes than text ever does."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > BINARY_SHARE * len(data)


def _decode_marked(body: bytes, encoding: str) -> str:
    name = encoding.upper().replace("-LE", "").replace("-BE", "")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        raise NotText(
            f"undecodable: it starts with a {name} byte-order mark but is not valid {name}"
        ) from None
    return _unless_binary(text)


def _unless_binary(text: str) -> str:
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f") + text.count("\x7f")
    if controls > BINARY_SHARE * max(1, len(text)):
        raise NotText("binary file, not text")
    return text


def _utf16_without_mark(data: bytes) -> str:
    """NUL bytes: UTF-16 saved without a mark (every other byte NUL for
    Latin text), else a binary file."""
    half = len(data) // 2
    if len(data) % 2 == 0 and half:
        for encoding, high, low in (
            ("utf-16-le", data[1::2], data[0::2]),
            ("utf-16-be", data[0::2], data[1::2]),
        ):
            if high.count(0) >= 0.6 * half and low.count(0) == 0:
                try:
                    return _unless_binary(data.decode(encoding))
                except UnicodeDecodeError:
                    break
    raise NotText("binary file, not text")


def _detect(data: bytes) -> str:
    """Not UTF-8: ask charset-normalizer, and fall back to cp1252.

    Its guesses between Western code pages are often tied or nearly so
    (cp1250, cp1252 and cp775 score about the same on a line of French), so
    on a near tie, or when it found no language at all, we prefer cp1252 if
    that decodes.
    """
    import charset_normalizer  # imported lazily: UTF-8 files never need it

    western = _western(data)
    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        if western is None:
            raise NotText("undecodable: not UTF-8, and no text encoding fits it")
        return western
    if western is not None:
        tied = any(
            r.encoding in _WESTERN_ENCODINGS
            and r.chaos <= best.chaos
            and best.coherence - r.coherence <= COHERENCE_MARGIN
            for r in results
        )
        if tied or best.coherence == 0:
            return western
    return str(best)


def _western(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None
