"""People: named persons, the offices the text gives them, and whom they represent.

A run of capitalised words is taken for a person's name only on evidence: an office title
before it ("Kazakh President X", "the President of Azerbaijan, X"), an apposition after it
("X, the Director of Y"), a verb of speech or action ("X said"), authorship ("by X"), or a
possessive on a longer name ("X Y's new project"). A lone surname counts when the full name
is elsewhere in the digest, or after a title ("Minister Bekov").
"""
from __future__ import annotations

import re
from functools import cache

from rdflib import Literal

from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.model import Document, Extraction, Span
from kazgraph.loaders.linking.offices import by_elimination, holding, office_mentions, person_key
from kazgraph.loaders.entities.names import FUNCTION, HEADLINE_WORDS, NOT_NAME, PARTICLES, PERSON_VERBS, Token, offices, tokenize
from kazgraph.loaders.entities.apposition import body_name, title_after
from kazgraph.loaders.text.intervals import Intervals
from kazgraph.loaders.linking.coref import (Found, Person, norm_name, both, merge, same_story, share_lists,
                                     unnamed_offices)
from kazgraph.loaders.entities.titles import HOME as HOME_STATE, title_before
from kazgraph.vocab import KG

AUTHOR_CUES = ("article by", "authored by", "written by", "op-ed by", "piece by", "opinion by",
               "column by", "interview with", "essay by", "commentary by", "analysis by")
GENERIC = {"head", "of", "state", "government", "official", "officials", "top", "diplomat",
           "senior", "chief", "the", "leader", "country"}
LEADING = {"head", "director", "chairman", "chairwoman", "chair", "chairperson", "president",
           "secretary", "secretary-general", "commissioner", "representative", "coordinator",
           "envoy", "ambassador", "spokesperson", "spokesman", "governor", "director-general"}
TO_VERBS = ("visit", "pay", "meet", "attend", "travel", "hold", "host", "address", "open", "lead",
            "chair", "speak", "discuss", "tour", "join")
SPEECH_BEFORE = (" said", " says", " according to", " told", " noted", " stated", " added",
                 " writes", " wrote", " argues", " argued", " quotes", " quoted", " quoting",
                 " cites", " cited", " citing", " interviewed", " met with", " talks with",
                 " meeting with", " call with", " conversation with", " spoke with")


def recognise(doc: Document, ex: Extraction, skip: list[Span]) -> None:
    """Find people, merge their short and full names, add entities, mentions and facts."""
    text = doc.text
    tokens = tokenize(text)
    marks = _marks(doc, ex, tokens, skip)
    found = [f for f in (_judge(text, tokens, marks, run) for run in _runs(text, tokens, marks))
             if f is not None]
    share_lists(text, found)
    people = merge(found, _authors(doc), text)
    offices_named = unnamed_offices(text, tokens, marks, people)
    same_story(text, tokens, offices_named, people)
    where: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        where.setdefault(norm_name(t.text), []).append(i)  # "Sahin" finds "Şahin"
    named = _Namesakes(people, tokens, where)
    for person in people:
        _emit(doc, ex, person, tokens, marks, where, named)
    office_mentions(ex, tokens, offices_named)
    by_elimination(doc, ex, people)


def _marks(doc: Document, ex: Extraction, tokens: list[Token], skip: list[Span]) -> list[str]:
    """Per token: the key of the state/org/outlet mention covering it, "place", or ""."""
    spans = [(m.span, m.key) for m in ex.mentions
             if m.key.startswith(("state/", "org/", "outlet/"))]  # not authors: judged here
    spans += [(s, "outlet/") for s in skip]
    # which span covers each character, so each token is looked up in its own length
    cover: list[int] = [-1] * (len(doc.text) + 1)
    for n, (span, _) in enumerate(spans):
        for pos in range(span.start, min(span.end, len(doc.text))):
            cover[pos] = n
    marks = []
    for t in tokens:
        n = cover[t.start]
        key = ""
        if n >= 0 and spans[n][0].start <= t.start and t.end <= spans[n][0].end:
            key = spans[n][1]
        elif any(cover[pos] >= 0 for pos in range(t.start, t.end)):
            key = "compound"  # "Kazakh-Uzbek", "EU-Kazakhstan": never part of a name
        marks.append(key)
    return marks


