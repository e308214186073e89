"""Every export format over the tagged seed event: what a spreadsheet, a
fact-check publisher or an annotation tool would read from it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from store import StoreError
from store.exchange.export import FORMATS, default_export_path, export, write_export
from store.exchange.export.csv_claims import COLUMNS
from tests.exchange.conftest import Seeded


def test_json_carries_claims_with_article_outlet_anchor_and_aligned_claims(seeded: Seeded) -> None:
    document = json.loads(export(seeded.library, "json", seeded.event_id))
    assert document["event"]["id"] == seeded.event_id
    records = {r["id"]: r for r in document["claims"]}
    assert set(records) == {c.id for c in seeded.claims.values()}
    peskov = records[seeded.claims["peskov_a"].id]
    assert peskov["outlet"]["name"] == "Outlet A"
    assert peskov["article"]["id"] == seeded.article_a
    assert peskov["anchor"]["exact"].endswith("it’s pure fiction.")
    assert (peskov["claimant"], peskov["kind"], peskov["verdict"], peskov["tags"]) == (
        "Dmitry Peskov",
        "quote",
        "disputed",
        ["kremlin"],
    )
    assert peskov["created"] and peskov["updated"]
    assert peskov["aligned"] == [
        {
            "id": seeded.claims["peskov_b"].id,
            "article_id": seeded.article_b,
            "outlet": "Outlet B",
            "quote": "This absolutely does not correspond to reality. This is pure fiction.",
        }
    ]


def test_jsonl_is_one_claim_per_line_matching_json(seeded: Seeded) -> None:
    lines = export(seeded.library, "jsonl", seeded.event_id).splitlines()
    document = json.loads(export(seeded.library, "json", seeded.event_id))
    assert [json.loads(line) for line in lines] == document["claims"]


def test_csv_parses_back_one_row_per_claim_and_defuses_formulas(seeded: Seeded) -> None:
    rows = list(csv.DictReader(io.StringIO(export(seeded.library, "csv", seeded.event_id))))
    assert len(rows) == len(seeded.claims)
    assert list(rows[0]) == list(COLUMNS)
    cheung = next(r for r in rows if r["claim_id"] == seeded.claims["cheung_a"].id)
    assert cheung["note"] == "'" + seeded.claims["cheung_a"].note
    assert cheung["tags"] == "trump-team; @handle"
    peskov = next(r for r in rows if r["claim_id"] == seeded.claims["peskov_a"].id)
    assert peskov["outlet"] == "Outlet A" and peskov["aligned_outlets"] == "Outlet B"
    assert peskov["quote"] == seeded.claims["peskov_a"].quote
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_csv_cell_starting_with_formula_character_gets_an_apostrophe(seeded: Seeded) -> None:
    seeded.library.update_claim(seeded.claims["mfa_b"].id, claimant="-2+3", note="@SUM(A1)", tags=["+x"])
    rows = list(csv.DictReader(io.StringIO(export(seeded.library, "csv"))))
    mfa = next(r for r in rows if r["claim_id"] == seeded.claims["mfa_b"].id)
    assert (mfa["claimant"], mfa["note"], mfa["tags"]) == ("'-2+3", "'@SUM(A1)", "'+x")


def test_claimreview_has_one_review_per_judged_claim_with_schema_org_fields(seeded: Seeded) -> None:
    document = json.loads(export(seeded.library, "claimreview", seeded.event_id))
    assert document["@context"] == "https://schema.org"
    reviews = document["@graph"]
    judged = {c.quote: c for c in seeded.claims.values() if c.verdict.value != "unverified"}
    assert {r["claimReviewed"] for r in reviews} == set(judged)
    allowed = {
        "@type",
        "@id",
        "claimReviewed",
        "itemReviewed",
        "reviewRating",
        "datePublished",
        "reviewBody",
        "keywords",
        "url",
        "author",
    }
    for review in reviews:
        assert set(review) <= allowed
        assert review["@type"] == "ClaimReview"
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
        assert item["appearance"]["@type"] == "NewsArticle"
        assert item["appearance"]["publisher"]["name"] in ("Outlet A", "Outlet B")
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        claim = judged[review["claimReviewed"]]
        assert rating["alternateName"].casefold() == claim.verdict.value
        assert review["datePublished"] == claim.updated[:10]
    advantage = next(r for r in reviews if r["claimReviewed"] == seeded.claims["advantage_b"].quote)
    # No claimant: the outlet itself asserts it, so it is the claim's author.
    assert advantage["itemReviewed"]["author"] == {"@type": "Organization", "name": "Outlet B"}
    false_rating = {r["reviewRating"]["alternateName"]: r["reviewRating"]["ratingValue"] for r in reviews}
    assert false_rating["Misleading"] < false_rating["Disputed"] < false_rating["Supported"]


def test_annotations_are_web_annotations_with_quote_and_position_selectors(seeded: Seeded) -> None:
    document = json.loads(export(seeded.library, "annotations", seeded.event_id))
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    items = document["first"]["items"]
    assert document["first"]["type"] == "AnnotationPage" and document["total"] == len(items) == 7
    for annotation in items:
        assert annotation["type"] == "Annotation"
        assert annotation["id"].startswith("urn:") and annotation["created"] and annotation["modified"]
        for body in annotation["body"]:
            assert body["type"] == "TextualBody"
            assert body["purpose"] in {"classifying", "assessing", "tagging", "commenting"}
        # Extensions beyond the model's own terms go under the declared prefix.
        assert all(
            k in {"id", "type", "motivation", "created", "modified", "body", "target"}
            or k.startswith("dateline:")
            for k in annotation
        )
        target = annotation["target"]
        quote, position = target["selector"]
        assert set(quote) == {"type", "exact", "prefix", "suffix"} and quote["type"] == "TextQuoteSelector"
        assert set(position) == {"type", "start", "end"} and position["type"] == "TextPositionSelector"
        article_id = target["source"].removeprefix("urn:dateline:article:")
        text = seeded.library.text(article_id)
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
    cheung = next(a for a in items if a["id"].endswith(seeded.claims["cheung_a"].id))
    assert {b["value"] for b in cheung["body"] if b["purpose"] == "tagging"} == {"trump-team", "@handle"}
    assert cheung["dateline:claimant"] == "Steven Cheung"


def test_markdown_report_has_outlets_matrix_single_outlet_claims_and_wording(seeded: Seeded) -> None:
    report = export(seeded.library, "md", seeded.event_id)
    sections = re.split(r"^## ", report, flags=re.MULTILINE)
    assert sections[0].startswith("# Coverage report:")
    assert [s.splitlines()[0] for s in sections[1:]] == [
        "Outlets",
        "Claim matrix",
        "Claims found in only one outlet",
        "Wording differences",
    ]
    outlets, matrix, singles, wording = sections[1:]
    assert outlets.index("| Outlet A |") < outlets.index("| Outlet B |")
    assert "| # | claim | claimant | Outlet A | Outlet B | denies |" in matrix
    peskov_row = next(line for line in matrix.splitlines() if "Dmitry Peskov" in line)
    assert peskov_row.endswith("| quoted, tagged | quoted, tagged | — |")
    cheung_row = next(line for line in matrix.splitlines() if "Steven Cheung" in line)
    assert cheung_row.endswith("| quoted, tagged | — | — |")
    mfa_row = next(line for line in matrix.splitlines() if "Ukrainian Foreign Ministry" in line)
    assert mfa_row.endswith("| — | quoted, tagged | — |")
    assert "Steven Cheung" in singles and "Ukrainian Foreign Ministry" in singles
    assert "pure fiction" not in singles and "24 hours" not in singles
    assert "“There was no conversation. This is completely untrue; it’s pure fiction.”" in wording
    assert "in 24 hours" in wording and "within 24 hours" in wording


def test_markdown_report_names_the_terms_each_outlet_uses(seeded: Seeded) -> None:
    pytest.importorskip("store.coverage.wording")
    wording = export(seeded.library, "md", seeded.event_id).split("## Wording differences")[1]
    lines = wording.splitlines()
    assert any(line.startswith("| Outlet A | “Kyiv” |") and line.endswith("| “Kiev” |") for line in lines)
    assert any(line.startswith("| Outlet B | “Kiev” |") and line.endswith("| “Kyiv” |") for line in lines)


def test_markdown_escapes_article_text_that_would_break_the_table(seeded: Seeded) -> None:
    seeded.library.update_claim(seeded.claims["mfa_b"].id, claimant="A | B\n# not a heading")
    report = export(seeded.library, "md", seeded.event_id)
    assert "A \\| B \\# not a heading" in report
    assert "\n# not a heading" not in report


def test_export_of_unknown_format_or_event_is_a_clear_error(seeded: Seeded) -> None:
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        export(seeded.library, "xml")
    for fmt in FORMATS:
        with pytest.raises(StoreError, match="no event with id 'nope'"):
            export(seeded.library, fmt, "nope")


def test_exports_of_an_empty_library_are_valid_and_empty(library) -> None:
    assert json.loads(export(library, "json"))["claims"] == []
    assert export(library, "jsonl") == ""
    assert list(csv.reader(io.StringIO(export(library, "csv")))) == [list(COLUMNS)]
    assert json.loads(export(library, "annotations"))["total"] == 0
    assert json.loads(export(library, "claimreview"))["@graph"] == []
    assert "no events" in export(library, "md")


def test_default_export_path_is_in_the_users_folders_and_write_export_writes_it(
    seeded: Seeded, isolated_user_dirs: Path
) -> None:
    event = seeded.library.event(seeded.event_id)
    path = default_export_path(event, "annotations")
    assert isolated_user_dirs in path.parents
    assert seeded.event_id[:8] in path.name and path.name.endswith(".annotations.jsonld")
    assert not path.parent.exists()  # computed, not created
    written = write_export(seeded.library, "md", seeded.event_id)
    assert written == default_export_path(event, "md")
    assert written.read_text(encoding="utf-8") == export(seeded.library, "md", seeded.event_id)


def test_markdown_report_marks_wire_copy_and_counts_independent_outlets(seeded: Seeded) -> None:
    report = export(seeded.library, "md", seeded.event_id)
    assert "· 2 outlets (2 independent) ·" in report  # Outlet A ran the agency's story, B its own
    outlets = report.split("## Outlets")[1].split("## Claim matrix")[0]
    wire = next(line for line in outlets.splitlines() if line.startswith("| Outlet A |"))
    assert wire.endswith("| credits the wire agency Associated Press |")
    assert next(line for line in outlets.splitlines() if line.startswith("| Outlet B |")).endswith("| — |")
