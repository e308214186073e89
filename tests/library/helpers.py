"""Small builders shared by the store tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson

from store import ArticleDraft, Event, Library

PARAGRAPHS = (
    "The Kremlin on Monday denied a report that Donald Trump and Vladimir Putin spoke by phone.",
    "Dmitry Peskov called the report pure fiction and said there had been no conversation.",
    "Russia currently has the advantage on the battlefield, the outlet wrote.",
)


def draft(
    headline: str = "Kremlin denies Trump-Putin call",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    date: dt.date | None = dt.date(2024, 11, 11),
    outlet: str | None = "Outlet A",
    article_id: str | None = None,
) -> ArticleDraft:
    return ArticleDraft(
        headline=headline, paragraphs=paragraphs, date=date, outlet_name=outlet, id=article_id
    )


def add_one(library: Library, **kwargs: object) -> str:
    """Add one article and return its id."""
    [article] = library.add_articles([draft(**kwargs)]).added  # type: ignore[arg-type]
    return article.id


def reopen(library: Library) -> Library:
    """The same library as another process would see it (memory: itself)."""
    return Library.open(library.path) if library.path else library


def store_files(main: Path) -> list[Path]:
    """Every JSON file of a disk library (main file and parts)."""
    parts = main.with_name(main.name + ".parts")
    return [main, *sorted(parts.glob("*.json"))] if parts.is_dir() else [main]


def assert_files_parse(main: Path) -> None:
    for path in store_files(main):
        data = orjson.loads(path.read_bytes())
        assert isinstance(data, dict), path


def add_story(
    library: Library,
    title: str,
    outlet: str,
    paragraphs: tuple[str, ...],
    date: dt.date = dt.date(2024, 11, 12),
) -> str:
    """Add a one-article event; returns the event id."""
    added = library.add_articles(
        [ArticleDraft(headline=title, paragraphs=paragraphs, date=date, outlet_name=outlet)]
    ).added
    event_id = library.new_event_id()
    library.save_grouping([Event(id=event_id, title=title)], {added[0].id: event_id})
    return event_id
