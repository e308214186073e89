"""What a file parser found, before the importer decides outlet and date.

Parsers only read; they do not judge. They hand the date as written and the
outlet as the file named it, and the importer applies `--outlet`, the
manifest and date checks in one place for every format.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article as read from a file.

    `where` is appended to the file's name in messages (":12" for line 12
    of a JSONL file); `which` names a record inside a JSON list ("record 3").
    `captions` are photo captions and credits kept out of the body.
    """

    headline: str
    paragraphs: tuple[str, ...]
    date_text: str | None = None
    credit: str | None = None
    captions: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    id: str | None = None
    lang: str | None = None
    where: str = ""
    which: str = ""
