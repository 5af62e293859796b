"""Offices: who held which office when, and offices the text names without a name.

An OfficeHolding node records holder, role, represents and the date of the source
(kg:observedOn), so the graph answers "who was Foreign Minister in May 2024".
"""
from __future__ import annotations

import hashlib

from rdflib import Literal

from kazgraph.loaders.linking.coref import Person
from kazgraph.loaders.text.dates import to_literal
from kazgraph.loaders.entities.gazetteer import slug
from kazgraph.loaders.model import Document, Extraction, Span
from kazgraph.loaders.entities.names import Token
from kazgraph.loaders.entities.titles import Title
from kazgraph.vocab import KG


def person_key(name: str) -> str:
    """Entity key of a person from the full name: "person/kassym-jomart-tokayev"."""
    return f"person/{slug(name)}"


def by_elimination(doc: Document, ex: Extraction, people: list[Person]) -> None:
    """"The Kyrgyz-Uzbek treaty signed by presidents X and Y", Y known as Uzbek: X is Kyrgyz."""
    shares: dict[Span, list[str]] = {}
    for person in people:
        for f in person.found:
            if f.title is not None and f.title.shared and f.title.represents is None:
                shares.setdefault(f.title.span, []).append(person_key(person.label))
    for span, keys in shares.items():
        keys = list(dict.fromkeys(keys))
        sentence = doc.sentence_at(span.start)
        if sentence is None or len(keys) < 2:
            continue
        named = list(dict.fromkeys(m.key for m in ex.mentions_in(sentence.span)
                                   if m.key.startswith("state/")))
        if len(named) != len(keys):
            continue
        held = {_represents(ex, k) for k in keys}
        left = [k for k in keys if _represents(ex, k) is None]
        free = [s for s in named if s not in held]
        if len(left) == 1 and len(free) == 1:
            ex.fact(left[0], KG.represents, free[0], span)
            ex.entities[left[0]].cls = "Leader"  # a plural office of states is public


def _represents(ex: Extraction, key: str) -> str | None:
    return next((f.object for f in ex.facts if f.subject == key
                 and f.predicate == KG.represents and isinstance(f.object, str)), None)


def office_mentions(ex: Extraction, tokens: list[Token],
                     offices_named: list[tuple[int, Title]]) -> None:
    """"The Kazakh President said": a mention of the one person holding that office here."""
    holders: dict[tuple[str, str], set[str]] = {}
    for f in ex.facts:
        if f.predicate == KG.role and f.subject.startswith("person/"):
            state = next((g.object for g in ex.facts if g.subject == f.subject
                          and g.predicate == KG.represents), None)
            if isinstance(state, str):
                for word in str(f.object).lower().split():
                    holders.setdefault((word, state), set()).add(f.subject)
    for k, title in offices_named:
        who = holders.get((tokens[k].text.lower(), title.represents or ""), set())
        if len(who) == 1:
            ex.mention(next(iter(who)), title.span)


def holding(doc: Document, ex: Extraction, person: str, label: str, role: str | None,
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
        ex.fact(key, KG.observedOn, to_literal(when), span)
