"""People: named persons, the offices the text gives them, and whom they represent.

A run of capitalised words is taken for a person's name only on evidence: an office title
before it ("Kazakh President X", "the President of Azerbaijan, X"), an apposition after it
("X, the Director of Y"), a verb of speech or action ("X said"), authorship ("by X"), or a
possessive on a longer name ("X Y's new project"). A lone surname counts when the full name
is elsewhere in the digest, or after a title ("Minister Cheema").
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from rdflib import Literal

from kazgraph.loaders import gazetteer
from kazgraph.loaders.model import Document, Extraction, Span
from kazgraph.loaders.names import FUNCTION, HEADLINE_WORDS, NOT_NAME, PARTICLES, PERSON_VERBS, Token, offices, tokenize
from kazgraph.loaders.titles import Title, is_head, body_name, title_after, title_before
from kazgraph.vocab import KG

# The digests are about Kazakhstan: a public office named without its state is Kazakh's.
HOME_STATE = "state/KAZ"
AUTHOR_CUES = ("article by", "authored by", "written by", "op-ed by", "piece by", "opinion by",
               "column by", "interview with", "essay by", "commentary by", "analysis by")
LEADING = {"head", "director", "chairman", "chairwoman", "chair", "chairperson", "president",
           "secretary", "secretary-general", "commissioner", "representative", "coordinator",
           "envoy", "ambassador", "spokesperson", "spokesman", "governor", "director-general"}
TO_VERBS = ("visit", "pay", "meet", "attend", "travel", "hold", "host", "address", "open", "lead",
            "chair", "speak", "discuss", "tour", "join")
SPEECH_BEFORE = (" said", " says", " according to", " told", " noted", " stated", " added",
                 " writes", " wrote", " argues", " argued")


@dataclass
class Found:
    """One mention of a person: the name's tokens and what its context says."""

    tokens: list[Token]
    title: Title | None = None
    of: str | None = None  # "X of Kazakhstan"
    evidence: bool = False

    @property
    def span(self) -> Span:
        return Span(self.tokens[0].start, self.tokens[-1].end)

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens]


@dataclass
class Person:
    name: list[str]
    found: list[Found] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " ".join(self.name)


def person_key(name: str) -> str:
    """Entity key of a person from the full name: "person/kassym-jomart-tokayev"."""
    return f"person/{gazetteer.slug(name)}"


def recognise(doc: Document, ex: Extraction, skip: list[Span]) -> None:
    """Find people, merge their short and full names, add entities, mentions and facts."""
    text = doc.text
    tokens = tokenize(text)
    marks = _marks(doc, ex, tokens, skip)
    found = [f for f in (_judge(text, tokens, marks, run) for run in _runs(text, tokens, marks))
             if f is not None]
    _lists(text, found)
    people = _merge(found, _authors(doc), text)
    _same_story(text, tokens, marks, people)
    for person in people:
        _emit(doc, ex, person, tokens, marks)


def _same_story(text: str, tokens: list[Token], marks: list[str], people: list[Person]) -> None:
    """A headline's name and the body's unnamed office told in the same words.

    "Yoon Suk Yeol to pay state visit to Kazakhstan" and "South Korean President to pay
    state visit to Kazakhstan": the untitled person holds that office.
    """
    untitled = [p for p in people if p.found and not any(f.title for f in p.found)]
    if not untitled:
        return
    named = {f.tokens[0].start for p in people for f in p.found}
    for k, t in enumerate(tokens[:-4]):
        if not t.cap or not is_head(t) or tokens[k + 1].cap or tokens[k + 1].start in named:
            continue
        title = title_before(text, tokens, marks, k + 1)
        if title is None or not title.official or title.represents is None:
            continue
        tail = [x.text for x in tokens[k + 1:k + 5]]
        for person in untitled:
            for f in person.found:
                j = tokens.index(f.tokens[-1]) + 1
                if [x.text for x in tokens[j:j + 4]] == tail:
                    f.title = title


def _marks(doc: Document, ex: Extraction, tokens: list[Token], skip: list[Span]) -> list[str]:
    """Per token: the key of the state/org/outlet mention covering it, "place", or ""."""
    spans = [(m.span, m.key) for m in ex.mentions
             if m.key.startswith(("state/", "org/", "outlet/"))]  # not authors: judged here
    spans += [(s, "outlet/") for s in skip]
    marks = []
    for t in tokens:
        key = next((k for s, k in spans if s.start <= t.start and t.end <= s.end), "")
        if not key and any(s.start < t.end and t.start < s.end for s, _ in spans):
            key = "compound"  # "Kazakh-Uzbek", "EU-Kazakhstan": never part of a name
        marks.append(key)
    return marks