def _name_word(token: Token, mark: str) -> bool:
    if token.initials and not mark:
        return True
    words = offices()
    low = token.text.lower()
    return (token.cap and not mark and token.text not in NOT_NAME and low not in words.words
            and not (low.endswith("s") and low[:-1] in words.heads)  # "Presidents"
            and token.text.rstrip(".").lower() not in words.honorifics)


def _runs(text: str, tokens: list[Token], marks: list[str]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of candidate name runs: capitalised words joined by one space."""
    runs, i = [], 0
    while i < len(tokens):
        if not _name_word(tokens[i], marks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and text[tokens[j - 1].end:tokens[j].start] == " ":
            if _name_word(tokens[j], marks[j]):
                j += 1
            elif (tokens[j].text in PARTICLES and j + 1 < len(tokens)
                  and _name_word(tokens[j + 1], marks[j + 1])):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _glued(text: str, tokens: list[Token], marks: list[str], i: int, j: int,
           titled: bool) -> bool:
    """The run is part of a longer capitalised name ("Kazakhstan Temir Zholy", "X Foundation")."""
    if i > 0 and text[tokens[i - 1].end:tokens[i].start] == " " and not titled:
        left = tokens[i - 1]
        if (left.cap or left.text.isupper()) and left.text.lower() not in offices().words \
                and not marks[i - 1].startswith("state/") and left.text not in FUNCTION:
            return True
        if marks[i - 1].startswith("state/") and left.text in _state_names():
            # "Kazakhstan Temir Zholy" but not "President of Russia Ivan Petrov"
            k = i - 1
            while k > 0 and marks[k - 1] == marks[i - 1]:
                k -= 1
            if k < 2 or tokens[k - 1].text != "of" or not tokens[k - 2].cap:
                return True
    if j < len(tokens) and text[tokens[j - 1].end:tokens[j].start] == " " and not titled:
        right = tokens[j]
        if (right.cap or right.text.isupper()) and right.text.lower() not in offices().words \
                and right.text not in HEADLINE_WORDS:
            return True
    return False


@cache
def _state_names() -> set[str]:
    names = set()
    for record in gazetteer.states().values():
        names.add(record.label)
        names.update(record.names)
    return names


def _judge(text: str, tokens: list[Token], marks: list[str], run: tuple[int, int]) -> Found | None:
    i, j = run
    while j > i and tokens[j - 1].initials:
        j -= 1
    if i == j or all(t.initials for t in tokens[i:j]):
        return None
    before = title_before(text, tokens, marks, i)
    if sum(t.text not in PARTICLES for t in tokens[i:j]) > 5 or _glued(text, tokens, marks, i, j, before is not None):
        return None
    if all(gazetteer.place(t.text) for t in tokens[i:j]) or gazetteer.place(
            text[tokens[i].start:tokens[j - 1].end]):
        return None  # "Almaty", "New Delhi"
    if j - i >= 3 and i > 0 and tokens[i - 1].text == "of":
        # "Akim of Almaty Yerbolat Dossayev", "Chairman of the Board of Samruk-Kazyna X Y"
        shorter = title_before(text, tokens, marks, i + 1)
        if shorter is not None:
            i, before = i + 1, shorter
    found = Found(tokens[i:j])
    found.title = both(before, title_after(text, tokens, marks, j))
    after = tokens[j:j + 3]
    nxt = after[0].text if after else ""
    if nxt in ("’s", "'s") and len(after) > 1:
        nxt_word = after[1].text
    else:
        nxt_word = nxt
    multi = j - i >= 2
    # "analysts at Chatham House noted": a body, not a person, after a preposition
    after_prep = i > 0 and tokens[i - 1].text in ("at", "from", "of", "in", "on", "to", "by")
    if found.title is not None:
        found.evidence = True
    elif multi and not after_prep and (nxt in PERSON_VERBS or (nxt == "to" and len(after) > 1 and after[1].text in
                                            TO_VERBS)):
        found.evidence = True
    elif multi and text[max(0, tokens[i].start - 40):tokens[i].start].rstrip().lower().endswith(
            AUTHOR_CUES + SPEECH_BEFORE):
        found.evidence = True
    elif multi and nxt in ("’s", "'s") and nxt_word[:1].islower():
        found.evidence = True  # "X Y's new project"
    if multi and nxt == "of" and len(after) > 1 and marks[j + 1].startswith("state/"):
        found.of = marks[j + 1]
        found.evidence = True
    elif nxt == "of" and found.title is not None and found.title.represents is None:
        found.of = body_name(text, tokens, marks, list(range(j + 1, min(j + 9, len(tokens)))))
    if i >= 2 and tokens[i - 1].text in ("’s", "'s") and marks[i - 2].startswith("state/"):
        found.of = found.of or marks[i - 2]  # "Russia's Petrov"
    return found


def _authors(doc: Document) -> list[str]:
    return [name for item in doc.items for name in item.authors if len(name.split()) >= 2]


def _emit(doc: Document, ex: Extraction, person: Person, tokens: list[Token],
          marks: list[str], where: dict[str, list[int]], named: "_Namesakes") -> None:
    key = person_key(person.label)
    titles = [f.title for f in person.found if f.title is not None]
    # the fullest wording of the office, but a named office before a generic one
    # ("President" rather than "Head of State" or "top diplomat")
    role = max(titles, key=lambda t: (t.role is not None and not GENERIC.issuperset(
        re.findall(r"[a-z]+", t.role.lower())), len(t.role or "")), default=None)
    official = any(t.official for t in titles)
    # an office's state or body; a demonym before a private calling ("Kazakh cyclist") is
    # a nationality, not an office held for the state
    represents = next((t.represents for t in titles if t.represents and (
        official or not t.represents.startswith("state/"))), None)
    represents = represents or next((f.of for f in person.found if f.of), None)
    if represents is None:
        represents = next((b for t in titles if t.possessor
                           for b in [_named_before(doc.text, t.span.start, t.possessor)] if b),
                          None)
    if represents is None and official and not all(t.blocked for t in titles) \
            and not any(_accredited_home(t.role) for t in titles):
        represents = HOME_STATE
    if represents and not represents.startswith(("state/", "org/")):
        represents = _actor(doc, ex, represents)
    if represents in gazetteer.organizations() and role is not None and role.role and any(
            w in LEADING for w in re.findall(r"[a-z-]+", role.role.lower())):
        official = True  # the head of an intergovernmental body holds a public office
    official = official and bool(represents) and represents.startswith(("state/", "org/")) \
        and (represents.startswith("state/") or represents in gazetteer.organizations())
    aliases = {" ".join(f.words) for f in person.found}
    entity = ex.entity(key, "Leader" if official else "Person", person.label, aliases=aliases)
    if official:
        entity.cls = "Leader"  # an author the structure stage made a Person
    seen = {m.span for m in ex.mentions if m.key == key}  # authors the structure stage named
    for start, end in _occurrences(doc.text, person, tokens, marks, where, named):
        if Span(start, end) not in seen:
            ex.mention(key, Span(start, end))
    if role is None and represents is None:
        return
    span = role.span if role is not None else person.found[0].span
    if role is not None and role.role:
        ex.fact(key, KG.role, Literal(role.role), span)
    if represents:
        ex.fact(key, KG.represents, represents, span)
    holding(doc, ex, key, person.label, role.role if role else None, represents, span)


DESCRIPTORS = ("carrier", "airline", "company", "firm", "bank", "operator", "producer",
               "developer", "giant", "group", "fund", "corporation", "holding", "startup",
               "manufacturer", "miner", "railway", "exchange", "agency", "institute",
               "university", "organisation", "organization", "think tank", "newspaper")
_DESCRIBED = re.compile(r"\b(?:%s)\s+((?:[A-Z][\w’'&.-]*\s){0,3}[A-Z][\w’'&-]*)"
                        % "|".join(DESCRIPTORS))


def _named_before(text: str, at: int, noun: str) -> str | None:
    """"flag carrier Air Astana ... the airline's President": the body the noun stands for."""
    if noun not in DESCRIPTORS:
        return None
    found = list(_DESCRIBED.finditer(text, max(0, at - 600), at))
    return found[-1].group(1) if found else None


def _accredited_home(role: str | None) -> bool:
    """"Ambassador to Kazakhstan": an envoy sent to the home state, so not one of its own."""
    if not role or " to " not in role:
        return False
    rest = role.split(" to ", 1)[1]
    return any(h.key == HOME_STATE for h in gazetteer.find_states(rest))


def _actor(doc: Document, ex: Extraction, name: str) -> str:
    """A body that is not intergovernmental (a think tank, a company) named as employer,
    with a mention wherever the text writes its name."""
    key = f"org/{gazetteer.slug(name)}"
    ex.entity(key, "Actor", name)
    seen = {m.span for m in ex.mentions if m.key == key}
    for span in doc.spans_of(name):
        if span not in seen:
            ex.mention(key, span)
    return key


def _full_spans(person: Person, tokens: list[Token], where: dict[str, list[int]]) -> list[tuple[int, int]]:
    """Where the text writes the person's full name."""
    n = len(person.name)
    folded = [norm_name(w) for w in person.name]
    return [(tokens[i].start, tokens[i + n - 1].end) for i in where.get(folded[0], [])
            if [norm_name(t.text) for t in tokens[i:i + n]] == folded]


class _Namesakes:
    """The full names of everyone a text names, to tell whose a short name is.

    A surname written alone belongs to the person of that surname whose full name the
    text gave last before it (or, before any, first after it): "Ilham Aliyev ... the
    grave of Heydar Aliyev ... Aliyev said" - and never to one whose surname is only
    part of another person's full name written there.
    """

    def __init__(self, people: list[Person], tokens: list[Token], where: dict[str, list[int]]) -> None:
        self.full = {id(p): _full_spans(p, tokens, where) for p in people}
        self.anyone = Intervals(s for spans in self.full.values() for s in spans)
        self.by_surname: dict[str, list[Person]] = {}
        for p in people:
            if len(p.name) >= 2:
                self.by_surname.setdefault(norm_name(p.name[-1]), []).append(p)

    def owner(self, word: str, at: int, person: Person) -> bool:
        """Whether the short name `word` at offset `at` stands for `person`."""
        rivals = self.by_surname.get(word, [])
        if len(rivals) < 2 or person not in rivals:
            return True

        last = {id(p): max((s for s, _ in self.full[id(p)] if s < at), default=-1) for p in rivals}
        before = max(rivals, key=lambda p: last[id(p)])
        if last[id(before)] >= 0:
            return before is person
        return min(rivals, key=lambda p: min((s for s, _ in self.full[id(p)]),
                                             default=1 << 62)) is person


def _occurrences(text: str, person: Person, tokens: list[Token], marks: list[str],
                 where: dict[str, list[int]], named: _Namesakes):
    """Spans of the full name and of its short forms (surname, or a lone first name)."""
    full = person.name
    n = len(full)
    folded = [norm_name(w) for w in full]
    taken: list[tuple[int, int]] = list(named.full[id(person)])
    # a first name alone counts only where the text already used it alone ("Li's visit")
    short = {folded[-1]} | {folded[0] for f in person.found if f.words == full[:1]}
    for i in sorted({i for word in short for i in where.get(word, [])}):
        t = tokens[i]
        # a token inside anyone's full name is no short form (the full names index
        # answers that in log time)
        if named.anyone.holds(t.start) or marks[i]:
            continue
        if not named.owner(norm_name(t.text), t.start, person):
            continue
        if n >= 2:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            glued = nxt is not None and text[t.end:nxt.start] == " " and nxt.cap \
                and nxt.text.lower() not in offices().words
            if not glued:
                taken.append((t.start, t.end))
        else:
            taken.append((t.start, t.end))
    return sorted(taken)
