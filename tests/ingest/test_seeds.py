"""The two bundled seed articles, imported as a new user would get them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from store import Article, Library
from store.ingest.importer import import_paths
from store.ingest.seeds import seed_if_empty
from tests.conftest import SEEDS

AP_FILE = "000_96de980abcfa7371.txt"
PHOTO_FILE = "004_7859af021b71e4e3.txt"


def by_file(library: Library) -> dict[str, Article]:
    return {Path(a.source or "").name: a for a in library.articles()}


def test_seed_folder_imports_both_articles_with_outlets_from_its_manifest(library: Library) -> None:
    report = import_paths(library, [str(SEEDS)])
    assert (report.imported, report.skipped, report.warnings) == (2, [], [])
    articles = by_file(library)
    names = {f: library.find_outlet(a.outlet_id).name for f, a in articles.items()}  # type: ignore[union-attr]
    assert names == {AP_FILE: "Outlet A", PHOTO_FILE: "Outlet B"}
    assert all(a.date == dt.date(2024, 11, 11) for a in articles.values())


def test_wire_credit_is_kept_apart_from_the_headline(library: Library) -> None:
    import_paths(library, [str(SEEDS)])
    article = by_file(library)[AP_FILE]
    assert "via Associated Press" not in article.headline
    assert article.headline.endswith("and Donald Trump.")
    assert article.credit == "via Associated Press"


def test_credit_is_found_without_the_manifest(library: Library, tmp_path: Path) -> None:
    shutil.copy(SEEDS / AP_FILE, tmp_path / AP_FILE)
    import_paths(library, [str(tmp_path / AP_FILE)])
    (article,) = library.articles()
    assert article.credit == "via Associated Press"
    assert "via Associated Press" not in article.headline
    assert not library.outlet(article.outlet_id).named  # type: ignore[union-attr]


def test_photo_caption_and_credits_are_not_body_text(library: Library) -> None:
    import_paths(library, [str(SEEDS)])
    article = by_file(library)[PHOTO_FILE]
    paragraphs = library.paragraphs(article.id)
    text = library.text(article.id)
    assert "©" not in text and "Getty Images" not in text and "(L)" not in text
    assert paragraphs[0].startswith(
        "US President-elect Donald Trump and Russian President Vladimir Putin "
        "did not have a phone conversation"
    )
    assert paragraphs[-1].endswith("who spoke on condition of anonymity.")
    assert len(paragraphs) == 8


def test_paragraphs_follow_the_blank_lines(library: Library) -> None:
    import_paths(library, [str(SEEDS)])
    article = by_file(library)[AP_FILE]
    paragraphs = library.paragraphs(article.id)
    assert len(paragraphs) == 13
    assert paragraphs[0] == (
        "Vladimir Putin’s spokesperson has rejected the reports of a phone call between the "
        "Russian president and Donald Trump as “pure fiction”."
    )
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


def test_the_seeds_form_one_event_of_two_outlets(library: Library) -> None:
    import_paths(library, [str(SEEDS)])
    (event,) = library.events()
    assert len(event.article_ids) == 2 and len(event.outlet_ids) == 2


def test_reimporting_the_seeds_changes_nothing(library: Library) -> None:
    import_paths(library, [str(SEEDS)])
    before = (library.articles(), library.outlets(), library.events())
    report = import_paths(library, [str(SEEDS)])
    assert (report.imported, report.duplicates, report.skipped) == (0, 2, [])
    assert (library.articles(), library.outlets(), library.events()) == before


def test_first_run_seeds_an_empty_library_once(library: Library) -> None:
    assert seed_if_empty(library) is True
    assert library.article_count() == 2
    assert seed_if_empty(library) is False
    assert library.article_count() == 2


def test_seeded_outlets_are_placeholders_the_user_has_not_named(library: Library) -> None:
    seed_if_empty(library)
    outlets = library.outlets()
    assert [(o.name, o.named) for o in outlets] == [("Outlet A", False), ("Outlet B", False)]
    library.rename_outlet("Outlet A", "Associated Press")
    assert library.find_outlet("Associated Press").named  # type: ignore[union-attr]


def test_a_library_with_articles_is_not_seeded(library: Library, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text(" date 2024-01-02 Mine\n\nMy own article.\n", encoding="utf-8")
    import_paths(library, [str(tmp_path / "mine.txt")])
    assert seed_if_empty(library) is False
    assert [a.headline for a in library.articles()] == ["Mine"]


def test_seeding_uses_the_seeds_directory_setting(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text(" date 2024-01-02 Elsewhere\n\nA seed from elsewhere.\n", encoding="utf-8")
    monkeypatch.setenv("DATELINE_SEEDS", str(seeds))
    assert seed_if_empty(library) is True
    assert [a.headline for a in library.articles()] == ["Elsewhere"]
