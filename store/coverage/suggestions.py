"""Claim suggestions: direct quotes with their speaker, reported claims and
denials, found in an article's text without any model.

`suggest_claims` is pure: text in, suggestions out, offsets into that text.
It finds quotations (curly or straight double quotes, curly single quotes;
quotes that run over several sentences or paragraphs; quotes split by an
attribution such as `"…," he said. "…"`), reads the attribution around each
(`X said`, `said X`, `X told journalists:`, `according to X`) and resolves
the speaker with `store.speakers.Cast` (surnames, pronouns, roles). Sentences
without a quote that report ("X claimed that", "according to X") or deny
("X denied", "rejected", "dismissed") become suggestions too.

The library side (`suggestions_for`, `accept_suggestion`,
`dismiss_suggestion`) hides what the user already tagged or dismissed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from store.coverage.alignment import align_event
from store.coverage.speakers import PRONOUNS, Cast
from store.library import Library
from store.model import Claim, ClaimKind
from store.text.sentences import Span, cut_long_sentences, split_sentences
from store.text.terms import word_set

DISMISSED_TABLE = "dismissed_suggestions"

SPEECH_VERBS = tuple(
    word_set(
        "said says say told tells added adds stated states declared declares insisted insists claimed "
        "claims argued argues noted notes warned warns wrote writes explained explains replied replies "
        "responded responds announced announces continued concluded stressed stresses emphasised "
        "emphasized maintained suggested promised promises pledged pledges vowed vows acknowledged "
        "admitted conceded confirmed confirms denied denies rejected rejects dismissed dismisses "
        "described describes called calls tweeted posted remarked commented recalled predicted predicts "
        "urged urges reiterated alleged alleges reported reports countered counters refuted refutes "
        "disputed disputes complained complains boasted boasts assured assures"
    )
)
DENIAL_VERBS = word_set(
    "denied denies deny rejected rejects reject dismissed dismisses dismiss refuted refutes refute "
    "disputed disputes dispute"
)
ALLEGATION_VERBS = word_set("claimed claims alleged alleges reported reports")
PREDICTION_VERBS = word_set("promised promises pledged pledges vowed vows predicted predicts")
REPORTED_VERBS = word_set(
    "said says stated states claimed claims alleged alleges reported reports insisted insists announced "
    "announces confirmed confirms warned warns argued argues promised promises pledged pledges vowed "
    "vows predicted predicts"
)
OWN_VOICE = "the outlet itself"
"""The claimant of what an article asserts in its own voice."""
ANONYMOUS_SOURCES = "anonymous sources"
# Someone's account rests on sources it does not name.
_ANONYMITY = re.compile(
    r"\b(?:familiar with the (?:matter|call|talks|discussions?|situation)|on condition of anonymity|"
    r"(?:unnamed|anonymous) (?:sources?|officials?|people)|not authori[sz]ed to (?:speak|comment))\b",
    re.IGNORECASE,
)
# The subject of a report carrying a non-restrictive relative clause:
# "Russia, which currently has the advantage, has said that …". The clause
# is not what the subject says; it is the writer's own assertion.
_SUBJECT_CLAUSE = re.compile(r"^(?P<subject>[^,;:]{1,80}),\s+(?:which|who)\s+(?P<clause>[^,;:]+),\s")
DENIAL_WORDS = re.compile(
    r"\b(?:untrue|false|falsehood|fiction|fabricat\w*|baseless|groundless|unfounded|not true|"
    r"no truth|nonsense|invented|made up|lies|does not correspond to reality|"
    r"never happened|did not happen|fake)\b",
    re.IGNORECASE,
)
_VERB = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r"|according to)\b")
_ANY_REPORT = re.compile(r"\b(" + "|".join(sorted(REPORTED_VERBS | DENIAL_VERBS)) + r")\b(?:\s+(?:that)\b)?")
_NEGATION = re.compile(r"\b(?:not|never|n’t|n't|no)\s+(?:\w+\s+)?$")
_AUX = word_set(
    "has have had was were is are be been being will would could can may might also then previously "
    "later again quick to not never reportedly repeatedly publicly allegedly firmly flatly already "
    "once earlier did does do himself herself first swiftly quickly completely strongly angrily"
)
_CLAUSE_BREAK = re.compile(r"[,;:“”\"()—–]|\b(?:that|but|and|while|as|after|when|because|which|who)\b")
_PREPOSITION = re.compile(r"\s+(?:on|in|at|last|this|from|to|after|before|during|for|by|about)\s+.*$")
_OPEN = {"“": "”", '"': '"', "‘": "’", "«": "»"}
MIN_QUOTE_WORDS = 2
MAX_SUBJECT_WORDS = 8
MAX_GAP = 120
"""Longest attribution between two pieces of one quotation."""


@dataclass(frozen=True)
class Suggestion:
    """A claim the text suggests; `text[start:end] == quote`."""

    quote: str
    speaker: str
    kind: ClaimKind
    start: int
    end: int
    direct: bool = False
    """A quotation in the text's own quote marks (else a reported sentence)."""

    @property
    def key(self) -> str:
        """Stable across runs: where it is and what it says."""
        digest = hashlib.sha256(self.quote.encode()).hexdigest()[:12]
        return f"{self.start}-{self.end}-{digest}"


