"""Backup and restore: the whole library to one file and back, losslessly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Library, StoreError
from store.errors import BackupError
from store.exchange.backup import backup_bytes, read_backup, restore_backup, write_backup
from store.exchange.export import export
from store.model import ArticleDraft
from tests.exchange.conftest import Seeded, import_seeds, tag_seed_claims


def _fill_side_state(seeded: Seeded) -> None:
    library = seeded.library
    library.set_state(seeded.article_a, read=True)
    library.set_state(seeded.article_b, starred=True)
    library.rename_event(seeded.event_id, "Kremlin denies Trump–Putin call")
    library.put_record("feeds", "https://example.org/rss", {"title": "Example", "added": "2024-11-11"})
    library.put_record("dismissed", "s1", {"quote": "gone"})


def test_backup_restore_backup_gives_the_same_bytes(seeded: Seeded, tmp_path: Path) -> None:
    _fill_side_state(seeded)
    first = write_backup(seeded.library, tmp_path / "one.json")
    restored = Library.open(tmp_path / "restored" / "library.json")
    restore_backup(restored, first)
    # A fresh process opening the restored files sees everything.
    reopened = Library.open(tmp_path / "restored" / "library.json")
    second = write_backup(reopened, tmp_path / "two.json")
    assert first.read_bytes() == second.read_bytes()
    assert backup_bytes(seeded.library) == first.read_bytes()


def test_a_restored_library_has_everything_the_user_made(seeded: Seeded, tmp_path: Path) -> None:
    _fill_side_state(seeded)
    path = write_backup(seeded.library, tmp_path / "backup.json")
    restored = Library.memory()
    restore_backup(restored, path)
    assert restored.claims() == seeded.library.claims()
    assert restored.articles() == seeded.library.articles()
    assert restored.outlets() == seeded.library.outlets()
    assert restored.paragraphs(seeded.article_b) == seeded.library.paragraphs(seeded.article_b)
    (event,) = restored.events()
    assert (event.title, event.event.title_pinned) == ("Kremlin denies Trump–Putin call", True)
    assert restored.state(seeded.article_a).read and restored.state(seeded.article_b).starred
    assert restored.records("feeds") == {
        "https://example.org/rss": {"title": "Example", "added": "2024-11-11"}
    }
    assert restored.records("dismissed") == {"s1": {"quote": "gone"}}
    assert export(restored, "json") == export(seeded.library, "json")
    # The restored library works: claims can be tagged and linked in it.
    claim = restored.add_claim(seeded.article_a, "pure fiction")
    restored.link_claims(claim.id, seeded.claims["peskov_b"].id)


def test_restore_refuses_a_library_that_is_not_empty(seeded: Seeded, tmp_path: Path) -> None:
    path = write_backup(seeded.library, tmp_path / "backup.json")
    before = backup_bytes(seeded.library)
    with pytest.raises(BackupError, match="is not empty; restore into a new library"):
        restore_backup(seeded.library, path)
    assert backup_bytes(seeded.library) == before


def test_a_library_with_only_a_feed_counts_as_not_empty(library: Library, tmp_path: Path) -> None:
    empty_backup = write_backup(Library.memory(), tmp_path / "empty.json")
    library.put_record("feeds", "https://example.org/rss", {"title": "Example"})
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(library, empty_backup)


def test_the_backup_is_sorted_json_without_a_timestamp_of_its_own(seeded: Seeded) -> None:
    blob = backup_bytes(seeded.library)
    document = json.loads(blob)
    assert document["format"] == "dateline-backup" and document["version"] == 1
    assert set(document["tables"]) == {"main", "bodies", "notes"}
    assert len(document["tables"]["notes"]["claims"]) == 7
    assert blob == backup_bytes(seeded.library)  # nothing varies between two backups
    assert blob.decode() == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_writing_a_backup_leaves_no_temporary_file(seeded: Seeded, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    write_backup(seeded.library, target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["backup.json"]
    assert json.loads(target.read_bytes())["format"] == "dateline-backup"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON"),
        (b"\x00\x01garbage", "not valid JSON"),
        (b"[1, 2]", 'no "format": "dateline-backup"'),
        (b'{"format": "dateline-backup", "version": 9}', "backup version 9"),
        (b'{"format": "dateline-backup", "version": 1, "schema": 1, "tables": []}', "has no tables"),
        (
            b'{"format": "dateline-backup", "version": 1, "schema": 1, "tables": {"x": {}}}',
            "unknown section 'x'",
        ),
        (
            b'{"format": "dateline-backup", "version": 1, "schema": 1,'
            b' "tables": {"main": {"articles": {"a1": {"id": "a1"}}}}}',
            "record main/articles/a1 is damaged",
        ),
        (
            b'{"format": "dateline-backup", "version": 1, "schema": 1,'
            b' "tables": {"notes": {"claims": {"c1": {"id": "c1", "article_id": "a", "anchor": {},'
            b' "kind": "gossip"}}}}}',
            "record notes/claims/c1 is damaged",
        ),
    ],
)
def test_a_bad_backup_file_gives_one_clear_line_and_stores_nothing(
    library: Library, tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(BackupError) as caught:
        restore_backup(library, path)
    message = str(caught.value)
    assert message.startswith(str(path)) and reason in message and "\n" not in message
    assert library.is_empty()


def test_a_backup_from_a_newer_dateline_is_refused(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text('{"format": "dateline-backup", "version": 1, "schema": 99, "tables": {}}')
    snapshot = read_backup(path)
    with pytest.raises(StoreError, match="schema 99"):
        library.load_snapshot(snapshot)
    assert library.is_empty()


def test_backup_to_a_missing_folder_is_a_clear_error(seeded: Seeded, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="does not exist"):
        write_backup(seeded.library, tmp_path / "no" / "such" / "backup.json")
    with pytest.raises(BackupError, match="is a folder"):
        write_backup(seeded.library, tmp_path)


def test_a_restored_library_has_the_same_files_as_the_original(tmp_path: Path) -> None:
    """Every file of the store is in the backup: none is left behind, so a
    kind of record added to the store later cannot silently miss backups."""
    original_path = tmp_path / "original" / "library.json"
    original = Library.open(original_path)
    import_seeds(original)
    _fill_side_state(tag_seed_claims(original))
    backup = write_backup(original, tmp_path / "backup.json")
    restored_path = tmp_path / "restored" / "library.json"
    restore_backup(Library.open(restored_path), backup)

    def files(main: Path) -> list[str]:
        """The store's files, less backups of them and derived caches (which
        are worked out again, see store.db.shards.DERIVED)."""
        parts = main.with_name(main.name + ".parts")
        return sorted(
            p.name
            for p in parts.iterdir()
            if not p.name.endswith(".bak") and not p.name.startswith("side-derived-")
        )

    assert files(restored_path) == files(original_path)
    assert json.loads(restored_path.read_bytes()) == json.loads(original_path.read_bytes())
    for name in files(original_path):
        before = json.loads(original_path.with_name("library.json.parts").joinpath(name).read_bytes())
        after = json.loads(restored_path.with_name("library.json.parts").joinpath(name).read_bytes())
        assert after == before, name


def test_a_bidi_control_kept_by_an_older_library_is_marked_on_restore_and_anchors_hold(
    library: Library, tmp_path: Path
) -> None:
    [article] = library.add_articles(
        [ArticleDraft(headline="Dam", paragraphs=("Odd # mark. The dam opened early.",), outlet_name="A")]
    ).added
    claim = library.add_claim(article.id, "The dam opened early.")
    # A library from before import cleaning kept a right-to-left override
    # where the # is: the backup holds it (as JSON escapes it stays valid).
    text = write_backup(library, tmp_path / "backup.json").read_text()
    (tmp_path / "old.json").write_text(text.replace("Odd # mark", "Odd \\u202e mark"))
    restored = Library.memory()
    restore_backup(restored, tmp_path / "old.json")
    body = restored.text(article.id)
    assert "\u202e" not in body and "\ufffd" in body
    (kept,) = restored.claims()
    assert body[kept.anchor.start : kept.anchor.end] == "The dam opened early."
    assert (kept.anchor.start, kept.anchor.end) == (claim.anchor.start, claim.anchor.end)


SCHEMA_1_BACKUP = Path(__file__).with_name("schema1-backup.json")
"""`dateline backup` as Dateline wrote it before schema 2 (the seeds, a
claim, read and star marks, a renamed event, a feed)."""


def test_a_backup_made_before_schema_2_restores_whole(library: Library, tmp_path: Path) -> None:
    old = json.loads(SCHEMA_1_BACKUP.read_bytes())
    assert old["schema"] == 1

    restore_backup(library, SCHEMA_1_BACKUP)

    [event] = library.events()
    assert event.title == "Kremlin denies Trump–Putin call" and event.event.title_pinned
    assert {a.id: a.to_record() for a in library.articles()} == old["tables"]["main"]["articles"]
    [claim] = library.claims()
    assert claim.to_record() == next(iter(old["tables"]["notes"]["claims"].values()))
    assert library.state(claim.article_id).read and library.state(claim.article_id).starred
    assert library.records("feeds") == old["tables"]["side"]["feeds"]
    again = json.loads(backup_bytes(library))
    assert again["tables"] == old["tables"] and again["schema"] == 2
