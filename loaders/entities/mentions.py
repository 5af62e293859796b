"""Recognising states, international organisations, people and places in a digest.

`recognise(doc, ex)` adds an Entity and an `ex.mention(key, span)` for every mention found:

- states: "state/<ISO alpha-3>", class State, by name, alias or demonym ("Kazakh President",
  "EU-Kazakhstan", "Türkiye"); label is the canonical short name ("Turkey");
- international organisations and their bodies: "org/<slug>", class InternationalOrganization;
- people: "person/<slug of full name>" (kazgraph.loaders.entities.people.person_key), class Leader
  (public office) or Person, with kg:role, kg:represents and an OfficeHolding node. Mentions:
  the full name, the surname alone, and an office named without a name when one person holds
  it here ("the Kazakh President said"). A non-intergovernmental employer (a think tank, a
  company) is "org/<slug>" of class Actor;
- places: "place/<slug>", class City (or Place for a crossing, lake or island), with
  kg:country -> the state it lies in (a city alone does not make its state a mention).

Helpers for later stages (they read the mentions recorded here):

>>> from kazgraph.loaders import extract_text
>>> ex = extract_text("Kazakh President Aidar Serikov met Uzbek leaders in Samarkand.")
>>> whole = Span(0, len(ex.doc.text))
>>> actors_in(ex, whole)       # states, organisations, people, in text order, no repeats
['state/KAZ', 'person/aidar-serikov', 'state/UZB']
>>> places_in(ex, whole)       # cities and places; with states=True also states named by name
['place/samarkand']
>>> people_in(ex, whole)
['person/aidar-serikov']
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal

from kazgraph.loaders.entities import gazetteer, people
from kazgraph.loaders.linking import wikidata
from kazgraph.loaders.text.intervals import Intervals
from kazgraph.loaders.model import Document, Extraction, Span
from kazgraph.vocab import KG

ACTOR_PREFIXES = ("state/", "org/", "person/", "company/")
PLACE_PREFIXES = ("place/",)


def recognise(doc: Document, ex: Extraction) -> None:
    """Add entity mentions and person facts (role, represents, office holdings)."""
    skip = _outlet_spans(doc) + doc.navigation  # outlets' names and links to other pages
    outlets = _intervals(skip)
    _states(doc, ex, outlets)
    _organizations(doc, ex, outlets)
    people.recognise(doc, ex, skip)
    wikidata.link(ex)  # known office holders: owl:sameAs their Wikidata item
    taken = _intervals(m.span for m in ex.mentions
                       if m.key.startswith(("person/", "state/", "org/")))
    _places(doc, ex, outlets, taken)  # "Commonwealth of Independent States" names no city


def actors_in(ex: Extraction, span: Span) -> list[str]:
    """Keys of the states, organisations, people and companies mentioned in `span`."""
    return _keys_in(ex, span, ACTOR_PREFIXES)


def places_in(ex: Extraction, span: Span, *, states: bool = False) -> list[str]:
    """Keys of the places mentioned in `span`; with `states`, also states named by name."""
    keys = []
    for m in ex.mentions_in(span):
        if m.key.startswith(PLACE_PREFIXES) or (
                states and m.key.startswith("state/") and _named_not_demonym(ex, m.key, m.text)):
            if m.key not in keys:
                keys.append(m.key)
    return keys


def people_in(ex: Extraction, span: Span) -> list[str]:
    """Keys of the people mentioned in `span`."""
    return _keys_in(ex, span, ("person/",))


def _keys_in(ex: Extraction, span: Span, prefixes: tuple[str, ...]) -> list[str]:
    keys = []
    for m in ex.mentions_in(span):
        if m.key.startswith(prefixes) and m.key not in keys:
            keys.append(m.key)
    return keys


def _named_not_demonym(ex: Extraction, key: str, text: str) -> bool:
    entity = ex.entities.get(key)
    return entity is not None and (text == entity.label or text in entity.aliases
                                   or text.upper() == entity.label.upper())


def _outlet_spans(doc: Document) -> list[Span]:
    """Spans naming a media outlet ("Korea Herald"): states in them are not mentions."""
    names = {item.outlet for item in doc.items if item.outlet}
    spans = [item.outlet_span for item in doc.items if item.outlet_span]
    for name in names:
        spans += doc.spans_of(name)
    return spans


def _intervals(spans: Iterable[Span]) -> Intervals:
    return Intervals((s.start, s.end) for s in spans)


def _states(doc: Document, ex: Extraction, skip: Intervals) -> None:
    table = gazetteer.states()
    for hit in gazetteer.find_states(doc.text):
        if skip.covers(hit.start, hit.end):
            continue
        record = table[hit.key]
        aliases = [hit.surface] if hit.kind == "name" and hit.surface.upper() != hit.surface else []
        ex.entity(hit.key, "State", record.label, aliases=[*aliases, *record.names],
                  same_as=record.same_as)
        ex.fact(hit.key, KG.isoCode, Literal(hit.key.split("/", 1)[1]))
        ex.mention(hit.key, Span(hit.start, hit.end))


def _organizations(doc: Document, ex: Extraction, skip: Intervals) -> None:
    table = gazetteer.organizations()
    for hit in gazetteer.find_organizations(doc.text):
        if skip.covers(hit.start, hit.end):
            continue
        record = table[hit.key]
        ex.entity(hit.key, "InternationalOrganization", record.label,
                  aliases=[hit.surface, *record.names], same_as=record.same_as)
        ex.mention(hit.key, Span(hit.start, hit.end))


def _places(doc: Document, ex: Extraction, skip: Intervals, taken: Intervals) -> None:
    for hit, record in gazetteer.find_places(doc.text):
        if skip.covers(hit.start, hit.end) or taken.overlaps(hit.start, hit.end):
            continue
        ex.entity(hit.key, record.cls, record.label, aliases=[hit.surface],
                  same_as=record.same_as)
        if record.country:
            ex.fact(hit.key, KG.country, record.country)
        ex.mention(hit.key, Span(hit.start, hit.end))
