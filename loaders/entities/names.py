"""Tokens and word lists for recognising people's names and the offices before them."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# A word: letters, with inner hyphens or apostrophes ("Aidar-Bek", "O’Neill").
WORD = re.compile(r"(?:[A-Z]\.){1,3}(?= ?[A-Z][a-z])|[^\W\d_]+(?:[-’'][^\W\d_]+)*|\d[\w.,]*|\S")
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
POSSESSIVE = ("’s", "'s")
PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "di", "van", "von", "der", "den", "la", "le",
             "du", "dos", "del"}

# Capitalised words that are not part of people's names: function words that start
# sentences, months and days, and the nouns that build the names of things.
NOT_NAME = set("""
The A An This That These Those His Her Their Our Its My Your We They He She It I You If Once So
But And Or Nor Yet Here There Where What Who Whom Whose Why How Which Whether When While Both
Each Every Either Neither Other Another Such All Any Some Many Most Much More Less Few No Not
Despite According During Although After Before Meanwhile Earlier Later Currently Also Then Thus
However Moreover Furthermore Besides Nevertheless Instead Still Even Just Only Already Today
Tonight Yesterday Tomorrow Last Next Over Under In On At As By For From With Without Into Onto
Upon Within Since Until Unlike Like Following Amid Among Between Across Along Alongside Around
Through Throughout Toward Towards Via Per Against Beyond Near Off Out Up Down About Above Below
Dear Former Late New Old Great Greater Grand Big Little First Second Third Fourth Fifth Sixth
Seventh Eighth Ninth Tenth Motor Motors Energies Petroleum Operating Tour Tours Metals Steel Chemicals Pharma Telecom Mobile Partners Holdings Invest Investments Ventures Solutions Systems Industries Electric Resources Minerals Construction Engineering Consulting Foods Agro Cargo Shipping Rail Insurance Software Labs Studio Studios Entertainment Airways Aviation House Watch Majlisi Milli Oliy Jogorku Kenesh Mejlis Duma Rada Bundestag Knesset Sejm Khural Arena Hub Express Unit Hotel Tower Towers Mall Plaza Airport Terminal Traditional Religions Religion Religious Leaders Country Countries Regional Local Provincial City's One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve
Twenty Thirty Hundred Thousand Million Billion Yes Please Read More Photo Credit Details Source
Sources Video Watch Listen Share Subscribe Sign Get Click Related Update Updated Breaking
January February March April May June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Summit Forum Agreement Treaty Memorandum Corridor Route Times News Agency Institute University
Academy School College Bank Company Corporation Group Holding Ministry Council Committee
Commission Union Organization Organisation Party Parliament Senate Mazhilis Majilis Government
Cabinet Assembly Congress Conference Expo Games Day Days Week Year Center Centre Foundation Fund
Association Airlines Airways Air Railway Railways Port Airport Station Region Province Oblast
District City Street Avenue Square Palace Hall Akorda Kremlin Strategy Program Programme Project
Initiative Partnership Cooperation Co-operation Development Trade Economic Economy Digital
International National Global World Central Asia Asian Europe European Eurasia Eurasian Western
Eastern Northern Southern East West North South Middle Silk Road Belt Digest Review Article
Report Magazine Journal Post Daily Weekly Tribune Herald Gazette Diplomat Diplomacy Policy
Affairs Business Wire Media Press Online Television Radio Network Broadcasting Service Services
Cosmodrome Spaceport Stadium Museum Library Festival Award Prize Cup Championship Olympic
Olympics Nomad Nomads Caucasus Caspian Sea Ocean Gulf Arctic Balkans Baltic Africa America
Americas Pacific Atlantic Mediterranean Siberia Scandinavia Steppe Lake River Mountains
Valley Island Islands Republic Kingdom Federation Emirate State States Nations United Federal
Supreme Court Office Department Administration Authority Embassy Consulate Mission Delegation
Secretariat Board Chamber Exchange Market Index Capital Finance Financial Energy Oil Gas Power
Nuclear Plant Climate Water Food Health Education Science Technology Technologies
Innovation Tech Smart Data Cloud Network Networks Platform Centre Hub Zone Free Special
Economic Industrial Logistics Transport Transit Terminal Line Lines Pipeline Highway Bridge
Tourism Travel Culture Cultural Heritage Art Arts Music Film Sport Sports Team Club League
Church Mosque Islam Islamic Muslim Christian Buddhist Orthodox Catholic Jewish God Allah Prophet
Covid COVID Coronavirus Pandemic War Cold Peace Security Defense Defence Army Forces Military
Navy Police Guard Border Customs Visa Tax Budget Census Election Elections Referendum
Constitution Law Code Act Bill Decree Order Resolution Declaration Charter Statement Plan
Vision Concept Doctrine Agenda Dialogue Talks Process Format Platform Mechanism Framework
Ltd LLC Inc Co Corp PLC JSC AG SA GmbH NV Kazinform Qazinform Astana Times
Opinion Editorial Interview Analysis Commentary Feature Explainer Op-Ed Headline Headlines
Top Key Main Major Minor Important Strong Stronger Deep Deeper Deepening Rising Rise Growing
Why Breaking Exclusive Live Latest Inside Behind Beyond Toward Towards Will Would Can Could
Should Must May Might Shall Is Are Was Were Be Been Being Has Have Had Do Does Did Done
""".split())

# Verbs and nouns of Title Case headlines that follow a name ("X Meets Y", "X Visit").
HEADLINE_WORDS = set("""
Meets Meet Holds Hold Signs Sign Says Calls Urges Urge Visits Visit Discusses Discuss Opens
Launches Hosts Host Becomes Seeks Eyes Plans Wants Joins Backs Pushes Boosts Expands
Strengthens Deepens Unveils Announces Welcomes Welcome Receives Attends Arrives Agrees Agree
Reaffirms Reaffirm Highlights Emphasizes Emphasises Stresses Praises Notes Warns Pledges
Proposes Invites Congratulates Addresses Outlines Approves Orders Instructs Appoints Dismisses
Vows Promises Thanks Leaves Travels Returns Speaks Sees Wins Takes Makes Gives Sets Steps
Confirms Denies Rejects Accepts Supports Condemns Criticizes Slams Hails Lauds Inks Chairs
Tours Inspects Reviews Explores Shares Reiterates Talk Call Phone Meeting Visiting Arrival
Calls Ties Relations Agenda Cooperation Partnership Deal Deals Visa Flights Route Routes
""".split())

NOT_NAME |= HEADLINE_WORDS

MONTHS = set("January February March April May June July August September October November "
             "December".split())

# Capitalised function words that start sentences before a name ("Both X and Y").
FUNCTION = set("""The A An This That These Those His Her Their Our Its Both Each Every Either
Neither Despite According During Although After Before Meanwhile Earlier Later Currently Also
Then Thus However Moreover Furthermore When While Since In On At As By For From With Without
Under Over Following Amid Among Between Across Along Alongside Speaking Addressing Asked
Meeting Welcoming If Once So But And Or Yet Here There Today Yesterday Last Next Dear Like
Unlike Why How What Where Which Who""".split())

# Verbs after a name that show a person (not an outlet or a company) is acting or speaking.
PERSON_VERBS = set("""
said says say noted notes stated states added adds stressed stresses emphasized emphasised
emphasizes emphasises told tells believes believed argues argued writes wrote urged urges
called calls announced announces explained explains highlighted highlights underlined
underlines expressed expresses met meets visited visits welcomed welcomes thanked thanks
congratulated praised praises recalled recalls insisted insists warned warns suggested
suggests proposed proposes pointed remarked remarks observed observes commented comments
acknowledged acknowledges reiterated reiterates assured assures invited invites arrived arrives
addressed addresses spoke speaks declared declares confirmed confirms admitted admits
attended attends chaired chairs hosted hosts led leads received receives discussed discusses
reaffirmed reaffirms outlined outlines described describes asked asks answered answers replied
replies responded responds agreed agrees won wins performed performs sang sings starred
stars competed competes finished finishes directed directs composed composes
""".split())


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def initials(self) -> bool:
        """"S." or "M.J.": initials before a surname."""
        return INITIALS.fullmatch(self.text) is not None

    @property
    def cap(self) -> bool:
        """Capitalised word (not all capitals, not a single letter)."""
        t = self.text
        return t[:1].isupper() and t[:1].isalpha() and len(t) > 1 and not t.isupper()


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with offsets; a possessive "’s" is its own token."""
    tokens = []
    for m in WORD.finditer(text):
        word = m.group()
        if word.endswith(POSSESSIVE) and len(word) > 2 and word[:-2][-1:].isalpha():
            tokens.append(Token(m.start(), m.end() - 2, word[:-2]))
            tokens.append(Token(m.end() - 2, m.end(), word[-2:]))
        else:
            tokens.append(Token(m.start(), m.end(), word))
    return tokens


