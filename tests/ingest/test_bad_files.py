"""A corpus of bad inputs, made in tmp_path: each is skipped with one reason,
and the good files beside it still import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import Library
from store.ingest.files import MAX_FILE_BYTES
from store.ingest.importer import import_paths

GOOD = " date 2024-11-11 A good article\n\nIt has one paragraph.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\n \t\n", "empty file"),
    "bom-only.txt": (b"\xef\xbb\xbf", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "binary file, not text"),
    "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary file, not text"),
    "bad-utf8-bom.txt": (b"\xef\xbb\xbf date 2024-01-01 x\n\n\xff\xfe\xfa body", "undecodable"),
    "odd-utf16.txt": (b"\xff\xfe" + " date 2024-01-01 x".encode("utf-16-le") + b"\x00\xd8", "undecodable"),
    "header-only.txt": (b" date 2024-11-11 A headline and nothing else\n", "no body text"),
    "broken.json": (b'{"title": "x",\n "body": }', "malformed JSON at line 2, column 10"),
    "no-body.json": (b'{"title": "x", "date": "2024-01-01", "outlet": "Y"}', "the record has no body"),
    "empty-body.json": (b'{"title": "x", "body": "  \\n\\n "}', "the record has no body"),
    "number-body.json": (b'{"title": "x", "body": 42}', "neither text nor a list of paragraphs"),
    "scalar.json": (b"42", "JSON must be an object or a list of objects"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_skipped_with_its_reason_and_the_rest_imports(
    library: Library, tmp_path: Path, name: str
) -> None:
    content, reason = BAD_FILES[name]
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", GOOD)
    report = import_paths(library, [str(bad), str(good)])
    assert report.imported == 1
    assert len(report.skipped) == 1
    path, said = report.skipped[0]
    assert path == str(bad)
    assert reason in said
    assert [a.headline for a in library.articles()] == ["A good article"]


def test_a_file_over_the_size_cap_is_skipped(tmp_path: Path) -> None:
    library = Library.memory()  # the limit is the importer's; one storage is enough
    padding = b" " * MAX_FILE_BYTES
    big = write(tmp_path, "big.txt", (GOOD.encode() + padding)[: MAX_FILE_BYTES + 1])
    just_fits = write(tmp_path, "fits.txt", (GOOD.encode() + padding)[:MAX_FILE_BYTES])
    report = import_paths(library, [str(big), str(just_fits)])
    assert report.skipped == [(str(big), "larger than the 10 MB limit")]
    assert report.imported == 1


def test_a_missing_path_is_named(library: Library, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    report = import_paths(library, [missing, str(write(tmp_path, "good.txt", GOOD))])
    assert report.skipped == [(missing, "no such file or folder")]
    assert report.imported == 1


def test_a_glob_matching_nothing_is_named(library: Library, tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    report = import_paths(library, [pattern])
    assert report.skipped == [(pattern, "no files match this pattern")]


def test_a_folder_without_article_files_is_named(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "pictures", "a.png", b"\x89PNG")
    report = import_paths(library, [str(tmp_path / "pictures")])
    assert report.skipped == [(str(tmp_path / "pictures"), "no .txt, .json or .jsonl files in this folder")]


def test_a_malformed_jsonl_line_is_skipped_by_its_line_and_the_others_import(
    library: Library, tmp_path: Path
) -> None:
    lines = [
        '{"outlet": "Wire", "date": "2024-11-11", "title": "First", "body": "One."}',
        "",
        '{"outlet": "Wire", "date": "2024-11-11", "title": "Broken", "body": ',
        '{"outlet": "Wire", "date": "2024-11-12", "title": "Third", "body": ["Two.", "Three."]}',
        '{"outlet": "Wire", "date": "2024-11-12", "title": "No body"}',
        "[1, 2]",
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    report = import_paths(library, [str(path)])
    assert report.imported == 2
    assert [p for p, _ in report.skipped] == [f"{path}:3", f"{path}:5", f"{path}:6"]
    assert report.skipped[0][1].startswith("malformed JSON at column ")
    assert report.skipped[1][1] == "the record has no body"
    assert report.skipped[2][1] == "the record is not a JSON object"
    assert sorted(a.headline for a in library.articles()) == ["First", "Third"]


def test_a_bad_record_in_a_json_list_is_named_by_its_number(library: Library, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "list.json",
        '[{"title": "Fine", "body": "Text.", "date": "2024-01-01"}, {"title": "Bodiless"}]',
    )
    report = import_paths(library, [str(path)])
    assert report.imported == 1
    assert report.skipped == [(str(path), "record 2 has no body")]


@pytest.mark.parametrize(
    ("written", "shown"),
    [("2024-02-30", "2024-02-30"), ("2023-13-01", "2023-13-01"), ("yesterday", "yesterday")],
)
def test_an_impossible_date_imports_with_date_unknown_and_a_warning(
    library: Library, tmp_path: Path, written: str, shown: str
) -> None:
    path = write(tmp_path, "odd.txt", f" date {written} Leap day that was not\n\nBody.\n")
    if not written[0].isdigit():
        # A header whose "date" has no digits is not a header: the line is the headline.
        record = f'{{"title": "Leap day that was not", "date": "{written}", "body": "B."}}'
        path = write(tmp_path, "odd.json", record)
    report = import_paths(library, [str(path)])
    assert report.skipped == []
    assert report.warnings == [f'{path}: date "{shown}" is not a real date; imported with date unknown']
    (article,) = library.articles()
    assert article.date is None and article.headline == "Leap day that was not"


def test_unknown_dates_sort_last(library: Library, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", " date 2024-02-30 Unknown\n\nBody one.\n")
    write(tmp_path, "b.txt", " date 2020-01-01 Old\n\nBody two.\n")
    write(tmp_path, "c.txt", " date 2024-06-01 New\n\nBody three.\n")
    import_paths(library, [str(tmp_path)])
    assert [a.headline for a in library.articles()] == ["New", "Old", "Unknown"]


def test_a_text_file_without_a_date_line_imports_with_a_warning(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", "Date night ideas\n\nFirst paragraph.\n")
    report = import_paths(library, [str(path)])
    assert report.warnings == [f"{path}: no date; imported with date unknown"]
    (article,) = library.articles()
    assert (article.headline, article.date) == ("Date night ideas", None)


def test_date_warnings_are_not_repeated_on_reimport(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "odd.txt", " date 2024-02-30 Leap\n\nBody.\n")
    assert len(import_paths(library, [str(path)]).warnings) == 1
    again = import_paths(library, [str(path)])
    assert (again.imported, again.duplicates, again.warnings) == (0, 1, [])


def test_jsonl_warnings_name_the_line(library: Library, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.jsonl",
        '{"title": "A", "body": "a", "date": "2024-01-01"}\n'
        '{"title": "B", "body": "b", "date": "2024-02-30"}\n',
    )
    report = import_paths(library, [str(path)])
    assert report.warnings == [f'{path}:2: date "2024-02-30" is not a real date; imported with date unknown']


def test_feed_style_dates_are_understood(library: Library, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.json",
        '[{"title": "A", "body": "a", "date": "Mon, 11 Nov 2024 10:00:00 GMT"},'
        ' {"title": "B", "body": "b", "date": "2024-11-12T23:59:00+01:00"}]',
    )
    report = import_paths(library, [str(path)])
    assert report.warnings == []
    assert {a.date for a in library.articles()} == {dt.date(2024, 11, 11), dt.date(2024, 11, 12)}


def test_a_jsonl_file_with_no_json_in_it_is_one_skip(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "prose.jsonl", "This is prose.\n\nNot records at all.\nThird line.\n")
    report = import_paths(library, [str(path)])
    assert report.skipped == [
        (
            str(path),
            "not JSON lines (line 1: malformed JSON at column 1: "
            "unexpected character, expected a JSON value)",
        )
    ]


@pytest.mark.parametrize("written", ["1066-10-14", "9999-12-31"])
def test_a_date_no_story_can_have_imports_as_unknown(library: Library, tmp_path: Path, written: str) -> None:
    path = write(tmp_path, "odd.txt", f" date {written} Out of time\n\nBody.\n")
    report = import_paths(library, [str(path)])
    assert report.warnings == [
        f'{path}: date "{written}" is not a plausible date for a story; imported with date unknown'
    ]
    assert [a.date for a in library.articles()] == [None]