@dataclass
class _Quote:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (or end of the quoted text)
    start: int  # first character inside
    end: int  # one past the last character inside

    def text(self, source: str) -> str:
        return source[self.start : self.end]


# -- finding quotations -------------------------------------------------------


def _paragraph_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _quotes_in(text: str, para: Span) -> tuple[list[_Quote], _Quote | None]:
    """Closed quotations in one paragraph, and a quotation left open at its end."""
    found: list[_Quote] = []
    i = para.start
    while i < para.end:
        char = text[i]
        if char in _OPEN and _opens(text, i, para):
            closer = _OPEN[char]
            j = _find_close(text, i + 1, para.end, closer)
            if j < 0:
                return found, _Quote(i, para.end, i + 1, para.end)
            found.append(_Quote(i, j, i + 1, j))
            i = j + 1
            continue
        i += 1
    return found, None


def _opens(text: str, i: int, para: Span) -> bool:
    char = text[i]
    before = text[i - 1] if i > para.start else " "
    after = text[i + 1] if i + 1 < para.end else " "
    if char == "‘":
        return not _is_word_char(before) and _is_word_char(after)
    if char == '"':
        return not _is_word_char(before) and not after.isspace()
    return True


def _find_close(text: str, i: int, end: int, closer: str) -> int:
    while i < end:
        at = text.find(closer, i, end)
        if at < 0:
            return -1
        if closer == "’":
            after = text[at + 1] if at + 1 < end else " "
            before = text[at - 1]
            if _is_word_char(after) and _is_word_char(before):
                i = at + 1  # an apostrophe: it’s
                continue
        return at
    return -1


def _all_quotes(text: str) -> list[list[_Quote]]:
    """Quotations as groups: a group is one quotation, possibly carried over
    paragraphs (an unclosed quote continued by a paragraph opening with one)."""
    groups: list[list[_Quote]] = []
    carried: list[_Quote] | None = None
    for para in _paragraph_spans(text):
        closed, open_at_end = _quotes_in(text, para)
        pieces: list[_Quote] = list(closed)
        if open_at_end is not None:
            pieces.append(open_at_end)
        if carried is not None:
            if pieces and pieces[0].open == para.start:
                carried.append(pieces.pop(0))
                if carried[-1].close < para.end or open_at_end is None or pieces:
                    groups.append(carried)
                    carried = None
            else:
                groups.append(carried)
                carried = None
        for piece in pieces:
            if piece is open_at_end:
                carried = [piece]
            else:
                groups.append([piece])
    if carried is not None:
        groups.append(carried)
    return groups


# -- attribution ----------------------------------------------------------------


def _appositive(clause: str) -> str:
    """ "Name, description, " (or the other way round) ending a clause."""
    stripped = clause.rstrip()
    if not stripped.endswith(","):
        return ""
    parts = stripped[:-1].split(",")
    if len(parts) < 2:
        return ""
    name, description = parts[-2].strip(), parts[-1].strip()
    if any(mark in name + description for mark in ';:“”"()'):
        return ""
    if not name or not description or max(len(name.split()), len(description.split())) > MAX_SUBJECT_WORDS:
        return ""
    return f"{name}, {description}"


def _subject_before(clause: str) -> str:
    """The noun phrase that ends `clause` (text up to a speech verb)."""
    cut = 0
    for match in _CLAUSE_BREAK.finditer(clause):
        cut = match.end()
    subject = clause[cut:]
    words = subject.split()
    while words and (words[-1].casefold() in _AUX or words[-1].casefold().endswith("ly")):
        words.pop()
    if words and words[-1].casefold() in PRONOUNS:
        return words[-1]  # "what she called"
    if not words and cut:
        # "Russia, which currently has the advantage, has said": skip the relative clause.
        relative = re.search(r"^(.*?),\s+(?:which|who)\b", clause)
        if relative:
            return _subject_before(relative.group(1) + " ")
        # "Marta Olin, chief economist at Velmar Bank, said": name and description.
        appositive = _appositive(clause)
        if appositive:
            return appositive
    subject = " ".join(words)
    subject = _PREPOSITION.sub("", subject) if len(words) > 2 else subject
    return subject if len(subject.split()) <= MAX_SUBJECT_WORDS else ""