@dataclass(frozen=True)
class Offices:
    heads: frozenset[str]  # lower-case one-word heads and last words of titles
    official: frozenset[str]  # lower-case titles of public offices
    words: frozenset[str]  # every word that can build a title (lower case)
    honorifics: frozenset[str]


@cache
def offices() -> Offices:
    """Office titles from data/offices.tsv."""
    text = resources.files("kazgraph.data").joinpath("offices.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader([ln for ln in text.splitlines() if ln and not ln.startswith("#")],
                               delimiter="\t", quoting=csv.QUOTE_NONE))
    heads, official, words, honorifics = set(), set(), set(), set()
    for row in rows:
        title, kind = row["title"], row["kind"]
        parts = [p.lower() for p in WORD.findall(title) if p not in (".",)]
        if kind == "honorific":
            honorifics.add(title.rstrip(".").lower())
            continue
        words.update(p for p in parts if p not in ("of", "the", "and", "for", "to", "d'affaires"))
        if kind == "head":
            # "Secretary of State", "Attorney General": the first word is the office
            head = parts[0] if "of" in parts or parts[-1] == "general" else parts[-1]
            heads.update((title.lower(), head))
            if row["official"] == "1":
                official.add(title.lower())
    return Offices(frozenset(heads), frozenset(official), frozenset(words),
                   frozenset(honorifics))
