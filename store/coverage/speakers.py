"""Who is speaking: people, organisations, roles and pronouns in one article.

News copy names a person in full once, with a title or role ("Colorado
Attorney General John Suthers", "Kremlin spokesperson Dmitry Peskov",
"Rep. Jim Jordan (R-Ohio)") and then refers to them by surname ("Suthers
said"), with a courtesy title ("Mr. Obama"), by pronoun ("he told
journalists") or by role ("the spokesman", "Putin's spokesperson"). `Cast`
reads an article once and turns any such subject phrase into a claimant:

- a person, by their full name as the article first gives it, without the
  title (the title is kept apart, in `Cast.title_of`, so two outlets that
  title the same person differently still name the same claimant);
- an organisation or other proper name ("Washington Post", "NAACP",
  "Oklahoma and Nebraska"), or a named document ("Washington Post report");
- an unnamed role tied to a proper name ("Ukrainian Foreign Ministry
  spokesman");
- or nothing (""), which the reader shows as "unattributed": never a common
  noun ("the lawsuit", "officials"), a number ("two") or a clause fragment
  ("If Nebraska"). A capitalised word that opens a sentence is only taken
  for a name when the article never writes it in lower case and it is not a
  function word, so "While", "Four" and "Some" are not names.

Everything is rules over the article's own text: no model, no lexicon of
particular people or institutions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from store.text.sentences import split_sentences
from store.text.terms import STOPWORDS, word_set

_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_TOKEN = re.compile(r"[^\s–—]+")
_EDGE_OPEN = "\"'“‘«(["
_EDGE_CLOSE = "\"'”’»)],;:!?…"

TITLE_WORDS = word_set(
    "president president-elect vice prime minister secretary chancellor spokesman spokeswoman "
    "spokesperson senator governor mayor general gen colonel col chief director ambassador king queen "
    "prince princess pope judge justice mr mrs ms miss dr professor prof sir lord lady dame commissioner "
    "chairman chairwoman chair ceo leader head deputy foreign defence defense interior finance health "
    "state former acting lieutenant lt captain capt officer representative rep sen gov del councillor "
    "councilor inspector superintendent sergeant sgt admiral adm commander premier attorney speaker "
    "envoy adviser advisor aide coach manager analyst economist lawyer prosecutor detective constable "
    "sheriff archbishop bishop rabbi imam reverend rev father sister brother pastor congressman "
    "congresswoman assemblyman assemblywoman councilman councilwoman delegate majority minority whip "
    "candidate nominee founder executive officer host anchor correspondent editor columnist "
    "strategist pollster spokesmen surgeon engineer scientist historian activist author writer researcher "
    "doctor nurse teacher farmer pilot architect artist singer actor actress producer filmmaker novelist "
    "comedian striker goalkeeper player trader banker investor"
)
"""Words of a title or office before a name ("Attorney General", "Rep.")."""
_NAME_SUFFIXES = word_set("jr sr ii iii iv")
ORG_WORDS = word_set(
    "post times news ministry agency office house council party union bank court department "
    "commission committee government company corporation inc ltd group press associated reuters "
    "parliament army navy police service university institute fund organisation organization "
    "association federation authority board bureau network channel television radio journal herald "
    "guardian tribune telegraph gazette daily weekly review media international nations assembly "
    "senate congress cabinet embassy images photo photos club league federal national republic "
    "kingdom states airlines airways motors systems holdings partners foundation trust hospital "
    "school college centre center museum coalition alliance front movement forces guard "
    "command county city administration campaign caucus project society center institution "
    "republicans democrats church conference summit forum"
)
"""Words that make a capitalised name an institution, not a person."""
DOCUMENT_WORDS = word_set(
    "report reports story article lawsuit suit complaint statement study memo letter filing ruling "
    "editorial poll survey analysis indictment order document documents paper brief affidavit review "
    "investigation audit"
)
"""A proper name followed by one of these is a named document ("the Post report")."""
SPEECH_NOUNS = word_set("response reply answer statement comment comments remarks words message tweet retort")
"""After a possessive, what someone said: "Clinton's response" is Clinton."""
ROLE_NOUNS = {
    "spokesman": "spokes",
    "spokeswoman": "spokes",
    "spokesperson": "spokes",
    "minister": "minister",
    "president": "president",
    "secretary": "secretary",
    "chancellor": "chancellor",
    "mayor": "mayor",
    "governor": "governor",
    "senator": "senator",
    "ambassador": "ambassador",
    "commander": "commander",
    "adviser": "adviser",
    "advisor": "adviser",
    "aide": "aide",
    "leader": "leader",
    "prosecutor": "prosecutor",
    "director": "director",
    "chief": "chief",
    "chairman": "chair",
    "chairwoman": "chair",
    "chair": "chair",
    "envoy": "envoy",
    "premier": "premier",
    "official": "official",
    "analyst": "analyst",
    "economist": "economist",
    "lawyer": "lawyer",
    "attorney": "lawyer",
    "coach": "coach",
    "manager": "manager",
    "sheriff": "sheriff",
    "professor": "professor",
    "judge": "judge",
    "general": "general",
    "congressman": "congressman",
    "congresswoman": "congressman",
    "lawmaker": "lawmaker",
    "candidate": "candidate",
    "nominee": "candidate",
    "businessman": "businessman",
    "businesswoman": "businessman",
    "founder": "founder",
    "executive": "executive",
    "strategist": "strategist",
    "representative": "congressman",
    "rep": "congressman",
    "sen": "senator",
    "gov": "governor",
    "gen": "general",
    "host": "host",
}
PRONOUNS = frozenset({"he", "she"})
_MALE = word_set("he him his himself mr")
_FEMALE = word_set("she her hers herself mrs ms miss")
_LEADING_NOISE = word_set(
    "but and so yet instead however meanwhile also then still later earlier separately asked "
    "if while when as though although because since after before once until unless whether "
    "several others plus many most some both each one two three four five six seven eight nine ten "
    "eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands dozen dozens"
)
DETERMINERS = frozenset({"the", "a", "an"})
_SUBORDINATORS = word_set("if while when because although though unless whether until once")
_OTHER_PRONOUNS = word_set("i we you they it who one")
_TIME_WORDS = word_set("yesterday today tonight earlier later")
_WHEN_WORDS = word_set("on last this late early")
_TIME_NOUNS = word_set("morning afternoon evening night week month year weekend")
CALENDAR = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december"
)
_CONNECTORS = word_set("of for and the on de van von der bin al la le du")
"""Lower-case words allowed inside an organisation's name ("Bank of America")."""
PRONOUN_WINDOW = 1500
"""How far back (characters) a pronoun looks for the person it stands for."""