def _subject_after(rest: str) -> str:
    """The noun phrase right after a speech verb: `said Kremlin spokesman Dmitry Peskov`."""
    match = re.match(r"\s*((?:[\w’'\-]+\s*){1,6})", rest)
    if not match:
        return ""
    phrase = re.split(r"[,.;:!?]", match.group(1))[0]
    phrase = _PREPOSITION.sub("", " " + phrase).strip()
    words = phrase.split()
    while words and words[-1][:1].islower() and words[-1].casefold() not in _ROLE_TAIL:
        words.pop()
    return " ".join(words)


_ROLE_TAIL = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "official", "officials"})


def _attribution(text: str, cast: Cast, group: list[_Quote], sentences: list[Span]) -> tuple[str, str]:
    """(speaker, verb) for a quotation, from the sentence(s) around it."""
    first, last = group[0], group[-1]
    s_start = _sentence_of(sentences, first.open).start
    s_end = _sentence_of(sentences, min(last.close, len(text) - 1)).end
    after = text[last.close + 1 : s_end] if last.close < len(text) else ""
    gaps = [
        text[a.close + 1 : b.open]
        for a, b in zip(group, group[1:], strict=False)
        if "\n" not in text[a.close : b.open]
    ]
    # `"…," he said. "…"`: the attribution sits between the pieces.
    for gap_text, gap_at in [(g, group[k].close + 1) for k, g in enumerate(gaps)] + [(after, last.close + 1)]:
        found = _after_quote(gap_text, cast, gap_at)
        if found[0]:
            return found
    before = text[s_start : first.open]
    for verb in reversed(_verbs(before)):
        if verb.group(1) == "according to":
            phrase = re.split(r"[,;:]", before[verb.end() :])[0]
            speaker = cast.speaker(_clean_phrase(phrase), s_start + verb.end())
            if speaker:
                return speaker, "according"
            continue
        subject = _subject_before(before[: verb.start()])
        if subject and _nominal(subject):
            return cast.speaker(subject, s_start + verb.start()), verb.group(1)
    return "", ""


_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|these|those|such|our|my|your|this|that)|’s|'s)\s+$", re.IGNORECASE
)


def _verbs(text: str) -> list[re.Match[str]]:
    """Speech verbs in `text`, leaving out nouns that look like verbs
    ("the reports", "the outlet’s claims")."""
    return [m for m in _VERB.finditer(text) if not _just_before(_DETERMINER_BEFORE, text, m.start())]


LOOK_BEHIND = 48
"""Characters before a verb in which to look for a determiner or negation."""


def _just_before(pattern: re.Pattern[str], text: str, end: int) -> bool:
    """Whether `pattern` (anchored with `$`) matches right before `end`.

    Searched in a short window, not the whole text before `end`: that made a
    long paragraph with many verbs quadratic (minutes for one article)."""
    return pattern.search(text, max(0, end - LOOK_BEHIND), end) is not None


def _clean_phrase(phrase: str) -> str:
    """A speaker phrase without a trailing time or place ("on Sunday") or punctuation."""
    return _PREPOSITION.sub("", " " + phrase).strip(" .,;:!?")


def _after_quote(after: str, cast: Cast, offset: int) -> tuple[str, str]:
    lead = re.match(r"\s*[,.!?]?\s*", after)
    assert lead is not None
    rest = after[lead.end() :]
    verb_first = re.match(r"(" + "|".join(SPEECH_VERBS) + r")\b", rest)
    if verb_first:
        subject = _subject_after(rest[verb_first.end() :])
        if subject:
            return cast.speaker(subject, offset + lead.end() + verb_first.end()), verb_first.group(1)
    verbs = _verbs(rest)
    verb = verbs[0] if verbs else None
    if verb and verb.start() < 80:
        subject = _subject_before(rest[: verb.start()])
        if subject and _nominal(subject):
            return cast.speaker(subject, offset + lead.end()), verb.group(1)
    return "", ""


