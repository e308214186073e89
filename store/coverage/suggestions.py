"""Claim suggestions: direct quotes with their speaker, reported claims and
denials, found in an article's text without any model.

`suggest_claims` is pure: text in, suggestions out, offsets into that text.

- **Quotations** are the words between quote marks: curly or straight double
  quotes (a mark's side is read from its neighbours, so a stray “ that closes
  a quote or ” that opens one is still paired), curly single quotes outside
  double ones, quotations carried over paragraphs (an unclosed quote
  continued by a paragraph that opens with a quote mark).
- **Attribution** is read around each quotation: between its pieces
  (`"…," he said. "…"`), right after it (`…," said Rep. Ann Bell (D-Ohio).`,
  `…," the spokesman told reporters.`), before it in the same sentence
  (`Bell said: "…"`, `Bell called it "…"`, `according to Bell`), or in the
  paragraph before, for a paragraph that is only a quotation (the last
  speaker goes on, or `Bell said:` ends the paragraph before). The subject
  phrase becomes a claimant through `store.speakers.Cast`.
- A quotation is suggested (`direct`, kind quote or denial) when it is
  attributed, carries on an attributed quotation, or reads as speech (a
  sentence, not two or three words). A short quoted phrase nobody is said to
  have said is a title or a term ("Face the Nation", "super PACs") and is
  left out. Each piece of a quotation split by its attribution is its own
  suggestion with the same speaker: a span never holds its attribution.
- **Reported speech**: sentences without quote marks where a named claimant
  says, claims or denies something become suggestions of kind statement,
  allegation, prediction or denial (`direct` false), their span the reported
  clause alone ("the lawsuit was without merit" in "Suthers said the
  lawsuit was without merit."). A sentence whose subject names no one ("The
  lawsuit says", "Some sheriffs say") is not suggested.

The library side (`suggestions_for`, `accept_suggestion`,
`dismiss_suggestion`) hides what the user already tagged or dismissed.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace

from store.coverage.alignment import align_event
from store.coverage.quotations import QUOTE_MARK, Quotation, quotations_in
from store.coverage.speakers import CALENDAR, PRONOUNS, ROLE_NOUNS, Cast, is_abbreviation
from store.library import Library
from store.model import Claim, ClaimKind
from store.text.sentences import Span, cut_long_sentences, split_sentences
from store.text.terms import STOPWORDS, word_set

DISMISSED_TABLE = "dismissed_suggestions"

SPEECH_VERBS = tuple(
    word_set(
        "said says say told tells added adds stated declared declares insisted insists claimed claims "
        "argued argues noted notes warned warns wrote writes explained explains replied replies "
        "responded responds announced announces continued continues concluded concludes stressed "
        "stresses emphasised emphasized emphasises emphasizes maintained maintains suggested suggests "
        "promised promises pledged pledges vowed vows acknowledged acknowledges admitted admits conceded "
        "concedes confirmed confirms denied denies rejected rejects dismissed dismisses described "
        "describes called calls tweeted tweets posted posts remarked remarks commented comments recalled "
        "recalls predicted predicts urged urges reiterated reiterates alleged alleges reported reports "
        "countered counters refuted refutes disputed disputes complained complains boasted boasts assured "
        "assures asked asks shouted shouts yelled yells chanted chants demanded demands joked jokes "
        "quipped quips testified testifies cautioned cautions observed observes lamented laments "
        "contended contends exclaimed exclaims mused muses charged charges answered answers agreed agrees "
        "thundered retorted retorts protested protests pleaded pleads wondered wonders sang sings "
        "proclaimed proclaims blasted blasts recounted recounts objected objects advised advises reacted "
        "reacts texted emailed e-mailed messaged explained summed questioned believes believed accused "
        "accuses condemned condemns criticized criticised criticizes criticises praised praises blamed "
        "blames chided slammed hailed deny dismiss reject"
    )
    | {"pointed out", "points out", "shot back", "fired back", "put it", "puts it", "went on", "goes on"}
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
    "vows predicted predicts told tells wrote writes added adds"
)
_NOUN_LIKE = word_set("states claims reports notes calls posts writes")
"""Verb forms that are more often nouns ("four states"): a verb only before "that"."""
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
_VERB = re.compile(
    r"(?<![-‑])\b(" + "|".join(f"(?i:{v[0]}){v[1:]}" for v in SPEECH_VERBS) + r"|according to)\b"
)
PARTICIPLES = word_set(
    "saying telling adding writing noting arguing warning insisting declaring claiming explaining "
    "tweeting asking stating calling describing urging vowing promising predicting responding replying "
    "countering acknowledging conceding joking quipping recalling accusing condemning criticizing "
    "criticising praising blaming"
)
"""Speech verbs whose subject is the sentence's: "Trump issued a statement saying "…"."""
_PARTICIPLE = re.compile(r"\b(" + "|".join(PARTICIPLES) + r")\b")
_LEADING_ADVERBIAL = re.compile(
    r"(?:(?:on|in|at|after|before|during|earlier|later|last|this|since|when|while|as|for|with|by|from|"
    r"then|but|and|yet|still|instead|meanwhile|however|asked|speaking|down|up|out|back|ahead|amid|"
    r"despite|under|over|behind|across|against|among|around|along|beyond|within|without|until|through|"
    r"throughout|toward|towards|upon|following|facing|unlike|like)\b[^,;:“”\"]{0,200},\s*)+",
    re.IGNORECASE,
)
_ANY_REPORT = re.compile(r"\b(" + "|".join(sorted(REPORTED_VERBS | DENIAL_VERBS)) + r")\b(?:\s+that\b)?")
_NEGATION = re.compile(r"\b(?:not|never|n’t|n't|no)\s+(?:\w+\s+)?$")
_AUX = word_set(
    "has have had was were is are be been being will would could can may might also then previously "
    "later again quick to not never reportedly repeatedly publicly allegedly firmly flatly already "
    "once earlier did does do himself herself first swiftly quickly completely strongly angrily "
    "often frequently recently subsequently initially privately simply just even still"
)
_CLAUSE_BREAK = re.compile(
    r"[;:“”\"()—–]|,(?!\s*(?:Jr|Sr|Inc)\b)|\b(?:that|but|while|as|after|when|because|which|who|where|if|what)\b"
)
_AND = re.compile(r"(\S+)\s+and\b\s*(?=(\S*))")
_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|last|this|from|to|after|before|during|by|about|with|when|while|outside|inside|"
    r"earlier|later|late|early|yesterday|today|tonight|shortly|recently|afterward|afterwards)\b.*$"
)
_LEAD = re.compile(r"[ \t,.!?…]*")
_SUBJECT_PRONOUNS = word_set("he she they we i")
MIN_QUOTE_WORDS = 2
MIN_SPEECH_WORDS = 6
"""Words a quotation nobody is said to have said needs to read as speech."""
MAX_SUBJECT_WORDS = 12
MAX_ATTRIBUTION = 120
"""Longest stretch before the verb of an attribution after a quotation."""
MAX_GAP = 300
"""Longest attribution between two pieces of one quotation (one sentence)."""


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
    title: str = ""
    """The speaker's title or office as the article gives it ("Attorney General")."""

    @property
    def key(self) -> str:
        """Stable across runs: where it is, what it says, and as whose claim
        (one sentence can hold a claim and its denial on the same words)."""
        said = f"{self.quote}\x00{self.kind.value}\x00{self.speaker}"
        digest = hashlib.sha256(said.encode()).hexdigest()[:12]
        return f"{self.start}-{self.end}-{digest}"


