"""The same article imported once without an outlet and once with one is one
article: the second import counts it as already there (and, if it named an
outlet, says where it is), and the stored article keeps its id and outlet.
The same text from two named outlets stays two articles (a wire story run by
both)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from store import Library
from store.ingest.importer import import_paths
from store.model import ArticleDraft
from tests.tui.cli.helpers import run

TEXT = (
    " date 2024-11-11 Kremlin denies Trump-Putin call\n\n"
    "Dmitry Peskov called the report pure fiction.\n\n"
    "The Washington Post cited anonymous sources.\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _outlet_names(library: Library) -> list[str]:
    return [library.outlet_name(a.outlet_id) for a in library.articles()]


def test_named_after_unnamed_is_recognised_and_says_how_to_name_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, article_file: Path
) -> None:
    db = str(tmp_path / "lib" / "library.json")
    assert run(capsys, "--db", db, "import", str(article_file))[0] == 0
    (first,) = Library.open(db).articles()
    placeholder = Library.open(db).outlet_name(first.outlet_id)
    assert placeholder.startswith("Unnamed outlet ")

    code, out, err = run(capsys, "--db", db, "import", str(article_file), "--outlet", "The Daily")
    assert code == 0
    assert out == "imported 0, skipped 0 (1 already in the library)\n"
    assert err == (
        f"dateline: {article_file}: already in the library as {first.id} from {placeholder}, "
        f"so not imported again for The Daily "
        f"(to name its outlet: dateline outlets rename '{placeholder}' 'The Daily')\n"
    )
    library = Library.open(db)
    assert library.articles() == [first]  # same id, same outlet: nothing was changed behind the user's back

    # The hint works, and afterwards the named import is a plain, quiet re-import.
    assert run(capsys, "--db", db, "outlets", "rename", placeholder, "The Daily")[0] == 0
    assert run(capsys, "--db", db, "import", str(article_file), "--outlet", "The Daily") == (
        0,
        "imported 0, skipped 0 (1 already in the library)\n",
        "",
    )
    library = Library.open(db)
    assert [a.id for a in library.articles()] == [first.id]
    assert _outlet_names(library) == ["The Daily"]


def test_unnamed_after_named_is_a_quiet_re_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, article_file: Path
) -> None:
    db = str(tmp_path / "lib" / "library.json")
    assert run(capsys, "--db", db, "import", str(article_file), "--outlet", "The Daily")[0] == 0
    (first,) = Library.open(db).articles()
    assert run(capsys, "--db", db, "import", str(article_file)) == (
        0,
        "imported 0, skipped 0 (1 already in the library)\n",
        "",
    )
    library = Library.open(db)
    assert library.articles() == [first]
    assert [o.name for o in library.outlets()] == ["The Daily"]


def test_both_orders_in_one_import_store_one_article(library: Library, tmp_path: Path) -> None:
    named = tmp_path / "named"
    named.mkdir()
    (named / "a.txt").write_text(TEXT, encoding="utf-8")
    (named / "manifest.json").write_text(json.dumps({"files": {"a.txt": {"outlet": "The Daily"}}}))
    (tmp_path / "z.txt").write_text(TEXT, encoding="utf-8")  # the same text, no outlet
    report = import_paths(library, [str(tmp_path / "z.txt"), str(named)])
    assert (report.imported, report.duplicates, report.skipped) == (1, 1, [])
    assert len(library.articles()) == 1
    report = import_paths(library, [str(named), str(tmp_path / "z.txt")])
    assert (report.imported, report.duplicates) == (0, 2)
    assert len(library.articles()) == 1


def test_a_json_record_with_its_own_id_is_recognised_too(library: Library, tmp_path: Path) -> None:
    record = {
        "id": "story-17",
        "date": "2024-11-11",
        "title": "Kremlin denies call",
        "body": "Peskov: fiction.",
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert import_paths(library, [str(path)]).imported == 1
    report = import_paths(library, [str(path)], outlet="The Daily")
    assert (report.imported, report.duplicates) == (0, 1)
    assert "already in the library" in report.warnings[0]
    assert len(library.articles()) == 1


def test_two_named_outlets_running_the_same_text_are_two_articles(
    library: Library, article_file: Path
) -> None:
    import_paths(library, [str(article_file)], outlet="The Daily")
    report = import_paths(library, [str(article_file)], outlet="The Evening Post")
    assert (report.imported, report.duplicates, report.warnings) == (1, 0, [])
    assert sorted(_outlet_names(library)) == ["The Daily", "The Evening Post"]


def test_a_placeholder_the_user_renamed_is_a_named_outlet(library: Library, article_file: Path) -> None:
    import_paths(library, [str(article_file)])
    (article,) = library.articles()
    library.rename_outlet(library.outlet_name(article.outlet_id), "The Daily")
    report = import_paths(library, [str(article_file)], outlet="The Evening Post")
    assert report.imported == 1
    assert sorted(_outlet_names(library)) == ["The Daily", "The Evening Post"]


def test_another_date_is_another_article(library: Library, tmp_path: Path, article_file: Path) -> None:
    import_paths(library, [str(article_file)])
    later = tmp_path / "later.txt"
    later.write_text(TEXT.replace("2024-11-11", "2024-11-12"), encoding="utf-8")
    report = import_paths(library, [str(later)], outlet="The Daily")
    assert (report.imported, report.duplicates) == (1, 0)
    assert len(library.articles()) == 2


def test_a_copy_a_killed_import_left_ungrouped_gets_a_story(library: Library, article_file: Path) -> None:
    library.add_articles(  # what an import killed before grouping leaves: an article with no event
        [
            ArticleDraft(
                headline="Kremlin denies Trump-Putin call",
                paragraphs=(
                    "Dmitry Peskov called the report pure fiction.",
                    "The Washington Post cited anonymous sources.",
                ),
                date=dt.date(2024, 11, 11),
            )
        ]
    )
    (stored,) = library.articles()
    assert stored.event_id is None
    report = import_paths(library, [str(article_file)], outlet="The Daily")
    assert report.duplicates == 1
    (article,) = library.articles()
    assert article.id == stored.id and article.event_id is not None
