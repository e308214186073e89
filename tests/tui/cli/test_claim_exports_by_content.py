"""Claim exports come back in through `dateline import` whatever their file
is called, and a partial placement says how many claims were placed and
which were not, and why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tui.cli.helpers import run

WIRE = SEEDS / "000_96de980abcfa7371.txt"
OTHER = SEEDS / "004_7859af021b71e4e3.txt"


def _library_with_claims(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, list[str]]:
    """A library of both seed articles with two claims in the wire article
    and one in the other; returns it and the claim ids, in that order."""
    db = str(tmp_path / "first" / "library.json")
    run(capsys, "--db", db, "import", str(SEEDS))
    articles = json.loads(run(capsys, "--db", db, "articles", "--json")[1])
    wire = next(a["id"] for a in articles if a["source"].endswith(WIRE.name))
    other = next(a["id"] for a in articles if a["id"] != wire)
    ids = []
    for article, quote, claimant in (
        (wire, "There was no conversation.", "Dmitry Peskov"),
        (wire, "There are no concrete plans yet.", "Dmitry Peskov"),
        (other, "This is pure fiction.", "Dmitry Peskov"),
    ):
        code, out, err = run(
            capsys, "--db", db, "claims", "add", article, "--quote", quote, "--claimant", claimant
        )
        assert code == 0, err
        ids.append(out.strip())
    return db, ids


def _spans(capsys: pytest.CaptureFixture[str], db: str) -> list[tuple[str, int, int]]:
    claims = json.loads(run(capsys, "--db", db, "claims", "--json")[1])
    return sorted((c["anchor"]["exact"], c["anchor"]["start"], c["anchor"]["end"]) for c in claims)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("annotations", "exp.annotations"),
        ("jsonl", "claims.txt"),
        ("json", "claims.data"),
        ("jsonl", "no-suffix"),
    ],
)
def test_a_claim_export_is_told_by_its_content(capsys, tmp_path: Path, fmt: str, name: str) -> None:
    first, _ = _library_with_claims(capsys, tmp_path)
    export = tmp_path / name
    assert run(capsys, "--db", first, "export", "--format", fmt, "-o", str(export))[0] == 0

    second = str(tmp_path / "second" / "library.json")
    code, out, err = run(capsys, "--db", second, "import", str(export), str(SEEDS))
    assert (code, out, err) == (0, "imported 2, skipped 0; placed 3 claims\n", "")
    assert _spans(capsys, second) == _spans(capsys, first)


def test_a_list_of_web_annotations_is_a_claim_export_too(capsys, tmp_path: Path) -> None:
    first, _ = _library_with_claims(capsys, tmp_path)
    collection = json.loads(run(capsys, "--db", first, "export", "--format", "annotations")[1])
    listed = tmp_path / "annotations.json"
    listed.write_text(json.dumps(collection["first"]["items"], indent=2), encoding="utf-8")
    second = str(tmp_path / "second" / "library.json")
    code, out, _ = run(capsys, "--db", second, "import", str(SEEDS), str(listed))
    assert (code, out) == (0, "imported 2, skipped 0; placed 3 claims\n")


def test_a_partial_placement_says_how_many_and_which_not_and_why(capsys, tmp_path: Path) -> None:
    first, ids = _library_with_claims(capsys, tmp_path)
    export = tmp_path / "exp.annotations"
    run(capsys, "--db", first, "export", "--format", "annotations", "-o", str(export))
    # The article of the third claim is not imported; the second claim's words are gone from its article.
    edited = tmp_path / "edited" / WIRE.name
    edited.parent.mkdir()
    shutil.copy(SEEDS / "manifest.json", edited.parent / "manifest.json")
    text = WIRE.read_text(encoding="utf-8").replace("There are no concrete plans yet.", "Nothing is planned.")
    edited.write_text(text, encoding="utf-8")

    second = str(tmp_path / "second" / "library.json")
    code, out, err = run(capsys, "--db", second, "import", str(edited), str(export))

    assert (code, out) == (1, "imported 1, skipped 2; placed 1 claim\n")
    *skipped, summary = err.splitlines()
    [gone] = [line for line in skipped if ids[1] in line]
    [elsewhere] = [line for line in skipped if ids[2] in line]
    gone_label = gone.split(": claim ")[1].split(": ")[0]
    elsewhere_label = elsewhere.split(": claim ")[1].split(": ")[0]
    assert gone == (
        f"dateline: skipped {export}: claim {gone_label}: its quote 'There are no concrete plans yet.' "
        f"is no longer in article {_only_article(capsys, second)}"
    )
    assert elsewhere.startswith(f"dateline: skipped {export}: claim {elsewhere_label}: its article ")
    assert elsewhere.endswith("is not in the library")
    assert summary.startswith(f"dateline: {export}: placed 1 of 3 claims; not placed: ")
    assert sorted(summary.split("not placed: ")[1].split(", ")) == sorted([gone_label, elsewhere_label])
    assert [exact for exact, _, _ in _spans(capsys, second)] == ["There was no conversation."]


def _only_article(capsys: pytest.CaptureFixture[str], db: str) -> str:
    [article] = json.loads(run(capsys, "--db", db, "articles", "--json")[1])
    return str(article["id"])
