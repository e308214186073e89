"""Alignment of claims across outlets, and the user's links and unlinks."""

from __future__ import annotations

from store import ClaimKind
from store.coverage.alignment import align_event, unlink_claims
from tests.coverage.conftest import SeedEvent


def _tag(seeds: SeedEvent) -> dict[str, str]:
    library = seeds.library
    tags = {
        "peskov_a": (
            seeds.wire,
            "There was no conversation. This is completely untrue; it’s pure fiction.",
            "Dmitry Peskov",
            ClaimKind.DENIAL,
        ),
        "peskov_b": (
            seeds.other,
            "This absolutely does not correspond to reality. This is pure fiction.",
            "Dmitry Peskov",
            ClaimKind.DENIAL,
        ),
        "trump_a": (
            seeds.wire,
            "Trump promised to stop the war within 24 hours",
            "Donald Trump",
            ClaimKind.PREDICTION,
        ),
        "trump_b": (
            seeds.other,
            "he could end the Ukraine conflict “in 24 hours,”",
            "Donald Trump",
            ClaimKind.PREDICTION,
        ),
        "cheung": (
            seeds.wire,
            "leaders from around the world know America will return to prominence",
            "Steven Cheung",
            ClaimKind.QUOTE,
        ),
        "mfa": (
            seeds.other,
            "Reports that the Ukrainian side was informed in advance of the alleged call are false",
            "Ukrainian Foreign Ministry",
            ClaimKind.DENIAL,
        ),
    }
    return {
        name: library.add_claim(article, quote, claimant=claimant, kind=kind).id
        for name, (article, quote, claimant, kind) in tags.items()
    }


def test_same_claims_in_both_outlets_are_linked(seeds: SeedEvent) -> None:
    ids = _tag(seeds)
    made = align_event(seeds.library, seeds.event_id)
    claim = seeds.library.claim
    assert ids["peskov_b"] in claim(ids["peskov_a"]).links  # type: ignore[union-attr]
    assert ids["trump_b"] in claim(ids["trump_a"]).links  # type: ignore[union-attr]
    assert claim(ids["cheung"]).links == ()  # type: ignore[union-attr]
    assert claim(ids["mfa"]).links == ()  # type: ignore[union-attr]
    assert made == 2
    assert align_event(seeds.library, seeds.event_id) == 0


def test_a_link_the_user_removed_is_not_made_again(seeds: SeedEvent) -> None:
    ids = _tag(seeds)
    align_event(seeds.library, seeds.event_id)
    seeds.library.link_claims(ids["peskov_a"], ids["peskov_b"], linked=False)
    align_event(seeds.library, seeds.event_id)
    assert ids["peskov_b"] not in seeds.library.claim(ids["peskov_a"]).links  # type: ignore[union-attr]
    unlink_claims(seeds.library, ids["trump_a"], ids["trump_b"])
    align_event(seeds.library, seeds.event_id)
    assert ids["trump_b"] not in seeds.library.claim(ids["trump_a"]).links  # type: ignore[union-attr]


def test_a_link_made_by_hand_is_kept(seeds: SeedEvent) -> None:
    ids = _tag(seeds)
    seeds.library.link_claims(ids["cheung"], ids["mfa"])
    align_event(seeds.library, seeds.event_id)
    assert ids["mfa"] in seeds.library.claim(ids["cheung"]).links  # type: ignore[union-attr]


def test_accepting_a_suggestion_links_it_to_the_same_claim_elsewhere(seeds: SeedEvent) -> None:
    from store.coverage.suggestions import accept_suggestion, suggestions_for

    library = seeds.library
    first = next(
        s for s in suggestions_for(library, seeds.wire) if s.quote.startswith("There was no conversation")
    )
    second = next(s for s in suggestions_for(library, seeds.other) if s.quote.startswith("This absolutely"))
    claim_a = accept_suggestion(library, seeds.wire, first)
    claim_b = accept_suggestion(library, seeds.other, second)
    assert claim_b.links == (claim_a.id,)
    assert library.claim(claim_a.id).links == (claim_b.id,)  # type: ignore[union-attr]