@dataclass(frozen=True)
class _Attribution:
    phrase: str
    at: int  # where the phrase starts in the text
    verb: str


# -- attribution ----------------------------------------------------------------

_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|these|those|such|our|my|your|this|that)|’s|'s)\s+$", re.IGNORECASE
)
LOOK_BEHIND = 48
"""Characters before a verb in which to look for a determiner or negation."""


def _just_before(pattern: re.Pattern[str], text: str, end: int) -> bool:
    """Whether `pattern` (anchored with `$`) matches right before `end`.

    Searched in a short window, not the whole text before `end`: that made a
    long paragraph with many verbs quadratic (minutes for one article)."""
    return pattern.search(text, max(0, end - LOOK_BEHIND), end) is not None


def _verbs(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Speech verbs in `text[start:end]`, leaving out nouns that look like
    verbs ("the reports", "the outlet’s claims")."""
    end = len(text) if end is None else end
    return [
        m
        for m in _VERB.finditer(text, start, end)
        if not _just_before(_DETERMINER_BEFORE, text, m.start())
        and not (m.group(1).casefold() in _NOUN_LIKE and _just_before(_MODIFIER_BEFORE, text, m.start()))
    ]


_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?!(?:he|she|it|they|we|who|also|then|later|now|often)\s)[a-z]+|\b[A-Z][a-z]+(?:ic|an|ish|ese|ian)|\d%?)\s+$"
)
"""Before "claims", "reports", "calls": a word that makes them nouns ("Democratic claims", "four states")."""


def _without_parentheses(text: str) -> str:
    """`text` with "(R-Ohio)"-style asides blanked, offsets kept."""
    return re.sub(r"\([^()\n]{0,40}\)", lambda m: " " * len(m.group()), text)


def _is_description(segment: str) -> bool:
    """An appositive that describes rather than names: "a lawyer", "45", "the
    chief", "R-Ky.", "N.C."."""
    words = segment.split()
    if not words:
        return True
    first = words[0].strip("“\"'(")
    if first[:1].islower() or first[:1].isdigit() or first.casefold() in {"the", "a", "an"}:
        return True
    if re.match(r"[A-Z]{1,2}-[A-Z]", first):
        return True  # a party and state: "R-Ky."
    return len(words) == 1 and (first.endswith(".") or (first.isupper() and len(first) <= 4))


def _subject_before(text: str, lo: int, hi: int) -> tuple[str, int] | None:
    """The noun phrase that ends right before `hi` (a speech verb), within
    `text[lo:hi]`, and where it starts: "Rep. Jim Jordan" in
    "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"."""
    clause = _without_parentheses(text[lo:hi])
    end = len(clause.rstrip())
    while True:
        word = re.search(r"([\w’'\-]+)\s*$", clause[:end])
        if word is None:
            break
        folded = word.group(1).casefold()
        if folded in _AUX or (folded.endswith("ly") and len(folded) > 5):
            end = len(clause[: word.start()].rstrip())
            continue
        break
    core = clause[:end]
    if core.endswith(","):
        segments = core[:-1].split(",")
        while len(segments) > 1 and _is_description(segments[-1]):
            segments.pop()
        segment = segments[-1]
        start = len(",".join(segments[:-1])) + (1 if len(segments) > 1 else 0)
        core = core[: start + len(segment)]
    cut = 0
    for match in _CLAUSE_BREAK.finditer(core):
        cut = match.end()
    relative = re.search(r",\s+who\s*$", core)
    if relative is not None:  # "Patti LaBelle, who joked": the name before the clause
        return _subject_before(text, lo, lo + relative.start() + 1)
    for match in _AND.finditer(core, cut):
        if not (match.group(1)[:1].isupper() and match.group(2)[:1].isupper()):
            cut = match.end()  # "Oklahoma and Nebraska said" is one subject; "… and he said" is not
    phrase = core[cut:]
    pronoun = re.search(r"\b(\w+)\s*$", phrase)
    if pronoun is not None and pronoun.group(1).casefold() in _SUBJECT_PRONOUNS:
        return pronoun.group(1), lo + cut + pronoun.start(1)  # "for what she called"
    stripped = phrase.strip()
    if not stripped or len(stripped.split()) > MAX_SUBJECT_WORDS:
        return None
    if all(w.casefold() in STOPWORDS and w.casefold() not in _SUBJECT_PRONOUNS for w in stripped.split()):
        return None  # "and", "it was": no one
    return stripped, lo + cut + (len(phrase) - len(phrase.lstrip()))


def _subject_after(text: str, lo: int, hi: int) -> tuple[str, int] | None:
    """The noun phrase right after a speech verb at `lo`: "Rep. Ann Bell" in
    "said Rep. Ann Bell (D-Ohio), head of the caucus", "the group's lawyer,
    Ann Bell" in "said the group's lawyer, Ann Bell, on Monday"."""
    rest = _without_parentheses(text[lo:hi])
    for stop in re.finditer(r"[;:“”\"\n—–]|\s-\s|[.!?](?=\s|$)", rest):
        if stop.group() == "." and is_abbreviation(rest[: stop.end()].split()[-1]):
            continue  # "Rep.", "G.K."
        rest = rest[: stop.start()]
        break
    segments = rest.split(",")[:2]
    first = _TIME_TAIL.sub("", " " + segments[0]).strip()
    if not first or first.split()[0].casefold() in CALENDAR:
        return None
    phrase = first
    if len(segments) > 1 and segments[1].strip() and not _is_description(segments[1]):
        phrase += ", " + _TIME_TAIL.sub("", " " + segments[1]).strip()
    if len(phrase.split()) > MAX_SUBJECT_WORDS:
        return None
    return phrase, lo + len(rest) - len(rest.lstrip())


def _attribution_after(text: str, lo: int, hi: int) -> _Attribution | None:
    """An attribution right after a quotation, within `text[lo:hi]`:
    `, said Ann Bell.`, `, Bell said.`, ` the spokesman told reporters.`"""
    dash = re.compile(r"[ \t,.!?…]*[―—–-]\s*").match(text, lo, hi)
    if dash is not None:  # `“…” ― Ann Bell`: a quote card's or an epigraph's attribution
        name = _subject_after(text, dash.end() - 1, hi)
        if name is not None and name[0][:1].isupper() and not re.search(r"[.!?]\s+\S", text[name[1] : hi]):
            return _Attribution(name[0], name[1], "said")
    lead = re.match(r"[\s,.!?…—–-]*", text[lo:hi])
    start = lo + (lead.end() if lead else 0)
    first = _VERB.match(text, start, hi)
    if first is not None:
        found = _subject_after(text, first.end(), hi)
        if found is not None:
            return _Attribution(found[0], found[1], first.group(1))
    verbs = _verbs(text, start, min(hi, start + MAX_ATTRIBUTION))
    if not verbs:
        return None
    verb = verbs[0]
    found = _subject_before(text, start, verb.start())
    if found is None or found[1] != start:
        return None
    return _Attribution(found[0], found[1], verb.group(1))


def _attribution_before(text: str, lo: int, hi: int) -> _Attribution | None:
    """An attribution before a quotation in the same sentence, `text[lo:hi]`:
    `Bell said: "…"`, `Bell called it "…"`, `according to Bell, "…"`."""
    for verb in reversed(_verbs(text, lo, hi)):
        if verb.group(1) == "according to":
            phrase = re.split(r"[,;:]", text[verb.end() : hi])[0]
            clean = _TIME_TAIL.sub("", phrase).strip()
            if clean:
                return _Attribution(clean, verb.end() + phrase.find(clean[:1]), "according")
            continue
        if _just_before(_NEGATION, text, verb.start()):
            continue
        found = _subject_before(text, lo, verb.start())
        if found is not None:
            return _Attribution(found[0], found[1], verb.group(1))
        after = _subject_after(text, verb.end(), hi)
        if (
            after is not None
            and (after[0][:1].isupper() or after[0].casefold() in _SUBJECT_PRONOUNS)
            and re.fullmatch(r"\s*[,:]\s*", text[after[1] + len(after[0]) : hi])
        ):
            return _Attribution(after[0], after[1], verb.group(1))  # said Ann Bell: "…"
    return None


def _attribution_ending(context: _Context, lo: int, hi: int) -> _Attribution | None:
    """An attribution that ends the sentence after a quotation, past other
    words: `"…" that Sanders can win, said Ann Bell.`, `…, Bell said.`"""
    text = context.text
    verbs = _verbs(text, lo, hi)
    comma = text.rfind(",", lo, verbs[-1].start()) if verbs else -1
    if comma < 0:
        return None
    verb = verbs[-1]
    subject_start = (
        comma + 1 + len(text[comma + 1 : verb.start()]) - len(text[comma + 1 : verb.start()].lstrip())
    )
    if subject_start == verb.start():
        found = _subject_after(text, verb.end(), hi)  # ", said Ann Bell, a lawyer."
    elif len(text[verb.end() : hi].split()) <= 4:
        found = _subject_before(text, comma + 1, verb.start())  # ", Bell said."
        found = found if found is not None and found[1] == subject_start else None
    else:
        found = None
    return _Attribution(found[0], found[1], verb.group(1)) if found is not None else None


def _introduced(context: _Context, lo: int, hi: int) -> _Attribution | None:
    """A quotation introduced by a colon or by "saying", "adding", "writing":
    the sentence's subject said it ("Trump issued a statement saying "…"",
    "Clinton has since apologized: "…"", "Bush: "…"")."""
    text = context.text
    lead = text[lo:hi].rstrip()
    participles = list(_PARTICIPLE.finditer(text, lo, hi))
    participle = participles[-1] if participles else None
    if participle is None and not lead.endswith(":"):
        return None
    verb = participle.group(1) if participle else "said"
    if participle is None:
        colon = lo + len(lead) - 1
        found = _subject_before(text, lo, colon)
        if found is not None and found[1] + len(found[0]) == colon and context.cast.speaker(*found):
            return _Attribution(found[0], found[1], verb)  # "Bush: “…”"
    adverbial = _LEADING_ADVERBIAL.match(text, lo, hi)
    start = adverbial.end() if adverbial else lo
    end = _subject_end(text, start, participle.start() if participle else hi)
    if end <= start:
        return None
    phrase = text[start:end].rstrip(" ,")
    return _Attribution(phrase, start, verb) if context.cast.speaker(phrase, start) else None


DETERMINERS_AND_POSSESSIVES = word_set("the a an his her their its our my your one another")
_CHUNK_WORD = re.compile(r"[^\s,;:“”\"]+,?")


def _modifier(token: str, upcoming: list[str], after_name: bool) -> bool:
    """A lower-case word inside a noun phrase: "state" in "state director",
    "panel" in "panel Chairman Jason Chaffetz"; not a verb after a name."""
    if not upcoming:
        return False
    if upcoming[0].casefold() in ROLE_NOUNS:
        return True
    return upcoming[0][:1].isupper() and not after_name and token[:1].islower()


def _subject_end(text: str, start: int, end: int) -> int:
    """Where the noun phrase opening `text[start:end]` ends: names, titles,
    determiners, roles ("Trump's Virginia state director, Mike Rubino,"),
    up to the first word that is none of these (the verb)."""
    words = list(_CHUNK_WORD.finditer(text, start, end))
    stop = start
    appositive = previous_capitalised = False
    for n, word in enumerate(words[: MAX_SUBJECT_WORDS + 4]):
        token = word.group().rstrip(",")
        folded = token.casefold()
        upcoming = [w.group().rstrip(",") for w in words[n + 1 : n + 3]]
        nominal = (
            token[:1].isupper()
            or folded in DETERMINERS_AND_POSSESSIVES
            or folded in ROLE_NOUNS
            or (folded in {"of", "for", "at"} and bool(upcoming) and upcoming[0][:1].isupper())
            or _modifier(token, upcoming, previous_capitalised)
            and not word.group().endswith(",")
        )
        previous_capitalised = token[:1].isupper()
        if not nominal and not appositive:
            break
        stop = word.end()
        if word.group().endswith(","):
            if appositive:
                break
            appositive = True  # one appositive: ", Mike Rubino," or ", a lawyer,"
        elif appositive and not nominal:
            continue
    return stop


def _sentence_of(sentences: list[Span], starts: list[int], position: int) -> Span:
    i = bisect.bisect_right(starts, position) - 1
    return sentences[i] if i >= 0 else Span(0, 0)


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


@dataclass
class _Context:
    text: str
    cast: Cast
    sentences: list[Span]
    starts: list[int]

    def sentence(self, position: int) -> Span:
        """The sentence at `position`, carried past initials that the sentence
        splitter took for a full stop ("said Rep. G.K. Butterfield")."""
        span = _sentence_of(self.sentences, self.starts, position)
        end = span.end
        while re.search(r"\b(?:[A-Z]\.){2,}$", self.text[span.start : end]):
            following = _sentence_of(self.sentences, self.starts, end + 1)
            if following.end <= end or self.text[end : following.start].count("\n"):
                break
            end = following.end
        return Span(span.start, end) if end != span.end else span


def suggest_claims(text: str) -> list[Suggestion]:
    """Claims this text suggests, in reading order."""
    sentences = cut_long_sentences(text, split_sentences(text))
    quotations = quotations_in(text)
    cast = Cast.read(text, [(q.open, q.close + 1) for q in quotations])
    context = _Context(text, cast, sentences, [s.start for s in sentences])
    cast.note_speakers(_speech_subjects(context))
    suggestions: list[Suggestion] = []
    last: tuple[int, str] | None = None  # (end of the last attributed quotation, its speaker)
    for quotation in _join_split(context, quotations):
        inner = " ".join(text[p.start : p.end] for p in quotation.pieces)
        called = len(inner.split()) < MIN_QUOTE_WORDS and _called(context, quotation)
        if _looks_like_title(inner) or (len(inner.split()) < MIN_QUOTE_WORDS and not called):
            continue
        attribution = _attribution(context, quotation)
        speaker = cast.speaker(attribution.phrase, attribution.at) if attribution else ""
        verb = attribution.verb if attribution else ""
        if attribution is None:
            if last is not None and _carries_on(text, last[0], quotation):
                speaker = last[1]
            elif len(inner.split()) < MIN_SPEECH_WORDS:
                continue  # a term or a title in quote marks, not speech
        sentence = context.sentence(quotation.open)
        if (
            len(quotation.pieces) == 1
            and len(inner.split()) < MIN_SPEECH_WORDS
            and _inside_report(text, sentence, quotation.open)
        ):
            reported = _reported_in(context, sentence)
            if reported:
                suggestions.extend(reported)  # `he could end the conflict "in 24 hours"`: reported
                continue
        kind = _quote_kind(inner, verb, text[sentence.start : quotation.open])
        title = cast.title_of(speaker)
        for run in quotation.runs():
            start, end = _trimmed(text, run[0].start, run[-1].end)
            if len(text[start:end].split()) >= MIN_QUOTE_WORDS or len(quotation.pieces) > 1 or called:
                suggestions.append(Suggestion(text[start:end], speaker, kind, start, end, True, title))
        if attribution is not None or speaker:
            last = (quotation.close, speaker)
    suggestions.extend(_reported(context, suggestions))
    return sorted(_with_anonymous_sources(context, suggestions), key=lambda s: (s.start, s.end))


def _inside_report(text: str, sentence: Span, open_mark: int) -> bool:
    """Whether a quotation stands inside the clause a report verb of its
    sentence introduces, words of the clause before it: a few quoted words
    in reported speech (`claimed that he could end it “in 24 hours”`)
    rather than a quotation of its own."""
    if _CHARACTERISED.search(text, sentence.start, open_mark):
        return False  # "rejected the finding as “wishful thinking”": his words, quoted
    for verb in _ANY_REPORT.finditer(text, sentence.start, open_mark):
        if len(text[verb.end() : open_mark].split()) >= 2:
            return True
    return False


_CHARACTERISED = re.compile(r"\b(?:as|it|them|him|her|this)\s*$", re.IGNORECASE)


def _speech_subjects(context: _Context) -> list[tuple[str, int]]:
    """The subject of every speech verb outside quotations: "Bell said"."""
    text, cast = context.text, context.cast
    found = []
    for verb in _verbs(text):
        if cast.in_quote(verb.start()):
            continue
        sentence = context.sentence(verb.start())
        subject = _subject_before(text, sentence.start, verb.start())
        if subject is None:
            subject = _subject_after(text, verb.end(), sentence.end)
        if subject is not None:
            found.append(subject)
    return found


def _attribution(context: _Context, quotation: Quotation) -> _Attribution | None:
    """Who a quotation is attributed to: between its pieces, right after it,
    before it in its sentence, or at the end of the paragraph before."""
    text = context.text
    pieces = quotation.pieces
    for i in sorted(quotation.split_after):
        found = _attribution_after(text, pieces[i].close + 1, pieces[i + 1].open)
        if found is not None:
            return found
    last = pieces[-1]
    if last.close < len(text):
        lead = _LEAD.match(text, last.close + 1)
        after = lead.end() if lead else last.close + 1
        end = context.sentence(min(after, len(text) - 1)).end
        end = min(max(end, last.close + 1), _next_quote(text, last.close + 1, end))
        found = _attribution_after(text, last.close + 1, end) or _attribution_ending(
            context, last.close + 1, end
        )
        if found is not None:
            return found
    sentence = context.sentence(quotation.open)
    found = _attribution_before(text, sentence.start, quotation.open) or _introduced(
        context, sentence.start, quotation.open
    )
    if found is not None:
        return found
    if sentence.start == quotation.open:
        return _previous_sentence(context, quotation.open)
    return None


def _previous_sentence(context: _Context, start: int) -> _Attribution | None:
    """The attribution a quotation opening its sentence takes from the
    sentence before, when that one ends by introducing it: `Bell said:`,
    `Lau said in a statement.`, `released the following statement:`."""
    text = context.text
    before = text[max(0, start - 4) : start]
    end = start - (len(before) - len(before.rstrip()))
    if end <= 0 or before.count("\n") > 2:
        return None
    sentence = context.sentence(end - 1)
    if text[end - 1] == ":":
        return _attribution_before(text, sentence.start, end - 1) or _introduced(context, sentence.start, end)
    verbs = _verbs(text, sentence.start, end)
    if not verbs or _TIME_TAIL.sub("", " " + text[verbs[-1].end() : end]).strip(" .,") != "":
        return None
    found = _subject_before(text, sentence.start, verbs[-1].start())
    return _Attribution(found[0], found[1], verbs[-1].group(1)) if found is not None else None


def _next_quote(text: str, start: int, end: int) -> int:
    """Where the next quote mark after `start` is (`end` when none before it)."""
    mark = QUOTE_MARK.search(text, start, end)
    return mark.start() if mark else end


_CALLED = re.compile(
    r"\b(?:referr(?:ed|ing) to|call(?:ed|s|ing)?|describ(?:ed|es|ing)|label(?:l?ed|s)|brand(?:ed|s)|"
    r"dubbed|term(?:ed|s))\b"
    r"(?:\s+[\w’'\-]+){0,4}?\s+(?:as\s+|a\s+|an\s+)?$"
)


def _called(context: _Context, quotation: Quotation) -> bool:
    """A one-word quotation someone is said to have called something: "called
    him a “jackass”", "described the bill as “sexist”"."""
    sentence = context.sentence(quotation.open)
    return _CALLED.search(context.text, max(sentence.start, quotation.open - 80), quotation.open) is not None


def _carries_on(text: str, last_end: int, quotation: Quotation) -> bool:
    """The same speaker goes on: a quotation that is a whole paragraph right
    after an attributed one, or the next quotation of the same paragraph with
    no other speaker's verb between them."""
    between = text[last_end : quotation.open]
    if "\n" not in between:
        return len(_verbs(between)) <= 1
    para_start = text.rfind("\n", 0, quotation.open) + 1
    if text[para_start : quotation.open].strip() != "":
        return False
    return between.count("\n\n") <= 1 and between.count("\n") <= 2 and len(between.strip()) < 3


def _join_split(context: _Context, quotations: list[Quotation]) -> list[Quotation]:
    """Join `"…," he said. "…"`: a quotation whose attribution sits between
    it and the next quotation of the same paragraph, which has none of its own."""
    text = context.text
    joined: list[Quotation] = []
    previous: Quotation | None = None  # the last quotation that reads as speech, not a title
    for quotation in quotations:
        inner = text[quotation.pieces[0].start : quotation.pieces[0].end]
        if len(inner.split()) < MIN_QUOTE_WORDS or _looks_like_title(inner):
            joined.append(quotation)  # "Today" between two pieces stays out of both
            continue
        if previous is not None:
            gap_start, gap_end = previous.close + 1, quotation.open
            tail_end = context.sentence(min(quotation.close, len(text) - 1)).end
            if (
                0 < gap_end - gap_start <= MAX_GAP
                and not re.search(r"[.!?]\s+\S", text[gap_start:gap_end].rstrip())
                and "\n" not in text[gap_start:gap_end]
                and _attribution_after(text, gap_start, gap_end) is not None
                and not _verbs(text, quotation.close + 1, max(quotation.close + 1, tail_end))
                and _attribution_before(text, context.sentence(previous.open).start, previous.open) is None
            ):
                previous.split_after.add(len(previous.pieces) - 1)
                previous.pieces.extend(quotation.pieces)
                continue
        joined.append(quotation)
        previous = quotation
    return sorted(joined, key=lambda q: q.open)


def _with_anonymous_sources(context: _Context, suggestions: list[Suggestion]) -> list[Suggestion]:
    """Name a speaker "X (anonymous sources)" when the article says X's
    account rests on sources it does not name: who makes the claim is then
    unnamed, which is what a fact-checker needs to see."""
    text, cast = context.text, context.cast
    anonymous: set[str] = set()
    for span in context.sentences:
        if not _ANONYMITY.search(text, span.start, span.end):
            continue
        for verb in _verbs(text, span.start, span.end):
            subject = _subject_before(text, span.start, verb.start())
            speaker = cast.speaker(*subject) if subject else ""
            if speaker and speaker.casefold() not in PRONOUNS:
                anonymous.add(speaker)
    if not anonymous:
        return suggestions
    return [
        replace(s, speaker=f"{s.speaker} ({ANONYMOUS_SOURCES})") if s.speaker in anonymous else s
        for s in suggestions
    ]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without surrounding white space and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# -- reported speech ---------------------------------------------------------------


def _reported(context: _Context, quotes: list[Suggestion]) -> list[Suggestion]:
    """Reported claims and denials in sentences that hold no quotation."""
    text = context.text
    found: list[Suggestion] = []
    for span in context.sentences:
        if any(q.start < span.end and span.start < q.end for q in quotes):
            continue
        if any(mark in text[span.start : span.end] for mark in '“”"'):
            continue
        found.extend(_reported_in(context, span))
        if _ANY_REPORT.search(text, span.start, span.end):
            found.extend(_own_voice_in(text[span.start : span.end], span.start))
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


def _reported_suggestion(
    context: _Context, start: int, end: int, speaker: str, kind: ClaimKind
) -> Suggestion | None:
    """A reported claim spanning `text[start:end]`, trimmed of punctuation."""
    text = context.text
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    if len(text[start:end].split()) < MIN_QUOTE_WORDS:
        return None
    return Suggestion(text[start:end], speaker, kind, start, end, False, context.cast.title_of(speaker))


def _reported_in(context: _Context, span: Span) -> list[Suggestion]:
    text, cast = context.text, context.cast
    according = re.compile(r"\baccording to\s+([^,;]+)", re.IGNORECASE).search(text, span.start, span.end)
    if according:
        phrase = _TIME_TAIL.sub("", according.group(1)).strip(" .")
        speaker = cast.speaker(phrase, according.start(1)) if phrase else ""
        if speaker and len(phrase.split()) <= MAX_SUBJECT_WORDS:
            if according.start() == span.start:
                reported = (according.end(1), span.end)
            else:
                reported = (span.start, according.start())
            return _listed(_reported_suggestion(context, *reported, speaker, ClaimKind.ALLEGATION))
    for verb in _ANY_REPORT.finditer(text, span.start, span.end):
        word = verb.group(1)
        if _just_before(_NEGATION, text, verb.start()) or _just_before(
            _DETERMINER_BEFORE, text, verb.start()
        ):
            continue
        if word in _NOUN_LIKE and not verb.group().endswith("that"):
            continue
        subject = _subject_before(text, span.start, verb.start())
        if subject is None:
            continue
        speaker = cast.speaker(*subject)
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
        after = text[verb.end() : span.end]
        if (
            subject[1] > span.start
            and not _COMPLEMENT.search(after)
            and not _TIME_TAIL.sub("", " " + after).strip(" .!?")
        ):
            if kind is ClaimKind.STATEMENT and _NEGATED.search(text, span.start, subject[1]):
                kind = ClaimKind.DENIAL
            return _listed(
                _reported_suggestion(context, span.start, subject[1], speaker, kind)
            )  # "…, Bell said."
        content = verb.end()
        named = _CLAIM_OBJECT.match(text, content, span.end)
        if named is not None:
            return _claim_about_a_claim(context, named, span, speaker, kind)
        that = re.match(
            r"\s+(?:[\w’'\-.]+\s+){1,5}?(?:that\b|(?=(?:he|she|they|it|we|I)\s))", text[content : span.end]
        )
        if that is not None and "," not in that.group():
            content += that.end()  # "told reporters that", "claimed on Sunday that", "told the Post he"
        if kind is ClaimKind.STATEMENT and _NEGATED.search(text, content, span.end):
            kind = ClaimKind.DENIAL  # "Peskov said they did not speak"
        return _listed(_reported_suggestion(context, content, span.end, speaker, kind))
    return []


_CLAIM_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her|these|those|such)\s+)?(?:[\w’'-]+(?:’s|'s)\s+)?"
    r"(?:claims?|reports?|allegations?|accusations?|assertions?|suggestions?|stor(?:y|ies)|"
    r"articles?|account|rumou?rs?)\b(?P<rest>[^,;]*)",
    re.IGNORECASE,
)
"""What a report names as its object when that is a claim rather than a
proposition: "denied the claim made by the Washington Post that …"."""
_SOURCE_THAT = re.compile(
    r"^\s+(?:made\s+)?by\s+(?P<source>.+?)(?:\s+in\s+(?:its|his|her|their|a|the)\s+\w+)?\s+that\b"
    r"|^\s+that\b",
    re.IGNORECASE,
)
_COMPLEMENT = re.compile(r"\bthat\b|^\s*to\s+\w|[“\"]")
"""What follows a report verb that says what was reported ("said in a
statement that …", "promises to defend …", "said “…”"): then what comes
before the speaker is not the report ("The plan failed, Bell said.")."""
_NEGATED = re.compile(r"\b(?:not|never|no|n’t|n't)\b", re.IGNORECASE)


