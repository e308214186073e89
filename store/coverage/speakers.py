"""Who is speaking: people, roles and pronouns in one article's text.

News copy names a person in full once ("Kremlin spokesperson Dmitry
Peskov") and then refers to them by surname ("Peskov said"), by pronoun
("he told journalists") or by role ("Putin's spokesperson"). `Cast` reads an
article once and turns any of those subject phrases into the best name it
can: a full name where the article gives one, else the phrase itself,
tidied ("the Washington Post" -> "Washington Post").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.text.sentences import split_sentences
from store.text.terms import word_set

# Words start at a word boundary and are taken whole (possessive `*+`), so a
# 500,000-letter "word" costs one scan, not one per letter (no backtracking).
_CAP_RUN = re.compile(r"(?:\b[A-Z](?:[\w’'\-]*+|\.) +){0,5}\b[A-Z][\w’'\-]*+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")

TITLE_WORDS = word_set(
    "president president-elect prime minister secretary chancellor spokesman spokeswoman spokesperson "
    "senator governor mayor general gen colonel col chief director ambassador king queen prince "
    "princess pope judge mr mrs ms dr professor prof sir lord lady commissioner chairman chairwoman "
    "chair ceo leader head deputy foreign defence defense interior finance health justice state vice "
    "former acting lieutenant captain officer representative rep sen gov councillor councilor "
    "inspector superintendent sergeant admiral commander minister-president premier attorney speaker "
    "envoy adviser advisor aide coach manager analyst economist lawyer prosecutor detective constable "
    "sheriff archbishop bishop rabbi imam father sister brother dame"
)
ORG_WORDS = word_set(
    "post times news ministry agency office house council party union bank court department "
    "commission committee government company corporation inc ltd group press associated reuters "
    "parliament army navy police service university institute fund organisation organization "
    "association federation authority board bureau network channel television radio journal herald "
    "guardian tribune telegraph gazette daily weekly review media international nations assembly "
    "senate congress cabinet embassy images photo photos club league federal national republic "
    "kingdom states airlines airways motors systems holdings partners foundation trust hospital "
    "school college centre center museum council coalition alliance front movement forces guard "
    "command"
)
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
    "coach": "coach",
    "manager": "manager",
}
PRONOUNS = frozenset({"he", "she"})
_LEADING_NOISE = word_set(
    "but and so yet instead however meanwhile also then still later earlier separately asked"
)
DETERMINERS = frozenset({"the", "a", "an"})
CALENDAR = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december"
)


def _fold(word: str) -> str:
    return _POSSESSIVE.sub("", word).casefold()


def _is_demonym(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|ish|an|i|ic)", word)) or word.isupper()


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


@dataclass
class Cast:
    """The people of one article, with where each is mentioned."""

    text: str
    people: dict[str, Person] = field(default_factory=dict)
    roles: list[RoleMention] = field(default_factory=list)
    mentions: list[tuple[int, Person]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, text: str) -> Cast:
        cast = cls(text)
        cast._find_people()
        cast._find_roles()
        cast._find_mentions()
        cast.sentence_starts = [s.start for s in split_sentences(text)]
        return cast

    # -- reading ----------------------------------------------------------

    def _find_people(self) -> None:
        for match in _CAP_RUN.finditer(self.text):
            tokens = match.group().split()
            person = self._person_in(tokens)
            if person is not None:
                self.people.setdefault(person.surname, person)

    @staticmethod
    def _person_in(tokens: list[str]) -> Person | None:
        """A person's name at the end of a run of capitalised words, after
        titles and demonyms ("Russian President Vladimir Putin")."""
        cleaned = [_POSSESSIVE.sub("", t).rstrip(".,") for t in tokens]
        while cleaned and (
            cleaned[0].casefold() in TITLE_WORDS
            or cleaned[0].casefold() in _LEADING_NOISE
            or cleaned[0].casefold() in DETERMINERS
            or (_is_demonym(cleaned[0]) and len(cleaned) > 2)  # "Russian President …", not "Rolan Petz"
        ):
            cleaned.pop(0)
        if not 2 <= len(cleaned) <= 3:
            return None
        if any(t.casefold() in ORG_WORDS | TITLE_WORDS | CALENDAR or t.isupper() for t in cleaned):
            return None
        if not all(t[:1].isupper() and any(c.islower() for c in t) for t in cleaned):
            return None
        return Person(" ".join(cleaned), cleaned[-1])

    def _find_roles(self) -> None:
        role_words = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
        before = re.compile(
            rf"((?:\b[A-Z][\w’'\-]*+ +){{0,3}})\b((?i:{role_words})) +((?:[A-Z][\w’'\-]*+(?: +|\b)){{2,3}})"
        )
        for match in before.finditer(self.text):
            person = self._person_in(match.group(3).split())
            if person is None or not match.group(3)[:1].isupper():
                continue
            qualifier = tuple(
                _fold(w) for w in match.group(1).split() if w[:1].isupper() and _fold(w) not in _LEADING_NOISE
            )
            role = ROLE_NOUNS[match.group(2).casefold()]
            self.roles.append(RoleMention(person, role, qualifier, match.start()))
            self.people.setdefault(person.surname, person)
        appositive = re.compile(
            rf"((?:\b[A-Z][\w’'\-]*+\s+){{1,2}}[A-Z][\w’'\-]*+),\s+(?:the|a)\s+((?:[\w’'\-]++\s+){{0,3}})({role_words})\b"
        )
        for match in appositive.finditer(self.text):
            person = self._person_in(match.group(1).split())
            if person is None:
                continue
            qualifier = tuple(_fold(w) for w in match.group(2).split() if w[:1].isupper())
            role = ROLE_NOUNS[match.group(3).casefold()]
            self.roles.append(RoleMention(person, role, qualifier, match.start()))
            self.people.setdefault(person.surname, person)

    def _find_mentions(self) -> None:
        if not self.people:
            return
        surnames = "|".join(re.escape(s) for s in sorted(self.people, key=len, reverse=True))
        for match in re.finditer(rf"\b({surnames})\b", self.text):
            self.mentions.append((match.start(), self.people[match.group(1)]))

    # -- resolving ---------------------------------------------------------

    def _sentence_start(self, position: int) -> int:
        start = 0
        for begin in self.sentence_starts:
            if begin > position:
                break
            start = begin
        return start

    def pronoun(self, position: int) -> str:
        """Who "he" or "she" at `position` most likely is: the first person
        named earlier in the same sentence, else the first person named in
        the closest earlier sentence that names anyone."""
        sentence = self._sentence_start(position)
        earlier = [(p, person) for p, person in self.mentions if p < position]
        if not earlier:
            return ""
        same = [person for p, person in earlier if p >= sentence]
        if same:
            return same[0].name
        last_pos = earlier[-1][0]
        home = self._sentence_start(last_pos)
        if position - last_pos > 1200:
            return ""
        return next(person.name for p, person in earlier if p >= home)

    def by_role(self, role: str, qualifier: tuple[str, ...], possessive: bool, position: int) -> str:
        """A named person with this role, compatible with the qualifier of
        the descriptor ("Putin's spokesperson", "the Kremlin spokesman")."""
        found = []
        for mention in self.roles:
            if mention.role != role:
                continue
            if qualifier and possessive:
                owner = self.people.get(qualifier[-1].capitalize()) or self._surname_person(qualifier[-1])
                other = [q for q in mention.qualifier if self._surname_person(q) is not None]
                if other and (owner is None or all(self._surname_person(q) != owner for q in other)):
                    continue
            elif qualifier and not set(qualifier) & set(mention.qualifier):
                continue
            found.append(mention)
        if not found:
            return ""
        return min(found, key=lambda m: abs(m.start - position)).person.name

    def _surname_person(self, folded: str) -> Person | None:
        return next((p for s, p in self.people.items() if s.casefold() == folded), None)

    def speaker(self, phrase: str, position: int) -> str:
        """The speaker a subject phrase names, as well as this article tells."""
        if "," in phrase:
            return self._speaker_of_parts([p for p in phrase.split(",") if p.strip()], position)
        words = phrase.strip(" ,;:").split()
        while words and words[0].casefold() in _LEADING_NOISE | DETERMINERS:
            words.pop(0)
        if not words:
            return ""
        if len(words) == 1 and words[0].casefold() in PRONOUNS:
            return self.pronoun(position)
        last = _POSSESSIVE.sub("", words[-1])
        person = self._surname_person(last.casefold())
        if person is not None and not words[-1].endswith(("’s", "'s")):
            return person.name
        role = ROLE_NOUNS.get(last.casefold())
        if role is not None and not last[:1].isupper():
            qualifier_words = [w for w in words[:-1] if w[:1].isupper()]
            possessive = bool(qualifier_words) and bool(_POSSESSIVE.search(qualifier_words[-1]))
            resolved = self.by_role(role, tuple(_fold(w) for w in qualifier_words), possessive, position)
            if resolved:
                return resolved
        # A proper name at the end after lower-case description: "news agency TASS".
        tail: list[str] = []
        for word in reversed(words):
            if not word[:1].isupper():
                break
            tail.insert(0, word)
        if tail and len(tail) < len(words) and not words[len(words) - len(tail) - 1][:1].isupper():
            candidate = " ".join(tail)
            found = self._person_in(tail)
            return found.name if found else candidate
        return " ".join(words)

    def _speaker_of_parts(self, parts: list[str], position: int) -> str:
        """A name with a description ("Marta Olin, chief economist at a bank"):
        the part that names a person, else the first that is not a clause."""
        spoken = [self.speaker(p, position) for p in parts]
        named = {p.name for p in self.people.values()}
        for found in spoken:
            if found in named:
                return found
        for part, found in zip(parts, spoken, strict=True):
            if found and part.split()[0].casefold() not in {"which", "who", "whose"}:
                return found
        return ""
