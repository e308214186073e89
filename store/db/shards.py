"""Which part of a library holds a record: the main file, a shard of
articles, bodies, notes or events, or a side table.

Parts are named `articles-XX`, `bodies-XX`, `notes-XX` (XX: two hex digits
of the article id), `events-XX` (of the event id) and `side-NAME`; the main
file is the part "". An article's metadata, body and notes share a shard
number. A claim's id starts with its article's shard, so a claim can be
found from its id alone.
"""

from __future__ import annotations

import hashlib
import re
import uuid

MAIN_PART = ""
"""The main file: outlets and the schema."""

SHARDED_FAMILIES = ("articles", "bodies", "notes", "events")
"""The families of parts sharded by record id, each in 256 parts at most."""

_HEX = frozenset("0123456789abcdef")
_SIDE_TABLE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def shard_of(record_id: str) -> str:
    """The shard (two hex digits) of an article id or claim id.

    Ids are content hashes, so their first two digits spread evenly; any
    other id (from an imported record) is hashed, so a file name never
    carries what a record said.
    """
    head = record_id[:2].lower()
    if len(head) == 2 and head[0] in _HEX and head[1] in _HEX:
        return head
    return hashlib.sha256(record_id.encode()).hexdigest()[:2]


def articles_part(article_id: str) -> str:
    """The part that holds an article's metadata (outlet, date, headline, event…)."""
    return f"articles-{shard_of(article_id)}"


def events_part(event_id: str) -> str:
    """The part that holds an event's record (its title)."""
    return f"events-{shard_of(event_id)}"


def shard_of_prefix(prefix: str) -> str | None:
    """The one shard every id starting with `prefix` lies in, if the prefix
    tells it (two hex digits or more); None when it could be any."""
    head = prefix[:2].lower()
    if len(head) == 2 and head[0] in _HEX and head[1] in _HEX:
        return head
    return None


def bodies_part(article_id: str) -> str:
    """The part that holds an article's body."""
    return f"bodies-{shard_of(article_id)}"


def notes_part(record_id: str) -> str:
    """The part that holds an article's claims and read/star state (by the
    article's id or one of its claims' ids)."""
    return f"notes-{shard_of(record_id)}"


DERIVED = "derived-"
"""A side table whose name starts with this holds only what can be worked
out again from the rest of the library (a cache): backups leave it out."""


def side_part(table: str) -> str:
    """The part of a small side table (feeds, dismissed suggestions…)."""
    if not _SIDE_TABLE.fullmatch(table):
        raise ValueError(f"side table names are lower-case letters, digits, - and _ (got {table!r})")
    return f"side-{table}"


def new_claim_id(article_id: str) -> str:
    """A new claim id that starts with its article's shard (so a claim is
    found from its id) and, for the usual hex ids, the article id's start."""
    rest = re.sub(r"[^0-9A-Za-z]", "", article_id[2:8])
    return f"{shard_of(article_id)}{rest}-{uuid.uuid4().hex[:12]}"