def _fold(word: str) -> str:
    return _POSSESSIVE.sub("", word).strip(".").casefold()


def _core(token: str) -> str:
    """A token without surrounding quote marks, brackets and punctuation;
    an abbreviation's or initial's full stop stays ("Rep.", "G.K.")."""
    token = token.lstrip(_EDGE_OPEN).rstrip(_EDGE_CLOSE)
    if token.endswith(".") and not is_abbreviation(token):
        token = token.rstrip(".")
    return token


def is_abbreviation(token: str) -> bool:
    """ "Rep.", "Sen.", "Jr.", "G.K.", "J.": a full stop that does not end a sentence."""
    bare = token.rstrip(".")
    if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", bare):
        return True
    return bare.casefold() in TITLE_WORDS | _NAME_SUFFIXES and len(bare) <= 4


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _initial(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word))


def _is_time(words: list[str], i: int) -> bool:
    """Whether `words[i:]` is a time ("on Tuesday", "last week", "today")."""
    folded = _fold(words[i])
    if folded in _TIME_WORDS:
        return True
    following = _fold(words[i + 1]) if i + 1 < len(words) else ""
    return folded in _WHEN_WORDS and (following in CALENDAR or following in _TIME_NOUNS)


def _inflected(word: str) -> bool:
    """A verb or adverb form ("Added", "Asked", "Clearly") opening a sentence."""
    return word.casefold().endswith(("ed", "ing", "ly"))


