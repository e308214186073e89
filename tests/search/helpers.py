"""Builders for the search tests: small libraries with known words."""

from __future__ import annotations

import datetime as dt

from store import ArticleDraft, Library


def add(
    library: Library,
    headline: str,
    *paragraphs: str,
    date: dt.date | None = dt.date(2024, 11, 11),
    outlet: str = "Outlet A",
) -> str:
    """Store one article and return its id."""
    [article] = library.add_articles(
        [
            ArticleDraft(
                headline=headline, paragraphs=paragraphs or ("Nothing else.",), date=date, outlet_name=outlet
            )
        ]
    ).added
    return article.id
