"""A query the engine cannot read is a 400 with the parser's message, whatever the client
accepts; only a well-formed query that no offered format suits is a 406."""
from __future__ import annotations

import pytest
from pages_fixtures import basic_client
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

ID = "https://w3id.org/kazgraph/id/"
ACCEPTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/turtle", "application/ld+json", "image/png", "*/*"]
MALFORMED = ["SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p }",
             "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p }", "ASK {", "DESCRIBE"]


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request, tmp_path_factory):
    return basic_client(request, tmp_path_factory)


def _error(resp, status: int) -> dict:
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    return resp.json["error"]


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_query_is_400_whatever_the_accept_header(client, query, accept):
    err = _error(client.get("/sparql", query_string={"query": query},
                            headers={"Accept": accept}), 400)
    assert err["title"] == "Query syntax error" and err["detail"]


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/turtle"])
def test_malformed_query_by_post_and_bad_format_parameter(client, accept):
    resp = client.post("/sparql?format=xyz", data="SELECT * WHERE { ?s ?p }",
                       content_type="application/sparql-query", headers={"Accept": accept})
    assert _error(resp, 400)["title"] == "Query syntax error"


@pytest.mark.parametrize("query", ["", "   \n\t", "# only a comment\n# and another"])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/turtle"])
def test_empty_query_is_400(client, query, accept):
    err = _error(client.get("/sparql", query_string={"query": query},
                            headers={"Accept": accept}), 400)
    assert err["title"] == "Empty query" and "empty" in err["detail"]


@pytest.mark.parametrize("query, prefix", [
    ("SELECT * WHERE { ?s foo:bar ?o }", "foo:"),
    ("PREFIX ex: <urn:ex:> CONSTRUCT { ?s ex:p ?o } WHERE { ?s nope:p ?o }", "nope:"),
    ("ASK { ?s a :Thing }", ":"),
])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/turtle"])
def test_unknown_prefix_is_400_and_named(client, query, prefix, accept):
    err = _error(client.get("/sparql", query_string={"query": query},
                            headers={"Accept": accept}), 400)
    assert f"unknown prefix {prefix}" in err["detail"]


def test_known_prefixes_need_no_declaration(client):
    resp = client.get("/sparql", query_string={"query": "SELECT ?l WHERE { id:state/NOR rdfs:label ?l }"
                                               .replace("id:state/NOR", f"<{ID}state/NOR>")},
                      headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200


def test_good_query_nothing_suits_is_406(client):
    for query, accept in (("ASK {}", "image/png"), ("SELECT * {}", "text/turtle"),
                          ("CONSTRUCT WHERE { ?s ?p ?o }", "application/sparql-results+json")):
        resp = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
        assert _error(resp, 406)["title"] == "Not acceptable"


def test_entity_as_rdf_xml(client):
    resp = client.get("/id/state/NOR", headers={"Accept": "application/rdf+xml"})
    assert resp.status_code == 200 and resp.mimetype == "application/rdf+xml"
    assert resp.headers["Vary"] == "Accept"
    graph = Graph().parse(data=resp.get_data(), format="xml")
    assert (URIRef(ID + "state/NOR"), RDFS.label, None) in graph
    twin = client.get("/id/state/NOR.rdf")
    assert twin.status_code == 200 and twin.mimetype == "application/rdf+xml"


def test_entity_in_a_format_not_offered_is_406(client):
    resp = client.get("/id/state/NOR", headers={"Accept": "image/png"})
    assert resp.status_code == 406 and "application/rdf+xml" in resp.get_data(as_text=True)
    assert client.get("/id/state/NOR", headers={"Accept": "*/*"}).mimetype == "text/html"
    assert client.get("/id/state/NOR").mimetype == "text/html"
