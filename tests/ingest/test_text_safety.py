"""Encodings and untrusted text: what is stored is clean Unicode with no BOM,
no NUL, no control characters and no terminal escape sequences."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from store import Library
from store.errors import NotText
from store.ingest.decoding import decode_bytes
from store.ingest.importer import import_paths
from store.text.clean import clean_text, strip_control

BODY = "The Kremlin called the report “pure fiction” – Peskov’s words, not ours."
HEADLINE = "Café owners in Zürich say “no” to the plan"
ARTICLE = f" date 2024-11-11 {HEADLINE}\r\n\r\n{BODY}\r\n\r\nA second paragraph.\r\n"
Story = tuple[str, tuple[str, ...]]
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")


def imported(library: Library, tmp_path: Path, data: bytes, name: str = "a.txt") -> Story:
    path = tmp_path / name
    path.write_bytes(data)
    report = import_paths(library, [str(path)])
    assert report.skipped == [], report.skipped
    (article,) = library.articles()
    return article.headline, library.paragraphs(article.id)


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(ARTICLE.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(ARTICLE.encode("utf-16"), id="utf-16-native-bom"),
        pytest.param(codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), id="utf-32-le-bom"),
        pytest.param(codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be"), id="utf-32-be-bom"),
        pytest.param(ARTICLE.encode("cp1252"), id="cp1252-curly-quotes"),
        pytest.param(ARTICLE.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(ARTICLE.encode("utf-16-be"), id="utf-16-be-no-bom"),
    ],
)
def test_every_encoding_gives_the_same_article(library: Library, tmp_path: Path, encoded: bytes) -> None:
    headline, paragraphs = imported(library, tmp_path, encoded)
    assert headline == HEADLINE
    assert paragraphs == (BODY, "A second paragraph.")


def test_latin_1_text_keeps_its_accents(library: Library, tmp_path: Path) -> None:
    french = "Le café était très agréable à Genève, où nous avons mangé une crème brûlée."
    _, paragraphs = imported(library, tmp_path, f" date 2024-11-11 Genève\n\n{french}\n".encode("latin-1"))
    assert paragraphs == (french,)


def test_cyrillic_in_its_own_code_page_is_detected() -> None:
    russian = "Песков назвал сообщения о разговоре Путина и Трампа чистым вымыслом, заявив журналистам."
    assert decode_bytes(russian.encode("cp1251")) == russian


def test_a_byte_order_mark_is_never_stored() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"text") == "text"
    assert clean_text("\ufefftext\ufeff") == "text"


def test_a_stray_nul_is_dropped_but_a_file_of_nuls_is_binary(library: Library, tmp_path: Path) -> None:
    _, paragraphs = imported(library, tmp_path, b" date 2024-11-11 Head\n\nBo\x00dy.\n")
    assert paragraphs == ("Body.",)
    with pytest.raises(NotText, match="binary"):
        decode_bytes(b"text\x00\x00\x00\x00 more")


def test_escape_sequences_and_controls_are_stripped_from_headline_and_body(
    library: Library, tmp_path: Path
) -> None:
    dirty = (
        " date 2024-11-11 \x1b[31mRed\x1b[0m headline\x07\n\n"
        "Title change \x1b]0;owned\x07here, link \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\.\n\n"
        "Clear \x1b[2J\x1b[Hscreen, C1 \x9b31mcsi\x85 and DEL\x7f and \x1bc reset.\n"
    )
    headline, paragraphs = imported(library, tmp_path, dirty.encode("utf-8"))
    assert headline == "Red headline"
    assert paragraphs == (
        "Title change here, link text.",
        "Clear screen, C1 csi and DEL and reset.",
    )
    assert not any(_UNSAFE.search(p) for p in (headline, *paragraphs))


def test_escapes_inside_json_strings_are_stripped_too(library: Library, tmp_path: Path) -> None:
    record = b'{"title": "A\\u001b[1mbold\\u001b[0m", "body": ["x\\u0000y\\u0085z"], "outlet": "O\\u0007ut"}'
    headline, paragraphs = imported(library, tmp_path, record, "a.json")
    assert (headline, paragraphs) == ("Abold", ("xyz",))
    assert library.find_outlet("Out") is not None


def test_an_unterminated_escape_does_not_swallow_the_text() -> None:
    assert strip_control("keep \x1b]0;this and the rest") == "keep 0;this and the rest"


def test_tab_and_newline_survive_and_line_endings_are_normalised() -> None:
    assert strip_control("a\tb\r\nc\rd\n") == "a\tb\nc\nd\n"


def test_mostly_control_bytes_are_binary() -> None:
    with pytest.raises(NotText, match="binary"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6]) * 50 + b"some text")