def _name_word(token: Token, mark: str) -> bool:
    if token.initials and not mark:
        return True
    words = offices()
    return (token.cap and not mark and token.text not in NOT_NAME
            and token.text.lower() not in words.words and token.text.rstrip(".").lower()
            not in words.honorifics)


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
        if marks[i - 1].startswith("state/") and left.text in _STATE_NAMES():
            # "Kazakhstan Temir Zholy" but not "President of Russia Vladimir Putin"
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


def _STATE_NAMES() -> set[str]:
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
    found.title = _both(before, title_after(text, tokens, marks, j))
    after = tokens[j:j + 3]
    nxt = after[0].text if after else ""
    if nxt in ("’s", "'s") and len(after) > 1:
        nxt_word = after[1].text
    else:
        nxt_word = nxt
    multi = j - i >= 2
    if found.title is not None:
        found.evidence = True
    elif multi and (nxt in PERSON_VERBS or (nxt == "to" and len(after) > 1 and after[1].text in
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
        found.of = found.of or marks[i - 2]  # "Russia's Putin"
    return found


LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)")


def _lists(text: str, found: list[Found]) -> None:
    """Names listed after a person are people; a plural office is shared out among them.

    "presidents X Y and Z W", "the presidents of A, B and C, X, Y and Z" (one state each),
    "A B of X, C D of Y", and "his Kazakh counterpart X" (the office of the one he met).
    """
    for prev, f in zip(found, found[1:]):
        gap = text[prev.span.end:f.span.start]
        if f.evidence or len(f.tokens) < 2 or not prev.evidence:
            continue
        if prev.of and gap.startswith(" of ") and gap.rstrip().endswith(",") and len(gap) < 40 \
                and text[f.span.end:f.span.end + 4] == " of ":
            f.evidence = True
        elif len(prev.tokens) >= 2 and LIST_GAP.fullmatch(gap):
            f.evidence = True
    for n, f in enumerate(found):
        if f.title is None:
            continue
        if f.title.plural:
            chain = [f]
            for g in found[n + 1:]:
                if not LIST_GAP.fullmatch(text[chain[-1].span.end:g.span.start]) \
                        or (g.title and g is not f):
                    break
                chain.append(g)
            states = f.title.states if len(f.title.states) == len(chain) else (None,) * len(chain)
            for g, state in zip(chain, states):
                g.evidence = True
                g.title = replace(f.title, represents=state, blocked=state is None, plural=False)
        elif f.title.counterpart:
            other = next((g for g in reversed(found[:n]) if g.title and g.title.role
                          and not re.search(r"[.!?\n]", text[g.span.end:f.span.start])), None)
            if other is not None:
                f.title = replace(f.title, role=other.title.role)


def _both(before: Title | None, after: Title | None) -> Title | None:
    """One title from the office before the name and the apposition after it."""
    if before is None or after is None:
        return before or after
    role = max((before.role, after.role), key=lambda r: len(r or ""))
    span = before.span if role == before.role else after.span
    return Title(role, before.represents or after.represents, before.official or after.official,
                 span, before.blocked and after.represents is None, before.adjacent)


def _authors(doc: Document) -> list[str]:
    return [name for item in doc.items for name in item.authors if len(name.split()) >= 2]


def _headline(text: str, at: int) -> bool:
    """The line holding `at` is in Title Case ("Kazakh President Sacks Cabinet")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text[start:end if end >= 0 else len(text)])]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _merge(found: list[Found], authors: list[str], text: str) -> list[Person]:
    """Group mentions into people: full names first, then lone names by surname."""
    people: list[Person] = []
    by_name: dict[str, Person] = {}
    full = [f for f in found if len(f.tokens) >= 2 and f.evidence]
    for name in authors:
        by_name.setdefault(name.lower(), Person(name.split()))
    for f in full:
        key = " ".join(f.words).lower()
        by_name.setdefault(key, Person(f.words)).found.append(f)
    # a longer name holding a shorter one ("Xi Jinping" in "Chinese President Xi Jinping")
    people = list(by_name.values())
    for f in found:
        if f.evidence and len(f.tokens) >= 2:
            continue
        owner = _owner(people, f.words)
        if owner is not None:
            owner.found.append(f)
        elif f.evidence and f.title is not None and f.title.official and f.title.adjacent \
                and len(f.tokens) == 1 and (not _headline(text, f.span.start)
                                            or text.count(f.words[0]) >= 2):
            person = by_name.setdefault(f.words[0].lower(), Person(f.words))
            person.found.append(f)
            if person not in people:
                people.append(person)
    return [p for p in people if p.found or p.name]


def _owner(people: list[Person], words: list[str]) -> Person | None:
    """The person whose full name contains this short form ("Tokayev", "Xi")."""
    for person in people:
        if len(person.name) > len(words) and (person.name[-len(words):] == words
                                              or person.name[:len(words)] == words):
            return person
    return None


def _emit(doc: Document, ex: Extraction, person: Person, tokens: list[Token],
          marks: list[str]) -> None:
    key = person_key(person.label)
    titles = [f.title for f in person.found if f.title is not None]
    role = max(titles, key=lambda t: len(t.role or ""), default=None)
    official = any(t.official for t in titles)
    # an office's state or body; a demonym before a private calling ("Kazakh cyclist") is
    # a nationality, not an office held for the state
    represents = next((t.represents for t in titles if t.represents and (
        official or not t.represents.startswith("state/"))), None)
    represents = represents or next((f.of for f in person.found if f.of), None)
    if represents is None and official and not all(t.blocked for t in titles):
        represents = HOME_STATE
    if represents and not represents.startswith(("state/", "org/")):
        represents = _actor(ex, represents)
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
    for start, end in _occurrences(doc.text, person, tokens, marks):
        if Span(start, end) not in seen:
            ex.mention(key, Span(start, end))
    if role is None and represents is None:
        return
    span = role.span if role is not None else person.found[0].span
    if role is not None and role.role:
        ex.fact(key, KG.role, Literal(role.role), span)
    if represents:
        ex.fact(key, KG.represents, represents, span)
    _holding(doc, ex, key, person.label, role.role if role else None, represents, span)


def _actor(ex: Extraction, name: str) -> str:
    """A body that is not intergovernmental (a think tank, a company) named as employer."""
    key = f"org/{gazetteer.slug(name)}"
    ex.entity(key, "Actor", name)
    return key


def _holding(doc: Document, ex: Extraction, person: str, label: str, role: str | None,
             represents: str | None, span: Span) -> None:
    """An OfficeHolding node: who held which office for whom, seen on which date."""
    digest = hashlib.sha1(f"{person}|{role}|{represents}".encode()).hexdigest()[:12]
    key = f"office/{digest}"
    ex.entity(key, "OfficeHolding", f"{label}, {role}" if role else label)
    ex.fact(person, KG.holds, key, span)
    ex.fact(key, KG.holder, person, span)
    if role:
        ex.fact(key, KG.role, Literal(role), span)
    if represents:
        ex.fact(key, KG.represents, represents, span)
    item = doc.item_at(span.start)
    when = (item.published if item and item.published else None) or doc.published
    if when:
        from kazgraph.loaders.dates import to_literal
        ex.fact(key, KG.observedOn, to_literal(when), span)


def _occurrences(text: str, person: Person, tokens: list[Token], marks: list[str]):
    """Spans of the full name and of its short forms (surname, or a lone first name)."""
    full = person.name
    n = len(full)
    taken: list[tuple[int, int]] = []
    for i in range(len(tokens)):
        words = [t.text for t in tokens[i:i + n]]
        if words == full:
            taken.append((tokens[i].start, tokens[i + n - 1].end))
    # a first name alone counts only where the text already used it alone ("Xi's visit")
    short = {full[-1]} | {full[0] for f in person.found if f.words == full[:1]}
    for i, t in enumerate(tokens):
        if any(s <= t.start < e for s, e in taken) or marks[i]:
            continue
        if t.text in short and n >= 2:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            glued = nxt is not None and text[t.end:nxt.start] == " " and nxt.cap \
                and nxt.text.lower() not in offices().words
            if not glued:
                taken.append((t.start, t.end))
        elif n == 1 and t.text == full[0]:
            taken.append((t.start, t.end))
    return sorted(taken)
