"""Who might have said it: claimant suggestions for tagging a claim.

Names are runs of capitalised words ("Dmitry Peskov", "Washington Post").
Names inside the tagged span come first, then the nearest ones before it,
then the rest of the article's, then claimants the user named before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from store.coverage.speakers import ROLE_NOUNS, Cast

_NAME = re.compile(r"\b[A-Z][\w’'-]+(?: +(?:of +|the +)?[A-Z][\w’'-]+)+")
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        """The But And Yet So Or A An This That These Those He She It They We I His Her Its Their Our
        According Asked Instead However Meanwhile Also Then Later Earlier After Before When While If As
        In On At For From With Without By To Of Since Until Under Over During Despite Although Though
        Because Now Today Yesterday Last Next Both Some Many Most Several Other Another""",
    )
)
"""Capitalised words that start sentences, not names ("Later Peskov said")."""


def _clean(name: str) -> str:
    words = name.split()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    name = " ".join(words)
    return re.sub(r"[’']s$", "", name)


def names_in(text: str) -> list[tuple[int, str]]:
    """(offset, name) for each capitalised multi-word name in `text`."""
    found = []
    for match in _NAME.finditer(text):
        name = _clean(match.group())
        if " " in name:
            found.append((match.start(), name))
    return found


_WORD = re.compile(r"\b[A-Z][\w’'-]+")
_SPEECH = re.compile(
    r",?\s+(?:has\s+|had\s+|was\s+)?(?:said|says|told|tells|added|claimed|denied|rejected|insisted|stated|warned)\b"
)


def _mentions(text: str, start: int, end: int, names: list[tuple[int, str]]) -> list[str]:
    """Names mentioned in `text[start:end]`, those followed by a speech verb
    ("Cheung told") first, a lone surname ("Peskov") standing for the full
    name used elsewhere ("Dmitry Peskov")."""
    by_surname: dict[str, str] = {}
    for _, name in names:  # the first full name wins ("Dmitry Peskov", not a later "President Peskov")
        by_surname.setdefault(name.split()[-1], name)
    found: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text, start, end):
        word = re.sub(r"[’']s$", "", match.group())
        if word in by_surname:
            found.append((match.start(), match.end(), by_surname[word]))
    found.sort()
    speaking = [name for _, after, name in found if _SPEECH.match(text, after)]
    return list(dict.fromkeys([*speaking, *(name for _, _, name in found)]))


_ROLES = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
_ROLE_OF = re.compile(r"\b((?:[A-Z][\w-]+ +)*[A-Z][\w-]+)[’']s +(" + _ROLES + r")\b")
"""A role held for someone: "Vladimir Putin’s spokesperson"."""


def _role_holders(text: str, start: int, end: int) -> list[str]:
    """Who holds the roles the span names for someone ("Putin’s spokesperson"
    is Dmitry Peskov where the article says so): the speaker, not the name
    before the possessive."""
    found = list(_ROLE_OF.finditer(text, start, end))
    if not found:
        return []  # most spans: no need to read the article's cast
    cast = Cast.read(text)
    holders = [cast.speaker(match.group(), match.start()) for match in found]
    return [h for h, m in zip(holders, found, strict=True) if h and h != _clean(m.group(1))]


def claimant_suggestions(text: str, span: tuple[int, int], earlier: Iterable[str] = ()) -> list[str]:
    """Likely claimants for the quote at `span` in `text`, best first."""
    start, end = span
    names = names_in(text)
    inside = [*_role_holders(text, start, end), *_mentions(text, start, end, names)]
    before = [n for at, n in sorted(names, key=lambda item: -item[0]) if at < start]
    rest = [n for _, n in names]
    ordered = [*inside, *before, *rest, *(e.strip() for e in earlier if e.strip())]
    return list(dict.fromkeys(ordered))
