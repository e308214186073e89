"""Import article files into the library (first cut: seed format only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.grouping import group_articles
from store.library import Library
from store.model import ArticleDraft


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_paths(
    library: Library, paths: Sequence[str], *, outlet: str | None = None, manifest: str | None = None
) -> ImportReport:
    report = ImportReport()
    drafts = []
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.strip().partition("\n")
        _, date, headline = first.split(" ", 2)
        paragraphs = tuple(p.strip() for p in rest.split("\n\n") if p.strip())
        drafts.append(
            ArticleDraft(headline=headline, paragraphs=paragraphs, date=dt.date.fromisoformat(date),
                         outlet_name=outlet, source=str(path))
        )
    result = library.add_articles(drafts)
    group_articles(library, [a.id for a in result.added])
    report.imported = len(result.added)
    report.duplicates = len(result.existing)
    return report
