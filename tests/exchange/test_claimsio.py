"""Claims leave as jsonl, json or Web Annotations and come back into another
library, finding their article and their place in it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import ArticleDraft, Library
from store.errors import ClaimsFileError
from store.exchange.claims_import import import_claims, is_claims_export
from store.exchange.export import export
from store.ingest.importer import import_paths
from tests.conftest import SEEDS
from tests.exchange.conftest import Seeded, import_seeds

COMPARED = ("claimant", "kind", "verdict", "tags", "note", "created", "updated")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _fresh_seeded_library(tmp_path: Path) -> Library:
    other = Library.open(tmp_path / "other" / "library.json")
    import_seeds(other)
    return other


def _summary(library: Library) -> list[tuple]:
    """Claims as a user sees them: where, what, and what they link to."""
    by_id = {c.id: c for c in library.claims()}
    return sorted(
        (
            library.outlet(library.article(c.article_id).outlet_id).name,
            c.quote,
            c.anchor.start,
            *(getattr(c, f) for f in COMPARED),
            tuple(sorted(by_id[i].quote for i in c.links)),
        )
        for c in by_id.values()
    )


@pytest.mark.parametrize("fmt", ["jsonl", "json", "annotations"])
def test_round_trip_into_another_library_restores_every_claim_and_link(
    seeded: Seeded, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, f"claims.{fmt}", export(seeded.library, fmt))
    assert is_claims_export(path)
    other = _fresh_seeded_library(tmp_path)
    report = import_claims(other, path)
    assert (len(report.placed), report.unplaced, report.warnings) == (7, [], [])
    assert {how for _, how in report.placed} == {"unchanged"}
    assert _summary(other) == _summary(seeded.library)
    # ...and they are the same claims: exported again, the same bytes (but
    # for the event id, which each library draws for itself).
    (event,) = other.events()
    assert export(other, fmt).replace(event.id, seeded.event_id) == export(seeded.library, fmt)


@pytest.mark.parametrize("fmt", ["jsonl", "annotations"])
def test_importing_the_same_export_twice_adds_nothing(seeded: Seeded, tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, f"claims.{fmt}", export(seeded.library, fmt))
    before = export(seeded.library, "json")
    report = import_claims(seeded.library, path)
    assert report.placed == [] and len(report.already_present) == 7 and report.unplaced == []
    other = _fresh_seeded_library(tmp_path)
    import_claims(other, path)
    again = import_claims(other, path)
    assert again.placed == [] and len(again.already_present) == 7
    assert len(other.claims()) == 7
    assert export(seeded.library, "json") == before


def _seed_with_extra_sentence(tmp_path: Path) -> Path:
    """Outlet A's seed, republished with a sentence added above the quotes
    and one word of a quoted sentence corrected."""
    folder = tmp_path / "edited"
    folder.mkdir()
    source = SEEDS / "000_96de980abcfa7371.txt"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "But Kremlin spokesperson",
        "This article was updated on Tuesday with new reporting. But Kremlin spokesperson",
    )
    text = text.replace("leaders from around the world know", "leaders from all around the world know")
    edited = folder / source.name
    edited.write_text(text, encoding="utf-8")
    return edited


@pytest.mark.parametrize("fmt", ["jsonl", "annotations"])
def test_claims_reanchor_when_the_article_gained_a_sentence(seeded: Seeded, tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, f"claims.{fmt}", export(seeded.library, fmt))
    other = Library.open(tmp_path / "other" / "library.json")
    import_paths(other, [str(_seed_with_extra_sentence(tmp_path))], outlet="Outlet A")
    (article,) = other.articles()
    assert article.id != seeded.article_a  # the text changed, so the content hash did

    report = import_claims(other, path)

    placed = {c.claimant: (c, how) for c, how in report.placed}
    peskov, how = placed["Dmitry Peskov"]
    assert how == "moved"
    assert peskov.article_id == article.id
    assert peskov.quote == seeded.claims["peskov_a"].quote
    assert peskov.anchor.start > seeded.claims["peskov_a"].anchor.start
    assert other.text(article.id)[peskov.anchor.start : peskov.anchor.end] == peskov.quote
    cheung, how = placed["Steven Cheung"]
    assert how == "fuzzy" and "all around the world" in cheung.quote
    # Outlet B's article is not in this library: its claims are reported, not dropped.
    unplaced = dict(report.unplaced)
    assert len(unplaced) == 4
    assert all("is not in the library" in reason for reason in unplaced.values())
    # The link to Outlet B's Peskov claim could not be made, and the user is told.
    assert any("link" in w for w in report.warnings)
    assert import_claims(other, path).placed == []


def test_a_claim_whose_quote_was_removed_is_reported_with_the_reason(seeded: Seeded, tmp_path: Path) -> None:
    path = _write(tmp_path, "claims.jsonl", export(seeded.library, "jsonl"))
    folder = tmp_path / "cut"
    folder.mkdir()
    source = SEEDS / "000_96de980abcfa7371.txt"
    text = source.read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if "within 24 hours" in p)
    (folder / source.name).write_text(text.replace(paragraph, "Trump said little else."), encoding="utf-8")
    other = Library.open(tmp_path / "other" / "library.json")
    import_paths(other, [str(folder / source.name)], outlet="Outlet A")

    report = import_claims(other, path)

    trump = [reason for label, reason in report.unplaced if seeded.claims["trump_a"].id in label]
    assert trump and "no longer in article" in trump[0] and "within 24 hours" in trump[0]
    assert {c.claimant for c, _ in report.placed} == {"Dmitry Peskov", "Steven Cheung"}


def test_damaged_records_are_reported_and_the_rest_imported(seeded: Seeded, tmp_path: Path) -> None:
    lines = export(seeded.library, "jsonl").splitlines()
    broken = json.loads(lines[1])
    broken["anchor"] = {"exact": ""}
    text = "\n".join([lines[0], json.dumps(broken), "{not json", json.dumps({"hello": 1}), *lines[2:]]) + "\n"
    path = _write(tmp_path, "claims.jsonl", text)
    other = _fresh_seeded_library(tmp_path)

    report = import_claims(other, path)

    assert len(report.placed) == 6
    reasons = dict(report.unplaced)
    assert "no quote" in reasons[f"line 2 ({broken['id']})"]
    assert reasons["line 3"].startswith("not JSON")
    assert "not a claim record" in reasons["line 4"]


@pytest.mark.parametrize(
    ("content", "reason", "looks_like_ours"),
    [
        ("", "the file is empty", False),
        ("hello, world\n", "not a Dateline claims export", False),
        ('{"type": "Feature", "items": []}', "not a Dateline claims export", False),
        ("[1, 2, 3]", "not a Dateline claims export", False),
        ('{"schema": "dateline.claims/1", "claims": 5}', "without a list of claims", True),
    ],
)
def test_files_that_are_not_claim_exports_give_one_clear_line(
    library: Library, tmp_path: Path, content: str, reason: str, looks_like_ours: bool
) -> None:
    path = _write(tmp_path, "bad.json", content)
    with pytest.raises(ClaimsFileError) as caught:
        import_claims(library, path)
    message = str(caught.value)
    assert message.startswith(str(path)) and reason in message and "\n" not in message
    assert library.claims() == []
    # A damaged export of ours still sniffs as one, so its import names the damage.
    assert is_claims_export(path) is looks_like_ours


def test_a_missing_file_is_a_clear_error(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError, match="no such file"):
        import_claims(library, tmp_path / "nowhere.jsonl")


def test_sniffing_tells_claim_exports_from_articles(seeded: Seeded, tmp_path: Path) -> None:
    for fmt in ("jsonl", "json", "annotations"):
        assert is_claims_export(_write(tmp_path, f"c.{fmt}", export(seeded.library, fmt)))
    assert not is_claims_export(SEEDS / "000_96de980abcfa7371.txt")
    article_record = {"outlet": "X", "title": "T", "body": "B", "date": "2024-11-11"}
    assert not is_claims_export(_write(tmp_path, "articles.jsonl", json.dumps(article_record) + "\n"))
    assert not is_claims_export(_write(tmp_path, "c.csv", export(seeded.library, "csv")))


def test_annotations_from_another_tool_find_the_article_by_url(seeded: Seeded, tmp_path: Path) -> None:
    """A plain Web Annotation (no Dateline extensions) targeting the article's url."""
    other = Library.open(tmp_path / "other" / "library.json")
    import_seeds(other)
    article = other.article(
        next(a.id for a in other.articles() if other.outlet(a.outlet_id).name == "Outlet A")
    )
    url = article.source  # stands in for a url: any identifier the article record carries
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://annotations.example/1",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "checked"}],
        "target": {
            "source": url,
            "selector": {
                "type": "TextQuoteSelector",
                "exact": "pure fiction",
                "prefix": "told journalists: “There was no conversation. This is completely untrue; it’s ",
                "suffix": ".”",
            },
        },
        "dateline:article": {"source": url},
    }
    path = _write(tmp_path, "one.jsonld", json.dumps(annotation))
    report = import_claims(other, path)
    ((claim, how),) = report.placed
    text = other.text(article.id)
    # "pure fiction" occurs twice in the article: the prefix picks the second.
    assert how == "moved" and claim.anchor.start == text.rindex("pure fiction")
    assert claim.tags == ("checked",)


