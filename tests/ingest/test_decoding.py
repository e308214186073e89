"""A short Latin-1 file reads as Latin-1, not as a rare code page.

charset-normalizer rated cp775 (Baltic DOS) a hair above cp1252 for a line
of French, so "Café" imported as "Cafķ". A near tie now goes to cp1252,
while text that really is in another code page still decodes right.
"""

from __future__ import annotations

import pytest

from store.ingest.decoding import decode_bytes

LATIN1 = " date 2024-11-11 Café headline\n\nBody in latin1 café naïve.\n"


def test_short_latin1_text_is_read_as_cp1252() -> None:
    assert decode_bytes(LATIN1.encode("latin-1")) == LATIN1


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1250", "Zażółć gęślą jaźń, powiedział minister w poniedziałek."),
        ("cp1251", "Министр сказал, что план сработает в понедельник."),
    ],
)
def test_other_code_pages_still_decode(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text
