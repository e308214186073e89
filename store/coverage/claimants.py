"""Who might have said it, and what to tag: how the tag dialog starts.

Names are runs of capitalised words ("Dmitry Peskov", "Washington Post").
Names inside the tagged span come first, then the nearest ones before it,
then the rest of the article's, then claimants the user named before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.coverage.quotations import quoted_spans
from store.coverage.speakers import ROLE_NOUNS, Cast
from store.model import ClaimKind

if TYPE_CHECKING:  # not at run time: the reader imports this module at start-up
    from store.coverage.suggestions import Suggestion

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


@dataclass(frozen=True)
class TagStart:
    """What the tag dialog opens with: the words to tag, and who says them
    in what way, taken from the suggestion under the cursor where there is one."""

    start: int
    end: int
    claimant: str = ""
    kind: ClaimKind = ClaimKind.STATEMENT


def tag_start(
    text: str, selection: tuple[int, int], suggestions: Sequence[Suggestion] = (), *, widened: bool = False
) -> TagStart:
    """Where tagging the selection starts: the suggestion that overlaps it
    most gives the claimant and kind (a denial is a denial) and, unless the
    user widened the selection to say what to tag, the span; a span never
    cuts a quotation in half."""
    start, end = selection

    def overlap(s: Suggestion) -> int:
        return min(end, s.end) - max(start, s.start)

    best = max(suggestions, key=lambda s: (overlap(s), s.direct, s.start - s.end), default=None)
    if best is None or overlap(best) <= 0:
        best = None
    elif not widened:
        return TagStart(best.start, best.end, best.speaker, best.kind)
    for lo, hi in quoted_spans(text):
        if lo < end and start < hi and not (lo >= start and hi <= end):
            start, end = min(start, lo), max(end, hi)
    return TagStart(start, end, best.speaker, best.kind) if best else TagStart(start, end)