def test_a_claim_lands_on_an_article_whose_id_is_not_a_hash(library: Library, tmp_path: Path) -> None:
    """Articles imported from records keep the record's own id, such as "story-1"."""
    library.add_articles(
        [ArticleDraft(headline="Talks", paragraphs=("Both sides met. Nothing was agreed.",), id="story-1")]
    )
    annotation = {
        "type": "Annotation",
        "target": {
            "source": "urn:dateline:article:story-1",
            "selector": [{"type": "TextQuoteSelector", "exact": "Nothing was agreed."}],
        },
    }
    path = _write(tmp_path, "one.jsonld", json.dumps(annotation))
    ((claim, _),) = import_claims(library, path).placed
    assert [c.id for c in library.claims(article_id="story-1")] == [claim.id]
    assert import_claims(library, path).already_present == [claim.id]


def test_escape_sequences_in_an_imported_file_are_not_stored(seeded: Seeded, tmp_path: Path) -> None:
    record = json.loads(export(seeded.library, "jsonl").splitlines()[0])
    record.update(claimant="Peskov\x1b]0;pwned\x07", note="\x1b[31mred\x1b[0m", tags=["a\x07b"])
    path = _write(tmp_path, "claims.jsonl", json.dumps(record) + "\n")
    other = _fresh_seeded_library(tmp_path)
    ((claim, _),) = import_claims(other, path).placed
    assert (claim.claimant, claim.note, claim.tags) == ("Peskov", "red", ("ab",))
