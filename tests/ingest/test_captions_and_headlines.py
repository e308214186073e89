"""Photo captions and credits travel with their article, apart from its body;
a record without a title is headed by its first sentence."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from store import Library
from store.errors import BackupError
from store.exchange.backup import backup_bytes, restore_backup
from store.ingest.importer import import_paths
from store.ingest.parsed import HEADLINE_LIMIT
from store.model import Article
from tests.conftest import SEEDS

SEED_CAPTIONS = (
    "U.S. President-elect Donald Trump (L) and Russian President Vladimir Putin.",
    "©",
    "Chris McGrath/Getty Images",
)


def _by_headline(library: Library, start: str) -> Article:
    return next(a for a in library.articles() if a.headline.startswith(start))


def test_the_seed_captions_are_kept_with_the_article_not_in_its_body(library: Library) -> None:
    import_paths(library, [str(SEEDS)])
    captioned = next(a for a in library.articles() if a.captions)
    assert captioned.captions == SEED_CAPTIONS
    text = library.text(captioned.id)
    assert all(caption not in text for caption in SEED_CAPTIONS[1:])
    assert "(L)" not in text
    assert library.claims() == [], "captions are never claims"
    assert [a.captions for a in library.articles() if a.id != captioned.id] == [()]


def test_json_records_bring_their_captions(library: Library, tmp_path: Path) -> None:
    records = [
        {"title": "Listed", "body": "Body one.", "captions": ["A crowd at the gate (L).", "©", "AFP"]},
        {"title": "One line", "body": "Body two.", "caption": "Photo: Reuters"},
        {"title": "None", "body": "Body three."},
        {"title": "Bad", "body": "Body four.", "captions": [1, 2]},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = import_paths(library, [str(path)])
    assert report.imported == 3
    assert report.skipped == [
        (f"{path}:4", 'the record has "captions" that are neither text nor a list of texts')
    ]
    assert _by_headline(library, "Listed").captions == ("A crowd at the gate (L).", "©", "AFP")
    assert _by_headline(library, "One line").captions == ("Photo: Reuters",)
    assert _by_headline(library, "None").captions == ()


def test_captions_are_cleaned_like_any_text_from_a_file(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(
        json.dumps({"title": "T", "body": "B.", "captions": ["\x1b[31mRed\x1b[0m \u202eevil", "  "]}),
        encoding="utf-8",
    )
    import_paths(library, [str(path)])
    [article] = library.articles()
    assert article.captions == ("Red evil",)


def test_captions_go_into_backups_and_come_back(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "a" / "library.json")
    import_paths(library, [str(SEEDS)])
    blob = backup_bytes(library)
    assert b"Chris McGrath/Getty Images" in blob
    backup = tmp_path / "backup.json"
    backup.write_bytes(blob)
    restored = Library.open(tmp_path / "b" / "library.json")
    restore_backup(restored, backup)
    assert sorted(a.captions for a in restored.articles()) == [(), SEED_CAPTIONS]
    assert backup_bytes(restored) == blob


def test_an_old_record_without_captions_reads_as_none_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    record = {"id": "a" * 16, "outlet_id": "x", "headline": "Old"}
    assert Article.from_record(record).captions == ()
    assert "captions" not in Article.from_record(record).to_record(), "no key for the many without"
    library = Library.open(tmp_path / "a" / "library.json")
    import_paths(library, [str(SEEDS)])
    document = orjson.loads(backup_bytes(library))
    article = next(r for r in document["tables"]["main"]["articles"].values() if "captions" in r)
    article["captions"] = "not a list"
    backup = tmp_path / "damaged.json"
    backup.write_bytes(orjson.dumps(document))
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(Library.open(tmp_path / "b" / "library.json"), backup)


def test_a_record_without_a_title_is_headed_by_its_first_sentence(library: Library, tmp_path: Path) -> None:
    long_sentence = "word " * 60 + "end."
    records = [
        {"body": "Floods closed the bridge on Monday. Engineers are checking it.\n\nMore."},
        {"title": "  ", "body": ["Mr. Smith agreed. Then he left."]},
        {"body": long_sentence},
    ]
    path = tmp_path / "untitled.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = import_paths(library, [str(path)])
    assert (report.imported, report.skipped) == (3, [])
    headlines = {a.headline for a in library.articles()}
    assert "Floods closed the bridge on Monday." in headlines
    assert "Mr. Smith agreed." in headlines
    [cut] = [h for h in headlines if h.startswith("word")]
    assert cut.endswith("…") and len(cut) <= HEADLINE_LIMIT + 1 and " wor…" not in cut
    assert library.text(_by_headline(library, "Floods").id).startswith("Floods closed the bridge")
