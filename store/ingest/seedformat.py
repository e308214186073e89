"""The seed text format: ` date YYYY-MM-DD headline`, then paragraphs.

Files of this kind are copied from web pages, so besides the article they
carry photo captions, photo credits ("Chris McGrath/Getty Images", "©") and
wire credits ("via Associated Press") that are not body text. We move those
aside, conservatively: a paragraph is only taken out when it looks like a
credit line (short, no sentence punctuation, names a picture agency) or is a
caption standing in a block with such credits. A real paragraph is never
dropped on a guess.
"""

from __future__ import annotations

import re

from store.errors import ParseProblem
from store.ingest.parsed import ParsedArticle, headline_from
from store.text.clean import one_line, split_paragraphs
from store.text.wires import WIRES_PATTERN

_HEADER = re.compile(r"\s*date[ \t]+(\S*\d\S*)(?:[ \t]+(.*?))?\s*", re.IGNORECASE)
WIRES = rf"(?:the\s+)?(?:{WIRES_PATTERN})"
# "via X" at the end of a headline: any capitalised name after a finished
# sentence ("… Trump. via Associated Press"), or a known wire anywhere.
_HEADLINE_CREDIT = re.compile(
    rf"\s+(via\s+(?:{WIRES}))\s*$"
    r"|(?<=[.!?\"”’'])\s+(via\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})\s*$"
)
_CREDIT_PARAGRAPH = re.compile(rf"(?:via|Via|VIA)\s+(?:{WIRES})\.?$")
_PICTURE_LABEL = re.compile(r"(?:photo(?:graph)?s?|pictures?|images?|photo credit)\s*:\s*\S", re.IGNORECASE)
# Captions that say what they are: BBC's "Image caption, …", the Guardian's
# "… at the summit. Photograph: Name/Agency", "(Photo by Name/Agency)".
_LABELLED_CAPTION = re.compile(
    r"(?:image|photo|picture|video)\s+(?:source|caption|credit)s?\s*[,:]\s*\S.*"
    r"|.*[.!?”’\"]\s+(?:photograph|photo|picture|image|composite)s?\s*:\s*[^.!?]{1,100}"
    r"|\((?:photo|photograph|image|picture|file photo)s?\b[^()]{0,120}\)",
    re.IGNORECASE,
)
_POSITION_MARKER = re.compile(r"\((?:L|R|C|L-R|R-L|L to R|left|right|centre|center)\)", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"\s*/\s*|\s+(?:via|for)\s+", re.IGNORECASE)
PICTURE_AGENCIES = frozenset(
    name.casefold()
    for name in (
        "Getty Images",
        "Getty",
        "AFP",
        "AP",
        "AP Photo",
        "Reuters",
        "EPA",
        "EPA-EFE",
        "EFE",
        "Sputnik",
        "TASS",
        "RIA Novosti",
        "Shutterstock",
        "Alamy",
        "PA",
        "PA Images",
        "PA Wire",
        "Anadolu",
        "Anadolu Agency",
        "Xinhua",
        "NurPhoto",
        "ZUMA Press",
        "ZUMA Wire",
        "SOPA Images",
        "LightRocket",
        "Imago",
        "Abaca Press",
        "Bloomberg",
        "Bloomberg via Getty Images",
        "Pool",
        "Kremlin",
        "File Photo",
        "WireImage",
        "Redux",
        "Polaris",
        "dpa",
        "picture alliance",
        "Xinhua News Agency",
    )
)
_STANDALONE_AGENCIES = PICTURE_AGENCIES - {"pool", "kremlin", "file photo", "pa", "redux", "polaris"}
_CREDIT_MAX_WORDS = 12
_CAPTION_MAX_WORDS = 50
_CAPTION_MAX_CHARS = 600
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’")