def _listed(suggestion: Suggestion | None) -> list[Suggestion]:
    return [suggestion] if suggestion is not None else []


def _claim_about_a_claim(
    context: _Context, named: re.Match[str], span: Span, speaker: str, kind: ClaimKind
) -> list[Suggestion]:
    """A report whose object is someone's claim: that claim (by its source,
    where the sentence names one) and the report of it (a denial, say), on
    the same words. A claim named without its content ("denied the report")
    is suggested as it stands."""
    that = _SOURCE_THAT.match(named.group("rest"))
    if that is None:  # "denied the report": the denial of a claim told before
        rest = named.group("rest")
        end = named.start("rest") + len(_TIME_TAIL.sub("", rest)) if rest.strip(" .") else named.end()
        return _listed(_reported_suggestion(context, named.start(), end, speaker, kind))
    content = named.start("rest") + that.end()
    found = []
    if that.group("source"):
        claimant = context.cast.speaker(that.group("source"), named.start("rest") + that.start("source"))
        if claimant:
            found += _listed(_reported_suggestion(context, content, span.end, claimant, ClaimKind.ALLEGATION))
    return found + _listed(_reported_suggestion(context, content, span.end, speaker, kind))


# -- the library side ---------------------------------------------------------------


def _dismissed_key(article_id: str, suggestion: Suggestion) -> str:
    return f"{article_id}:{suggestion.key}"


