"""Wikidata items of well-known office holders, and linking the people of a digest to them.

data/office_holders.tsv lists heads of state and government, foreign ministers and the
heads of international bodies, each with the Wikidata item of the person (sources in
data/SOURCES.md). A person found in a digest gets owl:sameAs that item only on a safe
match: the full name, or a spelling the table lists, is the holder's (a surname alone
never is), and every state or organisation the digest gives the person is one the
holder served (an organisation counts with the bodies it belongs to or that belong to
it: the European Commission for the European Union). Two holders of one name and no
affiliation to tell them apart link neither.

>>> from kazgraph.loaders import extract_text
>>> ex = extract_text("Russian President Vladimir Putin arrived in Astana.")
>>> sorted(ex.entities["person/vladimir-putin"].same_as)
['http://www.wikidata.org/entity/Q7747']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.linking.coref import norm_name
from kazgraph.loaders.model import Extraction
from kazgraph.vocab import KG

QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class Holder:
    """One office held by a person the table knows."""

    wikidata: str
    name: str
    names: tuple[str, ...]  # other spellings
    serves: str  # "state/KAZ" or "org/united-nations"
    office: str
    start: int | None
    end: int | None


@cache
def office_holders() -> tuple[Holder, ...]:
    """Every row of data/office_holders.tsv."""
    rows = []
    for row in gazetteer.reference_rows("office_holders.tsv"):
        where = row["serves"]
        serves = f"state/{where}" if where.isupper() else f"org/{where}"
        rows.append(Holder(row["wikidata"], row["name"], tuple(a for a in row["aliases"].split("|") if a),
                           serves, row["office"], _year(row["from"]), _year(row["to"])))
    return tuple(rows)


def _year(cell: str | None) -> int | None:
    return int(cell) if cell else None


@cache
def _by_name() -> dict[str, dict[str, set[str]]]:
    """Folded full name -> Wikidata item -> the states and bodies that holder served."""
    index: dict[str, dict[str, set[str]]] = {}
    for h in office_holders():
        for name in (h.name, *h.names):
            index.setdefault(norm_name(name), {}).setdefault(h.wikidata, set()).add(h.serves)
    return index


def _family(key: str) -> set[str]:
    """An organisation with the bodies above it: "org/european-commission" and "org/european-union"."""
    orgs = gazetteer.organizations()
    found = {key}
    while key in orgs and orgs[key].parent:
        key = orgs[key].parent
        found.add(key)
    return found


def _agrees(given: str, served: set[str]) -> bool:
    if given.startswith("state/"):
        return given in served
    if given not in gazetteer.organizations():
        return False  # a company or think tank: not the office the table knows
    return any(given in _family(s) or s in _family(given) for s in served)


def link(ex: Extraction) -> None:
    """Give each person of the digest who safely matches a known holder owl:sameAs its item."""
    index = _by_name()
    known = {}
    for entity in ex.entities.values():
        if entity.key.startswith("person/"):
            name = norm_name(entity.label)
            if " " in name and name in index:  # a surname or a given name alone never is
                known[entity.key] = index[name]
    if not known:
        return
    given: dict[str, set[str]] = {}
    for f in ex.facts:
        if f.subject in known and f.predicate == KG.represents and isinstance(f.object, str):
            given.setdefault(f.subject, set()).add(f.object)
    for key, holders in known.items():
        items = [q for q, served in holders.items()
                 if all(_agrees(g, served) for g in given.get(key, ()))]
        if len(items) == 1:
            ex.entities[key].same_as.add(gazetteer.WIKIDATA.format(items[0]))