def _sentence_of(sentences: list[Span], position: int) -> Span:
    for span in sentences:
        if span.start <= position < span.end:
            return span
    before = [s for s in sentences if s.start <= position]
    return before[-1] if before else Span(0, 0)


def _looks_like_title(quote: str) -> bool:
    """A name or title in quotes ("Operation Lantern"), not speech."""
    words = quote.split()
    return len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _quote_kind(quote: str, verb: str, before: str) -> ClaimKind:
    if verb in DENIAL_VERBS or re.search(r"\b(?:" + "|".join(DENIAL_VERBS) + r")\b", before):
        return ClaimKind.DENIAL
    if DENIAL_WORDS.search(quote):
        return ClaimKind.DENIAL
    return ClaimKind.QUOTE


# -- the pure extractor ------------------------------------------------------------


def suggest_claims(text: str) -> list[Suggestion]:
    """Claims this text suggests, in reading order."""
    cast = Cast.read(text)
    sentences = cut_long_sentences(text, split_sentences(text))
    suggestions: list[Suggestion] = []
    previous: tuple[int, str] | None = None  # (end of last quote's paragraph, speaker)
    for group in _merge_split(text, _all_quotes(text), sentences):
        inner = " ".join(q.text(text) for q in group)
        if len(inner.split()) < MIN_QUOTE_WORDS or _looks_like_title(inner):
            continue
        speaker, verb = _attribution(text, cast, group, sentences)
        sentence = _sentence_of(sentences, group[0].open)
        if (
            not speaker
            and previous is not None
            and _stands_alone(text, group)
            and text[previous[0] : group[0].open].count("\n\n") <= 1
        ):
            # A paragraph that is nothing but a quote continues the last speaker.
            speaker = previous[1]
        start, end = _trimmed(text, group[0].start, group[-1].end)
        quote_text = text[start:end]
        before = text[sentence.start : group[0].open]
        kind = _quote_kind(inner, verb, before)
        suggestions.append(Suggestion(quote_text, speaker, kind, start, end, direct=True))
        if speaker:
            previous = (group[-1].end, speaker)
    suggestions.extend(_reported(text, cast, sentences, suggestions))
    return sorted(_with_anonymous_sources(text, cast, sentences, suggestions), key=lambda s: (s.start, s.end))


def _with_anonymous_sources(
    text: str, cast: Cast, sentences: list[Span], suggestions: list[Suggestion]
) -> list[Suggestion]:
    """Name a speaker "X (anonymous sources)" when the article says X's
    account rests on sources it does not name: who makes the claim is then
    unnamed, which is what a fact-checker needs to see."""
    anonymous: set[str] = set()
    for span in sentences:
        sentence = text[span.start : span.end]
        if not _ANONYMITY.search(sentence):
            continue
        for verb in _verbs(sentence):
            subject = _subject_before(sentence[: verb.start()])
            speaker = cast.speaker(subject, span.start + verb.start()) if subject else ""
            if speaker and speaker.casefold() not in PRONOUNS:
                anonymous.add(speaker)
    if not anonymous:
        return suggestions
    return [
        replace(s, speaker=f"{s.speaker} ({ANONYMOUS_SOURCES})") if s.speaker in anonymous else s
        for s in suggestions
    ]


def _merge_split(text: str, groups: list[list[_Quote]], sentences: list[Span]) -> list[list[_Quote]]:
    """Join `"…," he said. "…"`: a quotation whose attribution sits between
    it and the next quotation of the same paragraph, which has none of its own."""
    merged: list[list[_Quote]] = []
    for group in groups:
        if merged:
            last = merged[-1]
            gap = text[last[-1].close + 1 : group[0].open]
            tail_end = _sentence_of(sentences, min(group[-1].close, len(text) - 1)).end
            tail = text[group[-1].close + 1 : tail_end]
            if (
                "\n" not in gap
                and len(gap) <= MAX_GAP
                and _verbs(gap)
                and not _verbs(tail)
                and not _verbs(text[_sentence_of(sentences, last[0].open).start : last[0].open])
            ):
                last.extend(group)
                continue
        merged.append(list(group))
    return merged


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without surrounding white space and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _stands_alone(text: str, group: list[_Quote]) -> bool:
    para_start = text.rfind("\n", 0, group[0].open) + 1
    return text[para_start : group[0].open].strip() == ""


