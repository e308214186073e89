"""Bodies that are only plain-text paragraphs and links that are only a
host and a path are read without lxml and urljoin; what comes out must be
exactly what the full treatment gives."""

from __future__ import annotations

import random

import pytest

from store.feeds.feedparse import SIMPLE_LINK, html_to_paragraphs, item_link

_PIECES = [
    *"ab Z9 \t\n\r\x00\x0b\x0c\x1f\x7f\x85\xa0\u2028“”'\".,;-",
    "é",
    "ß",
    "\u200b",
    "\ufeff",
    "  ",
    "\n\n",
]


def _bodies(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        paragraphs = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(4)]
        bodies.append("".join(f"<p>{p}</p>" for p in paragraphs[: rng.randint(1, 4)]))
    return bodies


@pytest.mark.parametrize("seed", range(3))
def test_plain_paragraphs_read_as_lxml_reads_them(seed: int) -> None:
    for body in _bodies(seed, 1500):
        # A trailing comment sends the same body through lxml (comments are dropped).
        assert html_to_paragraphs(body) == html_to_paragraphs(body + "<!-- -->"), repr(body)


def test_plain_paragraphs_are_split_and_cleaned() -> None:
    body = "<p>  First   one. </p><p></p><p>Second\none.</p><p>\t</p>"
    assert html_to_paragraphs(body) == ("First one.", "Second one.")


def test_markup_and_entities_still_go_through_the_parser() -> None:
    assert html_to_paragraphs("<p>A &amp; B</p><p>C<br>D</p>") == ("A & B", "C D")


def _links(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    hosts = ["a.example", "X-Y.example", "127.0.0.1", "h", "a..b", "-"]
    path_pieces = [*"aZ09._~/%-", "..", "//", "/./"]
    found = []
    for _ in range(count):
        link = f"{rng.choice(['http', 'https'])}://{rng.choice(hosts)}"
        if rng.random() < 0.3:
            link += f":{rng.randint(0, 99999)}"
        if rng.random() < 0.8:
            link += "/" + "".join(rng.choice(path_pieces) for _ in range(rng.randint(0, 10)))
        found.append(link)
    return found


@pytest.mark.parametrize("base", ["http://127.0.0.1:9/feed.xml", "https://outlet.example/a/b/"])
def test_simple_links_are_what_resolving_and_screening_give(base: str) -> None:
    links = _links(7, 3000)
    assert all(SIMPLE_LINK.fullmatch(link) for link in links)
    for link in links:
        assert item_link(link, base) == link


def test_links_with_queries_or_capitals_in_the_scheme_are_not_simple() -> None:
    for link in ["http://a.example/x?y=1", "HTTP://a.example/", "http://a.example/#top", "http://a:b@c/"]:
        assert not SIMPLE_LINK.fullmatch(link)