def suggestions_for(library: Library, article_id: str) -> list[Suggestion]:
    """Suggestions for an article, without dismissed ones and without ones
    that overlap a claim the user already tagged."""
    text = library.text(article_id)
    claims = library.claims(article_id=article_id)
    records = [r for r in library.records(DISMISSED_TABLE).values() if r.get("article_id") == article_id]
    dismissed = {(r.get("quote"), r.get("kind")) for r in records}
    return [
        s
        for s in suggest_claims(text)
        if not ({(s.quote, None), (s.quote, s.kind.value)} & dismissed)
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


def dismiss_suggestion(library: Library, article_id: str, suggestion: Suggestion) -> str:
    """Hide a suggestion for good (remembered in a side table); returns the
    key that `restore_suggestion` takes."""
    key = _dismissed_key(article_id, suggestion)
    dismiss_again(
        library,
        DismissedSuggestion(
            key, article_id, suggestion.quote, suggestion.kind.value, suggestion.start, suggestion.end
        ),
    )
    return key


@dataclass(frozen=True)
class DismissedSuggestion:
    """A suggestion the user dismissed, as remembered: enough to list it and
    bring it back (`restore_suggestion`)."""

    key: str
    article_id: str
    quote: str
    kind: str
    start: int
    end: int


def dismissed_suggestions(library: Library, article_id: str | None = None) -> list[DismissedSuggestion]:
    """The dismissed suggestions (of one article, or all), in article and
    text order. Records that cannot be read are passed over."""
    found = []
    for key, record in library.records(DISMISSED_TABLE).items():
        try:
            item = DismissedSuggestion(
                key,
                str(record["article_id"]),
                str(record["quote"]),
                str(record.get("kind") or ""),
                int(record.get("start") or 0),
                int(record.get("end") or 0),
            )
        except (KeyError, TypeError, ValueError):
            continue
        if article_id is None or item.article_id == article_id:
            found.append(item)
    return sorted(found, key=lambda d: (d.article_id, d.start, d.end, d.key))


def restore_suggestion(library: Library, key: str) -> bool:
    """Offer a dismissed suggestion again; False if it was not dismissed."""
    return library.delete_record(DISMISSED_TABLE, key)


def dismiss_again(library: Library, dismissed: DismissedSuggestion) -> None:
    """Dismiss a suggestion as listed by `dismissed_suggestions`, under its
    key: how an undone restore hides it again."""
    library.put_record(
        DISMISSED_TABLE,
        dismissed.key,
        {
            "article_id": dismissed.article_id,
            "quote": dismissed.quote,
            "kind": dismissed.kind,
            "start": dismissed.start,
            "end": dismissed.end,
        },
    )