def _reported(text: str, cast: Cast, sentences: list[Span], quotes: list[Suggestion]) -> list[Suggestion]:
    """Reported claims and denials in sentences that hold no quotation."""
    found: list[Suggestion] = []
    for span in sentences:
        if any(q.start < span.end and span.start < q.end for q in quotes):
            continue
        sentence = text[span.start : span.end]
        if any(mark in sentence for mark in '“”"'):
            continue
        suggestion = _reported_in(sentence, span.start, cast)
        if suggestion is not None:
            found.append(suggestion)
            found.extend(_own_voice_in(sentence, span.start))
    return found


def _own_voice_in(sentence: str, offset: int) -> list[Suggestion]:
    """The writer's own assertion tucked into the subject of a report
    ("X, which has the advantage, said …"), when it is not itself speech."""
    match = _SUBJECT_CLAUSE.match(sentence)
    if match is None or _VERB.search(match.group("clause")):
        return []
    start, end = _trimmed(sentence, match.start("clause"), match.end("clause"))
    if len(sentence[start:end].split()) < MIN_QUOTE_WORDS:
        return []
    return [Suggestion(sentence[start:end], OWN_VOICE, ClaimKind.STATEMENT, offset + start, offset + end)]


def _reported_in(sentence: str, offset: int, cast: Cast) -> Suggestion | None:
    according = re.search(r"\baccording to\s+([^,;]+)", sentence, re.IGNORECASE)
    if according:
        phrase = _clean_phrase(according.group(1))
        speaker = cast.speaker(phrase, offset + according.start(1))
        if speaker and len(phrase.split()) <= MAX_SUBJECT_WORDS:
            return Suggestion(sentence, speaker, ClaimKind.ALLEGATION, offset, offset + len(sentence))
    for verb in _ANY_REPORT.finditer(sentence):
        word = verb.group(1)
        if _just_before(_NEGATION, sentence, verb.start()) or _just_before(
            _DETERMINER_BEFORE, sentence, verb.start()
        ):
            continue
        subject = _subject_before(sentence[: verb.start()])
        if not subject or not _nominal(subject):
            continue
        speaker = cast.speaker(subject, offset + verb.start())
        if not speaker:
            continue
        if word in DENIAL_VERBS:
            kind = ClaimKind.DENIAL
        elif word in ALLEGATION_VERBS:
            kind = ClaimKind.ALLEGATION
        elif word in PREDICTION_VERBS:
            kind = ClaimKind.PREDICTION
        else:
            kind = ClaimKind.STATEMENT
        return Suggestion(sentence, speaker, kind, offset, offset + len(sentence))
    return None


_NOMINAL_HEADS = word_set(
    "he she they officials sources ministry government spokesman spokeswoman spokesperson police "
    "authorities minister president company statement report"
)


def _nominal(subject: str) -> bool:
    """A reporting subject names someone: a capitalised word, a pronoun or a role."""
    words = subject.split()
    return any(w[:1].isupper() for w in words) or words[-1].casefold() in _NOMINAL_HEADS


# -- the library side ---------------------------------------------------------------


def _dismissed_key(article_id: str, suggestion: Suggestion) -> str:
    return f"{article_id}:{suggestion.key}"


def suggestions_for(library: Library, article_id: str) -> list[Suggestion]:
    """Suggestions for an article, without dismissed ones and without ones
    that overlap a claim the user already tagged."""
    text = library.text(article_id)
    claims = library.claims(article_id=article_id)
    dismissed = {
        r.get("quote") for r in library.records(DISMISSED_TABLE).values() if r.get("article_id") == article_id
    }
    return [
        s
        for s in suggest_claims(text)
        if s.quote not in dismissed
        and not any(c.anchor.start < s.end and s.start < c.anchor.end for c in claims)
    ]


def accept_suggestion(library: Library, article_id: str, suggestion: Suggestion) -> Claim:
    """Turn a suggestion into a tagged claim, claimant and kind filled in,
    linked to the same claim already tagged in the event's other outlets."""
    claim = library.add_claim(
        article_id,
        suggestion.quote,
        start=suggestion.start,
        claimant=suggestion.speaker,
        kind=suggestion.kind,
    )
    article = library.article(article_id)
    if article is not None and article.event_id is not None:
        align_event(library, article.event_id)
        claim = library.claim(claim.id) or claim
    return claim


def dismiss_suggestion(library: Library, article_id: str, suggestion: Suggestion) -> None:
    """Hide a suggestion for good (remembered in a side table)."""
    library.put_record(
        DISMISSED_TABLE,
        _dismissed_key(article_id, suggestion),
        {
            "article_id": article_id,
            "quote": suggestion.quote,
            "start": suggestion.start,
            "end": suggestion.end,
        },
    )
