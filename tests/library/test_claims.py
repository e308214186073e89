"""Claims: anchored to their quote, edited, removed and restored with links."""

from __future__ import annotations

import pytest

from store import ClaimKind, Event, Library, StoreError, Verdict
from store.library import ANCHOR_CONTEXT
from tests.library.helpers import add_one, reopen


def test_a_claim_is_anchored_at_its_quote(library: Library) -> None:
    article_id = add_one(library)
    text = library.text(article_id)

    claim = library.add_claim(
        article_id,
        "  pure fiction ",
        claimant=" Dmitry Peskov ",
        kind=ClaimKind.DENIAL,
        tags=["kremlin", " kremlin", "", "call"],
    )

    anchor = claim.anchor
    assert anchor.exact == "pure fiction" == text[anchor.start : anchor.end]
    assert anchor.prefix == text[anchor.start - ANCHOR_CONTEXT : anchor.start]
    assert anchor.suffix == text[anchor.end : anchor.end + ANCHOR_CONTEXT]
    assert (claim.claimant, claim.kind, claim.verdict, claim.tags) == (
        "Dmitry Peskov",
        ClaimKind.DENIAL,
        Verdict.UNVERIFIED,
        ("kremlin", "call"),
    )
    assert reopen(library).claim(claim.id) == claim


def test_a_start_offset_picks_a_later_occurrence(library: Library) -> None:
    article_id = add_one(library, paragraphs=("He said no.", "Then he said no again."))
    text = library.text(article_id)
    later = text.rindex("said no")
    assert library.add_claim(article_id, "said no", start=later).anchor.start == later
    assert library.add_claim(article_id, "said no", start=3).anchor.start == text.index("said no")


@pytest.mark.parametrize(
    ("quote", "kwargs", "message"),
    [
        ("not in the text", {}, "does not occur"),
        ("   ", {}, "empty"),
        ("pure fiction", {"kind": "rumour"}, "not a claim kind"),
    ],
)
def test_bad_claims_are_refused_and_nothing_is_stored(
    library: Library, quote: str, kwargs: dict, message: str
) -> None:
    article_id = add_one(library)
    with pytest.raises(StoreError, match=message):
        library.add_claim(article_id, quote, **kwargs)
    with pytest.raises(StoreError, match="no article"):
        library.add_claim("0000000000000000", "pure fiction")
    assert reopen(library).claims() == []


def test_updating_a_claim_keeps_its_creation_time(library: Library) -> None:
    claim = library.add_claim(add_one(library), "pure fiction")
    updated = library.update_claim(claim.id, verdict="false", tags=["a", "a", "b"], note="checked")
    assert (updated.verdict, updated.tags, updated.note) == (Verdict.FALSE, ("a", "b"), "checked")
    assert updated.created == claim.created and updated.updated > claim.updated
    assert reopen(library).claim(claim.id) == updated
    with pytest.raises(StoreError, match="no editable field"):
        library.update_claim(claim.id, article_id="elsewhere")
    with pytest.raises(StoreError, match="no claim"):
        library.update_claim("ab-nothing", note="x")


def linked_pair(library: Library) -> tuple[str, str]:
    a = library.add_claim(add_one(library, outlet="A"), "pure fiction")
    b = library.add_claim(add_one(library, outlet="B"), "pure fiction")
    library.link_claims(a.id, b.id)
    return a.id, b.id


def test_links_are_symmetric(library: Library) -> None:
    a, b = linked_pair(library)
    again = reopen(library)
    assert again.claim(a).links == (b,) and again.claim(b).links == (a,)  # type: ignore[union-attr]
    library.link_claims(b, a, linked=False)
    again = reopen(library)
    assert again.claim(a).links == () and again.claim(b).links == ()  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="itself"):
        library.link_claims(a, a)


def test_removing_a_claim_unlinks_it_and_restoring_relinks_it(library: Library) -> None:
    a, b = linked_pair(library)
    removed = library.remove_claim(a)
    assert library.claim(a) is None and library.claim(b).links == ()  # type: ignore[union-attr]

    library.restore_claim(removed)

    again = reopen(library)
    assert again.claim(a) == removed
    assert again.claim(b).links == (a,)  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="no claim"):
        library.remove_claim("ab-nothing")


def test_claims_by_article_and_by_event(library: Library) -> None:
    first, second, other = (add_one(library, outlet=o) for o in ("A", "B", "C"))
    library.save_grouping(
        [Event("e1", "Call"), Event("e2", "Other")], {first: "e1", second: "e1", other: "e2"}
    )
    c1 = library.add_claim(first, "pure fiction")
    c2 = library.add_claim(second, "Dmitry Peskov")
    c3 = library.add_claim(other, "pure fiction")
    again = reopen(library)
    assert again.claims(article_id=first) == [c1]
    assert {c.id for c in again.claims(event_id="e1")} == {c1.id, c2.id}
    assert {c.id for c in again.claims()} == {c1.id, c2.id, c3.id}
    assert again.claims(event_id="missing") == []
