"""A JSONL file is read record by record: no cap on the file, a cap on each
record, and articles stored a batch at a time while the file is read. A
`manifest.json` beside JSON or JSONL files never stops their import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import store.ingest.files as files
import store.ingest.importer as importer
from store import Library
from store.errors import ManifestError
from store.ingest.importer import import_paths
from store.library.articles import AddResult
from store.model import ArticleDraft


def _record(number: int, words: int = 20) -> dict[str, str]:
    return {
        "outlet": "The Courier",
        "date": "2024-11-11",
        "title": f"Story {number}",
        "body": " ".join(f"word{number}x{i}" for i in range(words)) + ".",
    }


def _write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_jsonl_file_over_the_file_cap_imports_and_only_an_oversize_record_is_skipped(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 8 * 1024)
    records: list[object] = [_record(n) for n in range(40)]
    records[17] = _record(17, words=3_000)  # ~30 kB: over the cap on its own
    path = _write_jsonl(tmp_path / "export.jsonl", records)
    assert path.stat().st_size - 30_000 > files.MAX_FILE_BYTES, "the other records alone are over it"

    report = import_paths(library, [str(path)])

    assert report.skipped == [(f"{path}:18", "the record is larger than the 8 kB limit")]
    assert report.imported == 39
    assert {a.headline for a in library.articles()} == {f"Story {n}" for n in range(40) if n != 17}


def test_a_real_size_file_over_ten_megabytes_imports(library: Library, tmp_path: Path) -> None:
    """With the real caps: a dozen records of a megabyte each (of a field
    the importer does not read, which keeps the test quick)."""
    path = _write_jsonl(tmp_path / "big.jsonl", [{**_record(n), "extra": "x" * 2**20} for n in range(12)])
    assert path.stat().st_size > files.MAX_FILE_BYTES
    report = import_paths(library, [str(path)])
    assert (report.imported, report.skipped) == (12, [])


def test_records_are_stored_in_batches_while_the_file_is_read(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", 4)
    path = _write_jsonl(tmp_path / "export.jsonl", [_record(n) for n in range(10)])
    lines_read: list[int] = []
    stored_after: list[tuple[int, int]] = []
    real_add = library.add_articles

    def counting_add(drafts: list[ArticleDraft]) -> AddResult:
        stored_after.append((len(drafts), len(lines_read)))
        return real_add(drafts)

    real_numbered = files.parse_jsonl_lines

    def watching(lines):  # type: ignore[no-untyped-def]
        def counted():  # type: ignore[no-untyped-def]
            for numbered in lines:
                lines_read.append(numbered[0])
                yield numbered

        return real_numbered(counted())

    monkeypatch.setattr(files, "parse_jsonl_lines", watching)
    monkeypatch.setattr(library, "add_articles", counting_add)
    progress: list[tuple[int, int]] = []
    report = import_paths(
        library, [str(path)], on_progress=lambda done, total: progress.append((done, total))
    )

    assert report.imported == 10
    assert [size for size, _ in stored_after] == [4, 4, 2]
    assert stored_after[0][1] < 10, "the first batch is stored before the last line is read"
    assert progress[-1] == (1, 1)


def test_lines_that_are_not_records_are_told_once_each_and_a_binary_file_once(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"not json\n"
        + json.dumps(_record(1)).encode()
        + b"\n\n\xff\xfe\xfd\xfc broken bytes\n"
        + json.dumps(_record(2)).encode()
        + b"\n"
    )
    report = import_paths(library, [str(path)])
    assert report.imported == 2
    assert [where for where, _ in report.skipped] == [f"{path}:1", f"{path}:4"]

    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(bytes(range(1, 32)) * 4000)
    report = import_paths(library, [str(binary)])
    assert report.skipped == [(str(binary), "binary file, not text")]

    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n \n")
    assert import_paths(library, [str(empty)]).skipped == [(str(empty), "empty file")]


def test_a_utf16_jsonl_file_is_still_read(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(
        b"\xff\xfe" + (json.dumps(_record(1)) + "\n" + json.dumps(_record(2)) + "\n").encode("utf-16-le")
    )
    report = import_paths(library, [str(path)])
    assert (report.imported, report.skipped) == (2, [])


def test_a_bad_manifest_beside_json_files_is_a_warning_not_a_stop(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "manifest.json").write_text('{"version": 2, "items": ["a.jsonl"]}', encoding="utf-8")
    _write_jsonl(folder / "a.jsonl", [_record(1)])
    (folder / "b.json").write_text(json.dumps(_record(2)), encoding="utf-8")

    report = import_paths(library, [str(folder)])

    assert (report.imported, report.skipped) == (2, [])
    assert report.warnings == [
        f'manifest {folder / "manifest.json"}: unknown key "items" (expected about, files); '
        "the JSON and JSONL files beside it import without it"
    ]
    report = import_paths(library, [str(folder / "a.jsonl")])
    assert report.duplicates == 1 and len(report.warnings) == 1, "named one by one, the same"


def test_a_bad_manifest_beside_seed_files_still_stops_the_import(library: Library, tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "a.txt").write_text(" date 2024-11-11 A\n\nBody.\n", encoding="utf-8")
    _write_jsonl(tmp_path / "b.jsonl", [_record(1)])
    with pytest.raises(ManifestError, match="malformed JSON"):
        import_paths(library, [str(tmp_path)])
    assert library.article_count() == 0
