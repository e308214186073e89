"""Where articles come from: JSON records, folders, globs, manifests, the
outlet precedence, and web pages."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from store import AddResult, ArticleDraft, Library
from store.errors import ManifestError
from store.ingest.importer import import_paths


def seed_file(folder: Path, name: str, headline: str, date: str = "2024-11-11") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f" date {date} {headline}\n\nBody of {headline}.\n", encoding="utf-8")
    return path


def outlet_of(library: Library, headline: str) -> str:
    article = next(a for a in library.articles() if a.headline == headline)
    outlet = library.outlet(article.outlet_id)
    assert outlet is not None
    return outlet.name


def test_json_records_carry_every_field(library: Library, tmp_path: Path) -> None:
    record = {
        "outlet": "The Wire",
        "date": "2024-11-11",
        "title": "Kremlin denies call",
        "body": "First paragraph.\n\nSecond\nparagraph.",
        "url": "https://example.org/a",
        "id": "wire-1",
        "lang": "en",
        "credit": "via AP",
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert import_paths(library, [str(path)]).imported == 1
    (article,) = library.articles()
    assert (article.headline, article.date, article.url, article.lang, article.credit) == (
        "Kremlin denies call",
        dt.date(2024, 11, 11),
        "https://example.org/a",
        "en",
        "via AP",
    )
    assert library.paragraphs(article.id) == ("First paragraph.", "Second paragraph.")
    assert outlet_of(library, "Kremlin denies call") == "The Wire"


def test_a_record_id_keeps_an_edited_record_from_being_imported_twice(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "a.json"
    for body in ("First version.", "Edited version."):
        record = {"outlet": "Wire", "id": "../../etc/1", "title": "T", "body": body, "date": "2024-01-01"}
        path.write_text(json.dumps(record), encoding="utf-8")
        import_paths(library, [str(path)])
    (article,) = library.articles()
    assert library.paragraphs(article.id) == ("First version.",)
    other = tmp_path / "b.json"
    other.write_text(json.dumps({"outlet": "Other", "id": "../../etc/1", "title": "T", "body": "x"}))
    assert import_paths(library, [str(other)]).imported == 1  # another source's "1" is another article


def test_a_json_list_and_paragraph_lists(library: Library, tmp_path: Path) -> None:
    records = [
        {"outlet": "A", "date": "2024-11-11", "title": "One", "body": ["P1.", "", "P2."]},
        {"outlet": "B", "date": "2024-11-12", "title": "Two", "body": "Only."},
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert import_paths(library, [str(path)]).imported == 2
    one = next(a for a in library.articles() if a.headline == "One")
    assert library.paragraphs(one.id) == ("P1.", "P2.")


def test_jsonl_without_its_suffix_is_recognised(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(
        '{"title": "One", "body": "a", "date": "2024-01-01"}\n'
        '{"title": "Two", "body": "b", "date": "2024-01-02"}\n',
        encoding="utf-8",
    )
    assert import_paths(library, [str(path)]).imported == 2


def test_a_json_file_is_one_document_or_jsonl_whatever_its_layout(library: Library, tmp_path: Path) -> None:
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps({"title": "Pretty", "body": "a", "date": "2024-01-01"}, indent=2))
    lines = tmp_path / "lines.json"
    lines.write_text(
        '{"title": "Line one", "body": "b", "date": "2024-01-02"}\n'
        '{"title": "Line two", "body": "c", "date": "2024-01-03"}\n',
        encoding="utf-8",
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "Cut", "body": \n', encoding="utf-8")
    report = import_paths(library, [str(pretty), str(lines), str(broken)])
    assert sorted(a.headline for a in library.articles()) == ["Line one", "Line two", "Pretty"]
    assert [(path, reason.split(" at ")[0]) for path, reason in report.skipped] == [
        (str(broken), "malformed JSON")
    ]


def test_outlet_flag_beats_manifest_beats_record(library: Library, tmp_path: Path) -> None:
    (tmp_path / "rec.json").write_text(
        json.dumps(
            [{"outlet": "Record Outlet", "title": t, "body": "x " + t, "date": "2024-01-01"} for t in "ab"]
        ),
        encoding="utf-8",
    )
    (tmp_path / "other.json").write_text(
        json.dumps({"outlet": "Record Outlet", "title": "c", "body": "x c", "date": "2024-01-01"}),
        encoding="utf-8",
    )
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps({"files": {"rec.json": "Manifest Outlet"}}), encoding="utf-8")
    import_paths(library, [str(tmp_path / "rec.json"), str(tmp_path / "other.json")], manifest=str(manifest))
    assert (outlet_of(library, "a"), outlet_of(library, "c")) == ("Manifest Outlet", "Record Outlet")
    seed_file(tmp_path, "s.txt", "Flagged")
    import_paths(library, [str(tmp_path / "s.txt")], outlet="Flag Outlet", manifest=str(manifest))
    assert outlet_of(library, "Flagged") == "Flag Outlet"


def test_without_any_outlet_the_article_gets_an_unnamed_one_to_rename(
    library: Library, tmp_path: Path
) -> None:
    import_paths(library, [str(seed_file(tmp_path, "x.txt", "Nameless"))])
    (outlet,) = library.outlets()
    assert not outlet.named
    library.rename_outlet(outlet.name, "Found It")
    assert outlet_of(library, "Nameless") == "Found It"


def test_a_folder_is_walked_recursively_with_its_manifest(library: Library, tmp_path: Path) -> None:
    root = tmp_path / "news"
    seed_file(root, "a.txt", "Top")
    seed_file(root / "deep" / "er", "b.txt", "Deep")
    seed_file(root / ".hidden", "c.txt", "Hidden")
    (root / "notes.md").write_text("not an article", encoding="utf-8")
    (root / "manifest.json").write_text(
        json.dumps({"files": {"a.txt": "Top Outlet", "deep/er/*.txt": {"outlet": "Deep Outlet"}}}),
        encoding="utf-8",
    )
    report = import_paths(library, [str(root)])
    assert (report.imported, report.skipped) == (2, [])
    assert report.warnings == [f"{root}: ignored 1 file that is not .txt, .json or .jsonl"]
    assert {a.headline: outlet_of(library, a.headline) for a in library.articles()} == {
        "Top": "Top Outlet",
        "Deep": "Deep Outlet",
    }


def test_globs_are_expanded_even_when_the_shell_did_not(library: Library, tmp_path: Path) -> None:
    seed_file(tmp_path / "a", "one.txt", "One")
    seed_file(tmp_path / "a", "two.txt", "Two")
    seed_file(tmp_path / "a" / "sub", "three.txt", "Three")
    seed_file(tmp_path / "a", "four.text", "Four")
    report = import_paths(library, [str(tmp_path / "a" / "*.txt")])
    assert report.imported == 2
    report = import_paths(library, [str(tmp_path / "**" / "*.txt")])
    assert (report.imported, report.duplicates) == (1, 2)
    assert sorted(a.headline for a in library.articles()) == ["One", "Three", "Two"]


def test_a_manifest_beside_named_files_is_used(library: Library, tmp_path: Path) -> None:
    seed_file(tmp_path, "a.txt", "Named")
    (tmp_path / "manifest.json").write_text('{"files": {"a.txt": "Beside"}}', encoding="utf-8")
    import_paths(library, [str(tmp_path / "a.txt")])
    assert outlet_of(library, "Named") == "Beside"


def test_a_manifest_naming_each_of_200000_files_is_read(library: Library, tmp_path: Path) -> None:
    seed_file(tmp_path, "a.txt", "Named")
    files = {f"folder/article-{n:06}.txt": {"outlet": f"Outlet {n % 50}"} for n in range(200_000)}
    files["a.txt"] = {"outlet": "Beside"}
    (tmp_path / "manifest.json").write_text(json.dumps({"files": files}), encoding="utf-8")
    assert (tmp_path / "manifest.json").stat().st_size > 10 * 1024 * 1024
    report = import_paths(library, [str(tmp_path / "a.txt")])
    assert (report.imported, report.skipped) == (1, [])
    assert outlet_of(library, "Named") == "Beside"


def test_naming_a_manifest_as_an_article_file_is_skipped(library: Library, tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"files": {}}', encoding="utf-8")
    report = import_paths(library, [str(tmp_path / "manifest.json")])
    assert report.skipped == [
        (str(tmp_path / "manifest.json"), "this is a manifest; pass it with --manifest")
    ]


def test_the_same_file_named_twice_is_read_once(library: Library, tmp_path: Path) -> None:
    path = seed_file(tmp_path, "a.txt", "Once")
    report = import_paths(library, [str(path), str(tmp_path), str(tmp_path / "*.txt")])
    assert (report.imported, report.duplicates, report.skipped) == (1, 0, [])


def test_the_same_article_in_two_files_is_stored_once(library: Library, tmp_path: Path) -> None:
    first = seed_file(tmp_path, "a.txt", "Twin")
    (tmp_path / "b.txt").write_bytes(first.read_bytes())
    report = import_paths(library, [str(tmp_path)])
    assert (report.imported, report.duplicates) == (1, 1)


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        ("{", "malformed JSON at line 1, column 2"),
        ("[]", 'must be a JSON object with a "files" object'),
        ('{"files": []}', '"files" must be an object'),
        ('{"file": {}}', 'unknown key "file"'),
        ('{"files": {"a.txt": {"outlt": "X"}}}', 'file "a.txt": unknown key "outlt"'),
        ('{"files": {"a.txt": {"outlet": 3}}}', 'file "a.txt": "outlet" must be text'),
        ('{"files": {"a.txt": {"outlet": " "}}}', 'file "a.txt": "outlet" is empty'),
        ('{"files": {"a.txt": 7}}', 'file "a.txt": must be an outlet name'),
    ],
)
def test_a_bad_manifest_stops_the_import_before_anything_is_stored(
    library: Library, tmp_path: Path, manifest: str, reason: str
) -> None:
    seed_file(tmp_path, "a.txt", "Held back")
    path = tmp_path / "m.json"
    path.write_text(manifest, encoding="utf-8")
    with pytest.raises(ManifestError, match=f"^manifest {path}: ") as raised:
        import_paths(library, [str(tmp_path / "a.txt")], manifest=str(path))
    assert reason in str(raised.value)
    assert library.articles() == []


def test_a_missing_manifest_is_an_error(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no such file"):
        import_paths(library, [str(seed_file(tmp_path, "a.txt", "A"))], manifest=str(tmp_path / "none.json"))


def test_web_pages_come_through_the_webpage_module(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fetch_article(url: str) -> ArticleDraft:
        if url.endswith("/broken"):
            raise ValueError("the page has no article text")
        return ArticleDraft(
            headline="From \x1b[1mthe web",
            paragraphs=("One.", "Two\x07."),
            date=None,
            outlet_name="Web Outlet",
            url=url,
        )

    monkeypatch.setitem(
        sys.modules, "store.feeds.webpage", types.SimpleNamespace(fetch_article=fetch_article)
    )
    report = import_paths(library, ["https://example.org/story", "https://example.org/broken"])
    assert report.imported == 1
    assert report.skipped == [("https://example.org/broken", "the page has no article text")]
    assert report.warnings == ["https://example.org/story: no date; imported with date unknown"]
    (article,) = library.articles()
    assert (article.headline, article.url) == ("From the web", "https://example.org/story")
    assert library.paragraphs(article.id) == ("One.", "Two.")
    assert outlet_of(library, "From the web") == "Web Outlet"


def test_web_import_says_when_it_is_not_available(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "store.feeds.webpage", None)  # makes `import store.webpage` fail
    report = import_paths(library, ["http://example.org/x"])
    assert report.skipped == [("http://example.org/x", "web import is not available")]


def test_large_imports_are_stored_in_batches_with_progress(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.ingest.importer

    monkeypatch.setattr(store.ingest.importer, "BATCH_SIZE", 2)
    for number in range(5):
        seed_file(tmp_path, f"{number}.txt", f"Story {number}")
    stored: list[int] = []
    real_add = library.add_articles

    def counting_add(drafts: list[ArticleDraft]) -> AddResult:
        stored.append(len(drafts))
        return real_add(drafts)

    monkeypatch.setattr(library, "add_articles", counting_add)
    progress: list[tuple[int, int]] = []
    report = import_paths(
        library, [str(tmp_path)], on_progress=lambda done, total: progress.append((done, total))
    )
    assert report.imported == 5 and library.article_count() == 5
    assert stored == [2, 2, 1]
    assert progress == [(2, 5), (4, 5), (5, 5)]


def test_a_pipe_is_not_read(library: Library, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = import_paths(library, [str(fifo)])
    assert report.skipped == [(str(fifo), "not a regular file")]


def test_an_interrupted_import_keeps_what_it_stored_and_groups_it(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.ingest.files
    import store.ingest.importer

    monkeypatch.setattr(store.ingest.importer, "BATCH_SIZE", 1)
    for number in range(3):
        seed_file(tmp_path, f"{number}.txt", f"Story {number}")
    real_read = store.ingest.files.read_user_file

    def interrupted_on_the_last(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("2.txt"):
            raise KeyboardInterrupt
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(store.ingest.files, "read_user_file", interrupted_on_the_last)
    with pytest.raises(KeyboardInterrupt):
        import_paths(library, [str(tmp_path)])
    assert sorted(a.headline for a in library.articles()) == ["Story 0", "Story 1"]
    assert all(a.event_id for a in library.articles())


def test_articles_left_ungrouped_by_a_killed_import_are_grouped_on_reimport(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.ingest.importer

    path = seed_file(tmp_path, "a.txt", "Orphan")

    # killed before grouping
    def never_grouped(*args: object, **options: object) -> object:
        return lambda stored: set()

    monkeypatch.setattr(store.ingest.importer, "start_grouping", never_grouped)
    monkeypatch.setattr(store.ingest.importer, "group_articles", lambda library, ids, **options: None)
    import_paths(library, [str(path)])
    assert [a.event_id for a in library.articles()] == [None]
    monkeypatch.undo()
    report = import_paths(library, [str(path)])
    assert (report.imported, report.duplicates) == (0, 1)
    assert [a.event_id is not None for a in library.articles()] == [True]
    assert len(library.events()) == 1
