"""Properties of re-anchoring and of the way out and back in (Hypothesis).

Re-anchoring never raises and never points outside the text; a quote
still where it was is found there, and a quote that occurs once is found
wherever it moved. What imports comes back the same: claims exported as
`jsonl` or `annotations` and imported with their articles into a fresh
library land on the same spans, and a backup restored backs up to the same
bytes.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from store import ClaimKind, Library, Verdict
from store.exchange.backup import backup_bytes, restore_backup
from store.exchange.export import export
from store.exchange.reanchor import reanchor
from store.ingest.importer import import_paths
from store.library.claims import ANCHOR_CONTEXT
from store.model import Anchor

PROPERTIES = settings(max_examples=200, deadline=None)
ROUND_TRIPS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Few distinct words, so quotes repeat and contexts matter; and the characters typed quotes fold.
WORD = st.sampled_from(["pure", "fiction", "Peskov", "said", "the", "call", "“no”", "'no'", "—", "é", "24"])
TEXT = st.lists(st.one_of(WORD, st.text(max_size=4)), max_size=60).map(" ".join)


def anchor_at(text: str, start: int, end: int) -> Anchor:
    """An anchor as the library makes one (`Library.anchor_for`)."""
    return Anchor(
        text[start:end],
        text[max(0, start - ANCHOR_CONTEXT) : start],
        text[end : end + ANCHOR_CONTEXT],
        start,
        end,
    )


@PROPERTIES
@given(TEXT, st.text(max_size=20), st.text(max_size=40), st.text(max_size=40), st.integers(-5, 300))
def test_reanchoring_any_anchor_in_any_text_stays_in_the_text(
    text: str, exact: str, prefix: str, suffix: str, start: int
) -> None:
    found = reanchor(text, Anchor(exact, prefix, suffix, start, start + len(exact)))
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert found.how in ("unchanged", "moved", "fuzzy")


@PROPERTIES
@given(TEXT, st.data())
def test_a_quote_where_it_was_is_found_there_and_a_lone_one_wherever_it_moved(
    text: str, data: st.DataObject
) -> None:
    assume(text.strip())
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = anchor_at(text, start, end)
    found = reanchor(text, anchor)
    assert found is not None and (found.start, found.end, found.how) == (start, end, "unchanged")

    added = data.draw(st.text(max_size=30))
    moved = added + text
    found = reanchor(moved, anchor)
    assert found is not None and moved[found.start : found.end] == anchor.exact
    places = [i for i in range(len(moved)) if moved.startswith(anchor.exact, i)]  # overlapping ones too
    if len(places) == 1:
        assert found.start == start + len(added)


ARTICLES = st.lists(
    st.tuples(st.lists(WORD, min_size=1, max_size=6).map(" ".join), st.lists(TEXT, min_size=1, max_size=3)),
    min_size=1,
    max_size=3,
    unique_by=lambda article: article[0],
)
CLAIM_FIELDS = st.tuples(
    st.sampled_from(list(ClaimKind)),
    st.sampled_from(list(Verdict)),
    st.lists(st.sampled_from(["kremlin", "ukraine", "é"]), max_size=2),
    st.text(max_size=10),
)


def _articles_file(folder: Path, articles: list[tuple[str, list[str]]]) -> Path:
    path = folder / "articles.jsonl"
    records = [
        {"outlet": "The Courier", "date": "2024-11-11", "title": title, "body": paragraphs}
        for title, paragraphs in articles
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _claims(library: Library) -> list[tuple[object, ...]]:
    found = []
    for claim in library.claims():
        article = library.article(claim.article_id)
        assert article is not None
        anchor = claim.anchor
        found.append((article.headline, anchor.start, anchor.end, anchor.exact, claim.claimant, claim.kind,
                      claim.verdict, claim.tags))  # fmt: skip
    return sorted(found)  # type: ignore[arg-type]


@ROUND_TRIPS
@given(ARTICLES, st.data(), st.sampled_from(["jsonl", "annotations", "json"]))
def test_claims_exported_and_imported_into_a_fresh_library_land_on_the_same_spans(
    articles: list[tuple[str, list[str]]], data: st.DataObject, fmt: str
) -> None:
    first = Library.memory()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = _articles_file(folder, articles)
        articles_report = import_paths(first, [str(source)])
        assume(articles_report.imported)
        tagged: set[tuple[str, int, int]] = set()
        for article in first.articles():
            text = first.text(article.id)
            for _ in range(data.draw(st.integers(0, 3))):
                if not text.strip():
                    break
                start = data.draw(st.integers(0, len(text) - 1))
                end = data.draw(st.integers(start + 1, len(text)))
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start == end or (article.id, start, end) in tagged:
                    continue
                tagged.add((article.id, start, end))
                kind, verdict, tags, claimant = data.draw(CLAIM_FIELDS)
                first.add_claim(article.id, text[start:end], start=start, kind=kind, verdict=verdict,
                                tags=tags, claimant=claimant)  # fmt: skip
        assume(tagged)
        exported = folder / f"claims.{fmt}"
        exported.write_text(export(first, fmt), encoding="utf-8")

        second = Library.memory()
        report = import_paths(second, [str(source), str(exported)])

        assert report.skipped == articles_report.skipped, "the same records, and every claim"
        assert report.claims_placed == len(tagged)
        assert _claims(second) == _claims(first)


@ROUND_TRIPS
@given(ARTICLES)
def test_a_backup_restores_what_imported_and_backs_up_to_the_same_bytes(
    articles: list[tuple[str, list[str]]],
) -> None:
    first = Library.memory()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        import_paths(first, [str(_articles_file(folder, articles))])
        blob = backup_bytes(first)
        backup = folder / "backup.json"
        backup.write_bytes(blob)
        second = Library.memory()
        restore_backup(second, backup)
    assert backup_bytes(second) == blob
    assert [(a.headline, second.paragraphs(a.id)) for a in second.articles()] == [
        (a.headline, first.paragraphs(a.id)) for a in first.articles()
    ]