def parse_seed_text(text: str, *, credit_hint: str | None = None) -> ParsedArticle:
    """Read one article. `text` is already decoded and cleaned; `credit_hint`
    is a credit the manifest names, taken off the headline if it ends with it.

    A file without a ` date` header still imports: its first line is the
    headline and its date is unknown.
    """
    first, _, rest = text.lstrip().partition("\n")
    header = _HEADER.fullmatch(first)
    if header:
        date_text, headline = header.group(1), one_line(header.group(2) or "")
    else:
        date_text, headline = None, one_line(first)
    credit = None
    if credit_hint and headline.casefold().endswith(credit_hint.casefold()):
        headline, credit = headline[: -len(credit_hint)].rstrip(), credit_hint
    else:
        found = _HEADLINE_CREDIT.search(headline)
        if found:
            credit = found.group(1) or found.group(2)
            headline = headline[: found.start()].rstrip()
    paragraphs, captions, body_credit = _body(split_paragraphs(rest))
    credit = credit or body_credit or credit_hint
    if not paragraphs:
        raise ParseProblem("no body text")
    if not headline:
        headline = headline_from(paragraphs)
    return ParsedArticle(
        headline=headline,
        paragraphs=tuple(paragraphs),
        date_text=date_text,
        credit=credit,
        captions=tuple(captions),
    )


def _body(blocks: list[str]) -> tuple[list[str], list[str], str | None]:
    """Split paragraphs into body text, captions and credits, and a wire credit."""
    credits = [_is_photo_credit(p) or _is_labelled_caption(p) for p in blocks]
    captions = [False] * len(blocks)
    for i, block in enumerate(blocks):
        if credits[i] or not _is_caption_like(block):
            continue
        # A caption is only taken out when it stands in a run of captions
        # that touches a photo credit; a "(R)" in a paragraph elsewhere is
        # a party label, not a picture.
        j = i
        while j > 0 and (captions[j - 1] or _is_caption_like(blocks[j - 1])) and not credits[j - 1]:
            j -= 1
        k = i
        while k + 1 < len(blocks) and _is_caption_like(blocks[k + 1]) and not credits[k + 1]:
            k += 1
        captions[i] = (j > 0 and credits[j - 1]) or (k + 1 < len(blocks) and credits[k + 1])
    body: list[str] = []
    aside: list[str] = []
    wire: str | None = None
    for block, is_credit, is_caption in zip(blocks, credits, captions, strict=True):
        if _CREDIT_PARAGRAPH.fullmatch(block):
            wire = wire or block.rstrip(".")
        elif is_credit or is_caption:
            aside.append(block)
        else:
            body.append(block)
    return body, aside, wire


def _is_photo_credit(block: str) -> bool:
    """A "©" line, "Getty Images", "Chris McGrath/Getty Images", "Photo: AFP"…"""
    if len(block) > 160 or len(block.split()) > _CREDIT_MAX_WORDS:
        return False
    if block.startswith("©"):
        return True
    if block.endswith(_SENTENCE_END):
        return False
    folded = block.casefold()
    if "getty images" in folded or _PICTURE_LABEL.match(block):
        return True
    if folded in _STANDALONE_AGENCIES:
        return True
    segments = [s for s in _SEGMENT_SPLIT.split(folded) if s]
    if len(segments) < 2 or not any(s in PICTURE_AGENCIES for s in segments):
        return False
    # The other parts must be names (capitalised words), not prose like
    # "Reuters/Ipsos poll results".
    original = [s for s in _SEGMENT_SPLIT.split(block) if s]
    return all(s.casefold() in PICTURE_AGENCIES or _is_name(s) for s in original)


def _is_labelled_caption(block: str) -> bool:
    return (
        len(block) <= _CAPTION_MAX_CHARS
        and len(block.split()) <= _CAPTION_MAX_WORDS
        and _LABELLED_CAPTION.fullmatch(block) is not None
    )


def _is_name(segment: str) -> bool:
    words = segment.split()
    return 0 < len(words) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _is_caption_like(block: str) -> bool:
    return (
        len(block) <= _CAPTION_MAX_CHARS
        and _POSITION_MARKER.search(block) is not None
        and len(block.split()) <= _CAPTION_MAX_WORDS
        and not block.endswith(('"', "”"))
    )
