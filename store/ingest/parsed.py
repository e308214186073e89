"""What a file parser found, before the importer decides outlet and date.

Parsers only read; they do not judge. They hand the date as written and the
outlet as the file named it, and the importer applies `--outlet`, the
manifest and date checks in one place for every format.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.text.sentences import split_sentences

HEADLINE_LIMIT = 120
"""Characters of a first sentence kept as the headline of an article that has none."""


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


def headline_from(paragraphs: tuple[str, ...] | list[str]) -> str:
    """A headline for an article that came without one: its first sentence,
    cut at a word with "…" when it is long (a first paragraph can be a
    whole page without a full stop)."""
    lead = paragraphs[0] if paragraphs else ""
    sentences = split_sentences(lead)
    first = lead[sentences[0].start : sentences[0].end] if sentences else lead.strip()
    if len(first) <= HEADLINE_LIMIT:
        return first
    cut = first[:HEADLINE_LIMIT].rsplit(" ", 1)[0] or first[:HEADLINE_LIMIT]
    return cut.rstrip() + "…"
