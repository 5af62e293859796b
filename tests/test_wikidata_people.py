"""Office holders: the reference table is well formed, and people link to it only safely."""
from __future__ import annotations

import re

import pytest

from kazgraph.loaders import extract_text
from kazgraph.loaders.entities.gazetteer import organizations, states
from kazgraph.loaders.linking.coref import norm_name
from kazgraph.loaders.linking.wikidata import office_holders

WD = "http://www.wikidata.org/entity/"


def same_as(text, key):
    ex = extract_text(text, published="2024-05-01")
    assert key in ex.entities, sorted(ex.entities)
    return sorted(ex.entities[key].same_as)


def test_table_is_well_formed():
    holders = office_holders()
    assert len({h.wikidata for h in holders}) >= 20
    for h in holders:
        assert re.fullmatch(r"Q[1-9][0-9]*", h.wikidata), h
        assert h.serves in states() or h.serves in organizations(), h
        assert len(h.name.split()) >= 2 and h.office, h
        assert h.start is None or h.end is None or h.start <= h.end, h


def test_one_item_is_one_person_and_one_name_one_item():
    names: dict[str, set[str]] = {}
    spellings: dict[str, set[str]] = {}
    for h in office_holders():
        names.setdefault(h.wikidata, set()).add(h.name)
        for name in (h.name, *h.names):
            spellings.setdefault(norm_name(name), set()).add(h.wikidata)
    assert {q: n for q, n in names.items() if len(n) > 1} == {}
    assert {s: q for s, q in spellings.items() if len(q) > 1} == {}


@pytest.mark.parametrize("text, key, item", [
    # a full name whose state agrees, or that the text gives no state
    ("Russian President Vladimir Putin arrived in Astana.", "person/vladimir-putin", "Q7747"),
    ("Vladimir Putin said the talks went well.", "person/vladimir-putin", "Q7747"),
    # a spelling the table lists
    ("Belarusian President Aliaksandr Lukashenka spoke in Minsk.",
     "person/aliaksandr-lukashenka", "Q2866"),
    ("Uzbek President Shavkat Mirziyoyev arrived in Astana.", "person/shavkat-mirziyoyev",
     "Q57808"),
    # the head of an organisation, through its body
    ("NATO Secretary General Mark Rutte visited Astana.", "person/mark-rutte", "Q57792"),
])
def test_a_safe_match_links(text, key, item):
    assert same_as(text, key) == [WD + item]


@pytest.mark.parametrize("text, key", [
    ("Minister Putin spoke at length.", "person/putin"),  # a surname alone
    ("Uzbek President Vladimir Putin arrived in Astana.", "person/vladimir-putin"),  # another state
    # an employer that is no state or intergovernmental body
    ("The report was written by Vladimir Putin, a senior fellow at the "
     "Steppe Policy Institute.", "person/vladimir-putin"),
])
def test_an_unsafe_match_does_not_link(text, key):
    assert same_as(text, key) == []


def test_link_reaches_the_graph():
    from rdflib import URIRef
    from rdflib.namespace import OWL

    from kazgraph.loaders import to_dataset

    ds = to_dataset(extract_text("Chinese President Xi Jinping visited Almaty.",
                                 published="2024-05-01"))
    xi = URIRef("https://w3id.org/kazgraph/id/person/xi-jinping")
    assert URIRef(WD + "Q15031") in {o for _, _, o, _ in ds.quads((xi, OWL.sameAs, None, None))}
