"""Paging a question gives, page after page, exactly its rows read in one go: also for a
question whose subquery picks the page first (`# kazgraph:page`)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kazgraph.queries import questions, with_page, with_rows, with_values
from kazgraph.store.embedded import EmbeddedStore

KG = "https://w3id.org/kazgraph/ontology#"
ID = "https://w3id.org/kazgraph/id/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(ID + local)


def _kg(local: str) -> ox.NamedNode:
    return ox.NamedNode(KG + local)


# Events of one state: shared dates, undated ones, two with the same name, one whose
# only other participant is the state's own leader (no row), one with no one else.
EVENTS = [
    ("e1", "2024-05-02", "Talks", ["state/BBB", "state/CCC"]),
    ("e2", "2024-05-02", "Talks", ["state/DDD"]),
    ("e3", "2024-05-02", "Forum", ["state/CCC", "person/lead", "state/EEE"]),
    ("e4", "2023-01-10", "Visit", ["person/lead"]),
    ("e5", None, "Summit", ["state/BBB", "state/DDD", "state/EEE"]),
    ("e6", None, None, ["state/CCC"]),
    ("e7", "2022-07-07", "Call", []),
    ("e8", None, "Summit", ["state/FFF"]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    quads = [ox.Quad(_n("person/lead"), _kg("represents"), _n("state/AAA")),
             ox.Quad(_n("state/AAA"), RDFS_LABEL, ox.Literal("Aland"))]
    for key, date, label, others in EVENTS:
        event = _n("event/" + key)
        quads.append(ox.Quad(event, _kg("participant"), _n("state/AAA")))
        quads += [ox.Quad(event, _kg("participant"), _n(o)) for o in others]
        if date:
            quads.append(ox.Quad(event, _kg("startDate"), ox.Literal(date, datatype=XSD_DATE)))
        if label:
            quads.append(ox.Quad(event, RDFS_LABEL, ox.Literal(label)))
    for other in ("BBB", "CCC", "DDD", "EEE"):
        quads.append(ox.Quad(_n("state/" + other), RDFS_LABEL, ox.Literal(other.title())))
    with EmbeddedStore(tmp_path_factory.mktemp("paging") / "store") as st:
        st.load_quads(quads)
        yield st


def _rows(store, sparql):
    return [tuple(str(v) if v is not None else None for v in row) for row in store.query(sparql).rows]


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_pages_of_who_met_whom_join_up_to_the_whole_answer(store, size):
    q = questions()["who-met-whom"]
    bound = with_values(q.sparql, {"actor": URIRef(ID + "state/AAA")})
    whole = _rows(store, with_page(bound, 1000))
    assert len(whole) == 10  # e4 (only its leader) and e7 (no one else) give no row
    assert [r[1].rsplit("/", 1)[1] for r in whole[:5]] == ["e1", "e1", "e2", "e3", "e3"]  # a day by IRI
    paged = []
    for offset in range(0, len(whole) + size, size):
        paged += _rows(store, with_page(bound, size, offset))
    assert paged == whole


def test_page_mark_becomes_a_limit_of_offset_and_limit_rows():
    text = "SELECT ?s WHERE {\n  { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n    # kazgraph:page\n  }\n}\n"
    paged = with_page(text, 10, 30)
    assert "\n    LIMIT 40\n" in paged and paged.endswith("LIMIT 10\nOFFSET 30\n")
    assert "kazgraph:page" not in paged


def test_values_mark_takes_the_values_into_the_subquery_too():
    text = ("# kazgraph:values\nSELECT ?s WHERE {\n  { SELECT ?s WHERE {\n"
            "      # kazgraph:values\n      ?s ?p ?o } }\n}\n")
    bound = with_rows(text, ["s"], [(URIRef("http://x/a"),)])
    assert bound.count("VALUES (?s) { (<http://x/a>) }") == 2
    assert bound.startswith("# kazgraph:values\n")  # a mark before the query is only a comment
    assert "      VALUES (?s) { (<http://x/a>) }\n      ?s ?p ?o" in bound
