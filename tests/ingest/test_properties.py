"""Properties of reading untrusted files, over arbitrary input (Hypothesis).

Whatever the bytes or text: the seed-format parser, JSON and JSONL records
and the manifest either read it or raise the error type they document
(ParseProblem, ManifestError), never anything else; an import of any file
ends with each input imported or skipped with a reason, never a traceback;
and what imports is clean text with a headline and a body.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import Library
from store.errors import ManifestError, ParseProblem
from store.ingest.importer import import_paths
from store.ingest.json_records import parse_json, parse_jsonl, parse_jsonl_lines
from store.ingest.manifest import Manifest
from store.ingest.parsed import ParsedArticle
from store.ingest.seedformat import parse_seed_text
from store.text.clean import clean_text

PROPERTIES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IMPORTS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with what trips parsers: headers, blank lines, credits, quotes, controls, escapes.
PIECES = st.sampled_from(
    [" date 2024-11-11 ", "date ", "2024-02-30", "\n", "\n\n", " ", "\t", "©", "Getty Images", "(L)", "/",
     "via Associated Press", "Photo: AFP", "“", "”", '"', "{", "}", "[", "]", ":", ",", "\x1b[31m", "\x00",
     "\u202e", "\ufeff", "\r\n", "Kremlin", ".", "?", "…", "é"]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=12,
)
FIELDS = st.sampled_from(["title", "headline", "body", "paragraphs", "outlet", "date", "url", "id", "lang",
                          "credit", "captions", "caption", "extra"])  # fmt: skip
RECORDS = st.dictionaries(FIELDS, JSON_VALUES | TEXTS, max_size=8)


WORDS = st.lists(st.one_of(st.sampled_from(["Kremlin", "denied", "the", "call", "Peskov", "said"]), PIECES),
                 min_size=1, max_size=12).map(" ".join)  # fmt: skip
SEED_FILES = st.builds(
    lambda date, headline, paragraphs: f" date {date} {headline}\n\n" + "\n\n".join(paragraphs),
    st.sampled_from(["2024-11-11", "2024-02-30", "11/11/2024", ""]),
    WORDS,
    st.lists(WORDS, max_size=5),
).map(str.encode)
GOOD_RECORDS = st.fixed_dictionaries(
    {"title": WORDS, "body": st.one_of(WORDS, st.lists(WORDS, max_size=4))},
    optional={"outlet": WORDS, "date": st.sampled_from(["2024-11-11", "2024-13-45", "Mon, 11 Nov 2024"]),
              "captions": st.lists(WORDS, max_size=3), "id": st.text(max_size=5)},
)  # fmt: skip


def _clean(parsed: ParsedArticle) -> None:
    for text in (parsed.headline, *parsed.paragraphs, *parsed.captions):
        assert text and text == clean_text(text) and text == text.strip(), repr(text)
    assert "\n" not in parsed.headline


@PROPERTIES
@given(st.one_of(TEXTS, SEED_FILES.map(bytes.decode)))
def test_the_seed_parser_reads_any_text_or_says_why(text: str) -> None:
    for given_text, cleaned in ((text, False), (clean_text(text), True)):
        try:
            parsed = parse_seed_text(given_text)
        except ParseProblem as problem:
            assert problem.reason
            continue
        assert parsed.headline and parsed.paragraphs
        if cleaned:  # as the importer hands it text
            _clean(parsed)


@PROPERTIES
@given(st.one_of(RECORDS, st.lists(RECORDS, max_size=4), JSON_VALUES))
def test_json_records_read_any_json_or_say_why(document: Any) -> None:
    text = json.dumps(document)
    for found in (list(parse_json(text)), list(parse_jsonl(text))):
        for item in found:
            assert isinstance(item, ParsedArticle | ParseProblem)
            if isinstance(item, ParsedArticle):
                _clean(item)
            else:
                assert item.reason


@PROPERTIES
@given(TEXTS)
def test_json_and_jsonl_parsers_take_any_text(text: str) -> None:
    text = clean_text(text)
    for item in [*parse_json(text), *parse_jsonl(text)]:
        assert isinstance(item, ParsedArticle | ParseProblem)


@PROPERTIES
@given(st.lists(st.one_of(TEXTS, RECORDS.map(json.dumps)), max_size=12))
def test_jsonl_lines_give_one_outcome_per_record_line(lines: list[str]) -> None:
    numbered = list(enumerate((clean_text(line).replace("\n", " ") for line in lines), start=1))
    found = list(parse_jsonl_lines(numbered))
    records = [i for i in found if isinstance(i, ParsedArticle)]
    json_lines = [n for n, line in numbered if _is_json(line)]
    if json_lines:
        # Every line holding JSON gives an article or a problem naming that line.
        named = {i.where for i in found if i.where}
        assert all(f":{n}" in named for n in json_lines)
        assert len(records) <= len(json_lines)
    else:
        assert records == []


def _is_json(line: str) -> bool:
    """As strict as the importer (Python's json takes NaN, JSON does not)."""
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return True


@PROPERTIES
@given(st.one_of(st.binary(max_size=300), JSON_VALUES.map(lambda v: json.dumps(v).encode()),
                 st.dictionaries(st.just("files"), st.dictionaries(TEXTS, JSON_VALUES, max_size=4))
                 .map(lambda v: json.dumps(v).encode())),
       TEXTS)  # fmt: skip
def test_a_manifest_loads_or_says_why(content: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "manifest.json"
        path.write_bytes(content)
        try:
            manifest = Manifest.load(path)
        except ManifestError as failure:
            assert str(failure).startswith(f"manifest {path}: ")
            return
        clean_name = clean_text(name).replace("/", "_").replace("\x00", "") or "x"
        manifest.entry_for(Path(folder) / clean_name)


FILE_NAMES = st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.ndjson", "a", "a.annotations"])
GOOD_JSONL = st.lists(GOOD_RECORDS, max_size=4).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode())
FILE_CONTENTS = st.one_of(
    SEED_FILES,
    GOOD_JSONL,
    SEED_FILES,
    GOOD_JSONL,
    st.binary(max_size=400),
    TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXTS.map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.lists(RECORDS, max_size=5).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode()),
    st.lists(RECORDS, max_size=5).map(lambda rs: json.dumps(rs).encode()),
)


@IMPORTS
@given(
    st.lists(st.tuples(FILE_NAMES, FILE_CONTENTS), min_size=1, max_size=4),
    st.one_of(
        st.none(), st.none(), st.none(), st.binary(max_size=80), st.just(b'{"files": {"*": "The Courier"}}')
    ),
)
def test_an_import_of_any_files_imports_or_skips_each_and_never_raises(
    files: list[tuple[str, bytes]], manifest: bytes | None
) -> None:
    library = Library.memory()
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, content) in enumerate(files):
            (Path(folder) / f"{number}{name}").write_bytes(content)
        if manifest is not None:
            (Path(folder) / "manifest.json").write_bytes(manifest)
        try:
            report = import_paths(library, [folder])
        except ManifestError:
            # Documented: a manifest that cannot be used stops an import of seed files...
            assert manifest is not None
            assert library.article_count() == 0
            # ...but never one of JSON files only.
            json_only = [
                n for n, (name, _) in enumerate(files) if name.endswith((".json", ".jsonl", ".ndjson"))
            ]
            assert len(json_only) < len(files)
            return
    assert all(reason for _, reason in report.skipped)
    assert report.imported == library.article_count()
    for article in library.articles():
        assert article.headline and article.headline == clean_text(article.headline).strip()
        paragraphs = library.paragraphs(article.id)
        assert paragraphs and all(p == clean_text(p) for p in paragraphs)
