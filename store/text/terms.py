"""Words and names in article text: every notion of "a word" Dateline uses,
in one place.

Content words (grouping, claim alignment, wording comparison, flipping
between outlets) are deliberately plain: lower-cased word tokens without
the English function words, plus capitalised names found mid-sentence.
Search words are every run of word characters, case- and accent-folded, as
a user types them (outlet names in a search's `outlet:` filter are compared
so; the full-text index folds words itself, in SQLite).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import chain

from store.text.memo import Memo

WORD = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
"""A word: letters and digits, with inner apostrophes and hyphens."""


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of `text`, for writing word lists."""
    return frozenset(text.split())


_STOPWORD_TEXT = """
    a about above after again against all also although am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever every few for
    from further had has have having he her here hers herself him himself his how however i if in into is
    it its itself just last least less like made make many may me might more most much must my myself near
    new next no nor not now of off on once one only or other our ours ourselves out over own per quite
    rather really said same say says saying see seen she should since so some still such than that the
    their theirs them themselves then there these they this those though through thus to too under until
    up upon us very via was we were what when where whether which while who whom whose why will with
    within without would yet you your yours yourself yourselves told tell tells according asked week
    monday tuesday wednesday thursday friday saturday sunday today yesterday year years time mr mrs ms
"""
STOPWORDS = word_set(_STOPWORD_TEXT)


@functools.lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """A word folded for comparison: lower case, possessive and curly
    apostrophes removed, a plain plural 's' dropped."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Every word of `text`, normalised, in order (function words kept)."""
    return [normalise(w) for w in WORD.findall(text)]


def _meaningful(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 2 or word.isdigit())


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning: no function words, no
    one- or two-letter words (digits are kept: "24 hours" matters)."""
    return [w for w in words(text) if _meaningful(w)]


def content_terms(text: str) -> list[str]:
    """The stems of `text`'s content words, in order: `stem` of each of
    `content_words(text)`, looked up per distinct chunk of the text between
    white space (see _ChunkTerms): a split and dictionary hits, no regex
    search, for the millions of words a refresh groups."""
    return list(chain.from_iterable(map(_TERMS_OF_CHUNK.__getitem__, text.split())))


_RUN = re.compile(r"[\w’'\-]+")
"""A run of the characters a WORD is made of. Each holds at most one WORD:
the run without the apostrophes, hyphens and underscores at its ends (a
WORD starts and ends with a letter or digit). The regex engine finds runs
faster than it finds WORDs, which need backtracking at their ends."""
_RUN_ENDS = "_’'-"


_KEPT = 200_000
"""Distinct tokens remembered by the lookups below before they start over."""


def _term_of_run(run: str) -> str:
    """Run (see _RUN) → the stem of its word's normalised form, or "" for a
    run without a word or a word that carries no meaning (see `_meaningful`)."""
    token = run.strip(_RUN_ENDS)
    word = normalise(token) if token else ""
    return stem(word) if word and _meaningful(word) else ""


def _terms_of_chunk(chunk: str) -> tuple[str, ...]:
    """Chunk of text between white space → the terms of the runs in it (no
    white space is a word character, so no run crosses two chunks)."""
    return tuple(filter(None, map(_TERM_OF.__getitem__, _RUN.findall(chunk))))


_NORMALISED = Memo(normalise, _KEPT)
_TERM_OF = Memo(_term_of_run, _KEPT)
_TERMS_OF_CHUNK = Memo(_terms_of_chunk, _KEPT)


_OPENERS = frozenset('.!?:;\n"“‘(')
_CLOSERS = frozenset("\"'”’)] ")
_CAPITALISED = re.compile(r"[A-Z](?<![\w’'\-][A-Z])[\w’'\-]*[^\W_]")
"""A capital letter not inside a word, and the rest of its word. The check
on the character before comes after the capital so that the regex engine
can skip ahead to capitals instead of trying every position."""


def names(text: str) -> list[str]:
    """Capitalised words that are not merely the first word of a sentence:
    a cheap stand-in for named entities (people, places, organisations)."""
    found = []
    for match in _CAPITALISED.finditer(text):
        at = match.start() - 1
        while at >= 0 and text[at] in _CLOSERS:
            at -= 1
        if at >= 0 and text[at] not in _OPENERS:
            found.append(match.group())
    return [f for f in map(_NORMALISED.__getitem__, found) if f not in STOPWORDS]


_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "er", "ly")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude English stem ("arrested", "arresting" -> "arrest") so that
    two reports of one happening match on the same verb in other forms."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# -- words as search compares them: ignoring case and accents ------------------

_SEARCH_WORD = re.compile(r"\w+")


def fold_accents(token: str) -> str:
    """A token without accents (é -> e); tokens are already case-folded."""
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


def folded_words(text: str) -> list[str]:
    """The words of `text`, case- and accent-folded, in order."""
    tokens = _SEARCH_WORD.findall(text.casefold())
    if text.isascii():
        return tokens
    return [t if t.isascii() else fold_accents(t) for t in tokens]
