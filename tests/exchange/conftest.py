"""The seed event with the claims of DESIGN.md's table tagged by hand, so
every export has aligned claims, single-outlet claims and verdicts to show."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from store import Claim, Library
from store.ingest.importer import import_paths
from tests.conftest import SEEDS


@dataclass
class Seeded:
    library: Library
    event_id: str
    article_a: str
    article_b: str
    claims: dict[str, Claim]


def outlet_article(library: Library, name: str) -> str:
    return next(a.id for a in library.articles() if library.outlet(a.outlet_id).name == name)


def tag_seed_claims(library: Library) -> Seeded:
    a, b = outlet_article(library, "Outlet A"), outlet_article(library, "Outlet B")
    claims = {
        "peskov_a": library.add_claim(
            a,
            "There was no conversation. This is completely untrue; it’s pure fiction.",
            claimant="Dmitry Peskov",
            kind="quote",
            verdict="disputed",
            tags=["kremlin"],
        ),
        "trump_a": library.add_claim(
            a,
            "Trump promised to stop the war within 24 hours of getting into the White House",
            claimant="Donald Trump",
            kind="prediction",
        ),
        "cheung_a": library.add_claim(
            a,
            "leaders from around the world know America will return to prominence on the world stage",
            claimant="Steven Cheung",
            kind="quote",
            tags=["trump-team", "@handle"],
            note='=HYPERLINK("http://evil.example","click")',
        ),
        "peskov_b": library.add_claim(
            b,
            "This absolutely does not correspond to reality. This is pure fiction.",
            claimant="Dmitry Peskov",
            kind="quote",
            verdict="disputed",
        ),
        "trump_b": library.add_claim(
            b,
            "he could end the Ukraine conflict “in 24 hours,”",
            claimant="Donald Trump",
            kind="prediction",
        ),
        "mfa_b": library.add_claim(
            b,
            "Reports that the Ukrainian side was informed in advance of the alleged call are false",
            claimant="Ukrainian Foreign Ministry",
            kind="denial",
            verdict="supported",
        ),
        "advantage_b": library.add_claim(
            b,
            "Russia, which currently has the advantage on the battlefield",
            kind="statement",
            verdict="misleading",
            tags=["own voice"],
            note="stated in the outlet's own voice",
        ),
    }
    library.link_claims(claims["peskov_a"].id, claims["peskov_b"].id)
    library.link_claims(claims["trump_a"].id, claims["trump_b"].id)
    claims = {name: library.claim(c.id) for name, c in claims.items()}
    (event,) = library.events()
    return Seeded(library, event.id, a, b, claims)


def import_seeds(library: Library) -> None:
    report = import_paths(library, [str(SEEDS)])
    assert report.imported == 2, report


@pytest.fixture
def seeded(library: Library) -> Seeded:
    import_seeds(library)
    return tag_seed_claims(library)
