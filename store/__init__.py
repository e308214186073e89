"""Dateline's data: the news model, the crash-safe TinyDB library, importers,
event grouping, claims and export. It never imports the user interface."""

from store.errors import StoreError
from store.library import AddResult, EventSummary, Library
from store.model import (
    Anchor,
    Article,
    ArticleDraft,
    ArticleState,
    Claim,
    ClaimKind,
    Event,
    Outlet,
    Verdict,
)

__all__ = [
    "AddResult",
    "Anchor",
    "Article",
    "ArticleDraft",
    "ArticleState",
    "Claim",
    "ClaimKind",
    "Event",
    "EventSummary",
    "Library",
    "Outlet",
    "StoreError",
    "Verdict",
]