def _is_demonym(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|ish|an|i|ic)", word))


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    surname: str


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A named person introduced with a role: "Kremlin spokesperson Dmitry Peskov"."""

    person: Person
    role: str
    qualifier: tuple[str, ...]
    start: int


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    raw: str
    core: str


@dataclass
class Cast:
    """The people and names of one article, with where each is mentioned."""

    text: str
    people: dict[str, Person] = field(default_factory=dict)
    """The first full name the article gives each surname (folded)."""
    roles: list[RoleMention] = field(default_factory=list)
    mentions: list[tuple[int, Person]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    titles: dict[Person, str] = field(default_factory=dict)
    lower_words: frozenset[str] = frozenset()
    capitalised_inside: frozenset[str] = frozenset()
    """Capitalised words the article writes mid-sentence (names, not sentence openers)."""
    quoted: list[tuple[int, int]] = field(default_factory=list)
    genders: dict[Person, str] = field(default_factory=dict)
    organisations: list[tuple[int, str]] = field(default_factory=list)
    speakers: list[tuple[int, Person]] = field(default_factory=list)
    """Who the article has speak, and where (see `note_speakers`)."""
    """Named institutions ("Harbour Council", "Ukrainian Foreign Ministry") and where."""
    _full: dict[str, list[tuple[int, Person]]] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, quoted: Iterable[tuple[int, int]] = ()) -> Cast:
        """Read `text`; `quoted` spans (quotations) hold no antecedents for pronouns."""
        cast = cls(text)
        cast.quoted = sorted(quoted)
        cast.sentence_starts = [s.start for s in split_sentences(text)]
        tokens = [_Token(m.start(), m.end(), m.group(), _core(m.group())) for m in _TOKEN.finditer(text)]
        cast.lower_words = frozenset(t.core.casefold() for t in tokens if t.core[:1].islower())
        cast.capitalised_inside = frozenset(
            _fold(t.core) for t in tokens if t.core[:1].isupper() and not cast.is_sentence_start(t.start)
        )
        cast._find_people(tokens)
        cast._find_roles()
        cast._find_mentions()
        cast._find_genders()
        return cast

    # -- reading ----------------------------------------------------------

    def is_sentence_start(self, position: int) -> bool:
        """Whether `position` opens a sentence (quote marks and brackets aside)."""
        i = bisect.bisect_right(self.sentence_starts, position) - 1
        if i < 0:
            return True
        lead = self.text[self.sentence_starts[i] : position]
        return not lead.strip(" \"'“‘«([—–-")

    def common_word(self, word: str, position: int) -> bool:
        """A capitalised word that is not a name here: a function word, or
        one that opens its sentence and appears in lower case elsewhere."""
        folded = _fold(word)
        if folded in STOPWORDS or folded in _LEADING_NOISE or folded.isdigit():
            return True
        return self.is_sentence_start(position) and folded in self.lower_words

    def _runs(self, tokens: list[_Token]) -> list[list[_Token]]:
        """Runs of capitalised tokens ("Colorado Attorney General John Suthers"),
        broken by punctuation, possessives and lower-case words."""
        runs: list[list[_Token]] = []
        run: list[_Token] = []
        for token in tokens:
            core = token.core
            if not core[:1].isupper():
                _close(runs, run)
                run = []
                continue
            if token.raw[:1] in _EDGE_OPEN or (run and "\n" in self.text[run[-1].end : token.start]):
                _close(runs, run)
                run = []
            run.append(token)
            unopened = token.raw.lstrip(_EDGE_OPEN)
            if unopened[len(core) :] or _POSSESSIVE.search(core):
                _close(runs, run)
                run = []
        _close(runs, run)
        return runs

    def _find_people(self, tokens: list[_Token]) -> None:
        for run in self._runs(tokens):
            found = self._person_in_run(run)
            if found is None:
                self._organisation_in_run(run)
                continue
            person, title, at = found
            known = self.people.setdefault(person.surname.casefold(), person)
            if known.name.count(" ") < person.name.count(" ") and known.name in person.name:
                self.people[person.surname.casefold()] = person  # "Obama" then "Barack Obama"
                known = person
            self._full.setdefault(person.surname.casefold(), []).append((at, person))
            if title:
                self.titles.setdefault(person, title)

    def _organisation_in_run(self, run: list[_Token]) -> None:
        words = [_POSSESSIVE.sub("", t.core) for t in run]
        if len(words) < 2 or _fold(words[-1]) not in ORG_WORDS:
            return
        start = 0
        while start < len(words) - 1 and (
            _fold(words[start]) in DETERMINERS or self.common_word(words[start], run[start].start)
        ):
            start += 1
        if len(words) - start >= 2:
            self.organisations.append((run[start].start, " ".join(words[start:])))

    def _person_in_run(self, run: list[_Token]) -> tuple[Person, str, int] | None:
        """A person's name at the end of a run of capitalised words, after the
        title and any words of office ("Nebraska Attorney General Jon Bruning")."""
        words = [_POSSESSIVE.sub("", t.core) for t in run]
        if _POSSESSIVE.search(run[-1].core) is None and words and _fold(words[-1]) in _NAME_SUFFIXES:
            suffix = [words.pop()]
        else:
            suffix = []
        cut = 0
        for i, word in enumerate(words):
            folded = _fold(word)
            if folded in TITLE_WORDS or folded in ROLE_NOUNS or folded in CALENDAR:
                cut = i + 1
        if cut == 0:
            while cut < len(words) and (
                (_fold(words[cut]) in STOPWORDS - {"new"} or _fold(words[cut]) in _LEADING_NOISE)
                or (
                    self.common_word(words[cut], run[cut].start)
                    and (len(words) - cut > 2 or _inflected(words[cut]))
                )
                or (_is_demonym(words[cut]) and len(words) - cut > 2)
                or (len(words) - cut > 2 and _fold(words[cut]) in self.lower_words)
            ):
                cut += 1
        if cut == len(words) and cut > 1:
            cut -= 1  # "Mr. King": the last word is the name, whatever else it means
        name = words[cut:]
        titled = cut > 0 and _fold(words[cut - 1]) in TITLE_WORDS
        if not name or len(name) > 4 or (len(name) == 1 and not titled):
            return None
        if len(name) == 1 and _fold(name[0]) in ORG_WORDS | STOPWORDS:
            return None
        for word in name:
            folded = _fold(word)
            common = (
                folded in ORG_WORDS | TITLE_WORDS | CALENDAR | STOPWORDS or word.isupper() and len(word) > 1
            )
            if common and not _initial(word):
                return None
            if not (_initial(word) or (_capitalised(word) and any(c.islower() for c in word))):
                return None
        if _initial(name[-1]):
            return None
        title_words = words[:cut]
        while title_words and self.common_word(title_words[0], run[0].start):
            title_words.pop(0)
        title = " ".join(title_words)
        full = " ".join([*name, *suffix])
        return Person(full, name[-1].rstrip(".")), title, run[cut].start

    def _find_roles(self) -> None:
        role_words = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
        name = r"(?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.)+)"
        words_before = r"(?:\b[A-Z][\w’'\-]*+\.? +){0,3}"
        before = re.compile(
            rf"({words_before})\b((?i:{role_words}))\.? +((?:{name} +){{0,3}}[A-Z][\w’'\-]*+)"
        )
        for match in before.finditer(self.text):
            person = self._known(match.group(3))
            if person is None:
                continue
            qualifier = tuple(
                _fold(w)
                for w in match.group(1).split()
                if w[:1].isupper() and _fold(w) not in _LEADING_NOISE and _fold(w) not in TITLE_WORDS
            )
            role = ROLE_NOUNS[match.group(2).casefold()]
            self.roles.append(RoleMention(person, role, qualifier, match.start()))
        appositive = re.compile(
            rf"((?:\b[A-Z][\w’'\-]*+\.?\s+){{1,3}}[A-Z][\w’'\-]*+)(?:\s+\([^()]{{1,30}}\))?,\s+"
            rf"(?:the|a|an|[A-Z][\w’'\-]*(?:’s|'s))\s+((?:[\w’'\-]++\s+){{0,3}})({role_words})\b"
        )
        for match in appositive.finditer(self.text):
            person = self._known(match.group(1))
            if person is None:
                continue
            qualifier = tuple(_fold(w) for w in match.group(2).split() if w[:1].isupper())
            role = ROLE_NOUNS[match.group(3).casefold()]
            self.roles.append(RoleMention(person, role, qualifier, match.start()))

    def _known(self, phrase: str) -> Person | None:
        """The person a run of capitalised words names, if the article names them
        ("Dmitry Peskov Monday" is Peskov)."""
        words = [_core(w) for w in phrase.split()]
        while words:
            person = self.people.get(_fold(words[-1]))
            if person is not None:
                return person
            words.pop()
        return None

    def _find_mentions(self) -> None:
        if not self.people:
            return
        surnames = "|".join(
            re.escape(p.surname) for p in sorted(self.people.values(), key=lambda p: -len(p.surname))
        )
        for match in re.finditer(rf"\b({surnames})\b", self.text):
            if not self.in_quote(match.start()):
                self.mentions.append((match.start(), self.people[match.group(1).casefold()]))
        if self.roles:  # "the attorney general" mentions the attorney general the article names
            role_words = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
            for match in re.finditer(rf"\b[Tt]he\s+(?:[a-z][\w-]*\s+){{0,2}}({role_words})\b", self.text):
                name = self.by_role(ROLE_NOUNS[match.group(1)], (), False, match.start())
                person = next((p for p in self.people.values() if p.name == name), None)
                if person is not None and not self.in_quote(match.start()):
                    self.mentions.append((match.start(), person))
            self.mentions.sort(key=lambda item: item[0])

    def _find_genders(self) -> None:
        """A person's gender where the text shows it: a courtesy title, or the
        pronoun that follows when they are the only person in the sentence."""
        votes: dict[Person, list[int]] = {}
        for position, person in self.mentions:
            before = self.text[max(0, position - 5) : position].casefold()
            if re.search(r"\bmr\.?\s$", before):
                votes.setdefault(person, [0, 0])[0] += 3
            elif re.search(r"\b(?:mrs|ms|miss)\.?\s$", before):
                votes.setdefault(person, [0, 0])[1] += 3
        starts = self.sentence_starts
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            inside = {p for at, p in self.mentions if start <= at < end}
            if len(inside) != 1:
                continue
            (person,) = inside
            words = re.findall(r"[a-z]+", self.text[start:end].casefold())
            tally = votes.setdefault(person, [0, 0])
            tally[0] += sum(w in {"he", "his", "himself"} for w in words)
            tally[1] += sum(w in {"she", "hers", "herself"} for w in words)  # "her" may be someone else
        for person, (male, female) in votes.items():
            if male > female:
                self.genders[person] = "he"
            elif female > male:
                self.genders[person] = "she"

    def in_quote(self, position: int) -> bool:
        i = bisect.bisect_right(self.quoted, (position, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted[i][0] <= position < self.quoted[i][1]

    # -- resolving ---------------------------------------------------------

    def _name_evidence(self, word: str, position: int) -> bool:
        """Whether a lone capitalised word is a name: it is not opening its
        sentence, or the article also writes it capitalised mid-sentence, or
        it is an acronym."""
        if not self.is_sentence_start(position) or (word.isupper() and len(word) > 1):
            return True
        folded = _fold(word)
        if folded in self.lower_words:
            return False
        return folded in self.capitalised_inside or not folded.endswith(
            ("s", "ing", "ed", "ly", "less", "ful")
        )

    def _sentence_start(self, position: int) -> int:
        i = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[i] if i >= 0 else 0

    def title_of(self, name: str) -> str:
        """The title or office the article gives a person ("Attorney General")."""
        person = next((p for p in self.titles if p.name == name), None)
        return self.titles.get(person, "") if person else ""

    def pronoun(self, position: int, pronoun: str = "") -> str:
        """Who "he" or "she" at `position` most likely is: the first person
        (of that gender, where the text shows it) named earlier in the same
        sentence, else in the closest earlier sentence that names one;
        names inside quotations do not count."""
        wanted = pronoun.casefold()
        compatible = [
            (p, person)
            for p, person in self.mentions
            if p < position and position - p <= PRONOUN_WINDOW and self.genders.get(person, wanted) == wanted
        ]
        if not compatible:
            return ""
        speaker = self._last_speaker(position, wanted)
        if speaker is not None:
            return speaker.name
        sentence = self._sentence_start(position)
        same = [person for p, person in compatible if p >= sentence]
        if same:
            return same[0].name
        home = self._sentence_start(compatible[-1][0])
        return next(person.name for p, person in compatible if p >= home)

    def note_speakers(self, subjects: Iterable[tuple[str, int]]) -> None:
        """Remember who the article has speak ("Bell said", "said Ann Bell"):
        a later "he said" most often continues the last speaker."""
        for phrase, position in subjects:
            if phrase.casefold() in PRONOUNS:
                continue
            name = self.speaker(phrase, position)
            person = next((p for p in self.people.values() if p.name == name), None)
            if person is not None:
                self.speakers.append((position, person))
        self.speakers.sort(key=lambda item: item[0])

    def _last_speaker(self, position: int, wanted: str) -> Person | None:
        """The last person the article had speak before `position`, within the
        paragraph or the one before, when the pronoun fits them."""
        para_start = self.text.rfind("\n", 0, position)
        para_start = self.text.rfind("\n", 0, max(0, para_start - 1)) if para_start > 0 else 0
        i = bisect.bisect_left(self.speakers, position, key=lambda item: item[0]) - 1
        while i >= 0 and self.speakers[i][0] >= para_start:
            person = self.speakers[i][1]
            if self.genders.get(person, wanted) == wanted:
                return person
            i -= 1
        return None

    def by_role(self, role: str, qualifier: tuple[str, ...], possessive: bool, position: int) -> str:
        """A named person with this role, compatible with the qualifier of
        the descriptor ("Putin's spokesperson", "the Kremlin spokesman")."""
        found = []
        for mention in self.roles:
            if mention.role != role:
                continue
            if qualifier and possessive:
                owner = self.people.get(qualifier[-1])
                other = [q for q in mention.qualifier if q in self.people]
                if other and (owner is None or all(self.people[q] != owner for q in other)):
                    continue
            elif qualifier and not set(qualifier) & set(mention.qualifier):
                continue
            found.append(mention)
        if not found:
            return ""
        earlier = [m for m in found if m.start <= position]
        return max(earlier or found, key=lambda m: m.start if earlier else -m.start).person.name

    def person(self, surname: str, position: int) -> Person | None:
        """The person a surname at `position` names: of those the article
        names in full with it, the one named last before (else first after)."""
        folded = _fold(surname)
        fullest = self.people.get(folded)
        full = [(at, p) for at, p in self._full.get(folded, []) if " " in p.name]
        if not full:
            return fullest
        before = [p for at, p in full if at <= position]
        return before[-1] if before else full[0][1]

    def organisation(self, head: str, position: int) -> str:
        """The named organisation "the council" (head word `head`) stands for:
        the last one named before `position` with that head word, else the first."""
        named = [(at, name) for at, name in self.organisations if _fold(name.split()[-1]) == head]
        before = [name for at, name in named if at <= position]
        return before[-1] if before else (named[0][1] if named else "")

    def speaker(self, phrase: str, position: int) -> str:
        """The claimant a subject phrase names, as well as this article tells
        ("" when it names no one: a common noun, a number, a fragment).
        `position` is where the phrase starts in the text."""
        phrase = re.sub(r"\s*\([^()]*\)", "", phrase)
        if "," in phrase:
            return self._speaker_of_parts(phrase, position)
        raw = phrase.split()
        offsets = []
        at = 0
        for word in raw:
            at = phrase.find(word, at)
            offsets.append(position + at)
            at += len(word)
        words = [_core(w) for w in raw]
        if words and _fold(words[0]) in _SUBORDINATORS:
            return ""  # "If Nebraska wins": a clause, not someone
        while words and (
            _fold(words[0]) in _LEADING_NOISE | DETERMINERS
            or (
                words[0][:1].isupper()
                and self.common_word(words[0], offsets[0])
                and len(words) > 1
                and not words[1][:1].isupper()  # "New York Times" keeps "New"
            )
        ):
            words.pop(0)
            offsets.pop(0)
        words = [w for w in words if w]
        if not words:
            return ""
        if len(words) == 1 and words[0].casefold() in PRONOUNS:
            return self.pronoun(offsets[0], words[0])
        if len(words) == 1 and words[0].casefold() in _OTHER_PRONOUNS:
            return ""  # "I", "we", "they": no name to give
        when = next((i for i in range(1, len(words)) if _is_time(words, i)), len(words))
        words = words[:when]  # "Sanders on Tuesday"
        return self._named(words, offsets[0])

    def _named(self, words: list[str], position: int) -> str:
        words = _role_first(words)
        last = words[-1]
        folded = _fold(last)
        possessive = bool(_POSSESSIVE.search(last))
        if folded in SPEECH_NOUNS and len(words) > 1 and _POSSESSIVE.search(words[-2]):
            return self._named(
                [*words[:-2], _POSSESSIVE.sub("", words[-2])], position
            )  # "Clinton’s response"
        if folded in DOCUMENT_WORDS and len(words) > 1:
            owner = [w for w in words[:-1] if _capitalised(w) and _fold(w) not in TITLE_WORDS]
            if owner and all(_capitalised(w) or _fold(w) in _CONNECTORS for w in words[:-1]):
                return " ".join([*(_POSSESSIVE.sub("", w) for w in words[:-1]), last])
            return ""
        head = _before_preposition(words)
        if head is not words and _capitalised(head[-1]) and not _POSSESSIVE.search(head[-1]):
            person = self.person(head[-1], position)
            if person is not None:
                return person.name  # "Sheriff Adam Hayward of Deuel County"
        if _capitalised(last) and not possessive:
            person = self.person(last, position)
            if person is not None:
                return person.name
            tail: list[str] = []
            for word in reversed(words):
                if not (_capitalised(word) or (tail and _fold(word) in _CONNECTORS)):
                    break
                tail.insert(0, word)
            institution = _fold(tail[-1]) in ORG_WORDS  # "Justice Department" keeps its first word
            while len(tail) > 1 and (
                (_fold(tail[0]) in TITLE_WORDS and not institution) or _fold(tail[0]) in _CONNECTORS
            ):
                tail.pop(0)
            if not tail or all(_fold(w) in CALENDAR for w in tail):
                return ""
            if len(tail) == 1 and tail[0] == words[0] and not self._name_evidence(tail[0], position):
                return ""  # "Critics", "Several", "Four" opening a sentence
            return " ".join(tail)
        role = ROLE_NOUNS.get(folded)
        if role is None and folded in ORG_WORDS and not possessive:
            named = self.organisation(folded, position)
            if named and len(words) == 1:
                return named  # "the council" where the article names the Harbour Council
            qualifier = [_POSSESSIVE.sub("", w) for w in words[:-1]]
            return (
                " ".join([*qualifier, last]) if qualifier else named
            )  # "the Trump campaign", "interior ministry"
        if role is not None and not possessive:
            qualifier_words = [w for w in words[:-1] if _capitalised(w)]
            owner_possessive = bool(qualifier_words) and bool(_POSSESSIVE.search(qualifier_words[-1]))
            resolved = self.by_role(
                role, tuple(_fold(w) for w in qualifier_words), owner_possessive, position
            )
            if resolved:
                return resolved
            if qualifier_words:
                start = words.index(qualifier_words[0])
                return " ".join(words[start:])
        return ""

    def _speaker_of_parts(self, phrase: str, position: int) -> str:
        """A name with a description ("Marta Olin, chief economist at a bank",
        "the group's lawyer, Ann Bell"): the part that names a person, else
        the first that names anything."""
        parts = []
        at = 0
        for part in phrase.split(","):
            if part.strip():
                parts.append((part, position + at))
            at += len(part) + 1
        spoken = [self.speaker(part, start) for part, start in parts]
        named = {p.name for p in self.people.values()}
        for found in spoken:
            if found in named:
                return found
        for (part, _), found in zip(parts, spoken, strict=True):
            if found and part.split()[0].casefold() not in {"which", "who", "whose"}:
                return found
        return ""


def _before_preposition(words: list[str]) -> list[str]:
    """The words before a first "of", "from" or "in" ("Adam Hayward" in
    "Adam Hayward of Deuel County"), or `words` itself when there is none."""
    for i, word in enumerate(words[1:], 1):
        if _fold(word) in {"of", "from", "in"}:
            return words[:i]
    return words


def _role_first(words: list[str]) -> list[str]:
    """ "a spokesman for Bernie Sanders" as "Bernie Sanders spokesman", the
    form the rest of the rules read."""
    for i, word in enumerate(words[:-2]):
        if _fold(word) in ROLE_NOUNS and _fold(words[i + 1]) in {"for", "of", "to", "at"}:
            owner = [w for w in words[i + 2 :] if _fold(w) not in DETERMINERS]
            if owner and all(_capitalised(w) or _fold(w) in _CONNECTORS for w in owner):
                return [*words[:i], *owner, word]
    return words


def _close(runs: list[list[_Token]], run: list[_Token]) -> None:
    if run:
        runs.append(run)
