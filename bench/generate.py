"""Synthetic libraries for the benchmarks: fictional news at 10,000 and 50,000 articles.

Real news cannot be shipped or fetched, and a benchmark needs a library whose
size, shape and true grouping are known. This module invents one from a seed:
40 outlets, events of 1 to 10 articles from different outlets, each outlet
telling the event in its own words (its own headline, its own choice of
phrasing, facts and quotes), dated over eighteen months.

Each generated library is written twice:

- as seed-format files (` date YYYY-MM-DD headline`, then paragraphs
  separated by blank lines) in `articles/`, with `manifest.json` naming each
  file's outlet and `events.json` holding the true grouping, so the import
  path can be measured and grouping can be scored;
- as a ready store (`store/library.json`), built through the public API with
  `add_articles` in batches and `save_grouping` with the known events. The
  automatic grouping is not run for it: it is what is being measured
  elsewhere, and it would make building the store slow.

Libraries are cached under the work dir, keyed by size, seed,
`GENERATOR_VERSION` and the store's schema; a library is only used once its
`complete` marker exists, so an interrupted run is regenerated rather than
half-used.

Run `python -m bench.generate SIZE [--seed N] [--workdir DIR]` to make one by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from store import Library
from store.db.schema import SCHEMA_VERSION
from store.model import ArticleDraft, ClaimKind, Event, article_id_for, slugify

GENERATOR_VERSION = 3
"""Bump when the generated text changes, so cached libraries are rebuilt."""

DEFAULT_SEED = 20240
OUTLET_COUNT = 40
BATCH_SIZE = 20_000
CLAIM_EVERY = 97
"""One article in this many gets a tagged claim in the ready store, so that
searching claims has something to find."""

FIRST_DAY = dt.date(2023, 1, 2)
SPAN_DAYS = 540


# -- the invented world --------------------------------------------------

_ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "sh",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou"]
_CODAS = ["n", "r", "l", "s", "th", "nd", "rk", "st", "m", "ck", "v"] + [""] * 4
_PLACE_ENDS = [
    "holm",
    "stad",
    "mere",
    "wick",
    "ford",
    "vale",
    "burg",
    "ton",
    "field",
    "haven",
    "mouth",
    "gate",
    "dale",
    "port",
]
_SURNAME_ENDS = ["son", "sen", "ova", "ic", "er", "ley", "by", "well", "ski", "an", "ard"]
_FIRST_NAMES = [
    "Ada",
    "Bram",
    "Cora",
    "Dag",
    "Elin",
    "Fenn",
    "Greta",
    "Hollis",
    "Ines",
    "Joran",
    "Kaia",
    "Lio",
    "Mirela",
    "Nils",
    "Orla",
    "Pim",
    "Quill",
    "Runa",
    "Soren",
    "Tilde",
    "Ulla",
    "Vidar",
    "Wren",
    "Ximena",
    "Yannick",
    "Zora",
    "Aster",
    "Bodil",
    "Cyrus",
    "Dalia",
    "Emrik",
    "Faye",
    "Gideon",
    "Hedda",
    "Ivo",
    "Jessamy",
    "Kestrel",
    "Linnea",
    "Marek",
    "Nadia",
    "Otto",
    "Petra",
    "Rasmus",
    "Signe",
    "Teodor",
    "Una",
    "Valter",
    "Wilma",
]
_OUTLET_NOUNS = [
    "Courier",
    "Herald",
    "Ledger",
    "Gazette",
    "Dispatch",
    "Observer",
    "Chronicle",
    "Tribune",
    "Sentinel",
    "Post",
    "Monitor",
    "Record",
    "Standard",
    "Bulletin",
    "Examiner",
    "Review",
    "Journal",
    "Mercury",
    "Beacon",
    "Clarion",
]
_OUTLET_FORMS = (
    "The {place} {noun}",
    "{place} {noun}",
    "{place} Radio",
    "{place} Daily",
    "The {noun} of {place}",
)
_WIRES = ("Northwind Press Agency", "Meridian Wire", "Lantern News Service")
_ROLES = (
    "minister of transport",
    "minister of finance",
    "mayor of {city}",
    "spokesperson for the {org}",
    "chief executive of {company}",
    "head of the {city} fire service",
    "professor at the University of {city}",
    "union leader at {company}",
    "senior judge at the {city} high court",
    "police commissioner of {city}",
)
_ORGS = ("Harbour Authority", "Water Board", "Rail Council", "Health Directorate", "Election Commission")
_COMPANY_ENDS = ("Holdings", "Industries", "Freight", "Energy", "Mills", "Systems", "Shipping")


def _word(rng: random.Random, parts: int) -> str:
    text = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(parts)) + rng.choice(_CODAS)
    return text.capitalize()


def _unique(make, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault(make(), None)
    return list(seen)


@dataclass(frozen=True)
class Person:
    name: str
    role: str

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class OutletStyle:
    """How one outlet writes: which phrasing it prefers, how much it keeps."""

    name: str
    variant_bias: int
    keeps: float
    said: str
    background: int
    wire: str | None


class World:
    """Every invented name a library uses, drawn from one seed."""

    def __init__(self, rng: random.Random) -> None:
        self.countries = _unique(lambda: _word(rng, 2) + rng.choice(("ia", "and", "or", "ea")), 12)
        self.cities = _unique(lambda: _word(rng, rng.choice((1, 2))) + rng.choice(_PLACE_ENDS), 160)
        self.rivers = _unique(lambda: _word(rng, 2), 30)
        self.companies = _unique(lambda: f"{_word(rng, 2)} {rng.choice(_COMPANY_ENDS)}", 60)
        surnames = _unique(lambda: _word(rng, rng.choice((1, 2))) + rng.choice(_SURNAME_ENDS), 500)
        self.people = []
        for surname in surnames:
            role = rng.choice(_ROLES).format(
                city=rng.choice(self.cities), org=rng.choice(_ORGS), company=rng.choice(self.companies)
            )
            self.people.append(Person(f"{rng.choice(_FIRST_NAMES)} {surname}", role))
        places = _unique(lambda: _word(rng, 2) + rng.choice(_PLACE_ENDS), OUTLET_COUNT * 2)
        names = _unique(
            lambda: rng.choice(_OUTLET_FORMS).format(
                place=rng.choice(places), noun=rng.choice(_OUTLET_NOUNS)
            ),
            OUTLET_COUNT,
        )
        self.outlets = [
            OutletStyle(
                name=name,
                variant_bias=rng.randrange(3),
                keeps=rng.uniform(0.6, 0.95),
                said=rng.choice(("said", "said", "told reporters", "stated", "declared")),
                background=rng.randrange(4, 12),
                wire=rng.choice(_WIRES) if rng.random() < 0.25 else None,
            )
            for name in names
        ]


# -- events and how each outlet tells them -------------------------------
# Each kind of event has headline forms and fact sentences, each in three
# phrasings; an outlet leans towards one phrasing, keeps some of the facts,
# and adds its own background paragraphs. `{a}` and `{b}` are people,
# `{city}`, `{country}`, `{river}`, `{company}` places and firms, `{n}` and
# `{m}` numbers.

_KINDS: dict[str, dict[str, Sequence[Sequence[str]] | Sequence[str]]] = {
    "flood": {
        "headlines": (
            "{river} bursts its banks in {city}, {n} homes evacuated",
            "Floods force {n} households from their homes in {city}",
            "{city} counts the cost as the {river} floods low streets",
        ),
        "facts": (
            (
                "The {river} rose above its banks in {city} overnight, forcing {n} households to leave.",
                "Some {n} homes in {city} were evacuated after the {river} flooded in the early hours.",
                "Water from the {river} reached the centre of {city}, and {n} families were moved out.",
            ),
            (
                "Rescue crews used boats to reach {m} people stranded on rooftops.",
                "{m} residents were lifted from upper floors by rescue teams in boats.",
                "Boats carried {m} stranded people to dry ground, officials said.",
            ),
            (
                "The flood defences built in {year} were not designed for a surge of this size.",
                "Engineers had warned that the {year} flood wall was too low.",
                "Critics say the barrier finished in {year} was never high enough.",
            ),
        ),
    },
    "strike": {
        "headlines": (
            "Workers at {company} walk out over pay",
            "{company} strike halts production in {city}",
            "Pay dispute at {company} ends in {n}-day strike",
        ),
        "facts": (
            (
                "Staff at {company} in {city} began a strike of {n} days on Monday.",
                "A {n}-day stoppage started at the {company} site in {city}.",
                "Workers at {company} downed tools in {city} for {n} days.",
            ),
            (
                "The union is asking for a rise of {m} per cent, twice the offer on the table.",
                "Talks broke down over a pay claim of {m} per cent.",
                "Management offered half of the {m} per cent the union wants.",
            ),
            (
                "It is the first walkout at the company since {year}.",
                "The plant last saw a strike in {year}.",
                "No stoppage had hit {company} since {year}.",
            ),
        ),
    },
    "election": {
        "headlines": (
            "{a_name} wins the race for mayor of {city}",
            "{city} elects {a_name} with {m} per cent of the vote",
            "Upset in {city} as {a_name} takes the mayor's office",
        ),
        "facts": (
            (
                "{a_name} won {m} per cent of the vote in {city}, ahead of {b_name}.",
                "With {m} per cent, {a_name} beat {b_name} in the {city} mayoral vote.",
                "Voters in {city} gave {a_name} {m} per cent; {b_name} came second.",
            ),
            (
                "Turnout reached {n} thousand voters, the highest since {year}.",
                "Some {n} thousand people voted, more than at any time since {year}.",
                "Officials counted {n} thousand ballots, a record since {year}.",
            ),
            (
                "{b_name} conceded before midnight and called for unity.",
                "The defeated candidate, {b_name}, accepted the result.",
                "{b_name} phoned the winner to concede late on election night.",
            ),
        ),
    },
    "bridge": {
        "headlines": (
            "Bridge over the {river} closed after cracks found in {city}",
            "{city} shuts its {river} bridge over safety fears",
            "Cracked bridge cuts {city} in two",
        ),
        "facts": (
            (
                "Inspectors found cracks in the main span of the {river} bridge in {city}.",
                "Cracks in the {river} crossing at {city} led engineers to close it at once.",
                "The {city} bridge over the {river} was shut after inspectors reported cracks.",
            ),
            (
                "About {n} thousand vehicles a day must now take a detour of {m} kilometres.",
                "Drivers face a {m}-kilometre detour; {n} thousand cars used the bridge daily.",
                "The closure diverts {n} thousand daily journeys onto a {m} km route.",
            ),
            (
                "The bridge opened in {year} and was last inspected two years ago.",
                "Built in {year}, the span had been due for repairs.",
                "Repairs promised since {year} were never carried out.",
            ),
        ),
    },
    "trade": {
        "headlines": (
            "{country} and {country2} sign trade pact",
            "Trade deal between {country} and {country2} cuts tariffs",
            "{country} agrees to lower tariffs in deal with {country2}",
        ),
        "facts": (
            (
                "{country} and {country2} signed a deal in {city} that removes {m} per cent of tariffs.",
                "The pact, signed in {city}, scraps {m} per cent of duties between {country} and {country2}.",
                "Envoys of {country} and {country2} met in {city} to end {m} per cent of tariffs.",
            ),
            (
                "Trade between the two countries was worth {n} million last year.",
                "Their trade reached {n} million in the past year.",
                "Goods worth {n} million crossed the border last year.",
            ),
            (
                "Farmers in {country2} fear cheaper imports.",
                "Farm groups in {country2} protested outside the talks.",
                "The deal faces opposition from farmers in {country2}.",
            ),
        ),
    },
    "court": {
        "headlines": (
            "Court rules against {company} in pollution case",
            "{company} ordered to pay {n} million over river pollution",
            "Judges find {company} liable for polluting the {river}",
        ),
        "facts": (
            (
                "The high court in {city} ordered {company} to pay {n} million for polluting the {river}.",
                "{company} must pay {n} million after the {city} court found it polluted the {river}.",
                "A ruling in {city} found {company} liable and set damages at {n} million.",
            ),
            (
                "Tests had found {m} times the permitted level of chemicals downstream.",
                "Samples showed chemicals at {m} times the legal limit.",
                "Pollution downstream reached {m} times what the law allows.",
            ),
            (
                "The company said it would appeal.",
                "{company} announced an appeal within the hour.",
                "Lawyers for {company} said the fight was not over.",
            ),
        ),
    },
    "fire": {
        "headlines": (
            "Fire destroys warehouse in {city}",
            "Blaze at {company} warehouse in {city} burns for {m} hours",
            "{city} warehouse fire sends smoke over the {river}",
        ),
        "facts": (
            (
                "A fire destroyed a warehouse belonging to {company} on the edge of {city}.",
                "Flames gutted the {company} depot in {city} overnight.",
                "The {company} warehouse in {city} burned to the ground.",
            ),
            (
                "Firefighters fought the blaze for {m} hours with {n} engines.",
                "{n} fire engines were needed over {m} hours.",
                "It took {m} hours and {n} crews to bring it under control.",
            ),
            (
                "Residents near the {river} were told to keep their windows shut.",
                "People living along the {river} were advised to stay indoors.",
                "Smoke drifted over the {river}, and schools kept pupils inside.",
            ),
        ),
    },
    "science": {
        "headlines": (
            "Researchers in {city} find new species in the {river}",
            "New fish species discovered in the {river}",
            "{river} survey turns up a fish unknown to science",
        ),
        "facts": (
            (
                "Biologists from the University of {city} described a fish never recorded before.",
                "A team from {city} found a previously unknown fish in the {river}.",
                "Scientists in {city} named a new species caught in the {river}.",
            ),
            (
                "The survey sampled {n} sites over {m} months.",
                "Over {m} months, researchers visited {n} places along the river.",
                "{n} sampling points were checked across {m} months.",
            ),
            (
                "The river was last surveyed in {year}.",
                "No full survey had been done since {year}.",
                "Previous records date from {year}.",
            ),
        ),
    },
}

_QUOTES = (
    "We did everything we could with what we had",
    "This should never have happened, and we will find out why",
    "The people of {city} deserve answers",
    "Nobody warned us, not once",
    "We expect the situation to be back to normal within {m} days",
    "These figures speak for themselves",
    "It is too early to say who is responsible",
    "We have been asking for this for years",
    "This is a good day for {city}",
    "The decision is wrong and we will challenge it",
    "I am proud of every one of them",
    "Our priority now is the safety of residents",
)
_HEADLINE_FRAMES = (
    "{}",
    "{}, officials say",
    "Update: {}",
    "{} — what we know",
    "{}, reports say",
    "Live: {}",
    "{} as questions grow",
    "Explainer: {}",
    "{}, say witnesses",
    "Analysis: {}",
)
"""Ways an outlet dresses a headline, so that no two outlets' headlines for
one event are the same."""
_QUOTE_FORMS = (
    "“{quote},” {said_by}.",
    "{speaker} {said}: “{quote}.”",
    "“{quote},” {speaker} {said}, adding that more details would follow.",
)
_BACKGROUND = (
    "{city} lies on the {river}, about {m} kilometres from the border with {country}.",
    "The region has seen {n} similar incidents in the past decade.",
    "Local officials have faced questions over spending since {year}.",
    "{company}, one of the largest employers in {city}, declined to comment.",
    "Opposition members in {country} called for an inquiry.",
    "The {org} said it was monitoring the situation.",
    "Residents interviewed on Tuesday described a mix of anger and relief.",
    "A report published last spring had raised similar concerns.",
    "The city council is due to meet again next week.",
    "Census figures put the population of {city} at {n} thousand.",
    "{country} has debated the question in parliament several times since {year}.",
    "Earlier this year, the {org} published a plan to invest {n} million over {m} years.",
    "Neighbouring towns along the {river} are watching closely.",
    "Shops in the centre of {city} stayed open, though trade was slow.",
    "An independent review is expected to report within {m} weeks.",
    "The last comparable case, in {year}, took years to resolve.",
    "Trade unions and employers in {country} rarely agree on such matters.",
    "Insurers have yet to give an estimate of the total cost.",
    "Volunteers from nearby villages offered food and shelter.",
    "Critics said the warnings of recent years had gone unheeded.",
    "The {org} will publish a fuller account later this month.",
    "Students at the University of {city} organised a public meeting.",
)


_SUBJECTS = (
    "Officials in {city}",
    "Residents along the {river}",
    "Analysts in {country}",
    "The {org}",
    "Managers at {company}",
    "Several council members",
    "Local business owners",
    "Campaigners",
    "Economists at the University of {city}",
    "Emergency services",
)
_VERBS = (
    "warned that",
    "argued that",
    "expected that",
    "noted that",
    "pointed out that",
    "were unsure whether",
    "insisted that",
    "suggested that",
)
_CLAIMS = (
    "the costs could reach {n} million",
    "the problem had been building for {m} years",
    "similar events had become more frequent since {year}",
    "the response had been slower than promised",
    "the national government in {country} would have to step in",
    "{company} would need to rethink its plans",
    "the effects would be felt well beyond {city}",
    "schools and hospitals had coped well so far",
    "a full recovery could take {m} months",
    "the figures published on the first day were too low",
    "nobody had yet taken responsibility",
    "the next few days would be decisive",
)
_TAILS = ("", "", " on Tuesday", ", in a statement,", ", at a briefing in {city},", " privately")


def _commentary(rng: random.Random) -> str:
    """A sentence of comment, assembled so that articles do not repeat each other."""
    return f"{rng.choice(_SUBJECTS)}{rng.choice(_TAILS)} {rng.choice(_VERBS)} {rng.choice(_CLAIMS)}."


def _event_sizes(rng: random.Random, total: int) -> list[int]:
    """Events of 1 to 10 articles, small ones commoner, adding up to `total`."""
    weights = (30, 20, 14, 10, 8, 6, 5, 3, 2, 2)
    sizes: list[int] = []
    left = total
    while left > 0:
        size = min(left, rng.choices(range(1, 11), weights)[0])
        sizes.append(size)
        left -= size
    return sizes


@dataclass(frozen=True)
class GeneratedArticle:
    draft: ArticleDraft
    event_index: int
    file_name: str
    quote: str | None
    speaker: str | None


def _headline(
    rng: random.Random, style: OutletStyle, kind: dict, facts: dict[str, object], used: set[str]
) -> str:
    """This outlet's headline, never one another outlet already gave the event."""
    forms = kind["headlines"]
    first = style.variant_bias if rng.random() < 0.7 else rng.randrange(len(forms))
    for attempt in range(len(forms) * len(_HEADLINE_FRAMES)):
        form = forms[(first + attempt) % len(forms)]
        frame = _HEADLINE_FRAMES[(attempt // len(forms) + rng.randrange(2)) % len(_HEADLINE_FRAMES)]
        headline = frame.format(form.format(**facts))
        if headline not in used:
            break
    used.add(headline)
    return headline


def _tell(
    rng: random.Random, world: World, style: OutletStyle, kind: dict, facts: dict[str, object], used: set[str]
) -> tuple[str, list[str], str | None, str | None]:
    """One outlet's article about an event: headline, paragraphs, a quote and its speaker."""

    def pick(options: Sequence[str]) -> str:
        index = style.variant_bias if rng.random() < 0.7 else rng.randrange(len(options))
        return options[index % len(options)].format(**facts)

    headline = _headline(rng, style, kind, facts, used)
    paragraphs: list[str] = []
    fact_lines = [pick(options) for options in kind["facts"]]  # type: ignore[union-attr]
    paragraphs.append(fact_lines[0])
    kept = [line for line in fact_lines[1:] if rng.random() < style.keeps]
    speaker: Person = facts["a"]  # type: ignore[assignment]
    if rng.random() < 0.5:
        speaker = facts["b"]  # type: ignore[assignment]
    quote: str | None = None
    if rng.random() < 0.7:
        quote = rng.choice(_QUOTES).format(**facts)
        said_by = f"{speaker.name}, the {speaker.role}, {style.said}"
        form = rng.choice(_QUOTE_FORMS)
        kept.insert(
            rng.randrange(len(kept) + 1),
            form.format(quote=quote, said_by=said_by, speaker=speaker.name, said=style.said),
        )
    paragraphs.extend(kept)
    extra = rng.sample(_BACKGROUND, style.background) + [
        _commentary(rng) for _ in range(style.background + 4)
    ]
    rng.shuffle(extra)
    while extra:
        take = rng.randrange(1, 4)
        paragraphs.append(" ".join(line.format(**facts) for line in extra[:take]))
        del extra[:take]
    return headline, paragraphs, quote, speaker.name if quote else None


def generate_articles(size: int, seed: int = DEFAULT_SEED) -> tuple[list[str], list[GeneratedArticle]]:
    """The outlets' names and `size` articles, deterministic for a seed."""
    rng = random.Random(seed)
    world = World(rng)
    articles: list[GeneratedArticle] = []
    kinds = list(_KINDS.values())
    for event_index, count in enumerate(_event_sizes(rng, size)):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        a, b = rng.sample(world.people, 2)
        countries = rng.sample(world.countries, 2)
        facts: dict[str, object] = {
            "a": a,
            "b": b,
            "a_name": a.name,
            "b_name": b.name,
            "city": rng.choice(world.cities),
            "river": rng.choice(world.rivers),
            "company": rng.choice(world.companies),
            "country": countries[0],
            "country2": countries[1],
            "org": rng.choice(_ORGS),
            "n": rng.randrange(12, 900),
            "m": rng.randrange(2, 60),
            "year": rng.randrange(1961, 2020),
        }
        kind = rng.choice(kinds)
        used: set[str] = set()
        for style in rng.sample(world.outlets, count):
            headline, paragraphs, quote, speaker = _tell(rng, world, style, kind, facts, used)
            date = day + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
            outlet_id = slugify(style.name)
            digest = article_id_for(outlet_id, headline, tuple(paragraphs))
            draft = ArticleDraft(
                headline=headline,
                paragraphs=tuple(paragraphs),
                date=date,
                outlet_name=style.name,
                credit=f"via {style.wire}" if style.wire else None,
            )
            name = f"{len(articles):06d}_{digest}.txt"
            articles.append(GeneratedArticle(draft, event_index, name, quote, speaker))
    return [s.name for s in world.outlets], articles


def seed_format(draft: ArticleDraft) -> str:
    """An article as a seed-format file: date and headline (and any wire
    credit, as real files carry it), then paragraphs separated by blank lines."""
    first = f" date {draft.date.isoformat() if draft.date else ''} {draft.headline}"
    if draft.credit:
        first += f" {draft.credit}"
    return first + "\n\n" + "\n\n".join(draft.paragraphs) + "\n"


# -- writing and caching --------------------------------------------------


@dataclass(frozen=True)
class GeneratedLibrary:
    """Where a generated library's files are. `store_path` is the cached
    ready store: copy it (`fresh_store`) before measuring anything that writes."""

    size: int
    seed: int
    root: Path

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    @property
    def events_file(self) -> Path:
        return self.root / "events.json"

    @property
    def store_path(self) -> Path:
        return self.root / "store" / "library.json"

    def truth(self) -> dict[str, list[str]]:
        """The true grouping: event id -> file names of its articles."""
        return json.loads(self.events_file.read_text())["events"]


def library_root(workdir: Path, size: int, seed: int) -> Path:
    """Keyed by what decides the content: size, seed, this generator's
    version and the store's schema (a store written by an older schema is
    rebuilt rather than measured through a migration)."""
    return workdir / f"lib-{size}-s{seed}-v{GENERATOR_VERSION}-schema{SCHEMA_VERSION}"


def _event_id(seed: int, index: int) -> str:
    return hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:12]


def build(root: Path, size: int, seed: int, log=print) -> GeneratedLibrary:  # type: ignore[no-untyped-def]
    """Generate a library into `root` (replacing anything there)."""
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    outlets, articles = generate_articles(size, seed)
    generated = GeneratedLibrary(size, seed, root)
    generated.articles_dir.mkdir(parents=True)
    for article in articles:
        (generated.articles_dir / article.file_name).write_text(seed_format(article.draft), encoding="utf-8")
    generated.manifest.write_text(
        json.dumps(
            {
                "about": f"Generated benchmark library: {size} articles, seed {seed}. Fictional.",
                "files": {
                    a.file_name: {
                        "outlet": a.draft.outlet_name,
                        **({"credit": a.draft.credit} if a.draft.credit else {}),
                    }
                    for a in articles
                },
            },
            indent=1,
        )
    )
    events: dict[str, list[str]] = {}
    for article in articles:
        events.setdefault(_event_id(seed, article.event_index), []).append(article.file_name)
    generated.events_file.write_text(json.dumps({"outlets": outlets, "events": events}))
    log(f"generate {size}: {len(articles)} files and manifest in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    library = Library.open(generated.store_path)
    ids: list[str] = []
    for start in range(0, len(articles), BATCH_SIZE):
        batch = [a.draft for a in articles[start : start + BATCH_SIZE]]
        result = library.add_articles(batch)
        if result.existing or len(result.added) != len(batch):
            raise RuntimeError(f"generated articles collide: {len(result.existing)} already stored")
        ids.extend(a.id for a in result.added)
    titles: dict[str, str] = {}
    assignments: dict[str, str] = {}
    for article, article_id in zip(articles, ids, strict=True):
        event_id = _event_id(seed, article.event_index)
        titles.setdefault(event_id, article.draft.headline)
        assignments[article_id] = event_id
    library.save_grouping([Event(id=e, title=t) for e, t in titles.items()], assignments)
    claims = 0
    for index in range(0, len(articles), CLAIM_EVERY):
        article = articles[index]
        if article.quote:
            library.add_claim(ids[index], article.quote, claimant=article.speaker or "", kind=ClaimKind.QUOTE)
            claims += 1
    log(
        f"generate {size}: ready store with {len(ids)} articles, {len(titles)} events, {claims} claims "
        f"in {time.perf_counter() - started:.1f} s"
    )
    (root / "complete").write_text(f"{GENERATOR_VERSION}\n")
    return generated


def generated_library(workdir: Path, size: int, seed: int = DEFAULT_SEED, log=print) -> GeneratedLibrary:  # type: ignore[no-untyped-def]
    """The cached library of this size and seed, generated on first use."""
    root = library_root(workdir, size, seed)
    if (root / "complete").exists():
        return GeneratedLibrary(size, seed, root)
    return build(root, size, seed, log)


def fresh_store(generated: GeneratedLibrary, dest: Path) -> Path:
    """A private copy of the ready store, for figures that write to it."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(generated.store_path.parent, dest)
    return dest / generated.store_path.name


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("size", type=int)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    generated = generated_library(args.workdir, args.size, args.seed)
    print(generated.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
