"""Reading one file of an import: what it holds, as parsed articles.

Every file is untrusted: read once, capped in size, decoded carefully
(`store.ingest.decoding`), cleaned of control characters and parsed by its
format (`store.ingest.seedformat`, `store.ingest.json_records`). A JSONL file
of any size is read record by record, each record capped instead.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from store.db.user_files import open_user_file, read_user_file
from store.errors import NotText, ParseProblem, UnreadableFileError
from store.exchange.claims_import import is_claims_export, looks_like_claims_export
from store.ingest.decoding import BOMS, decode_bytes, looks_binary
from store.ingest.json_records import Line, looks_like_json, parse_json, parse_jsonl, parse_jsonl_lines
from store.ingest.parsed import ParsedArticle
from store.ingest.seedformat import parse_seed_text
from store.text.clean import clean_text

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Files larger than this are skipped: no article is 10 MB of text. A JSONL
file is read record by record and may be any size; this caps each record."""
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = JSONL_SUFFIXES | {".json"}
"""Files of records, which carry their own outlet and need no manifest."""


def read_file(path: Path, credit_hint: str | None = None) -> Iterable[ParsedArticle | ParseProblem] | None:
    """What a file holds; None for one of our claim exports (jsonl, json,
    annotations), told by its content whatever the file is called
    (`exp.annotations`), from the bytes read for its articles: reading
    every file twice cost seconds for an import of 50,000 files.

    `credit_hint` is a credit the manifest names for the file (see
    `parse_seed_text`). Raises UnreadableFileError or NotText (the whole
    file is skipped); a problem with one record is one item."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        with open_user_file(path) as stream:
            head = stream.read(SNIFF_BYTES)
        if looks_like_claims_export(head):
            return None
        lines = _jsonl_lines(path, head)
        if lines is not None:
            return parse_jsonl_lines(lines)
    try:
        blob = read_user_file(path, MAX_FILE_BYTES)
    except UnreadableFileError:
        if is_claims_export(path):
            return None  # an export may be larger than any article
        raise
    if looks_like_claims_export(blob):
        return None
    text = clean_text(decode_bytes(blob))
    if not text.strip():
        raise NotText("empty file")
    return _parse(path, text, credit_hint)


SNIFF_BYTES = 64 * 1024
"""How much of a JSONL file is read to tell whether its lines can be read one by one."""


def _jsonl_lines(path: Path, head: bytes) -> Iterator[Line] | None:
    """A JSONL file's lines, decoded and cleaned one at a time, each at most
    MAX_FILE_BYTES; None for a file in UTF-16 or UTF-32, whose lines are not
    split at a newline byte (read whole, within MAX_FILE_BYTES). `head` is
    its first SNIFF_BYTES. Raises UnreadableFileError or NotText for a file
    that is not JSONL at all."""
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise NotText("empty file")
    if any(head.startswith(bom) for bom, _ in BOMS if bom != codecs.BOM_UTF8) or head.count(0) > 1:
        return None
    if looks_binary(head):  # refused as a whole, not as one bad record per line
        raise NotText("binary file, not text")
    return _numbered_lines(path)


def _numbered_lines(path: Path) -> Iterator[Line]:
    with open_user_file(path) as stream:
        for number, line in enumerate(_capped_lines(stream, MAX_FILE_BYTES), start=1):
            if line is None:
                yield number, ParseProblem(f"the record is larger than the {_size(MAX_FILE_BYTES)} limit")
                continue
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            try:
                yield number, clean_text(decode_bytes(line))
            except NotText as failure:
                yield number, ParseProblem(str(failure))


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} kB"


def _capped_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of `stream`; None for a line longer than `limit` bytes,
    which is skipped without being held."""
    while True:
        try:
            line = stream.readline(limit + 1)
        except OSError as failure:
            raise UnreadableFileError(f"cannot read it ({failure.strerror or failure})") from None
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(SNIFF_BYTES)
        yield None


def _parse(path: Path, text: str, credit_hint: str | None) -> Iterable[ParsedArticle | ParseProblem]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return parse_jsonl(text)
    if suffix == ".json" or looks_like_json(text):
        return parse_json(text)
    try:
        return [parse_seed_text(text, credit_hint=credit_hint)]
    except ParseProblem as problem:
        return [problem]
