"""`dateline claims edit`, quotes that stand in several places, and links
that only join claims of different articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Library
from tests.tui.cli.helpers import run, seeded_db

WIRE_HEADLINE_START = "The spokesperson for Vladimir Putin"
"""The seed article (000) in which "pure fiction" occurs twice."""


def _articles(capsys: pytest.CaptureFixture[str], db: str) -> tuple[str, str]:
    """The wire article (000) and the other seed article (004)."""
    found = json.loads(run(capsys, "--db", db, "articles", "--json")[1])
    wire = next(a["id"] for a in found if a["headline"].startswith(WIRE_HEADLINE_START))
    other = next(a["id"] for a in found if a["id"] != wire)
    return wire, other


def _claims(capsys: pytest.CaptureFixture[str], db: str) -> list[dict]:
    return json.loads(run(capsys, "--db", db, "claims", "--json")[1])


def _tag(capsys: pytest.CaptureFixture[str], db: str, article: str, *options: str) -> str:
    code, out, err = run(capsys, "--db", db, "claims", "add", article, *options)
    assert code == 0, err
    return out.strip()


def test_a_quote_in_several_places_is_refused_until_one_is_chosen(capsys, tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    wire, _ = _articles(capsys, db)
    code, out, err = run(capsys, "--db", db, "claims", "add", wire, "--quote", "pure fiction")
    assert (code, out) == (1, "")
    assert err == (
        f"dateline: the quote occurs 2 times in article {wire}: "
        "add words to it, or pick one with --occurrence N (1 for the first)\n"
    )
    assert _claims(capsys, db) == [], "nothing is tagged on a guess"

    text = Library.open(db).text(wire)
    second = _tag(capsys, db, wire, "--quote", "pure fiction", "--occurrence", "2")
    [claim] = _claims(capsys, db)
    assert claim["id"] == second
    assert claim["anchor"]["start"] == text.index("pure fiction", text.index("pure fiction") + 1)

    code, _, err = run(
        capsys, "--db", db, "claims", "add", wire, "--quote", "pure fiction", "--occurrence", "3"
    )
    assert code == 1 and err == (
        f"dateline: the quote occurs 2 times in article {wire}, so there is no occurrence 3\n"
    )
    # More words make it one place; typed quotes count as the article's own.
    _tag(capsys, db, wire, "--quote", "This is completely untrue; it's pure fiction")
    assert len(_claims(capsys, db)) == 2


def test_claims_edit_changes_what_is_given_and_keeps_the_rest(capsys, tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    wire, _ = _articles(capsys, db)
    claim_id = _tag(
        capsys, db, wire, "--quote", "There was no conversation.", "--claimant", "Peskov", "--tag", "kremlin"
    )
    code, out, err = run(
        capsys, "--db", db, "claims", "edit", claim_id[:10], "--claimant", "Dmitry Peskov",
        "--kind", "denial", "--verdict", "disputed", "--note", "said on Monday",
    )  # fmt: skip
    assert (code, out, err) == (0, f"edited {claim_id}\n", "")
    [claim] = _claims(capsys, db)
    assert (claim["claimant"], claim["kind"], claim["verdict"], claim["note"], claim["tags"]) == (
        "Dmitry Peskov",
        "denial",
        "disputed",
        "said on Monday",
        ["kremlin"],
    )
    assert claim["anchor"]["exact"] == "There was no conversation."

    code, out, _ = run(capsys, "--db", db, "claims", "edit", claim_id, "--tag", "denials", "--tag", "tass")
    assert code == 0 and _claims(capsys, db)[0]["tags"] == ["denials", "tass"]
    run(capsys, "--db", db, "claims", "edit", claim_id, "--tag", "")
    assert _claims(capsys, db)[0]["tags"] == []


def test_a_new_quote_places_the_claim_again_in_its_article(capsys, tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    wire, _ = _articles(capsys, db)
    text = Library.open(db).text(wire)
    claim_id = _tag(capsys, db, wire, "--quote", "There was no conversation.", "--claimant", "Peskov")

    code, _, err = run(capsys, "--db", db, "claims", "edit", claim_id, "--quote", "pure fiction")
    assert code == 1 and "occurs 2 times" in err and "--occurrence N" in err
    assert _claims(capsys, db)[0]["anchor"]["exact"] == "There was no conversation.", "left as it was"

    code, out, _ = run(
        capsys, "--db", db, "claims", "edit", claim_id, "--quote", "pure fiction", "--occurrence", "2"
    )
    assert (code, out) == (0, f"edited {claim_id}\n")
    [claim] = _claims(capsys, db)
    start = text.index("pure fiction", text.index("pure fiction") + 1)
    assert claim["anchor"]["start"] == start and claim["anchor"]["end"] == start + len("pure fiction")
    assert claim["anchor"]["prefix"] == text[start - len(claim["anchor"]["prefix"]) : start]
    assert claim["claimant"] == "Peskov", "the rest stays"

    # Typed with straight quotes: the claim keeps the article's own characters.
    run(capsys, "--db", db, "claims", "edit", claim_id, "--quote", 'as "pure fiction"')
    assert _claims(capsys, db)[0]["anchor"]["exact"] == "as “pure fiction”"

    code, _, err = run(capsys, "--db", db, "claims", "edit", claim_id, "--quote", "not in the article")
    assert code == 1 and "does not occur" in err


def test_claims_edit_refuses_nothing_to_do_and_unknown_ids(capsys, tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    wire, _ = _articles(capsys, db)
    claim_id = _tag(capsys, db, wire, "--quote", "There was no conversation.")
    code, out, err = run(capsys, "--db", db, "claims", "edit", claim_id)
    assert (code, out) == (2, "")
    assert (
        err == "dateline: nothing to change: give --quote, --claimant, --kind, --verdict, --tag or --note\n"
    )
    code, _, err = run(capsys, "--db", db, "claims", "edit", claim_id, "--occurrence", "2")
    assert code == 2 and err == "dateline: --occurrence goes with --quote\n"
    code, _, err = run(capsys, "--db", db, "claims", "edit", "zzzz", "--claimant", "X")
    assert code == 1 and err == "dateline: no claim with id 'zzzz' (see `dateline claims`)\n"


def test_link_refuses_two_claims_of_one_article(capsys, tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    wire, other = _articles(capsys, db)
    first = _tag(capsys, db, wire, "--quote", "There was no conversation.")
    second = _tag(capsys, db, wire, "--quote", "it's pure fiction")
    elsewhere = _tag(capsys, db, other, "--quote", "This is pure fiction.")

    code, out, err = run(capsys, "--db", db, "claims", "link", first, second)
    assert (code, out) == (1, "")
    assert err == (
        f"dateline: claims {first} and {second} are both in article {wire}; "
        "a link joins the same claim in two articles\n"
    )
    assert all(c["links"] == [] for c in _claims(capsys, db))
    assert run(capsys, "--db", db, "claims", "link", second, elsewhere)[0] == 0
    # A link between two claims of one article made before this rule can still be undone.
    library = Library.open(db)
    claim = library.claim(first)
    assert claim is not None
    library.put_claim(claim.with_changes(links=(second,)))
    assert run(capsys, "--db", db, "claims", "unlink", first, second)[0] == 0
    assert Library.open(db).claim(first).links == ()  # type: ignore[union-attr]
