"""JSON and JSONL article records: `outlet`, `date`, `title`, `body`, and
optional `url`, `id`, `lang`, `credit`, `captions`.

A JSON file holds one record (an object) or a list of them; a JSONL file one
record per line. `body` is a string whose paragraphs are separated by blank
lines, or a list of paragraphs; `captions` (photo captions and credits) a
string or a list of them. A record without a title is headed by its first
sentence. A bad record is reported with its line (JSONL) or its number (JSON
list) and the others still import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from store.errors import NotTextField, ParseProblem
from store.ingest.parsed import ParsedArticle, headline_from
from store.text.clean import clean_line, clean_text, split_paragraphs

TITLE_KEYS = ("title", "headline")
BODY_KEYS = ("body", "paragraphs")
CAPTION_KEYS = ("captions", "caption")
HELD_PROBLEMS = 50
"""Problems of a JSONL file's lines kept until a line shows it is JSONL."""
_TEXT_FIELDS = ("outlet", "date", "url", "lang", "credit")


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _is_jsonl(text: str) -> bool:
    """For text that does not parse as one JSON document: whether it is
    JSONL, i.e. several non-blank lines, the first a complete object."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    if not rest.strip() or stripped.startswith("["):
        return False
    try:
        return isinstance(orjson.loads(first), dict)
    except orjson.JSONDecodeError:
        return False


def parse_json(text: str) -> Iterator[ParsedArticle | ParseProblem]:
    """Records of a JSON file: one document (an object or a list of them),
    or JSONL under a .json name. The text is parsed once; a malformed file
    is one problem, saying where."""
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as failure:
        if _is_jsonl(text):
            yield from parse_jsonl(text)
        else:
            yield ParseProblem(malformed_json(failure, line_known=True))
        return
    if isinstance(document, dict):
        yield _record(document)
    elif isinstance(document, list):
        if not document:
            yield ParseProblem("the JSON list holds no records")
        for number, item in enumerate(document, start=1):
            yield _record(item, which=f"record {number}")
    else:
        yield ParseProblem("JSON must be an object or a list of objects")


def parse_jsonl(text: str) -> Iterator[ParsedArticle | ParseProblem]:
    """Records of a JSONL file, one per non-blank line."""
    return parse_jsonl_lines(enumerate(text.split("\n"), start=1))


Line = tuple[int, "str | ParseProblem"]
"""A JSONL line as read: its number, and its text or why it cannot be read."""


def parse_jsonl_lines(lines: Iterable[Line]) -> Iterator[ParsedArticle | ParseProblem]:
    """Records of numbered JSONL lines, read one at a time, so a file of any
    size is never held whole.

    A file in which no line is JSON at all is one problem, not one per line:
    it is the wrong kind of file, and a screenful of errors would hide that.
    So the problems before the first JSON line wait (the first HELD_PROBLEMS
    of them; later ones are counted) until a line is JSON.
    """
    held: list[ParseProblem] = []
    more = 0
    any_json = False
    for number, line in lines:
        where = f":{number}"
        if isinstance(line, ParseProblem):
            problem = ParseProblem(line.reason, where=where)
        elif not line.strip():
            continue
        else:
            try:
                item = orjson.loads(line)
            except orjson.JSONDecodeError as failure:
                problem = ParseProblem(malformed_json(failure, line_known=False), where=where)
            else:
                if not any_json:
                    any_json = True
                    yield from held
                    if more:
                        yield ParseProblem(f"and {more} more lines before line {number} that are not records")
                yield _record(item, where=where)
                continue
        if any_json:
            yield problem
        elif len(held) < HELD_PROBLEMS:
            held.append(problem)
        else:
            more += 1
    if held and not any_json:
        first = held[0]
        yield ParseProblem(f"not JSON lines (line {first.where[1:]}: {first.reason})")


def malformed_json(failure: orjson.JSONDecodeError, *, line_known: bool = True) -> str:
    """Where and why JSON failed to parse, for the user."""
    place = f"line {failure.lineno}, column {failure.colno}" if line_known else f"column {failure.colno}"
    return f"malformed JSON at {place}: {failure.msg}"


def _record(item: Any, *, where: str = "", which: str = "") -> ParsedArticle | ParseProblem:
    def problem(reason: str) -> ParseProblem:
        return ParseProblem(f"{which or 'the record'} {reason}", where=where, which=which)

    if not isinstance(item, dict):
        return problem("is not a JSON object")
    try:
        fields = text_fields(item, _TEXT_FIELDS)
    except NotTextField as failure:
        return problem(f'has a "{failure.key}" that is not text')
    headline = next((item[k] for k in TITLE_KEYS if item.get(k) is not None), None)
    if headline is not None and not isinstance(headline, str):
        return problem('has a "title" that is not text')
    body = next((item[k] for k in BODY_KEYS if item.get(k) is not None), None)
    paragraphs = _paragraphs(body)
    if paragraphs is None:
        return problem('has a "body" that is neither text nor a list of paragraphs')
    if not paragraphs:
        return problem("has no body")
    captions = _paragraphs(next((item[k] for k in CAPTION_KEYS if item.get(k) is not None), None))
    if captions is None:
        return problem('has "captions" that are neither text nor a list of texts')
    headline = clean_line(headline or "") or headline_from(paragraphs)
    record_id = item.get("id")
    if record_id is not None and not isinstance(record_id, str | int):
        return problem('has an "id" that is not text')
    return ParsedArticle(
        headline=headline,
        paragraphs=tuple(paragraphs),
        date_text=fields["date"],
        credit=fields["credit"],
        captions=tuple(captions),
        outlet=fields["outlet"],
        url=fields["url"],
        id=clean_line(str(record_id)) or None if record_id is not None else None,
        lang=fields["lang"],
        where=where,
        which=which,
    )


def text_fields(mapping: dict[str, Any], keys: Iterable[str]) -> dict[str, str | None]:
    """The named fields as clean one-line text, None when absent or blank.
    Raises NotTextField for a value that is not a string."""
    fields: dict[str, str | None] = {}
    for key in keys:
        value = mapping.get(key)
        if value is not None and not isinstance(value, str):
            raise NotTextField(key)
        fields[key] = clean_line(value) or None if value else None
    return fields


def _paragraphs(body: Any) -> list[str] | None:
    if body is None:
        return []
    if isinstance(body, str):
        return split_paragraphs(clean_text(body))
    if isinstance(body, list) and all(isinstance(p, str) for p in body):
        return [p for p in (" ".join(split_paragraphs(clean_text(p))) for p in body) if p]
    return None
