"""Grouping name mentions into people, and offices shared across a list of names.

Full names come first; a lone surname ("Serikov") or a first name used alone ("Li") joins the
full name it ends or starts. Names listed after a person are people too, and a plural office
("the presidents of A, B and C, X, Y and Z") is shared out among them, one state each.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kazgraph.loaders.model import Span
from kazgraph.loaders.entities.names import Token
from kazgraph.loaders.entities.titles import Title, is_head, title_before


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


def unnamed_offices(text: str, tokens: list[Token], marks: list[str],
                    people: list[Person]) -> list[tuple[int, Title]]:
    """Offices named with their state but no name ("the Russian president"): (index, title)."""
    named = {f.tokens[0].start for p in people for f in p.found}
    found = []
    for k, t in enumerate(tokens[:-1]):
        if not is_head(t) or tokens[k + 1].cap or tokens[k + 1].start in named:
            continue
        title = title_before(text, tokens, marks, k + 1)
        if title is not None and title.official and title.represents is not None \
                and not title.plural:
            found.append((k, title))
    return found


def same_story(text: str, tokens: list[Token], offices: list[tuple[int, Title]],
               people: list[Person]) -> None:
    """A headline's name and the body's unnamed office told in the same words.

    "Kim Min Jun to open trade office in Almaty" and "South Korean President to open
    trade office in Almaty": the untitled person holds that office.
    """
    untitled = [p for p in people if p.found and not any(f.title for f in p.found)]
    index = {t.start: n for n, t in enumerate(tokens)}
    for k, title in offices:
        if not tokens[k].cap:
            continue
        tail = [x.text for x in tokens[k + 1:k + 5]]
        for person in untitled:
            for f in person.found:
                j = index[f.tokens[-1].start] + 1
                if [x.text for x in tokens[j:j + 4]] == tail:
                    f.title = title


LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)")


def share_lists(text: str, found: list[Found]) -> None:
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
                g.title = replace(f.title, represents=state, blocked=state is None, plural=False,
                                  shared=True)
        elif f.title.counterpart:
            other = next((g for g in reversed(found[:n]) if g.title and g.title.role
                          and not re.search(r"[.!?\n]", text[g.span.end:f.span.start])), None)
            if other is not None:
                f.title = replace(f.title, role=other.title.role)

WEAK = {"author", "authors", "the", "a", "an", "head", "of", "state", "official", "top", "leader"}


def both(before: Title | None, after: Title | None) -> Title | None:
    """One title from the office before the name and the apposition after it."""
    if before is None or after is None:
        return before or after
    # the office before the name is the one held now ("Minister X, a former ambassador"),
    # unless it only says what the person is to the article ("The author, X, a fellow at Y")
    weak = before.role is None or set(re.findall(r"[a-z]+", before.role.lower())) <= WEAK
    role = after.role if weak and after.role else before.role
    span = after.span if role is after.role else before.span
    return Title(role, before.represents or after.represents, before.official or after.official,
                 span, before.blocked and after.represents is None, before.adjacent)


def _headline(text: str, at: int) -> bool:
    """The line holding `at` is in Title Case ("Kazakh President Sacks Cabinet")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text[start:end if end >= 0 else len(text)])]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)

@lru_cache(maxsize=1 << 16)  # called for every token and, in merge, per person per short name
def norm_name(name: str) -> str:
    """One key for spellings of a name: "Aidar-Bek Serikov" = "Aidar Bek Serikov"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def merge(found: list[Found], authors: list[str], text: str) -> list[Person]:
    """Group mentions into people: full names first, then lone names by surname."""
    people: list[Person] = []
    by_name: dict[str, Person] = {}
    full = [f for f in found if len(f.tokens) >= 2 and f.evidence]
    for name in authors:
        by_name.setdefault(norm_name(name), Person(name.split()))
    for f in full:
        by_name.setdefault(norm_name(" ".join(f.words)), Person(f.words)).found.append(f)
    # a longer name holding a shorter one ("Li Wei" in "Chinese Premier Li Wei")
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
    """The person whose full name contains this short form ("Serikov", "Li")."""
    words = [norm_name(w) for w in words]  # "Sahin" for "Şahin"
    for person in people:
        name = [norm_name(w) for w in person.name]
        if len(name) > len(words) and (name[-len(words):] == words
                                       or name[:len(words)] == words):
            return person
    return None
